"""Another process's change fetched by a change here that does not rebuild (a rejection): it is built soon
after all the same."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.facts.correcting import make_correction, save_and_apply
from bot.local_discord import LocalDiscord, Upload
from tests.store.test_shared_seeds_bots import NEW, _bots

pytestmark = pytest.mark.postgres


async def test_a_change_fetched_by_a_rejection_here_is_built_here(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        here, there = bots[0][1].bot, bots[1][1].bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        assert reply.content.startswith("Queued for review as #1"), reply.content
        await asyncio.sleep(1)
        gone = here.facts.facts.dates[0].id
        # The notice to `here` is late: its listener is busy (notices are handled one at a time, each rebuild
        # in full) -- modelled by listening again only after the rejection below.
        await here.notices.stop()
        correction = make_correction("suppress", gone, "mod-there", "wrong")
        await save_and_apply(there.facts, there.settings, there.clock, correction)
        assert gone not in {d.id for d in there.facts.facts.dates}
        rejected = await discord.slash(
            "/facts review reject", user="moderator", item=1, reason="rumour", timeout=60
        )
        assert rejected.content.startswith("Rejected"), rejected.content
        here.notices.start()
        await asyncio.wait_for(here.notices.listening.wait(), 10)
        await asyncio.sleep(2)
        assert gone in (tmp_path / "seeds-0" / "corrections.toml").read_text(encoding="utf-8")
        assert gone not in {d.id for d in here.facts.facts.dates}  # the same facts as `there`
