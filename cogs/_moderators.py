"""Who may use the moderators' commands (the check itself lives in bot/moderators.py, shared with buttons)."""

from __future__ import annotations

from bot.moderators import is_moderator

__all__ = ["is_moderator"]
