"""The shared seeds through the real bots (each process on its own copy and shard, one PostgreSQL, the local
Discord): a moderator's change reaches the others' facts; a notice handled during an approval never puts the
article back in review; the database lost during a correction leaves one consistent outcome; and the others'
rebuilds do not keep moderators waiting."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from bot.sharding import ShardPlan, shard_of
from tests.conftest import SEEDS, restartable

pytestmark = pytest.mark.postgres

NEW = """date 2025-01-10
Emily in Paris returns for a fifth season on Thursday, August 14, 2025. Clara Voss joins the cast as Odile Marchand.
"""


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / name))


def _pending(seeds: Path) -> list[str]:
    return sorted(p.name for p in (seeds / "pending").rglob("*.txt")) if (seeds / "pending").exists() else []


async def _connections(dsn: str, allowed: bool) -> None:
    name, admin = dsn.rsplit("/", 1)[1], dsn.rsplit("/", 1)[0] + "/postgres"
    async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as connection:
        await connection.execute(
            f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}'
        )
        if not allowed:
            await connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )


async def _bots(stack: contextlib.AsyncExitStack, discord: LocalDiscord, tmp_path: Path, clock: ManualClock,
                dsn: str, count: int, empty_from: int = 99) -> list[Any]:  # fmt: skip
    """`count` processes, one shard each, the guild's shard first; each on its own seeds copy (empty from the
    `empty_from`-th on, as on another machine)."""
    holder = shard_of(int(discord.world.guild_id), count)
    running = []
    for n, shard in enumerate([holder, *(s for s in range(count) if s != holder)]):
        seeds = _copy(tmp_path, f"seeds-{n}") if n < empty_from else tmp_path / f"seeds-{n}"
        starting = restartable(discord, tmp_path / f"data-{n}", clock, seeds=seeds, database_url=dsn,
                               shards=ShardPlan(count, (shard,)))  # fmt: skip
        start = await stack.enter_async_context(starting)
        running.append((start, await start()))
    for _, bot in running:
        await asyncio.wait_for(bot.bot.notices.listening.wait(), 10)
    return running


async def test_a_moderators_change_reaches_a_process_on_another_copy(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        (_, first), (_, other) = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2, empty_from=1)
        first, other = first.bot, other.bot
        assert [d.id for d in other.facts.facts.dates] == [d.id for d in first.facts.facts.dates] != []
        gone = first.facts.facts.dates[0].id
        changed = asyncio.Event()
        other.facts.listeners.append(changed.set)
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "a wrong date"}, timeout=30
        )
        assert gone not in [d.id for d in first.facts.facts.dates], reply.content
        await asyncio.wait_for(changed.wait(), 30)
        assert gone not in [d.id for d in other.facts.facts.dates]
        corrections = (tmp_path / "seeds-1" / "corrections.toml").read_text(encoding="utf-8")
        assert gone in corrections and "a wrong date" in corrections


async def test_a_notice_during_an_approval_never_puts_the_article_back_in_review(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first = bots[0][1].bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        assert reply.content.startswith("Queued for review as #1"), reply.content
        original, notices = first.facts.reload, []

        async def reload_with_a_notice(*args: Any, **kwargs: Any) -> Any:
            notices.append(asyncio.create_task(first._fetch_seeds()))  # another process's notice, handled now
            await asyncio.sleep(0.2)
            return await original(*args, **kwargs)

        first.facts.reload = reload_with_a_notice
        approved = await discord.slash("/facts review approve", user="moderator", item=1, timeout=60)
        first.facts.reload = original
        await asyncio.gather(*notices)
        assert approved.content.startswith("Approved #1"), approved.content
        held = {str(row[0]) for row in await first.state.database.fetch("SELECT path FROM seed_files")}
        assert [p for p in held if p.startswith("pending/")] == [] and _pending(tmp_path / "seeds-0") == []
        for _, running in bots:
            await running.stop()
        again = await bots[1][0]()  # a later start finds nothing to queue again
        await asyncio.sleep(0.5)
        assert await again.bot.newsdesk.ledger.items(status="pending") == []


async def test_the_database_lost_during_a_correction_leaves_one_outcome(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    seeds = _copy(tmp_path, "seeds")
    async with restartable(
        discord, tmp_path / "data", clock, seeds=seeds, database_url=postgres_dsn
    ) as start:
        bot = (await start()).bot
        gone = bot.facts.facts.dates[0].id
        original = bot.facts._send_change

        async def lose_the_database_first(by: str) -> None:
            await _connections(postgres_dsn, allowed=False)
            await original(by)

        bot.facts._send_change = lose_the_database_first  # type: ignore[method-assign]
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "wrong"}, timeout=60
        )
        bot.facts._send_change = original  # type: ignore[method-assign]
        await _connections(postgres_dsn, allowed=True)
        assert "nothing was changed" in reply.content or "rolled back" in reply.content, reply.content
        assert gone in {d.id for d in bot.facts.facts.dates}  # not suppressed here
        assert gone not in (seeds / "corrections.toml").read_text(encoding="utf-8")  # nor on disk
        held = {
            str(p): bytes(c)
            for p, c in await bot.state.database.fetch("SELECT path, content FROM seed_files")
        }
        assert gone.encode() not in held["corrections.toml"]  # nor shared


async def test_the_others_rebuilds_keep_no_moderator_waiting(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = [running.bot for _, running in await _bots(stack, discord, tmp_path, clock, postgres_dsn, 3)]
        gone = bots[0].facts.facts.dates[0].id
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "wrong"}, timeout=60
        )
        assert gone not in {d.id for d in bots[0].facts.facts.dates}, reply.content
        await asyncio.sleep(0.3)  # the others were told and are rebuilding
        again = await discord.slash("/facts reload", user="moderator", timeout=60)
        assert "still running" not in again.content and "another bot process" not in again.content, (
            again.content
        )
