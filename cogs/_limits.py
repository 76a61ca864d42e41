"""What the members' commands share: one member may not flood a channel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.client import SavoirBot

T = TypeVar("T")


def _per_member(interaction: discord.Interaction[SavoirBot]) -> app_commands.Cooldown:
    settings = interaction.client.settings
    return app_commands.Cooldown(settings.member_cooldown_rate, settings.member_cooldown_seconds)


def member_cooldown() -> Callable[[T], T]:
    """A cooldown of its own for one command: so many answers per member per period (see Settings)."""
    decorator: Any = app_commands.checks.dynamic_cooldown(_per_member, key=lambda i: (i.guild_id, i.user.id))
    return decorator  # type: ignore[no-any-return]
