"""Savoir: a Discord bot for TV fan communities, answering from facts extracted from news articles."""

__version__ = "0.1.0"
