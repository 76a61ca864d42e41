"""A process stopped while another changed the seeds answers from the new facts once it is back."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from tests.store.test_shared_seeds_bots import _bots

pytestmark = pytest.mark.postgres


async def test_a_process_restarted_after_a_change_elsewhere_answers_from_the_new_facts(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, (restart_other, other) = bots[0][1].bot, bots[1]
        gone = first.facts.facts.dates[0].id
        await other.stop()  # a deploy, a crash: the other process is down for a moment
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "a wrong date"}, timeout=60
        )
        assert gone not in {d.id for d in first.facts.facts.dates}, reply.content
        again = (await restart_other()).bot
        await asyncio.wait_for(again.notices.listening.wait(), 10)
        await asyncio.sleep(1)
        assert gone in (tmp_path / "seeds-1" / "corrections.toml").read_text(encoding="utf-8")  # files: new
        # ... so the facts must be the new ones too, as every other process answers
        assert gone not in {d.id for d in again.facts.facts.dates}
