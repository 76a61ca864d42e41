"""A small local Discord (REST + gateway on 127.0.0.1) that the real discord.py client runs against,
in tests, benchmarks and the sandbox."""

from bot.local_discord.server import LocalDiscord, Reply, Upload

__all__ = ["LocalDiscord", "Reply", "Upload"]
