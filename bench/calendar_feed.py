"""The calendar feed's requests per second beside a bare aiohttp handler returning a body of the same size,
both served and fetched in the same process on the same machine."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import tempfile
import time
from pathlib import Path

from aiohttp import ClientSession, TCPConnector, web

from bench.countdown import NOW, dated_facts
from bot.calendar_export.feed import CONTENT_TYPE, CalendarFeed
from bot.calendar_export.service import CalendarService
from bot.clock import ManualClock
from bot.facts.build import build_fact_set
from bot.facts.service import FactService
from bot.store.state import StateStore

REPO = Path(__file__).resolve().parent.parent
FACTS = 100
SECONDS = 2.0
CLIENTS = 16


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _rate(url: str, headers: dict[str, str] | None = None) -> tuple[float, int]:
    """Requests per second over SECONDS with CLIENTS at once on kept-alive connections; and the last status."""
    done, status = 0, 0
    deadline = time.perf_counter() + SECONDS
    async with ClientSession(connector=TCPConnector(limit=CLIENTS)) as http:

        async def client() -> None:
            nonlocal done, status
            while time.perf_counter() < deadline:
                async with http.get(url, headers=headers) as response:
                    await response.read()
                    status = response.status
                done += 1

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        return done / (time.perf_counter() - began), status


async def _bare(size: int) -> tuple[web.AppRunner, str]:
    body = b"x" * size

    async def handler(_: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    app = web.Application()
    app.router.add_get("/calendar.ics", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/calendar.ics"


async def _measure() -> None:
    seeds = build_fact_set(REPO / "seeds")
    clock = ManualClock(NOW - dt.timedelta(days=30))
    facts = FactService(seeds.model_copy(update={"dates": dated_facts(FACTS)}), clock.now())
    with tempfile.TemporaryDirectory() as folder:
        state = await StateStore.open(Path(folder) / "state.db")
        calendars = CalendarService(facts, state, clock)
        began = time.perf_counter()
        file = await calendars.current()
        first_ms = (time.perf_counter() - began) * 1000
        feed = CalendarFeed(calendars, "127.0.0.1", _free_port())
        await feed.start()
        feed_url = f"http://127.0.0.1:{feed.port}/calendar.ics"
        runner, bare_url = await _bare(len(file.body))
        try:
            bare, _ = await _rate(bare_url)
            served, status = await _rate(feed_url)
            unchanged, not_modified = await _rate(feed_url, {"If-None-Match": file.etag})
        finally:
            await runner.cleanup()
            await feed.stop()
            await state.close()
    print(f"calendar feed: {len(file.fact_ids)} upcoming dates, {len(file.body):,} bytes; "
          f"{CLIENTS} clients for {SECONDS:.0f} s each, same process and machine")  # fmt: skip
    print(
        f"  first build (versions recorded, .ics made): {first_ms:.1f} ms; builds in all: {calendars.builds}"
    )
    print(f"  bare aiohttp handler, same-size body: {bare:,.0f} requests/s")
    print(f"  GET /calendar.ics ({status}): {served:,.0f} requests/s ({served / bare:.2f}x the bare handler)")
    print(f"  GET with a matching ETag ({not_modified}): {unchanged:,.0f} requests/s "
          f"({unchanged / bare:.2f}x the bare handler)")  # fmt: skip


def main() -> int:
    """Print the figures."""
    asyncio.run(_measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
