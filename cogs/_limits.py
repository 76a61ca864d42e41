"""What the members' commands share: one member may not flood a channel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from discord import app_commands

from bot.cooldown import MemberCooldown

T = TypeVar("T")


def member_cooldown() -> Callable[[T], T]:
    """A cooldown of its own for one command: so many answers per member per period (see Settings)."""
    decorator: Any = app_commands.check(MemberCooldown())
    return decorator  # type: ignore[no-any-return]
