"""A damaged fact store never stops the bot: it is derived from seeds/, so a real bot start on the local
Discord rebuilds it, logs why, and answers from the rebuilt facts."""

from __future__ import annotations

import contextlib
import logging
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.facts.models import FactSet
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from bot.store.facts import read_fact_store, write_fact_store
from tests.conftest import SEEDS

PAGE = 4096


def _sql(path: Path, statement: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(statement)
        db.commit()


def cut_in_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def damaged_pages(path: Path) -> None:
    pages = path.stat().st_size // PAGE
    noise = random.Random(7)
    with path.open("r+b") as handle:
        for page in (2, pages // 3, pages // 2, pages - 2):
            handle.seek(page * PAGE)
            handle.write(noise.randbytes(PAGE))


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(path.stat().st_size))


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def empty_meta(path: Path) -> None:
    _sql(path, "DELETE FROM meta")


def older_schema(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 1")


def newer_schema(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 99")


def missing_table(path: Path) -> None:
    _sql(path, "DROP TABLE dated_facts")


def unreadable_value(path: Path) -> None:
    _sql(path, "UPDATE credits SET actor_aliases = '[unclosed'")


def killed_mid_write(path: Path) -> None:
    """A process killed in the middle of writing to the store leaves a hot journal beside it."""
    code = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "db.execute('PRAGMA journal_mode = DELETE')\n"
        "db.execute('PRAGMA cache_size = 1')\n"  # changed pages spill into the file before the commit
        "db.execute('BEGIN')\n"
        "db.execute(\"UPDATE sentences SET text = 'half written'\")\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=False)
    assert path.with_name(path.name + "-journal").stat().st_size > 0


DAMAGE: list[Callable[[Path], None]] = [
    cut_in_half, damaged_pages, random_bytes, zero_bytes, empty_meta, older_schema, newer_schema, missing_table,
    unreadable_value, killed_mid_write,
]  # fmt: skip


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda damage: damage.__name__)
async def test_a_damaged_fact_store_is_rebuilt_at_start(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    seed_facts: FactSet,
    damage: Callable[[Path], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = local_settings(discord, SEEDS, tmp_path)
    await write_fact_store(settings.facts_db, seed_facts, clock.now())
    damage(settings.facts_db)
    caplog.set_level(logging.WARNING, logger="bot.facts.service")
    running = await start_local_bot(discord, settings, clock)
    try:
        assert running.bot.facts.facts.fact_count() == seed_facts.fact_count()
        reply = await discord.slash("/cast", name="Sylvie")
        assert reply.embed["title"] == "Sylvie Grateau"
    finally:
        await running.stop()
    (why,) = [r.getMessage() for r in caplog.records if r.name == "bot.facts.service"]
    assert why.startswith(f"the fact store {settings.facts_db}") and "rebuilding it from" in why
    rebuilt, _, _ = await read_fact_store(settings.facts_db)
    assert rebuilt.fact_count() == seed_facts.fact_count()
    assert not settings.facts_db.with_name("facts.db-journal").exists()
