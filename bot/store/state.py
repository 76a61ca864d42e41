"""The bot's own state, apart from the facts (a rebuild never touches it): each guild's countdown settings,
when each fact was first seen, and the ledger of countdown posts."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from bot.clock import Clock
from bot.countdown.milestones import DEFAULT, Milestone, parse_milestones
from bot.store.database import Database, SqliteDatabase
from bot.store.migrations import SchemaTooNewError, migrate
from bot.store.pages import Value
from bot.store.recovery import (
    Recovery,
    StateDamageError,
    as_damage,
    expected_columns,
    interrupted,
    posted_through_path,
    read_posted_through,
    recover_state,
    remove_leftovers,
    write_posted_through,
)
from bot.store.state_rows import TABLES, check_row
from bot.store.state_schema import STATE_MIGRATIONS

__all__ = ["STATE_MIGRATIONS", "ClaimedPost", "GuildSettings", "StateStore"]

log = logging.getLogger(__name__)

# Story text of a season that premiered fewer days ago than this is a spoiler, unless a guild chose otherwise.
DEFAULT_SPOILER_DAYS = 30
# Settings read and written by column name, so migrations added in any order keep them apart.
_GUILD_COLUMNS = (
    "guild_id", "channel_id", "milestones", "ping_role_id", "watching_since", "problem", "problem_until",
    "updated_at", "updated_by", "mod_log_channel_id", "spoiler_days",
)  # fmt: skip


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _sequence(value: object) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"sequence {value!r}")
    return value


def _aware(value: object) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(f"moment {value!r} has no zone")
    return moment


def _first_problem(table: str, names: list[str], rows: Iterable[Iterable[Value]]) -> str | None:
    """The first row of a table that cannot be used as it is, said in words (None: every row can)."""
    for values in rows:
        problem = check_row(table, dict(zip(names, values, strict=True)))
        if problem is not None:
            return problem
    return None


def _empty(path: Path) -> bool:
    """A database file of zero bytes with no journal: whatever it held is gone."""
    wal = path.with_name(path.name + "-wal")
    return path.is_file() and path.stat().st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0)


@dataclass
class GuildSettings:
    """One guild's countdown settings, and the last problem met posting there."""

    guild_id: int
    channel_id: int | None = None
    milestones: tuple[Milestone, ...] = field(default_factory=lambda: parse_milestones(DEFAULT))
    ping_role_id: int | None = None
    watching_since: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    problem: str | None = None
    problem_until: dt.datetime | None = None
    mod_log_channel_id: int | None = None
    spoiler_days: int = DEFAULT_SPOILER_DAYS


@dataclass(frozen=True)
class ClaimedPost:
    """A post claimed but not recorded as sent: the process stopped between the two."""

    guild_id: int
    fact_id: str
    milestone: str
    nonce: str
    channel_id: int
    claimed_at: dt.datetime
    claimed_wall: float | None  # time.time() at the claim; None for claims older than schema 3


class StateStore:
    """The state database (SQLite, or PostgreSQL shared by several processes), opened before the bot and
    closed after it."""

    def __init__(self, db: Database, mark: Path | None = None) -> None:
        self._db = db
        # The latest due time of any post claimed, kept beside the database (see recovery.posted_through).
        self._mark = mark
        self._through = read_posted_through(mark) if mark is not None else None

    @classmethod
    async def open(cls, path: Path, clock: Clock | None = None) -> StateStore:
        """Open (creating and migrating) the state database. One that cannot be used (not a database, damaged
        pages, cut short, emptied, another schema, unreadable values) is never deleted: it is kept under a
        timestamped name and replaced by a fresh one holding what could be read of it (bot/store/recovery.py).
        Problems of the machine (locked, read-only, disk full) are raised as they are."""
        await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
        await asyncio.to_thread(remove_leftovers, path)
        try:
            return await cls._open(path)
        except StateDamageError as damage:
            now = clock.now() if clock is not None else dt.datetime.now(dt.UTC)
            await recover_state(path, damage, now, STATE_MIGRATIONS)
        return await cls._open(path)

    @classmethod
    async def open_configured(cls, path: Path, url: str | None, clock: Clock | None = None) -> StateStore:
        """PostgreSQL when a database address is configured, else the SQLite file at `path`."""
        return await cls.open_postgres(url) if url else await cls.open(path, clock)

    @classmethod
    async def open_postgres(cls, url: str) -> StateStore:
        """Open (migrating) the shared state database in PostgreSQL; the server keeps it whole, so there is no
        file to check or replace (bot/store/postgres.py)."""
        from bot.store.postgres import PostgresDatabase  # only deployments that use it load the driver

        return cls(await PostgresDatabase.open(url))

    @classmethod
    async def _open(cls, path: Path) -> StateStore:
        """Open and check the whole database; raises StateDamageError when it cannot be used as it is."""
        if await asyncio.to_thread(interrupted, path):
            raise StateDamageError("damaged", "an earlier recovery of this file was cut short")
        if await asyncio.to_thread(_empty, path):
            raise StateDamageError("empty", "the file is empty")
        db = await aiosqlite.connect(path)
        try:
            await db.execute("PRAGMA journal_mode = WAL")
            await db.execute("PRAGMA synchronous = NORMAL")
            async with db.execute("PRAGMA quick_check") as cursor:
                problems = [str(row[0]) async for row in cursor]
            if problems != ["ok"]:
                raise StateDamageError("damaged", "; ".join(problems[:3]))
            try:
                await migrate(db, STATE_MIGRATIONS)
            except SchemaTooNewError as error:
                raise StateDamageError("version", str(error)) from error
            store = cls(SqliteDatabase(db), posted_through_path(path))
            await store._check()
            return store
        except BaseException as error:
            await db.close()
            damage = as_damage(error)
            if damage is error:
                raise
            raise damage from error

    async def _check(self) -> None:
        """Every table has the columns this bot expects and every row can be read."""
        expected = expected_columns(tuple(STATE_MIGRATIONS))
        for table, columns in expected.items():
            found = tuple(row[1] for row in await self._db.fetch(f"PRAGMA table_info({table})"))
            if found != columns:
                raise StateDamageError("schema", f"{table} has columns {found}, expected {columns}")
        for table in TABLES:
            names = list(expected[table])
            rows = await self._db.fetch(f"SELECT {', '.join(names)} FROM {table}")  # noqa: S608  (known tables)
            problem = await asyncio.to_thread(_first_problem, table, names, rows)  # CPU work, off the loop
            if problem is not None:
                raise StateDamageError("values", problem)
        await self.guild_settings()
        await self.claimed()
        await self.last_recovery()

    async def close(self) -> None:
        """Close the connection."""
        self._closed = True
        await self._db.close()

    @property
    def database(self) -> Database:
        """The open database, for the stores that keep their tables in it (bot/store/event_ledger.py)."""
        return self._db

    @property
    def shared(self) -> bool:
        """Whether other processes use this database too (PostgreSQL)."""
        return self._db.dialect != "sqlite"

    def is_open(self) -> bool:
        """Whether the connection is open (the readiness check asks)."""
        return not getattr(self, "_closed", False)

    # -- guild settings ---------------------------------------------------------------------------------

    async def guild_settings(self) -> dict[int, GuildSettings]:
        """Every guild's settings."""
        found: dict[int, GuildSettings] = {}
        for row in await self._db.fetch(f"SELECT {', '.join(_GUILD_COLUMNS)} FROM guild_settings"):  # noqa: S608
            guild_id, channel_id, milestones, ping, since, problem, until, _, _, mod_log, spoiler_days = row
            found[guild_id] = GuildSettings(
                guild_id, channel_id, parse_milestones(milestones), ping, _moment(since) or dt.datetime.now(dt.UTC),
                problem, _moment(until), mod_log, DEFAULT_SPOILER_DAYS if spoiler_days is None else spoiler_days,
            )  # fmt: skip
        return found

    async def save_guild(self, settings: GuildSettings, now: dt.datetime, by: int | None) -> None:
        """Write one guild's settings."""
        updates = ", ".join(f"{name} = excluded.{name}" for name in _GUILD_COLUMNS[1:])
        await self._db.execute(
            f"INSERT INTO guild_settings ({', '.join(_GUILD_COLUMNS)}) VALUES ({', '.join('?' * len(_GUILD_COLUMNS))})"  # noqa: S608
            f" ON CONFLICT (guild_id) DO UPDATE SET {updates}",
            (
                settings.guild_id, settings.channel_id, ",".join(m.code for m in settings.milestones),
                settings.ping_role_id, _iso(settings.watching_since), settings.problem, _iso(settings.problem_until),
                _iso(now), by, settings.mod_log_channel_id, settings.spoiler_days,
            ),
        )  # fmt: skip

    # -- facts seen ---------------------------------------------------------------------------------------

    async def facts_seen(self) -> dict[str, dt.datetime]:
        """When each fact id was first seen."""
        rows = await self._db.fetch("SELECT fact_id, first_seen FROM facts_seen")
        return {fact_id: dt.datetime.fromisoformat(first) for fact_id, first in rows}

    async def see_facts(self, fact_ids: list[str], now: dt.datetime) -> dict[str, dt.datetime]:
        """Remember facts seen for the first time now; returns when each was first seen (another process may
        have seen some first)."""
        await self._db.executemany(
            "INSERT INTO facts_seen VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(fact_id, _iso(now)) for fact_id in fact_ids],
        )
        if not self.shared:
            return dict.fromkeys(fact_ids, now)
        found: dict[str, dt.datetime] = {}
        for start in range(0, len(fact_ids), 500):
            chunk = fact_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT fact_id, first_seen FROM facts_seen WHERE fact_id IN ({marks})"  # noqa: S608 (marks)
            found.update(
                {str(f): dt.datetime.fromisoformat(first) for f, first in await self._db.fetch(query, chunk)}
            )
        return found

    # -- calendar versions -----------------------------------------------------------------------------------

    async def calendar_versions(self) -> dict[str, tuple[str, int, dt.datetime]]:
        """Each fact's calendar version: (digest, sequence, first served). A row that cannot be read is left
        out (that fact starts again at sequence 0) and logged."""
        found: dict[str, tuple[str, int, dt.datetime]] = {}
        for fact_id, digest, sequence, stamped in await self._db.fetch(
            "SELECT fact_id, digest, sequence, stamped_at FROM calendar_versions"
        ):
            try:
                found[str(fact_id)] = (str(digest), _sequence(sequence), _aware(stamped))
            except (TypeError, ValueError) as error:
                log.warning("calendar version of %r cannot be read (%s): it starts again", fact_id, error)
        return found

    async def save_calendar_versions(self, versions: dict[str, tuple[str, int, dt.datetime]]) -> None:
        """Record new or changed calendar versions, all in one transaction."""
        await self._db.executemany(
            "INSERT INTO calendar_versions VALUES (?, ?, ?, ?) ON CONFLICT (fact_id) DO UPDATE SET"
            " digest = excluded.digest, sequence = excluded.sequence, stamped_at = excluded.stamped_at",
            [(fact_id, digest, sequence, _iso(at)) for fact_id, (digest, sequence, at) in versions.items()],
        )

    # -- the post ledger ------------------------------------------------------------------------------------

    async def recorded(self) -> set[tuple[int, str, str]]:
        """Every post claimed, sent or skipped: (guild, fact, milestone)."""
        return {
            (g, f, m)
            for g, f, m in await self._db.fetch("SELECT guild_id, fact_id, milestone FROM countdown_posts")
        }

    async def claim(
        self,
        key: tuple[int, str, str],
        due: dt.datetime,
        nonce: str,
        channel_id: int,
        now: dt.datetime,
        wall: float,
    ) -> bool:
        """Claim a post before sending it (now: the bot's clock; wall: the machine's time.time()); False when
        it is already claimed, sent or skipped. One statement that one process alone can win, whichever store."""
        won = await self._db.fetchone(
            "INSERT INTO countdown_posts (guild_id, fact_id, milestone, status, due_at, nonce, channel_id,"
            " claimed_at, claimed_wall) VALUES (?, ?, ?, 'claimed', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
            " RETURNING nonce",
            (*key, _iso(due), nonce, channel_id, _iso(now), wall),
        )
        if won is not None and self._mark is not None and (self._through is None or due > self._through):
            self._through = due
            await asyncio.to_thread(write_posted_through, self._mark, due)
        return won is not None

    async def sent(self, key: tuple[int, str, str], message_id: int, now: dt.datetime) -> None:
        """Record a claimed post as sent."""
        await self._db.execute(
            "UPDATE countdown_posts SET status = 'sent', message_id = ?, recorded_at = ? WHERE guild_id = ? AND"
            " fact_id = ? AND milestone = ?",
            (message_id, _iso(now), *key),
        )

    async def release(self, key: tuple[int, str, str]) -> None:
        """Give up a claim that could not be sent, so the post may be tried again."""
        await self._db.execute(
            "DELETE FROM countdown_posts WHERE status = 'claimed' AND guild_id = ? AND fact_id = ? AND milestone = ?",
            key,
        )

    async def skipped(
        self, posts: list[tuple[tuple[int, str, str], dt.datetime, str]], now: dt.datetime, why: str
    ) -> None:
        """Record posts missed for good (their moment passed while the bot was away)."""
        await self._db.executemany(
            "INSERT INTO countdown_posts (guild_id, fact_id, milestone, status, due_at, nonce, recorded_at,"
            " detail) VALUES (?, ?, ?, 'skipped', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(*key, _iso(due), nonce, _iso(now), why) for key, due, nonce in posts],
        )

    async def claimed(self) -> list[ClaimedPost]:
        """Posts claimed and never recorded: a crash came between claiming and recording."""
        rows = await self._db.fetch(
            "SELECT guild_id, fact_id, milestone, nonce, channel_id, claimed_at, claimed_wall FROM countdown_posts"
            " WHERE status = 'claimed'"
        )
        return [
            ClaimedPost(g, f, m, nonce, channel, dt.datetime.fromisoformat(at), wall)
            for g, f, m, nonce, channel, at, wall in rows
        ]

    async def last_recovery(self) -> Recovery | None:
        """The last time a damaged state database was replaced, and what was carried over."""
        row = await self._db.fetchone(
            "SELECT at, moved_to, reason, guilds, posts, complete FROM recoveries ORDER BY at DESC LIMIT 1"
        )
        if row is None:
            return None
        at, kept, reason, guilds, posts, whole = row
        return Recovery(dt.datetime.fromisoformat(at), kept, reason, guilds, posts, bool(whole))

    async def post_statuses(self) -> dict[tuple[int, str, str], str]:
        """Every post's status, for tests and /countdown status."""
        rows = await self._db.fetch("SELECT guild_id, fact_id, milestone, status FROM countdown_posts")
        return {(g, f, m): status for g, f, m, status in rows}

    # -- the show each guild follows ------------------------------------------------------------------------

    async def guild_shows(self) -> dict[int, str]:
        """The show each guild chose with /setup show: guild -> show key."""
        return {
            int(guild_id): str(show)
            for guild_id, show in await self._db.fetch("SELECT guild_id, show FROM guild_shows")
        }

    async def choose_show(self, guild_id: int, show: str, now: dt.datetime, by: int | None) -> None:
        """Record the show a guild follows from now on."""
        await self._db.execute(
            "INSERT INTO guild_shows VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
            " show = excluded.show, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (guild_id, show, _iso(now), by),
        )
