"""A guild's shard moves to a new process on another machine (empty seeds and data folders) while its article
waits for review: approving it there works, and every process builds it."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from bot.sharding import ShardPlan, shard_of
from tests.conftest import restartable
from tests.store.test_shared_seeds_bots import NEW, _bots

pytestmark = pytest.mark.postgres


async def test_approve_after_the_shard_moved(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        (_, first), other = bots[0], bots[1][1].bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        assert reply.content.startswith("Queued for review as #1"), reply.content
        await first.stop()
        holder = shard_of(int(discord.world.guild_id), 2)
        moved = await stack.enter_async_context(
            restartable(
                discord,
                tmp_path / "data-new",
                clock,
                seeds=tmp_path / "seeds-new",
                database_url=postgres_dsn,
                shards=ShardPlan(2, (holder,)),
            )
        )
        new = (await moved()).bot
        await asyncio.wait_for(new.notices.listening.wait(), 10)
        before = len(other.facts.facts.documents)
        approved = await discord.slash("/facts review approve", user="moderator", item=1, timeout=60)
        assert approved.content.startswith("Approved #1"), approved.content
        # The other process rebuilds after the notice: wait for it (a loaded machine takes longer), within 30 s.
        for _ in range(300):
            if len(other.facts.facts.documents) == len(new.facts.facts.documents) == before + 1:
                break
            await asyncio.sleep(0.1)
        assert len(other.facts.facts.documents) == len(new.facts.facts.documents) == before + 1
