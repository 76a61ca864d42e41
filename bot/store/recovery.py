"""A damaged state database is never deleted: it keeps a timestamped name beside the new one, and a fresh
database takes its place holding all that can still be read of it (guild settings, first sightings, and the
post ledger, so that no countdown claimed or sent in the old one is posted again)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import glob
import logging
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.integrity import SIDECARS
from bot.store.migrations import migrate
from bot.store.pages import RawRow, Value, raw_rows
from bot.store.state_rows import GUILDS, POSTS, SEEN, STATUSES, TABLES, check_row, repaired

log = logging.getLogger(__name__)

SQL_TIME_LIMIT = 60.0  # seconds SQLite may spend reading a damaged file before salvage goes on without it
# SQLite result codes that say something about the machine, not the file: never a reason to move a file aside.
ENVIRONMENT = {3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 23}  # PERM BUSY LOCKED NOMEM READONLY INTERRUPT IOERR ...
NOT_A_DATABASE, CORRUPT = 26, 11
KEPT = ".damaged-"

_SELECT = {table: f"SELECT * FROM {table}" for table in TABLES}  # noqa: S608  (constant table names)


class StateDamageError(Exception):
    """The state database cannot be used as it is. `reason` is one of: empty, not_database, damaged, version,
    schema, values (the catalogues say each in words a moderator understands)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def as_damage(error: BaseException) -> BaseException:
    """The damage an error opening the state database shows, or the error itself when it is about the machine
    (locked, read-only, disk full, cannot open) or not about the file at all."""
    if isinstance(error, StateDamageError):
        return error
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in ENVIRONMENT:
            return error
        reason = {NOT_A_DATABASE: "not_database", CORRUPT: "damaged"}.get(primary or 0, "schema")
        return StateDamageError(reason, str(error))
    if isinstance(error, ValueError | TypeError | KeyError | OverflowError):
        return StateDamageError("values", f"{type(error).__name__}: {error}")
    return error


@functools.cache
def expected_columns(migrations: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each table's columns, in order, after every migration."""
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        for script in migrations:
            db.executescript(script)
        return {table: tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})")) for table in TABLES}


@functools.cache
def _first_columns(migrations: tuple[str, ...]) -> dict[str, int]:
    return {table: len(columns) for table, columns in expected_columns(migrations[:1]).items()}


# -- salvage ---------------------------------------------------------------------------------------------------


@dataclass
class Salvage:
    """What could be read of a damaged state database; `whole` holds the tables read whole and intact."""

    rows: dict[str, dict[Any, tuple[tuple[float, float], dict[str, Value]]]] = field(
        default_factory=lambda: {table: {} for table in TABLES}
    )
    whole: set[str] = field(default_factory=set)

    def offer(self, table: str, row: dict[str, Value], age: float, now: dt.datetime) -> bool:
        """Keep a row (repaired) unless a better copy of it is kept: a later status, a later update, an earlier
        first sighting, then a newer page. False when the row cannot be used at all."""
        usable = repaired(table, row, now)
        if usable is None:
            return False
        key: Any = (
            (usable["guild_id"], usable["fact_id"], usable["milestone"]) if table == POSTS
            else usable["guild_id"] if table == GUILDS else usable["fact_id"]
        )  # fmt: skip
        rank = _rank(table, usable, age)
        kept = self.rows[table].get(key)
        if kept is None or rank > kept[0]:
            self.rows[table][key] = (rank, usable)
        return True

    def values(self, table: str) -> list[dict[str, Value]]:
        """The kept rows of a table."""
        return [row for _, row in self.rows[table].values()]


def _rank(table: str, row: dict[str, Value], age: float) -> tuple[float, float]:
    if table == POSTS:
        return (STATUSES[str(row["status"])], age)
    if table == GUILDS:
        return (dt.datetime.fromisoformat(str(row["updated_at"])).timestamp(), age)
    return (-dt.datetime.fromisoformat(str(row["first_seen"])).timestamp(), age)  # the first sighting wins


def _sidecar(path: Path, suffix: str) -> Path | None:
    """A journal file of the database: beside it, or kept from an earlier recovery of the same file that was
    cut short (its kept name is a second link to the same file)."""
    beside = path.with_name(path.name + suffix)
    if beside.is_file():
        return beside
    for kept in path.parent.glob(f"{glob.escape(path.name)}{KEPT}*{suffix}"):
        main = kept.with_name(kept.name.removesuffix(suffix))
        with contextlib.suppress(OSError):
            if main.is_file() and os.path.samefile(main, path):
                return kept
    return None


def _read_with_sqlite(
    path: Path, salvage: Salvage, columns: dict[str, tuple[str, ...]], now: dt.datetime
) -> None:
    """Read each table through SQLite from a scratch copy (the damaged file itself is left as it is)."""
    with tempfile.TemporaryDirectory(prefix="savoir-salvage-") as scratch:
        copy = Path(scratch) / "state.db"
        shutil.copyfile(path, copy)
        wal = _sidecar(path, "-wal")
        if wal is not None:
            shutil.copyfile(wal, copy.with_name("state.db-wal"))
        with contextlib.closing(sqlite3.connect(copy)) as db:
            deadline = time.monotonic() + SQL_TIME_LIMIT
            db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
            try:
                intact = [row[0] for row in db.execute("PRAGMA quick_check")] == ["ok"]
            except sqlite3.Error:
                intact = False
            for table in TABLES:
                whole = intact
                try:
                    cursor = db.execute(_SELECT[table])
                    names = [description[0] for description in cursor.description]
                    for values in cursor:
                        row: dict[str, Value] = dict.fromkeys(columns[table])
                        row.update(zip(names, values, strict=True))
                        whole = whole and check_row(table, row) is None
                        salvage.offer(table, row, float("inf"), now)
                except (sqlite3.Error, ValueError):
                    whole = False
                if whole:
                    salvage.whole.add(table)


def _shape(
    row: RawRow, columns: dict[str, tuple[str, ...]], first: dict[str, int]
) -> tuple[str, dict[str, Value]]:
    """Which table a row found on a page belongs to, told by its number of values and, where two tables' counts
    overlap (columns added by migrations), by its first value: a guild_settings row stores NULL there (its
    guild_id is the rowid), a countdown_posts row never does. Raises KeyError when it belongs to none."""
    for table in (GUILDS, POSTS, SEEN):
        if first[table] <= len(row.values) <= len(columns[table]):
            values: list[Value] = list(row.values) + [None] * (len(columns[table]) - len(row.values))
            if table == GUILDS:
                if values[0] is not None:
                    continue
                values[0] = row.rowid  # guild_id is the rowid: SQLite stores NULL in its place
            return table, dict(zip(columns[table], values, strict=True))
    raise KeyError(len(row.values))


def salvage_state(path: Path, migrations: tuple[str, ...], now: dt.datetime) -> Salvage:
    """Everything still readable of a damaged state database: table by table through SQLite where it can still
    read them, and page by page from the file and its write-ahead log. A table read whole by SQLite from an
    intact file is taken as SQLite reads it (rows deleted from it stay deleted); otherwise every copy found on
    a page counts. Runs in a worker thread; linear in the file's size."""
    columns, first = expected_columns(migrations), _first_columns(migrations)
    salvage = Salvage()
    try:
        _read_with_sqlite(path, salvage, columns, now)
    except (sqlite3.Error, OSError) as error:
        log.warning("state recovery: SQLite cannot read %s at all (%s); reading its pages", path, error)

    def wanted(row: RawRow) -> bool:
        try:
            table, values = _shape(row, columns, first)
        except KeyError:
            return False
        return repaired(table, values, now) is not None

    for row in raw_rows(path, _sidecar(path, "-wal"), wanted):
        table, values = _shape(row, columns, first)
        if table not in salvage.whole:
            salvage.offer(table, values, row.age, now)
    return salvage


# -- moving aside and starting afresh -----------------------------------------------------------------------


@dataclass(frozen=True)
class Recovery:
    """What replaced a damaged state database: when, where the old file is kept, why, what was carried over."""

    at: dt.datetime
    kept_as: str
    reason: str
    guilds: int
    posts: int
    ledger_whole: bool


def kept_name(path: Path, now: dt.datetime) -> Path:
    """A timestamped name beside the database that nothing has yet (state.db.damaged-20300815T070000Z)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1000):
        kept = path.with_name(f"{path.name}{KEPT}{stamp}" + (f"-{attempt}" if attempt else ""))
        if not any(kept.with_name(kept.name + suffix).exists() for suffix in ("", *SIDECARS)):
            return kept
    raise FileExistsError(f"too many kept copies of {path}")


def _keep(source: Path, kept: Path) -> None:
    """A second name for a file, never over another (a hard link; a copy where links are not supported)."""
    try:
        os.link(source, kept)
    except FileExistsError:
        raise
    except OSError:
        shutil.copy2(source, kept)


def _swap(fresh: Path, path: Path, kept: Path) -> None:
    """Keep the damaged file and its journals under the kept name, then put the fresh file in its place. The
    journals go first: left beside the new file, SQLite would play them back into it."""
    with fresh.open("rb+") as handle:
        os.fsync(handle.fileno())
    if path.exists():
        _keep(path, kept)
    for suffix in SIDECARS:
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            _keep(journal, kept.with_name(kept.name + suffix))
            journal.unlink()
    os.replace(fresh, path)
    descriptor = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def interrupted(path: Path) -> bool:
    """Whether a recovery of this very file was cut short (a kept name links to it): it must run again."""
    for kept in path.parent.glob(f"{glob.escape(path.name)}{KEPT}*"):
        if kept.name.endswith(SIDECARS):
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(kept, path):
                return True
    return False


def remove_leftovers(path: Path) -> None:
    """Remove what a recovery killed before its end left behind (a fresh file never put in place)."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.recovering-*"):
        leftover.unlink(missing_ok=True)


_INSERT = {
    GUILDS: "INSERT OR IGNORE INTO guild_settings ({}) VALUES ({})",
    SEEN: "INSERT OR IGNORE INTO facts_seen ({}) VALUES ({})",
    POSTS: "INSERT OR IGNORE INTO countdown_posts ({}) VALUES ({})",
}


async def _write(
    fresh: Path, migrations: tuple[str, ...], salvage: Salvage, recovery: Recovery, now: dt.datetime
) -> None:
    columns = expected_columns(migrations)
    async with aiosqlite.connect(fresh) as db:
        await migrate(db, list(migrations))
        for table in TABLES:
            rows = salvage.values(table)
            if table == GUILDS and not recovery.ledger_whole:
                # Part of the ledger is lost: a post due before now may have gone out unrecorded, so none is sent.
                for row in rows:
                    since = dt.datetime.fromisoformat(str(row["watching_since"]))
                    row["watching_since"] = max(since, now).astimezone(dt.UTC).isoformat()
            names = columns[table]
            statement = _INSERT[table].format(", ".join(names), ", ".join("?" * len(names)))
            await db.executemany(statement, [tuple(row[name] for name in names) for row in rows])
        await db.execute(
            "INSERT INTO recoveries (at, moved_to, reason, guilds, posts, complete) VALUES (?, ?, ?, ?, ?, ?)",
            (
                recovery.at.astimezone(dt.UTC).isoformat(), recovery.kept_as, recovery.reason, recovery.guilds,
                recovery.posts, int(recovery.ledger_whole),
            ),
        )  # fmt: skip
        await db.commit()


def posted_through_path(path: Path) -> Path:
    """The small file beside the state database that remembers the latest due time of any post claimed."""
    return path.with_name(path.name + ".posted-through")


def read_posted_through(mark: Path) -> dt.datetime | None:
    """The latest due time of a post ever claimed, as remembered beside the database; None when unknown."""
    try:
        found = dt.datetime.fromisoformat(mark.read_text(encoding="utf-8").strip()[:40])
    except (OSError, ValueError):
        return None
    return found if found.tzinfo is not None else None


def write_posted_through(mark: Path, due: dt.datetime) -> None:
    """Remember a post's due time beside the database (temporary file and rename: never half written)."""
    temporary = mark.with_name(mark.name + ".tmp")
    try:
        temporary.write_text(due.astimezone(dt.UTC).isoformat(), encoding="utf-8")
        os.replace(temporary, mark)
    except OSError:  # a best effort: the ledger in the database stays the record
        log.warning("could not write %s", mark, exc_info=True)


def _last_written(path: Path) -> dt.datetime | None:
    """When the damaged file (or its write-ahead log) was last written, by the machine's clock."""
    times = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            times.append(candidate.stat().st_mtime)
        except OSError:
            continue
    return dt.datetime.fromtimestamp(max(times), dt.UTC) if times else None


async def recover_state(
    path: Path, damage: StateDamageError, now: dt.datetime, migrations: Iterable[str]
) -> Recovery:
    """Salvage a damaged state database into a fresh one, keep the old file under a timestamped name, and put
    the fresh one in its place. A failure on the way (a full disk) leaves the damaged file where it was."""
    scripts = tuple(migrations)
    log.warning("the state database %s cannot be used (%s): recovering what can be read of it", path, damage)
    salvage = await asyncio.to_thread(salvage_state, path, scripts, now)
    kept = await asyncio.to_thread(kept_name, path, now)
    recovery = Recovery(
        now,
        kept.name,
        damage.reason,
        len(salvage.rows[GUILDS]),
        len(salvage.rows[POSTS]),
        POSTS in salvage.whole,
    )
    fresh = path.with_name(f".{path.name}.recovering-{uuid.uuid4().hex[:8]}")
    # When the ledger is partly lost, nothing due before the last write to the damaged file may be posted
    # either: the bot's clock may have been set back since, and the machine's clock dates that write.
    # The bot's clock may have been set back since: neither may anything due up to the latest post ever
    # claimed, as remembered beside the database.
    written = await asyncio.to_thread(_last_written, path)
    through = await asyncio.to_thread(read_posted_through, posted_through_path(path))
    cutoff = max(
        [now, *([written] if written else []), *([through + dt.timedelta(seconds=1)] if through else [])]
    )
    try:
        await _write(fresh, scripts, salvage, recovery, cutoff)
        await asyncio.to_thread(_swap, fresh, path, kept)
    finally:
        for leftover in (fresh, *(fresh.with_name(fresh.name + suffix) for suffix in SIDECARS)):
            await asyncio.to_thread(leftover.unlink, missing_ok=True)
    log.warning(
        "the state database %s was replaced; the damaged file is kept as %s. Carried over: settings of %d "
        "guilds, %d countdown posts, %d first sightings; the post ledger was %s",
        path, kept, recovery.guilds, recovery.posts, len(salvage.rows[SEEN]),
        "read whole" if recovery.ledger_whole else "only partly readable: posts due before now are not sent",
    )  # fmt: skip
    return recovery
