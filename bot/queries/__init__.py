"""Answering members' questions from the fact set in memory: who is who, what a season holds, what is next."""
