"""The scheduled-event ledger in the state database: which guilds want Discord events for their dates, the last
problem met there, and which event the bot made for which fact."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from bot.store.moments import read_moment, stored
from bot.store.state import StateStore

log = logging.getLogger(__name__)


@dataclass
class EventSettings:
    """One guild's scheduled-event setting and the state of its last sync."""

    guild_id: int
    enabled: bool = False
    problem: str | None = None
    problem_until: dt.datetime | None = None
    left_out: int = 0  # upcoming dates without an event: Discord's limit of 100 events a guild was reached
    held: int = 0  # upcoming events the bot holds in the guild, as of the last sync


class EventLedger:
    """Reads and writes the two scheduled-event tables in the state database."""

    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def settings(self) -> dict[int, EventSettings]:
        """Every guild that ever turned scheduled events on or off."""
        found: dict[int, EventSettings] = {}
        query = "SELECT guild_id, enabled, problem, problem_until, left_out, held FROM event_settings"
        for guild_id, enabled, problem, until, left_out, held in await self.state.database.fetch(query):
            found[int(guild_id)] = EventSettings(
                int(guild_id), bool(enabled), problem, read_moment(until), int(left_out or 0), int(held or 0)
            )
        return found

    async def save(self, settings: EventSettings, now: dt.datetime) -> None:
        """Write one guild's setting and sync state."""
        await self.state.database.execute(
            "INSERT INTO event_settings VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
            " enabled = excluded.enabled, problem = excluded.problem, problem_until = excluded.problem_until,"
            " left_out = excluded.left_out, updated_at = excluded.updated_at, held = excluded.held",
            (settings.guild_id, int(settings.enabled), settings.problem, stored(settings.problem_until),
             settings.left_out, stored(now), settings.held),
        )  # fmt: skip

    async def events(self, guild_id: int) -> dict[str, tuple[int | None, str]]:
        """The guild's ledger: fact id -> (event id, 'creating' or 'live')."""
        query = "SELECT fact_id, event_id, status FROM scheduled_events WHERE guild_id = ?"
        rows = await self.state.database.fetch(query, (guild_id,))
        return {str(fact): (int(event) if event else None, str(status)) for fact, event, status in rows}

    async def claim(self, guild_id: int, fact_id: str, now: dt.datetime) -> None:
        """Record, before asking Discord, that an event is being made for this fact: a crash after this line
        is found again at the next sync (by the event's "ref:" line, or its absence)."""
        await self.state.database.execute(
            "INSERT INTO scheduled_events VALUES (?, ?, NULL, 'creating', ?) ON CONFLICT (guild_id, fact_id)"
            " DO UPDATE SET status = 'creating', updated_at = excluded.updated_at",
            (guild_id, fact_id, stored(now)),
        )

    async def made(self, guild_id: int, fact_id: str, event_id: int, now: dt.datetime) -> None:
        """Record the event Discord holds for this fact."""
        await self.state.database.execute(
            "INSERT INTO scheduled_events VALUES (?, ?, ?, 'live', ?) ON CONFLICT (guild_id, fact_id)"
            " DO UPDATE SET event_id = excluded.event_id, status = 'live', updated_at = excluded.updated_at",
            (guild_id, fact_id, event_id, stored(now)),
        )

    async def forget(self, guild_id: int, fact_ids: list[str]) -> None:
        """Drop the rows of events that are gone."""
        await self.state.database.executemany(
            "DELETE FROM scheduled_events WHERE guild_id = ? AND fact_id = ?",
            [(guild_id, f) for f in fact_ids],
        )
