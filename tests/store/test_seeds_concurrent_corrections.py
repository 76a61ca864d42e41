"""Three moderators correct at the same moment in three processes: every correction ends up in the shared
corrections.toml and every process answers from the same facts soon after."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.facts.correcting import make_correction, save_and_apply
from bot.local_discord import LocalDiscord
from tests.store.test_shared_seeds_bots import _bots

pytestmark = pytest.mark.postgres


async def test_concurrent_corrections_in_three_processes(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = [b.bot for _, b in await _bots(stack, discord, tmp_path, clock, postgres_dsn, 3, empty_from=1)]
        ids = [d.id for d in bots[0].facts.facts.dates][:3]
        results = await asyncio.gather(
            *(
                save_and_apply(
                    bot.facts, bot.settings, bot.clock, make_correction("suppress", fact, f"m{n}", "x")
                )
                for n, (bot, fact) in enumerate(zip(bots, ids, strict=True))
            ),
            return_exceptions=True,
        )
        assert not [r for r in results if isinstance(r, Exception)], results
        for _ in range(600):  # each process fetches and rebuilds in turn: seconds on a busy 2-core machine
            if not any(set(ids) & {d.id for d in bot.facts.facts.dates} for bot in bots):
                break
            await asyncio.sleep(0.1)
        for bot in bots:
            assert not set(ids) & {d.id for d in bot.facts.facts.dates}
        held = {
            str(p): bytes(c)
            for p, c in await bots[0].state.database.fetch("SELECT path, content FROM seed_files")
        }
        assert all(i.encode() in held["corrections.toml"] for i in ids)
