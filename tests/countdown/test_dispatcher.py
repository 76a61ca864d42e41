"""Countdown posts through the real bot on the local Discord, the bot's clock injected: on time, exactly
once, through restarts, crashes, reloads and broken channels."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.facts.models import DatedFact
from bot.local_discord import LocalDiscord
from bot.store.state import GuildSettings
from tests.conftest import Starter, restartable

UTC = dt.UTC
PREMIERE = DatedFact(id="premiere-s9", kind="premiere", title="Season 9", season=9, date="2030-08-15", time="00:00",
                     timezone="America/Los_Angeles", sources=[])  # fmt: skip
MOMENT = dt.datetime(2030, 8, 15, 7, 0, tzinfo=UTC)


@pytest.fixture
async def start(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, state_database_url: str | None
) -> AsyncIterator[Starter]:
    """Start the bot (again) on the same state (SQLite file or PostgreSQL database); every bot still running is
    stopped at the end."""
    async with restartable(
        discord, tmp_path, clock, prepare=lambda b: only(b, PREMIERE), database_url=state_database_url
    ) as starter:
        yield starter


def only(bot: SavoirBot, *dates: DatedFact) -> None:
    """Answer from these dated facts alone (as a reload would)."""
    facts = bot.facts.facts.model_copy(update={"dates": list(dates)})
    bot.facts.replace(facts, bot.facts.loaded_at)


async def _countdown_to(discord: LocalDiscord, channel: str = "#announcements") -> None:
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": channel})
    assert reply.ephemeral and "Countdown posts will go to" in reply.content


def posted(discord: LocalDiscord, channel: str = "announcements") -> list[str]:
    return [message["content"] for message in discord.channel_messages(channel)]


async def at(bot: SavoirBot, clock: ManualClock, moment: dt.datetime) -> None:
    clock.set(moment)
    await bot.countdown.tick()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2030, 7, 1, tzinfo=UTC))


async def test_each_milestone_once_at_its_time(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _countdown_to(discord)
    for days in (30, 7, 1):
        due = MOMENT - dt.timedelta(days=days)
        await at(running.bot, clock, due - dt.timedelta(seconds=1))
        await at(running.bot, clock, due)
        await at(running.bot, clock, due + dt.timedelta(minutes=5))
    await at(running.bot, clock, MOMENT - dt.timedelta(hours=1))
    await at(running.bot, clock, MOMENT)
    await at(running.bot, clock, MOMENT + dt.timedelta(hours=2))
    stamp = int(MOMENT.timestamp())
    assert posted(discord) == [
        f"**Season 9** premieres in 30 days: <t:{stamp}:F> (<t:{stamp}:R>)",
        f"**Season 9** premieres in 7 days: <t:{stamp}:F> (<t:{stamp}:R>)",
        f"**Season 9** premieres in 1 day: <t:{stamp}:F> (<t:{stamp}:R>)",
        f"**Season 9** premieres in 1 hour: <t:{stamp}:F> (<t:{stamp}:R>)",
        "**Season 9** is out now!",
    ]
    bodies = [c.body for c in discord.calls if c.route == "/channels/{channel}/messages"]
    assert all(
        len(b["nonce"]) <= 25 and b["enforce_nonce"] and b["allowed_mentions"] == {"parse": []}
        for b in bodies
    )
    await running.stop()


async def test_exactly_once_across_a_restart(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    first = await start()
    await _countdown_to(discord)
    await at(first.bot, clock, MOMENT - dt.timedelta(days=7))
    await first.stop()
    second = await start()  # same state file, same moment
    await second.bot.countdown.tick()
    await at(second.bot, clock, MOMENT - dt.timedelta(days=1))
    assert [text.split(":")[0] for text in posted(discord)] == [
        "**Season 9** premieres in 7 days", "**Season 9** premieres in 1 day",
    ]  # fmt: skip
    await second.stop()


async def test_a_crash_between_send_and_record_posts_once(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    first = await start()
    await _countdown_to(discord)

    async def power_cut(*_: object) -> None:
        raise RuntimeError("power cut after the message went out")

    first.bot.state.sent = power_cut  # type: ignore[method-assign,assignment]  # dies before recording
    # Moving the clock also wakes the dispatcher's own pass: whichever pass sends, it dies before recording.
    with contextlib.suppress(RuntimeError):
        await at(first.bot, clock, MOMENT - dt.timedelta(days=7))
    assert len(posted(discord)) == 1
    guild = int(discord.world.guild_id)
    assert (await first.bot.state.post_statuses())[(guild, "premiere-s9", "7d")] == "claimed"
    await first.stop()
    clock.set(clock.now() + dt.timedelta(minutes=2))
    second = await start()  # recovery resends with the same nonce
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1, "Discord returned the first message for the repeated nonce"
    statuses = await second.bot.state.post_statuses()
    assert statuses[(guild, "premiere-s9", "7d")] == "sent"
    await second.stop()


async def test_a_failed_resend_after_a_crash_keeps_the_guild_settings(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    first = await start()
    await _countdown_to(discord)
    await discord.slash("/facts log", user="moderator", options={"channel": "#general"})

    async def power_cut(*_: object) -> None:
        raise RuntimeError("power cut after the message went out")

    first.bot.state.sent = power_cut  # type: ignore[method-assign,assignment]
    with contextlib.suppress(RuntimeError):
        await at(first.bot, clock, MOMENT - dt.timedelta(days=7))
    await first.stop()
    discord.forbid("announcements")  # the resend after the restart is refused
    tried_before = len([c for c in discord.calls if c.route == "/channels/{channel}/messages"])
    second = await start()
    await second.bot.countdown.tick()
    tries = len([c for c in discord.calls if c.route == "/channels/{channel}/messages"]) - tried_before
    assert tries == 1, "the refused resend puts the guild on hold; the same pass does not try again"
    guild = int(discord.world.guild_id)
    assert (await second.bot.state.post_statuses()).get((guild, "premiere-s9", "7d")) is None  # given back
    stored = (await second.bot.state.guild_settings())[guild]
    assert stored.problem and "permission" in stored.problem
    assert stored.mod_log_channel_id == int(discord.world.channel("general").id)
    assert stored.channel_id == int(discord.world.channel("announcements").id)
    await second.stop()


async def test_catch_up_after_downtime(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    first = await start()
    await _countdown_to(discord)
    await first.bot.countdown.tick()  # it has seen the date
    await first.stop()
    clock.set(MOMENT - dt.timedelta(minutes=30))  # down through the 30-day, 7-day, 1-day and 1-hour posts
    second = await start()
    await second.bot.countdown.tick()
    assert [text.split(":")[0] for text in posted(discord)] == ["**Season 9** premieres in 1 hour"]
    statuses = await second.bot.state.post_statuses()
    guild = int(discord.world.guild_id)
    assert {m: statuses[(guild, "premiere-s9", m)] for m in ("30d", "7d", "1d", "1h")} == {
        "30d": "skipped", "7d": "skipped", "1d": "skipped", "1h": "sent",
    }  # fmt: skip
    await second.stop()


async def test_reloads_move_remove_or_change_nothing(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _countdown_to(discord)
    bot = running.bot
    moved = PREMIERE.model_copy(update={"date": "2030-08-17"})
    only(bot, moved)
    await at(bot, clock, MOMENT - dt.timedelta(days=1, minutes=1))  # the week-before post of the new date
    await at(bot, clock, MOMENT - dt.timedelta(days=1))  # the old day-before: nothing
    assert [t.split(":")[0] for t in posted(discord)] == ["**Season 9** premieres in 7 days"]
    await at(bot, clock, MOMENT + dt.timedelta(days=1))  # the new day-before
    assert [t.split(":")[0] for t in posted(discord)][-1] == "**Season 9** premieres in 1 day"
    only(bot, moved)  # a reload that changes nothing
    await bot.countdown.tick()
    only(bot)  # a reload that removes the fact
    await at(bot, clock, MOMENT + dt.timedelta(days=2))
    assert len(posted(discord)) == 2, "nothing more: not for the unchanged reload, not for the removed date"
    await running.stop()


async def test_daylight_saving(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    running = await start()
    november = PREMIERE.model_copy(update={"date": "2030-11-05"})  # PST; daylight saving ends on 3 November
    only(running.bot, november)
    clock.set(dt.datetime(2030, 10, 7, tzinfo=UTC))  # after the 30-day post
    await _countdown_to(discord)
    await at(running.bot, clock, dt.datetime(2030, 10, 29, 6, 59, tzinfo=UTC))
    assert posted(discord) == []
    await at(running.bot, clock, dt.datetime(2030, 10, 29, 7, 0, tzinfo=UTC))  # midnight in Los Angeles (PDT)
    assert [t.split(":")[0] for t in posted(discord)] == ["**Season 9** premieres in 7 days"]
    await at(running.bot, clock, dt.datetime(2030, 11, 5, 8, 0, tzinfo=UTC))  # midnight PST
    assert posted(discord)[-1] == "**Season 9** is out now!"
    await running.stop()


async def test_a_forbidden_or_deleted_channel_is_reported_and_other_guilds_go_on(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _countdown_to(discord)
    other = GuildSettings(999, int(discord.world.channel("general").id), watching_since=clock.now())
    await running.bot.countdown.update(other, by=None, restart_watch=False)
    discord.forbid("announcements")
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30))
    assert posted(discord) == [] and len(posted(discord, "general")) == 1, (
        "the other guild still gets its post"
    )
    status = await discord.slash("/countdown status", user="moderator")
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Problem"] == "I may not post in the countdown channel (missing permission)"
    discord.world.channel("announcements").forbidden = False
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30) + dt.timedelta(minutes=16))  # retried later
    assert len(posted(discord)) == 1
    discord.delete_channel("announcements")
    await at(running.bot, clock, MOMENT - dt.timedelta(days=7))
    status = await discord.slash("/countdown status", user="moderator")
    assert "the countdown channel no longer exists" in status.text()
    await running.stop()


async def test_rate_limits_are_waited_out(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    running = await start()
    await _countdown_to(discord)
    discord.rate_limit("POST", "/channels/", times=1, retry_after=0.05)
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30))
    assert len(posted(discord)) == 1
    await running.stop()


async def test_a_ping_role_is_the_only_mention(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _countdown_to(discord)
    fans = discord.world.role("Fans").id
    assert (await discord.slash("/countdown ping", user="moderator", role="Fans")).content.endswith(
        f"<@&{fans}>."
    )
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30))
    body = next(c.body for c in discord.calls if c.route == "/channels/{channel}/messages")
    assert body["content"].startswith(f"<@&{fans}> **Season 9** premieres in 30 days")
    assert body["allowed_mentions"] == {"parse": [], "roles": [int(fans)]}, (
        "the ping role is the one role that may ping, whatever the text holds"
    )
    await running.stop()


async def test_milestones_and_status(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    running = await start()
    await _countdown_to(discord)
    bad = await discord.slash("/countdown milestones", user="moderator", milestones="7x")
    assert bad.ephemeral and bad.content.startswith("Those milestones don't work: `7x` is not a milestone")
    good = await discord.slash("/countdown milestones", user="moderator", milestones="0, 2d")
    assert good.content == "Milestones set: 2d,0."
    status = await discord.slash("/countdown status", user="moderator")
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Milestones"] == "2d,0"
    assert fields["Next posts"].splitlines()[0].startswith("• Season 9, 2 days before: <t:")
    assert (await discord.slash("/countdown off", user="moderator")).content == "Countdown posts are off."
    await at(running.bot, clock, MOMENT)
    assert posted(discord) == []
    await running.stop()


@pytest.mark.parametrize(
    ("command", "options"),
    [("/countdown channel", {"channel": "#general"}), ("/countdown off", {}), ("/countdown status", {}),
     ("/countdown milestones", {"milestones": "1d"}), ("/countdown ping", {}), ("/countdown spoilers", {"days": 3})],
)  # fmt: skip
async def test_members_are_refused(
    discord: LocalDiscord, savoir: SavoirBot, command: str, options: dict[str, str]
) -> None:
    reply = await discord.slash(command, user="member", options=options)
    assert reply.ephemeral
    assert reply.content == "Only moderators (Manage Server, or a moderator role) can do this."
    assert savoir.countdown.guild(int(discord.world.guild_id)).channel_id is None


async def test_a_moderator_role_is_enough(discord: LocalDiscord, savoir: SavoirBot) -> None:
    savoir.settings.moderator_role_ids = [int(discord.world.role("Fans").id)]
    reply = await discord.slash("/countdown off", user="member")
    assert reply.content == "Countdown posts were already off."


async def test_the_group_is_guild_only_and_shown_to_members_for_subscribe(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    """Discord's default permissions cover a whole group: members must see /countdown to subscribe, so the
    moderators' subcommands rest on the bot's own check (test_members_are_refused)."""
    countdown = next(c for c in discord.syncs[-1].body if c["name"] == "countdown")
    assert countdown.get("default_member_permissions") is None
    assert countdown["contexts"] == [0] or countdown.get("dm_permission") is False
