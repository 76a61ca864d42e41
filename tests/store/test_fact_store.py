"""The fact store: a lossless round trip, atomic swaps, stable ids, versioned schema."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.store.facts import FACT_MIGRATIONS, read_fact_store, write_fact_store
from bot.store.migrations import SchemaTooNewError, migrate

BUILT_AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


async def test_round_trip_is_lossless(tmp_path: Path, seed_facts: FactSet) -> None:
    db = tmp_path / "facts.db"
    await write_fact_store(db, seed_facts, BUILT_AT)
    facts, built_at, built_by = await read_fact_store(db)
    assert facts == seed_facts
    assert (built_at, built_by) == (BUILT_AT, None)
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(FACT_MIGRATIONS)


async def test_a_failed_write_leaves_the_previous_store(tmp_path: Path, seed_facts: FactSet) -> None:
    db = tmp_path / "facts.db"
    await write_fact_store(db, seed_facts, BUILT_AT)
    before = db.read_bytes()
    broken = seed_facts.model_copy(deep=True)
    broken.credits.append(broken.credits[0])  # a duplicate id fails half way through the write
    with pytest.raises(sqlite3.IntegrityError):
        await write_fact_store(db, broken, BUILT_AT)
    assert db.read_bytes() == before
    leftovers = await asyncio.to_thread(os.listdir, tmp_path)
    assert leftovers == ["facts.db"], "no half-written file is left behind"


async def test_a_reader_of_the_old_store_is_not_disturbed_by_a_swap(
    tmp_path: Path, seed_facts: FactSet
) -> None:
    db = tmp_path / "facts.db"
    await write_fact_store(db, seed_facts, BUILT_AT)
    smaller = seed_facts.model_copy(update={"credits": seed_facts.credits[:1]})
    async with aiosqlite.connect(f"file:{db}?mode=ro", uri=True) as reader:
        await write_fact_store(db, smaller, BUILT_AT)
        async with reader.execute("SELECT count(*) FROM credits") as cursor:
            assert (await cursor.fetchone()) == (len(seed_facts.credits),)
    facts, _, _ = await read_fact_store(db)
    assert len(facts.credits) == 1


def test_ids_are_stable_across_rebuilds_and_new_articles(seeds_copy: Path, seed_facts: FactSet) -> None:
    (seeds_copy / "005_new.txt").write_text(
        "date 2025-01-10\nEmily in Paris season 5 premieres on August 14. Kate Walsh returns as Madeline.\n",
        encoding="utf-8",
    )
    rebuilt = build_fact_set(seeds_copy)
    before = {f.id: f for f in seed_facts.sourced_facts()}
    after = {f.id: f for f in rebuilt.sourced_facts()}
    assert set(before) <= set(after)
    premiere = next(d for d in rebuilt.dates if d.id == "premiere-s5")
    assert premiere.date == "2025-08-14"  # the coming August, not the one before publication
    assert after["cast-kate-walsh"].model_dump()["character"] == "Madeline"
    for fact_id, fact in before.items():
        if fact_id != "cast-kate-walsh":
            assert after[fact_id].model_dump(exclude={"sources"}) == fact.model_dump(exclude={"sources"}), (
                fact_id
            )


async def test_a_store_from_a_newer_bot_is_refused(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "new.db") as db:
        await db.execute(f"PRAGMA user_version = {len(FACT_MIGRATIONS) + 1}")
        with pytest.raises(SchemaTooNewError):
            await migrate(db, FACT_MIGRATIONS)


async def test_read_without_a_store(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        await read_fact_store(tmp_path / "missing.db")


async def test_a_version_1_store_migrates_in_order(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "old.db") as db:
        await migrate(db, FACT_MIGRATIONS[:1])
        await db.execute("INSERT INTO seasons (number, year, date_ids) VALUES (4, 2024, '[]')")
        await db.commit()
        assert await migrate(db, FACT_MIGRATIONS) == len(FACT_MIGRATIONS)
        async with db.execute("SELECT number, new_cast FROM seasons") as cursor:
            assert [tuple(row) for row in await cursor.fetchall()] == [(4, "[]")]
        async with db.execute("PRAGMA user_version") as cursor:
            assert await cursor.fetchone() == (len(FACT_MIGRATIONS),)
