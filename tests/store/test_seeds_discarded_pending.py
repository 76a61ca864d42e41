"""An article saved in pending/ while a moderator's change runs in the same process, then discarded (it
stated nothing): it is never left in the shared database."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.facts.correcting import make_correction, save_and_apply
from bot.local_discord import LocalDiscord, Upload
from tests.store.test_shared_seeds_bots import _bots

pytestmark = pytest.mark.postgres

NOTHING = "Weather\n\nIt rained in Paris on Tuesday and the cafés were full.\n"


async def test_a_discarded_pending_article_is_not_kept_in_the_database(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        here = bots[0][1].bot
        (restart_there, there_running) = bots[1]
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        gone = here.facts.facts.dates[0].id
        original = here.newsdesk.proposals_for

        async def a_correction_meanwhile(saved: list[Path]) -> Any:
            # a moderator's correction in this process while the feed/import works out its proposals
            await save_and_apply(
                here.facts, here.settings, here.clock, make_correction("suppress", gone, "m", "x")
            )
            return await original(saved)

        here.newsdesk.proposals_for = a_correction_meanwhile
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("w.txt", NOTHING.encode())
        )
        here.newsdesk.proposals_for = original
        assert reply.content.startswith("Nothing was saved"), reply.content
        held = {str(r[0]) for r in await here.state.database.fetch("SELECT path FROM seed_files")}
        assert [p for p in held if p.startswith("pending/")] == []
        await there_running.stop()
        again = (await restart_there()).bot
        await asyncio.sleep(1)
        assert await again.newsdesk.ledger.items(status="pending") == []
