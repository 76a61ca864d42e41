"""The real bot on PostgreSQL: a moderator's setting saved there is read by a second bot process, and a server
that cannot be reached is said in words, with nothing half done, and the bot goes on once it is back."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.sharding import ShardPlan, shard_of
from tests.conftest import restartable
from tests.countdown.test_dispatcher import MOMENT, PREMIERE, _countdown_to, at, only, posted

pytestmark = pytest.mark.postgres


@pytest.fixture
async def stack() -> AsyncIterator[contextlib.AsyncExitStack]:
    async with contextlib.AsyncExitStack() as exits:
        yield exits


async def _connections(dsn: str, allowed: bool) -> None:
    """Let the bot's database take connections, or refuse them and drop the ones it has."""
    name = dsn.rsplit("/", 1)[1]
    admin = dsn.rsplit("/", 1)[0] + "/postgres"
    async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as connection:
        await connection.execute(
            f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}'
        )
        if not allowed:
            await connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )


async def test_an_unreachable_database_is_said_in_words(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with restartable(discord, tmp_path, clock, database_url=postgres_dsn) as start:
        running = await start()
        await _connections(postgres_dsn, allowed=False)
        reply = await discord.slash(
            "/countdown channel", user="moderator", options={"channel": "#announcements"}, timeout=20
        )
        assert reply.ephemeral
        assert reply.content.startswith(
            "The bot's database cannot be reached just now, so nothing was changed"
        )
        await _connections(postgres_dsn, allowed=True)
        reply = await discord.slash(
            "/countdown channel", user="moderator", options={"channel": "#announcements"}, timeout=20
        )
        assert "Countdown posts will go to" in reply.content
        guild = int(discord.world.guild_id)
        assert (await running.bot.state.guild_settings())[guild].channel_id is not None


async def test_a_setting_reaches_the_other_process(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    stack: contextlib.AsyncExitStack,
) -> None:
    guild = int(discord.world.guild_id)
    holder = shard_of(guild, 2)
    bots = []
    for shard in (holder, 1 - holder):  # two processes on one database, one shard each, each its own files
        starting = restartable(discord, tmp_path / f"shard-{shard}", clock, database_url=postgres_dsn,
                               shards=ShardPlan(2, (shard,)))  # fmt: skip
        start = await stack.enter_async_context(starting)
        bots.append((await start()).bot)
    first, other = bots
    for bot in (first, other):
        await asyncio.wait_for(bot.notices.listening.wait(), 10)
    assert first.owns(guild) and not other.owns(guild)
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    assert "Countdown posts will go to" in reply.content
    async with asyncio.timeout(10):  # the notice's listener reads the settings again and wakes the countdown
        while other.countdown.guild(guild).channel_id is None:
            other.countdown._wake.clear()
            await other.countdown._wake.wait()
    assert other.countdown.guild(guild).channel_id == first.countdown.guild(guild).channel_id
    assert other.notices.heard >= 1


async def test_a_claim_the_database_failed_is_tried_again(
    discord: LocalDiscord, tmp_path: Path, postgres_dsn: str
) -> None:
    clock = ManualClock(dt.datetime(2030, 7, 1, tzinfo=dt.UTC))
    async with restartable(discord, tmp_path, clock, prepare=lambda b: only(b, PREMIERE),
                           database_url=postgres_dsn) as start:  # fmt: skip
        bot = (await start()).bot
        await _countdown_to(discord)
        due = MOMENT - dt.timedelta(days=7)
        await at(bot, clock, due - dt.timedelta(minutes=1))
        await _connections(postgres_dsn, allowed=False)
        await at(bot, clock, due)  # the claim fails: the database is away for a few seconds
        assert not any("7 days" in text for text in posted(discord))
        await _connections(postgres_dsn, allowed=True)
        await at(bot, clock, due + dt.timedelta(minutes=1))  # a minute later it is planned and claimed again
        assert [text for text in posted(discord) if "7 days" in text] != []
        assert set((await bot.state.post_statuses()).values()) == {"sent"}
