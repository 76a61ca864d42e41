"""A rejection whose lock connection is lost: the move is undone, nothing is recorded, the moderator is told,
and no later start queues the article again."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from tests.store.test_shared_seeds_bots import NEW, _bots

pytestmark = pytest.mark.postgres


async def _kill_the_lock(dsn: str) -> None:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as admin:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        )


async def test_a_rejection_whose_lock_was_lost_leaves_one_outcome(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        (restart_first, running), first = bots[0], bots[0][1].bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        assert reply.content.startswith("Queued for review as #1"), reply.content
        [item] = await first.newsdesk.ledger.items(status="pending")
        original = first.newsdesk.ledger.decide

        async def lose_the_lock_then_decide(*args: Any, **kwargs: Any) -> Any:
            await _kill_the_lock(postgres_dsn)  # the lock's connection dies (a network blip, an admin)
            return await original(*args, **kwargs)

        first.newsdesk.ledger.decide = lose_the_lock_then_decide
        rejected = await discord.slash(
            "/facts review reject", user="moderator", item=1, reason="a rumour", timeout=60
        )
        first.newsdesk.ledger.decide = original
        status = (await first.newsdesk.ledger.item(item.id)).status
        held = {str(r[0]) for r in await first.state.database.fetch("SELECT path FROM seed_files")}
        local = {
            p.relative_to(tmp_path / "seeds-0").as_posix() for p in (tmp_path / "seeds-0").rglob(item.file)
        }
        shared = {p for p in held if p.endswith(item.file)}
        outcome = (status, sorted(local), sorted(shared), rejected.content)
        # one outcome: rejected everywhere, or pending everywhere and the moderator told why in words
        assert (status == "rejected" and local == shared == {f"rejected/{item.guild_id}/{item.file}"}) or (
            status == "pending"
            and local == shared == {f"pending/{item.guild_id}/{item.file}"}
            and "Something went wrong" not in rejected.content
        ), outcome
        await running.stop()
        again = (await restart_first()).bot
        await asyncio.sleep(1)
        assert await again.newsdesk.ledger.items(status="pending") == [] or status == "pending"
