"""Discord scheduled events through the real bot on the local Discord (its routes validated against Discord's
OpenAPI schema): made once per upcoming date, edited when a date moves, deleted when it goes, nothing twice
across restarts and crashes, refusals said and retried, and never an event the bot did not make."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.events.plan import ref_of
from bot.facts.models import DatedFact
from bot.local_discord import LocalDiscord
from bot.local_discord.world import BOT_PERMISSIONS, MANAGE_EVENTS
from bot.store.event_ledger import EventLedger
from tests.conftest import Starter, restartable

UTC = dt.UTC
PREMIERE = DatedFact(id="premiere-s9", kind="premiere", title="Season 9", season=9, date="2030-08-15", time="00:00",
                     timezone="America/Los_Angeles", sources=[])  # fmt: skip
GALA = DatedFact(id="event-gala", kind="event", title="Season 9 gala screening", date="2030-08-10",
                 venue="Harbour Hall", city="Lisbon", timezone="Europe/Lisbon", sources=[])  # fmt: skip


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2030, 7, 1, tzinfo=UTC))


def only(bot: SavoirBot, *dates: DatedFact) -> None:
    """Answer from these dated facts alone (as a reload would)."""
    bot.facts.replace(bot.facts.facts.model_copy(update={"dates": list(dates)}), bot.facts.loaded_at)


@pytest.fixture
async def start(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Starter]:
    """Start the bot (again) on the same state file; every bot still running is stopped at the end."""
    async with restartable(discord, tmp_path, clock, prepare=lambda b: only(b, PREMIERE, GALA)) as starter:
        yield starter


def events(discord: LocalDiscord) -> dict[str, dict[str, Any]]:
    """The bot's events by the fact they are for."""
    found = {}
    for event in discord.scheduled_events.values():
        fact = ref_of(event.get("description"))
        if fact is not None and event["creator_id"] == discord.world.application_id:
            assert fact not in found, f"two events for {fact}"
            found[fact] = event
    return found


async def _on(discord: LocalDiscord) -> str:
    reply = await discord.slash("/countdown events", user="moderator", options={"state": "on"})
    assert reply.ephemeral
    return reply.content


async def test_events_on_makes_one_external_event_per_upcoming_date(
    discord: LocalDiscord, start: Starter
) -> None:
    await start()
    assert "2 upcoming date(s) now have one" in await _on(discord)
    made = events(discord)
    assert set(made) == {"premiere-s9", "event-gala"}
    premiere, gala = made["premiere-s9"], made["event-gala"]
    assert (premiere["entity_type"], premiere["privacy_level"]) == (3, 2)
    assert premiere["entity_metadata"]["location"] == "Netflix"  # the show's home service (show.toml)
    assert dt.datetime.fromisoformat(premiere["scheduled_start_time"]) == dt.datetime(
        2030, 8, 15, 7, tzinfo=UTC
    )
    assert premiere["name"].endswith("Season 9 premiere") and len(premiere["name"]) <= 100
    # A day without a time: noon in the event's zone, an hour long.
    start_time = dt.datetime.fromisoformat(gala["scheduled_start_time"])
    assert start_time == dt.datetime(2030, 8, 10, 11, tzinfo=UTC)  # 12:00 in Lisbon (summer time)
    assert dt.datetime.fromisoformat(gala["scheduled_end_time"]) - start_time == dt.timedelta(hours=1)
    assert gala["entity_metadata"]["location"] == "Harbour Hall, Lisbon"
    assert len(gala["description"]) <= 1000
    status = await discord.slash("/countdown status", user="moderator")
    assert "on: 2 upcoming event(s)" in str(status.message["embeds"])


async def test_nothing_is_made_twice_across_passes_and_restarts(
    discord: LocalDiscord, start: Starter
) -> None:
    first = await start()
    await _on(discord)
    ids = {fact: event["id"] for fact, event in events(discord).items()}
    await first.bot.events.sync_all()
    await first.stop()
    second = await start()
    await second.bot.events.sync_all()
    assert {fact: event["id"] for fact, event in events(discord).items()} == ids
    assert len(discord.scheduled_events) == 2


async def test_a_moved_date_edits_its_event_and_a_removed_one_deletes_it(
    discord: LocalDiscord, start: Starter
) -> None:
    running = await start()
    await _on(discord)
    before = events(discord)
    moved = PREMIERE.model_copy(update={"date": "2030-08-22"})
    only(running.bot, moved)  # a reload: the premiere moved, the gala is gone
    await running.bot.events.sync_all()
    after = events(discord)
    assert set(after) == {"premiere-s9"}
    assert after["premiere-s9"]["id"] == before["premiere-s9"]["id"], "edited in place, not made again"
    assert after["premiere-s9"]["scheduled_start_time"].startswith("2030-08-22T07:00")
    assert await EventLedger(running.bot.state).events(int(discord.world.guild_id)) == {
        "premiere-s9": (int(before["premiere-s9"]["id"]), "live")
    }


async def test_a_crash_after_discord_made_the_event_makes_no_second_one(
    discord: LocalDiscord, start: Starter, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await start()
    original = EventLedger.made

    async def crash(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed between Discord's answer and the ledger")

    monkeypatch.setattr(EventLedger, "made", crash)
    with pytest.raises(SystemExit):
        await first.bot.events.set_enabled(int(discord.world.guild_id), True)
    assert len(discord.scheduled_events) == 1, "Discord made the first event before the crash"
    claimed = await EventLedger(first.bot.state).events(int(discord.world.guild_id))
    assert list(claimed.values()) == [(None, "creating")]
    monkeypatch.setattr(EventLedger, "made", original)
    await first.stop()
    second = await start()
    await second.bot.events.sync_all()
    assert set(events(discord)) == {"premiere-s9", "event-gala"} and len(discord.scheduled_events) == 2


async def test_a_crash_before_discord_answered_makes_the_event_once(
    discord: LocalDiscord, start: Starter
) -> None:
    running = await start()
    ledger = EventLedger(running.bot.state)
    guild = int(discord.world.guild_id)
    settings = running.bot.events.guild(guild)
    settings.enabled = True
    await ledger.save(settings, running.bot.clock.now())
    await ledger.claim(guild, "premiere-s9", running.bot.clock.now())  # claimed, then the process died
    await running.stop()
    again = await start()
    await again.bot.events.sync_all()
    assert set(events(discord)) == {"premiere-s9", "event-gala"} and len(discord.scheduled_events) == 2


async def test_without_manage_events_it_says_so_and_tries_again_later(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await discord.update_role("Savoir", permissions=BOT_PERMISSIONS & ~MANAGE_EVENTS)
    assert "I need the Manage Events permission" in await _on(discord)
    assert discord.scheduled_events == {}
    status = await discord.slash("/countdown status", user="moderator")
    assert "Manage Events" in str(status.message["embeds"])
    await discord.update_role("Savoir", permissions=BOT_PERMISSIONS)
    await running.bot.events.sync_all()
    assert discord.scheduled_events == {}, "not before the retry time: no request storm on a refusal"
    clock.set(clock.now() + dt.timedelta(minutes=16))
    await running.bot.events.sync_all()
    assert set(events(discord)) == {"premiere-s9", "event-gala"}


async def test_events_made_by_anyone_else_are_never_touched(discord: LocalDiscord, start: Starter) -> None:
    running = await start()
    theirs = {
        "id": "9001", "guild_id": discord.world.guild_id, "creator_id": discord.world.owner_id, "status": 1,
        "name": "Watch party", "entity_type": 3, "entity_metadata": {"location": "Voice"}, "privacy_level": 2,
        # Even one that copies the bot's marker line.
        "description": "Bring snacks\n\nref: premiere-s9",
        "scheduled_start_time": "2030-08-15T07:00:00+00:00", "scheduled_end_time": "2030-08-15T09:00:00+00:00",
    }  # fmt: skip
    discord.scheduled_events["9001"] = dict(theirs)
    await _on(discord)
    only(running.bot)  # every date gone
    await running.bot.events.sync_all()
    reply = await discord.slash("/countdown events", user="moderator", options={"state": "off"})
    assert "events made by anyone else are untouched" in reply.content
    assert discord.scheduled_events == {"9001": theirs}


async def test_off_deletes_the_bots_events_and_history_is_kept(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    await start()
    await _on(discord)
    gala = events(discord)["event-gala"]
    gala["status"] = 2  # Discord started it: it is under way
    clock.set(dt.datetime(2030, 8, 10, 11, 30, tzinfo=UTC))
    await discord.slash("/countdown events", user="moderator", options={"state": "off"})
    assert list(events(discord)) == ["event-gala"], "an event under way is history: never deleted"


async def test_the_limit_of_100_events_leaves_the_latest_dates_out_and_says_so(
    discord: LocalDiscord, start: Starter
) -> None:
    await start()
    for number in range(99):
        key = str(10_000 + number)
        discord.scheduled_events[key] = {
            "id": key, "guild_id": discord.world.guild_id, "creator_id": discord.world.owner_id, "status": 1,
            "name": f"Club night {number}", "entity_type": 3, "entity_metadata": {"location": "Voice"},
            "privacy_level": 2, "description": "", "scheduled_start_time": "2030-09-01T19:00:00+00:00",
            "scheduled_end_time": "2030-09-01T21:00:00+00:00",
        }  # fmt: skip
    await _on(discord)
    assert set(events(discord)) == {"event-gala"}, "the soonest date gets the one place left"
    status = await discord.slash("/countdown status", user="moderator")
    assert "1 later date(s) have no event" in str(status.message["embeds"])


async def test_members_cannot_turn_events_on(discord: LocalDiscord, start: Starter) -> None:
    await start()
    reply = await discord.slash("/countdown events", user="member", options={"state": "on"})
    assert reply.ephemeral and discord.scheduled_events == {}


async def _next_pass(bot: SavoirBot, seen: int) -> None:
    """Wait until the bot's own task has made a pass after `seen` (it wakes on the clock it sleeps on)."""
    for _ in range(200):
        if bot.events.passes > seen:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the scheduled-events task made no pass")


async def test_off_deletes_at_once_even_while_a_retry_is_pending(
    discord: LocalDiscord, start: Starter
) -> None:
    running = await start()
    await _on(discord)
    settings = running.bot.events.guild(int(discord.world.guild_id))
    settings.problem, settings.problem_until = (
        "events.problem.limit",
        running.bot.clock.now() + dt.timedelta(minutes=15),
    )
    reply = await discord.slash("/countdown events", user="moderator", options={"state": "off"})
    assert "Discord events are off" in reply.content
    assert events(discord) == {}


async def test_a_refused_creation_leaves_moves_done_and_is_retried_when_announced(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _on(discord)
    premiere_id = events(discord)["premiere-s9"]["id"]
    discord.max_scheduled_events = 2  # Discord's limit reached by the time the next creation comes
    soon = DatedFact(id="event-soon", kind="event", title="Fan breakfast", date="2030-07-20", venue="Quay Cafe",
                     city="Porto", timezone="Europe/Lisbon", sources=[])  # fmt: skip
    moved = PREMIERE.model_copy(update={"date": "2030-08-22"})
    seen = running.bot.events.passes
    only(running.bot, moved, GALA, soon)  # a reload: a date moved and a new one
    await _next_pass(running.bot, seen)
    made = events(discord)
    assert made["premiere-s9"]["id"] == premiere_id and made["premiere-s9"][
        "scheduled_start_time"
    ].startswith("2030-08-22")
    assert "event-soon" not in made
    status = await discord.slash("/countdown status", user="moderator")
    assert "maximum of 100 scheduled events" in str(status.message["embeds"])
    discord.max_scheduled_events = 100
    seen = running.bot.events.passes
    clock.set(clock.now() + dt.timedelta(minutes=15, seconds=1))  # the retry time the bot announced
    await _next_pass(running.bot, seen)
    assert "event-soon" in events(discord)


async def test_an_event_whose_ref_line_was_edited_away_is_still_the_facts(
    discord: LocalDiscord, start: Starter
) -> None:
    running = await start()
    await _on(discord)
    premiere = events(discord)["premiere-s9"]
    premiere["description"] = "Watch party in #general at 9! (edited by a moderator)"
    await running.bot.events.sync_all()
    assert len(discord.scheduled_events) == 2, "no second event for the same date"
    assert ref_of(discord.scheduled_events[premiere["id"]]["description"]) == "premiere-s9", (
        "its line put back"
    )


async def test_status_counts_only_events_still_ahead(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _on(discord)
    clock.set(dt.datetime(2030, 8, 12, tzinfo=UTC))  # the gala has begun, the premiere is still ahead
    await running.bot.events.sync_all()
    status = await discord.slash("/countdown status", user="moderator")
    assert "on: 1 upcoming event(s)" in str(status.message["embeds"])


async def test_any_fact_id_reads_back_from_its_ref_line(discord: LocalDiscord, start: Starter) -> None:
    running = await start()
    odd = GALA.model_copy(update={"id": "event with spaces\nand a line"})
    only(running.bot, PREMIERE, odd)
    await _on(discord)
    await running.bot.events.sync_all()
    assert set(events(discord)) == {"premiere-s9", "event with spaces\nand a line"}
    assert len(discord.scheduled_events) == 2
    await discord.slash("/countdown events", user="moderator", options={"state": "off"})
    assert discord.scheduled_events == {}


async def test_an_event_whose_hour_passed_unstarted_is_removed_and_frees_its_place(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _on(discord)
    clock.set(dt.datetime(2030, 8, 10, 13, tzinfo=UTC))  # the gala's hour (11:00-12:00 UTC) is over
    await running.bot.events.sync_all()
    assert set(events(discord)) == {"premiere-s9"}
    status = await discord.slash("/countdown status", user="moderator")
    assert "on: 1 upcoming event(s)" in str(status.message["embeds"])
