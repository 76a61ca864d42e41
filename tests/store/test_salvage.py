"""Salvaging a damaged state database page by page, as sqlite3's .recover does: rows on intact leaf pages are
found whatever became of the pages above them, in the file or only in its write-ahead log."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import shutil
import sqlite3
from pathlib import Path

from bot.countdown.milestones import DEFAULT, parse_milestones
from bot.store.pages import TABLE_LEAF, raw_rows, record
from bot.store.recovery import StateDamageError, as_damage, salvage_state
from bot.store.state import STATE_MIGRATIONS, GuildSettings, StateStore
from bot.store.state_rows import GUILDS, POSTS, SEEN

UTC = dt.UTC
NOW = dt.datetime(2030, 7, 16, 8, 0, tzinfo=UTC)
MIGRATIONS = tuple(STATE_MIGRATIONS)
TABLE_INTERIOR = 0x05


async def _state(path: Path, guilds: int, posts_each: int) -> StateStore:
    """A real state database with many guilds, first sightings and posts (with overflowing problem texts)."""
    store = await StateStore.open(path)
    for guild in range(1, guilds + 1):
        settings = GuildSettings(guild, 10_000 + guild, parse_milestones(DEFAULT), None, NOW)
        settings.problem = "é" * (guild % 7) * 900 or None  # some rows spill onto overflow pages
        await store.save_guild(settings, NOW, by=None)
        for post in range(posts_each):
            key = (guild, f"fact-{post}", "7d")
            await store.claim(key, NOW, f"n{guild}-{post}", 10_000 + guild, NOW, 1_900_000_000.5)
            if post % 2:
                await store.sent(key, 10**18 + post, NOW)
    await store.see_facts([f"fact-{n}" for n in range(posts_each)], NOW)
    return store


def _truth(path: Path) -> dict[str, set[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {
            GUILDS: set(db.execute("SELECT guild_id, channel_id, problem, watching_since FROM guild_settings")),
            POSTS: set(db.execute("SELECT guild_id, fact_id, milestone, status, nonce, claimed_wall FROM countdown_posts")),
            SEEN: set(db.execute("SELECT fact_id, first_seen FROM facts_seen")),
        }  # fmt: skip


def _salvaged(path: Path) -> dict[str, set[tuple[object, ...]]]:
    salvage = salvage_state(path, MIGRATIONS, NOW)
    columns = {
        GUILDS: ("guild_id", "channel_id", "problem", "watching_since"),
        POSTS: ("guild_id", "fact_id", "milestone", "status", "nonce", "claimed_wall"),
        SEEN: ("fact_id", "first_seen"),
    }
    return {
        table: {tuple(row[c] for c in names) for row in salvage.values(table)}
        for table, names in columns.items()
    }


def _page_types(path: Path, size: int = 4096) -> dict[int, int]:
    data = path.read_bytes()
    return {
        number: data[(number - 1) * size + (100 if number == 1 else 0)]
        for number in range(1, len(data) // size + 1)
    }


async def test_rows_under_destroyed_interior_pages_are_all_found(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = await _state(path, guilds=120, posts_each=6)
    await store.close()
    truth = _truth(path)
    interior = [n for n, kind in _page_types(path).items() if kind == TABLE_INTERIOR]
    assert interior, "the tables are deep enough to have interior pages"
    noise = random.Random(5)
    with path.open("r+b") as handle:
        for number in [1, *interior]:  # the schema and every page above the leaves
            handle.seek((number - 1) * 4096)
            handle.write(noise.randbytes(4096))
    assert _salvaged(path) == truth
    salvage = salvage_state(path, MIGRATIONS, NOW)
    assert salvage.whole == set(), "SQLite could not read it: nothing is taken as whole"


async def test_rows_only_in_the_write_ahead_log_are_found(tmp_path: Path) -> None:
    live = tmp_path / "live" / "state.db"
    store = await _state(live, guilds=20, posts_each=4)
    truth = _truth(live)  # committed, still in the write-ahead log: the store is open
    copy = tmp_path / "copy" / "state.db"
    copy.parent.mkdir()
    shutil.copyfile(live, copy)
    shutil.copyfile(live.with_name("state.db-wal"), copy.with_name("state.db-wal"))
    await store.close()
    with copy.open("r+b") as handle:
        handle.write(random.Random(6).randbytes(100))  # the file's header: its page size is read from the log
    assert len(truth[POSTS]) == 80
    assert _salvaged(copy) == truth
    copy.with_name("state.db-wal").unlink()
    assert len(_salvaged(copy)[POSTS]) < 80, "without its log, the file alone lacks the latest rows"


async def test_a_ledger_sqlite_reads_whole_keeps_deleted_claims_deleted(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = await _state(path, guilds=3, posts_each=2)
    await store.release((1, "fact-0", "7d"))  # a claim given back: its row is gone, its bytes may remain
    await store.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")
    salvage = salvage_state(path, MIGRATIONS, NOW)
    assert {GUILDS, POSTS, SEEN} <= salvage.whole
    assert (1, "fact-0", "7d") not in salvage.rows[POSTS]
    assert len(salvage.rows[POSTS]) == 5


def test_records_of_every_serial_type_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "types.db"
    values = [None, 0, 1, 7, -300, 70_000, -(2**31), 2**40, -(2**63), 2.5, "", "é" * 3000, b"\x00\xff" * 10]
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(f"CREATE TABLE t ({', '.join(f'c{n}' for n in range(len(values)))})")
        db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        db.commit()
    (row,) = [row for row in raw_rows(path) if len(row.values) == len(values)]
    assert list(row.values) == values


def test_garbage_is_never_a_row(tmp_path: Path) -> None:
    noise = random.Random(9)
    for _ in range(2000):
        with contextlib.suppress(ValueError):
            values = record(noise.randbytes(noise.randint(0, 60)))
            assert all(v is None or isinstance(v, int | float | str | bytes) for v in values)
    pages = [bytearray(noise.randbytes(4096)) for _ in range(16)]
    for page in pages:
        page[0] = TABLE_LEAF  # every page claims to hold rows
    pages[1][3:5] = (60_000).to_bytes(2, "big")  # more cells than a page can hold
    path = tmp_path / "garbage.db"
    path.write_bytes(b"".join(pages))
    for row in raw_rows(path):
        assert all(v is None or isinstance(v, int | float | str | bytes) for v in row.values)
    assert salvage_state(path, MIGRATIONS, NOW).values(POSTS) == []


def test_problems_of_the_machine_are_not_damage() -> None:
    def sqlite_error(code: int) -> sqlite3.OperationalError:
        error = sqlite3.OperationalError("from SQLite")
        error.sqlite_errorcode = code
        return error

    for machine in (
        5,
        6,
        8,
        10,
        13,
        14,
        8 | (1 << 8),
        10 | (12 << 8),
    ):  # busy, locked, read-only, I/O, full...
        error = sqlite_error(machine)
        assert as_damage(error) is error
    for code, reason in ((26, "not_database"), (11, "damaged"), (1, "schema")):
        damage = as_damage(sqlite_error(code))
        assert isinstance(damage, StateDamageError) and damage.reason == reason
    assert isinstance(as_damage(ValueError("bad iso")), StateDamageError)
    bug = RuntimeError("a bug of ours")
    assert as_damage(bug) is bug, "only what the file holds is taken for damage"
