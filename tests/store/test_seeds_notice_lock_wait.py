"""A notice whose fetch waits past the lock's limit (another process's long change, which then fails and
sends nothing): the fetch is tried again, and this process answers from the same facts as the rest."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import psycopg
import pytest

import bot.store.shared_seeds as shared_seeds
from bot.clock import ManualClock
from bot.facts.correcting import make_correction, save_and_apply
from bot.local_discord import LocalDiscord
from tests.store.test_shared_seeds_bots import _bots

pytestmark = pytest.mark.postgres


async def test_a_fetch_that_waited_too_long_is_tried_again(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_seeds, "LOCK_WAIT_SECONDS", 1)  # one minute in production
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        here, there = bots[0][1].bot, bots[1][1].bot
        gone = here.facts.facts.dates[0].id
        await here.notices.stop()  # the notice arrives below, while a long change elsewhere holds the lock
        await save_and_apply(
            there.facts, there.settings, there.clock, make_correction("suppress", gone, "m", "wrong")
        )
        async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as long_change:
            await long_change.execute("SELECT pg_advisory_lock(%s)", (shared_seeds.LOCK,))
            here.notices.start()
            await asyncio.wait_for(here.notices.listening.wait(), 10)
            await asyncio.sleep(1.5)
        # the long change failed: it sent nothing, so no notice follows
        await asyncio.sleep(5)
        assert gone not in {d.id for d in here.facts.facts.dates}
