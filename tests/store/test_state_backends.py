"""Every ledger of the state database, on SQLite and on PostgreSQL: the same calls give the same answers, claims
are won once however many stores race for them, and a transaction that fails leaves nothing behind."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.countdown.milestones import parse_milestones
from bot.store.event_ledger import EventLedger, EventSettings
from bot.store.newsdesk_ledger import PENDING, Feed, NewsDeskLedger, Reason, ReviewItem
from bot.store.state import GuildSettings, StateStore

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
GUILD = 1_200_000_000_000_000_001
Opener = Callable[[], Awaitable[StateStore]]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """Opens a state store on one database (each call another connection to the same one)."""
    if request.param == "sqlite":
        return lambda: StateStore.open(tmp_path / "state.db")
    dsn = request.getfixturevalue("postgres_dsn")
    return lambda: StateStore.open_postgres(dsn)


@pytest.fixture
async def store(open_store: Opener) -> AsyncIterator[StateStore]:
    opened = await open_store()
    yield opened
    await opened.close()


async def test_guild_settings_round_trip_and_update(store: StateStore) -> None:
    settings = GuildSettings(GUILD, channel_id=5, milestones=parse_milestones("7d,1d"), ping_role_id=9,
                             watching_since=NOW, mod_log_channel_id=11, spoiler_days=3)  # fmt: skip
    await store.save_guild(settings, NOW, by=42)
    settings.channel_id, settings.problem, settings.problem_until = (
        6,
        "no permission",
        NOW + dt.timedelta(hours=1),
    )
    await store.save_guild(settings, NOW, by=None)
    found = (await store.guild_settings())[GUILD]
    assert (found.channel_id, found.ping_role_id, found.mod_log_channel_id, found.spoiler_days) == (
        6,
        9,
        11,
        3,
    )
    assert [m.code for m in found.milestones] == ["7d", "1d"]
    assert (found.watching_since, found.problem, found.problem_until) == (
        NOW,
        "no permission",
        NOW + dt.timedelta(hours=1),
    )


async def test_first_sightings_keep_the_first_moment(store: StateStore) -> None:
    assert await store.see_facts(["a", "b"], NOW) == {"a": NOW, "b": NOW}
    later = NOW + dt.timedelta(days=1)
    assert (await store.see_facts(["b", "c"], later))["c"] == later
    assert await store.facts_seen() == {"a": NOW, "b": NOW, "c": later}


async def test_post_ledger_claim_send_release_skip(store: StateStore) -> None:
    key = (GUILD, "date:x", "1d")
    assert await store.claim(key, NOW, "nonce-1", 5, NOW, 1000.5)
    assert not await store.claim(key, NOW, "nonce-2", 5, NOW, 1001.0)
    [claim] = await store.claimed()
    assert (claim.nonce, claim.channel_id, claim.claimed_at, claim.claimed_wall) == (
        "nonce-1",
        5,
        NOW,
        1000.5,
    )
    await store.release(key)
    assert await store.claimed() == []
    assert await store.claim(key, NOW, "nonce-3", 5, NOW, 1002.0)
    await store.sent(key, 777, NOW)
    other = (GUILD, "date:y", "7d")
    await store.skipped([(key, NOW, "n"), (other, NOW, "n2")], NOW, "missed")  # a sent post stays sent
    assert await store.post_statuses() == {key: "sent", other: "skipped"}
    assert await store.recorded() == {key, other}
    assert await store.claimed() == []


async def test_a_claim_is_won_once_by_racing_stores(open_store: Opener) -> None:
    stores = [await open_store() for _ in range(3)]
    try:
        keys = [(GUILD + n, "date:x", "1d") for n in range(10)]
        results = await asyncio.gather(*[
            store.claim(key, NOW, f"nonce-{i}", 5, NOW, 1.0) for key in keys for i, store in enumerate(stores)
            for _ in range(2)
        ])  # fmt: skip
        assert sum(results) == len(keys)  # each key won exactly once
        assert len(await stores[0].claimed()) == len(keys)
    finally:
        for store in stores:
            await store.close()


async def test_calendar_versions_round_trip(store: StateStore) -> None:
    await store.save_calendar_versions({"d1": ("abc", 0, NOW), "d2": ("def", 1, NOW)})
    await store.save_calendar_versions({"d1": ("xyz", 1, NOW + dt.timedelta(hours=2))})
    assert await store.calendar_versions() == {
        "d1": ("xyz", 1, NOW + dt.timedelta(hours=2)),
        "d2": ("def", 1, NOW),
    }
    assert await store.last_recovery() is None


async def test_event_ledger(store: StateStore) -> None:
    ledger = EventLedger(store)
    await ledger.save(
        EventSettings(GUILD, enabled=True, problem="missing permission", problem_until=NOW, held=2), NOW
    )
    assert (await ledger.settings())[GUILD] == EventSettings(GUILD, True, "missing permission", NOW, 0, 2)
    await ledger.claim(GUILD, "date:a", NOW)
    await ledger.claim(GUILD, "date:b", NOW)
    await ledger.made(GUILD, "date:a", 900, NOW)
    assert await ledger.events(GUILD) == {"date:a": (900, "live"), "date:b": (None, "creating")}
    await ledger.forget(GUILD, ["date:a"])
    assert await ledger.events(GUILD) == {"date:b": (None, "creating")}
    assert await ledger.events(GUILD + 1) == {}


async def test_feeds(store: StateStore) -> None:
    ledger = NewsDeskLedger(store)
    feed = Feed(GUILD, "https://example.org/feed", 42, NOW, NOW)
    assert await ledger.add_feed(feed)
    assert not await ledger.add_feed(feed)
    feed.etag, feed.failures, feed.broken, feed.problem = (
        '"v1"',
        5,
        True,
        Reason("feeds.timeout", {"seconds": 10}),
    )
    feed.taken, feed.skipped, feed.last_skip = 3, 1, Reason("feeds.no_link")
    await ledger.save_feed(feed)
    [found] = await ledger.feeds(GUILD)
    assert found == feed
    assert await ledger.feeds(GUILD + 1) == []
    assert await ledger.remove_feed(GUILD, feed.url)
    assert not await ledger.remove_feed(GUILD, feed.url)


async def test_seen_keys_count_attempts(store: StateStore) -> None:
    ledger = NewsDeskLedger(store)
    await ledger.mark_seen(["k1", "k2"], "retry", NOW)
    await ledger.mark_seen(["k1"], "refused", NOW)
    many = [f"key-{n}" for n in range(1200)]  # more than one chunk of the IN (...) list
    await ledger.mark_seen(many, "taken", NOW)
    found = await ledger.seen(["k1", "k2", "k3", *many])
    assert found["k1"] == ("refused", 2) and found["k2"] == ("retry", 1) and "k3" not in found
    assert len(found) == 2 + len(many)


def _item(file: str) -> ReviewItem:
    return ReviewItem(
        0, GUILD, file, "https://example.org/a", "feed", PENDING, "{}", NOW, "Headline", "Outlet"
    )


async def test_review_queue(store: StateStore) -> None:
    ledger = NewsDeskLedger(store)
    first = await ledger.add_item(_item("a.txt"), ["link:a"], NOW)
    second = await ledger.add_item(_item("b.txt"), ["link:b"], NOW)
    assert second > first > 0
    assert [i.file for i in await ledger.items(GUILD)] == ["a.txt", "b.txt"]
    assert await ledger.set_dropped(first, ["credit:x"])
    assert await ledger.reproposed(first, '{"new": 1}', ["credit:y"])
    await ledger.posted(first, 5, 6)
    assert await ledger.decide(first, "approved", "mod (1)", None, NOW)
    assert not await ledger.decide(first, "rejected", "other (2)", "late", NOW)  # decided once
    assert not await ledger.set_dropped(first, [])
    item = await ledger.item(first)
    assert item is not None
    assert (item.status, item.decided_by, item.dropped, item.proposals, item.channel_id, item.message_id) == (
        "approved",
        "mod (1)",
        ["credit:y"],
        '{"new": 1}',
        5,
        6,
    )
    assert [i.id for i in await ledger.items(status=None)] == [first, second]
    assert await ledger.item(second + 100) is None
    assert (await ledger.seen(["link:a"]))["link:a"] == ("queued:a.txt", 1)


async def test_a_failed_queueing_leaves_nothing(store: StateStore) -> None:
    ledger = NewsDeskLedger(store)
    await ledger.add_item(_item("same.txt"), ["link:1"], NOW)
    with pytest.raises(Exception, match=r"(?i)unique"):
        await ledger.add_item(_item("same.txt"), ["link:2"], NOW)  # one pending item per file
    assert "link:2" not in await ledger.seen(["link:2"])  # the keys went with the failed insert
    assert len(await ledger.items(GUILD)) == 1
    await ledger.mark_seen(["link:3"], "taken", NOW)  # and the store works on after it
    assert "link:3" in await ledger.seen(["link:3"])


async def test_auto_approve(store: StateStore) -> None:
    ledger = NewsDeskLedger(store)
    await ledger.set_auto_approve(GUILD, True, NOW)
    await ledger.set_auto_approve(GUILD + 1, True, NOW)
    await ledger.set_auto_approve(GUILD + 1, False, NOW)
    assert await ledger.auto_approve() == {GUILD: True, GUILD + 1: False}


async def test_reopening_keeps_everything(open_store: Opener) -> None:
    store = await open_store()
    await store.save_guild(GuildSettings(GUILD, channel_id=5, watching_since=NOW), NOW, by=1)
    await store.claim((GUILD, "f", "1d"), NOW, "n", 5, NOW, 1.0)
    await store.close()
    again = await open_store()  # migrations run again and find nothing to do
    try:
        assert (await again.guild_settings())[GUILD].channel_id == 5
        assert [c.fact_id for c in await again.claimed()] == ["f"]
    finally:
        await again.close()


async def test_the_show_each_guild_follows(store: StateStore) -> None:
    await store.choose_show(GUILD, "first", NOW, by=1)
    await store.choose_show(GUILD + 1, "second", NOW, by=None)
    await store.choose_show(GUILD, "second", NOW + dt.timedelta(hours=1), by=2)
    assert await store.guild_shows() == {GUILD: "second", GUILD + 1: "second"}
