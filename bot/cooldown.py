"""One member may not flood: at most so many answers per member per period, on the bot's clock."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.client import SavoirBot

SWEEP_EVERY = 60.0


class MemberCooldown:
    """At most `rate` answers per member per `per` seconds for one command, over a sliding window, on the
    bot's clock (like everything else: a sandbox's `:wait` or a test's clock moves it).

    discord.py's own cooldown mapping scans every member's bucket on every call; this one touches only the
    caller's, and sweeps out idle members once a minute.
    """

    def __init__(self) -> None:
        self._uses: dict[tuple[int | None, int], deque[float]] = {}
        self._swept: float | None = None

    def __call__(self, interaction: discord.Interaction[SavoirBot]) -> bool:
        settings = interaction.client.settings
        rate, per = settings.member_cooldown_rate, settings.member_cooldown_seconds
        now = interaction.client.clock.now().timestamp()
        if self._swept is None or abs(now - self._swept) > SWEEP_EVERY:
            self._uses = {key: uses for key, uses in self._uses.items() if uses and 0 <= now - uses[-1] < per}
            self._swept = now
        uses = self._uses.setdefault((interaction.guild_id, interaction.user.id), deque())
        if uses and uses[-1] > now:  # the clock was set back: uses "in the future" no longer count
            uses.clear()
        while uses and now - uses[0] >= per:
            uses.popleft()
        if len(uses) >= rate:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(rate, per), per - (now - uses[0]))
        uses.append(now)
        return True
