"""The calendar feed, fetched with a real HTTP client on 127.0.0.1: 200, HEAD, 304 on ETag and on date."""

from __future__ import annotations

import asyncio
import email.utils
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.calendar_export.feed import CalendarFeed
from bot.calendar_export.service import CalendarService
from bot.clock import ManualClock
from bot.facts.service import FactService
from bot.queries.upcoming import upcoming
from tests.calendar.conftest import at, changed, events, vobject_events


def free_port() -> int:
    """A port nothing listens on, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def feed(calendars: CalendarService, clock: ManualClock) -> AsyncIterator[str]:
    """The feed listening on 127.0.0.1; yields its address."""
    clock.set(at(2024, 8, 1))
    server = CalendarFeed(calendars, "127.0.0.1", free_port())
    assert await server.start()
    yield f"http://127.0.0.1:{server.port}/calendar.ics"
    await server.stop()


async def test_get_head_and_both_kinds_of_304(
    feed: str, calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(feed) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
            body, etag, modified = (
                await response.read(),
                response.headers["ETag"],
                response.headers["Last-Modified"],
            )
        assert (
            set(events(body)) == set(vobject_events(body))
            and len(events(body)) == len(upcoming(facts.facts, clock.now()).ahead) == 5
        )
        assert email.utils.parsedate_to_datetime(modified) == at(2024, 8, 1)
        async with http.head(feed) as response:
            assert response.status == 200 and await response.read() == b""
            assert response.headers["ETag"] == etag and int(response.headers["Content-Length"]) == len(body)
        async with http.get(feed, headers={"If-None-Match": etag}) as response:
            assert (
                response.status == 304 and await response.read() == b"" and response.headers["ETag"] == etag
            )
        async with http.get(feed, headers={"If-None-Match": f'"other", W/{etag}'}) as response:
            assert response.status == 304, "a list, and a weak tag, match too"
        async with http.get(feed, headers={"If-Modified-Since": modified}) as response:
            assert response.status == 304
        async with http.get(
            feed, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}
        ) as response:
            assert response.status == 200, "If-None-Match decides when both are sent"
        async with http.get(feed, headers={"If-Modified-Since": "not a date"}) as response:
            assert response.status == 200
        assert calendars.builds == 1, "every request after the first is served from the cache"

        clock.set(at(2024, 8, 1, 0).replace(second=30))
        facts.replace(changed(facts.facts, "premiere-s4-p2", date="2024-09-19"), clock.now())
        async with http.get(feed, headers={"If-None-Match": etag}) as response:
            assert response.status == 200, "a moved date is a new body"
            assert response.headers["ETag"] != etag
            assert email.utils.parsedate_to_datetime(response.headers["Last-Modified"]) > at(2024, 8, 1)
        async with http.get(feed, headers={"If-Modified-Since": modified}) as response:
            assert response.status == 200, "changed within the same second: Last-Modified still moves on"
            assert (
                int(events(await response.read())["premiere-s4-p2@emily-in-paris.savoir"].decoded("SEQUENCE"))
                == 1
            )


async def test_other_paths_and_methods_are_refused(feed: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(feed.replace("calendar.ics", "settings")) as response:
            assert response.status == 404
        async with http.post(feed, data=b"x") as response:
            assert response.status == 405


async def test_a_calendar_that_cannot_be_built_is_a_short_503(feed: str, calendars: CalendarService) -> None:
    await calendars.state.close()  # the state database is gone: the versions cannot be read
    async with aiohttp.ClientSession() as http, http.get(feed) as response:
        assert response.status == 503 and response.headers["Retry-After"] == "60"
        assert "Traceback" not in await response.text()


async def test_a_port_in_use_leaves_the_feed_off(calendars: CalendarService) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = CalendarFeed(calendars, "127.0.0.1", taken.getsockname()[1])
        assert await server.start() is False


async def test_idle_clients_are_cut_and_too_many_are_refused_while_others_are_served(
    calendars: CalendarService, clock: ManualClock
) -> None:
    clock.set(at(2024, 8, 1))
    server = CalendarFeed(calendars, "127.0.0.1", free_port())
    server.max_connections, server.lifetime = 3, 0.5
    assert await server.start()
    try:
        idle = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(3)]
        over_reader, _over = await asyncio.open_connection("127.0.0.1", server.port)
        assert await asyncio.wait_for(over_reader.read(), 2) == b"", "a fourth connection is closed at once"
        for reader, _writer in idle:  # slowloris: connected, never finishing a request
            assert await asyncio.wait_for(reader.read(), 3) == b"", (
                "an idle connection is cut after its lifetime"
            )
        url = f"http://127.0.0.1:{server.port}/calendar.ics"
        async with aiohttp.ClientSession() as http, http.get(url) as got:
            assert got.status == 200, "the places the idle clients held are free again"
    finally:
        await server.stop()


async def test_a_future_or_doubled_validator_is_read_as_the_rfc_says(feed: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(feed, headers={"If-Modified-Since": "Thu, 01 Jan 2099 00:00:00 GMT"}) as future:
            assert future.status == 200, "a date later than now is no date the client had the file at"
        async with http.get(feed) as first:
            etag = first.headers["ETag"]
        both = [("If-None-Match", '"other"'), ("If-None-Match", etag)]
        async with http.get(feed, headers=both) as doubled:
            assert doubled.status == 304, "every If-None-Match header is read"
