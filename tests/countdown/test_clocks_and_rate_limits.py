"""Countdown posts when clocks jump and Discord holds a channel back, through the real bot on the local Discord:
a crashed claim is resent only while Discord still knows its nonce by every clock, and a rate-limited channel
holds up no other guild."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.countdown.jobs import nonce_still_known
from bot.countdown.lanes import ChannelLanes
from bot.local_discord import LocalDiscord
from bot.local_run import LocalBot, local_settings, start_local_bot
from bot.store.state import GuildSettings
from tests.conftest import SEEDS
from tests.countdown.test_dispatcher import MOMENT, PREMIERE, only, posted

UTC = dt.UTC
WEEK_BEFORE = MOMENT - dt.timedelta(days=7)
Starter = Callable[..., Awaitable[LocalBot]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2030, 7, 1, tzinfo=UTC))


@pytest.fixture
async def start(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Starter]:
    """Start the bot (again) on the same state file, optionally preparing it first; all are stopped at the end."""
    running: list[LocalBot] = []

    async def start_bot(prepare: Callable[[SavoirBot], None] | None = None) -> LocalBot:
        def ready(bot: SavoirBot) -> None:
            only(bot, PREMIERE)
            if prepare is not None:
                prepare(bot)

        bot = await start_local_bot(discord, local_settings(discord, SEEDS, tmp_path), clock, prepare=ready)
        running.append(bot)
        return bot

    yield start_bot
    for bot in running:
        if not bot.bot.is_closed():
            await bot.stop()


async def _crash_after_sending(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    """The week-before post goes out, then the bot dies before recording it: the ledger says "claimed"."""
    first = await start()
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    assert "Countdown posts will go to" in reply.content

    async def power_cut(*_: object) -> None:
        raise RuntimeError("power cut after the message went out")

    first.bot.state.sent = power_cut  # type: ignore[method-assign,assignment]
    clock.set(WEEK_BEFORE)
    with contextlib.suppress(RuntimeError):
        await first.bot.countdown.tick()
    assert len(posted(discord)) == 1
    key = (int(discord.world.guild_id), "premiere-s9", "7d")
    assert (await first.bot.state.post_statuses())[key] == "claimed"
    await first.stop()


async def test_a_clock_set_back_after_a_crash_does_not_resend(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    await _crash_after_sending(discord, start, clock)
    discord.advance_clock(10 * 60)  # ten minutes later Discord has forgotten the nonce...
    clock.set(WEEK_BEFORE - dt.timedelta(hours=1))  # ...and the bot restarts with its clock set back an hour
    second = await start()
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1, "a claim that only looks young is not resent"
    key = (int(discord.world.guild_id), "premiere-s9", "7d")
    assert (await second.bot.state.post_statuses())[key] == "skipped"


async def test_time_passed_on_the_machine_clock_is_not_hidden_by_the_bots_clock(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    await _crash_after_sending(discord, start, clock)
    discord.advance_clock(10 * 60)
    clock.set(WEEK_BEFORE + dt.timedelta(minutes=1))  # the bot's clock says one minute...

    def ten_minutes_on(bot: SavoirBot) -> None:
        bot.countdown.wall = lambda: time.time() + 10 * 60  # ...the machine's clock says ten

    second = await start(ten_minutes_on)
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1
    key = (int(discord.world.guild_id), "premiere-s9", "7d")
    assert (await second.bot.state.post_statuses())[key] == "skipped"


def test_the_resend_window_needs_both_clocks_young_and_unmoved_back() -> None:
    at, wall = dt.datetime(2030, 8, 8, 7, 0, tzinfo=UTC), 1_900_000_000.0
    minute = dt.timedelta(minutes=1)
    assert nonce_still_known(at, wall, at + minute, wall + 60)
    assert not nonce_still_known(at, wall, at - minute, wall + 60), "the bot's clock went back"
    assert not nonce_still_known(at, wall, at + minute, wall - 1), "the machine's clock went back"
    assert not nonce_still_known(at, wall, at + 5 * minute, wall + 60), "the bot's clock says too old"
    assert not nonce_still_known(at, wall, at + minute, wall + 300), "the machine's clock says too old"
    assert not nonce_still_known(at, None, at, wall), "a claim without the machine's time"


async def _two_guilds(discord: LocalDiscord, bot: SavoirBot, clock: ManualClock) -> None:
    """This guild counts down in #announcements, a second guild in #general."""
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    assert "Countdown posts will go to" in reply.content
    other = GuildSettings(999, int(discord.world.channel("general").id), watching_since=clock.now())
    await bot.countdown.update(other, by=None, restart_watch=False)


@pytest.mark.parametrize(("held", "free"), [("announcements", "general"), ("general", "announcements")])
@pytest.mark.parametrize("bound", [8, 1])
async def test_a_rate_limited_channel_holds_up_no_other_guild(
    discord: LocalDiscord, start: Starter, clock: ManualClock, held: str, free: str, bound: int
) -> None:
    def lanes(bot: SavoirBot) -> None:
        bot.countdown.lanes = ChannelLanes(bound=bound, patience=0.2)

    running = await start(lanes)
    await _two_guilds(discord, running.bot, clock)
    channel_id = discord.world.channel(held).id
    discord.rate_limit("POST", f"/channels/{channel_id}/messages", times=1, retry_after=20)
    clock.set(MOMENT - dt.timedelta(days=30))  # the dispatcher's own pass finds both posts due
    await discord.wait_for_messages(free, 1, timeout=3)
    assert posted(discord, held) == [], "still waiting out its 20 seconds"
    await running.stop()  # the held post stays claimed: the next start settles it


async def test_the_held_post_goes_out_once_after_its_wait(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _two_guilds(discord, running.bot, clock)
    discord.rate_limit(
        "POST", f"/channels/{discord.world.channel('announcements').id}/messages", retry_after=1
    )
    clock.set(MOMENT - dt.timedelta(days=30))
    began = time.perf_counter()
    await discord.wait_for_messages("general", 1, timeout=3)
    assert posted(discord) == [] and time.perf_counter() - began < 1
    await running.bot.countdown.tick()  # waits for every channel
    assert len(posted(discord)) == 1 and len(posted(discord, "general")) == 1
    statuses = await running.bot.state.post_statuses()
    assert statuses[(int(discord.world.guild_id), "premiere-s9", "30d")] == "sent"
    assert statuses[(999, "premiere-s9", "30d")] == "sent"


async def test_a_post_still_queued_at_a_stop_is_posted_after_the_restart(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path
) -> None:
    spin_off = PREMIERE.model_copy(update={"id": "premiere-spin-off", "title": "Spin-off"})

    def both(bot: SavoirBot) -> None:
        only(bot, PREMIERE, spin_off)

    first = await start(both)
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    assert "Countdown posts will go to" in reply.content
    discord.rate_limit(
        "POST", f"/channels/{discord.world.channel('announcements').id}/messages", retry_after=20
    )
    clock.set(MOMENT - dt.timedelta(days=30))  # two posts for one channel: the second waits behind the first
    for _ in range(500):  # until Discord has answered the first send with its 429
        if any(call.status == 429 for call in discord.calls):
            break
        await asyncio.sleep(0.01)
    await first.stop()
    assert _statuses(tmp_path) == ["claimed"], "the post under way is claimed, the one waiting is not"
    discord.advance_clock(600)
    clock.set(MOMENT - dt.timedelta(days=30) + dt.timedelta(minutes=10))
    second = await start(both)
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1, (
        "the waiting post goes out after the restart; the held one is not risked"
    )
    assert _statuses(tmp_path) == ["sent", "skipped"]


def _statuses(folder: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(folder / "state.db")) as db:
        return sorted(status for (status,) in db.execute("SELECT status FROM countdown_posts"))
