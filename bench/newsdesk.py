"""The news desk under a burst: 50 feeds with 20 new articles each, polled at once by the real bot on the local
Discord and queued for review (one review message per article). Printed: wall time, peak memory and the longest
event-loop stall, beside baselines from the same run: the same pages fetched by a bare client at the same
concurrency, the idle bot's memory, and the idle loop's own stalls."""

from __future__ import annotations

import asyncio
import datetime as dt
import resource
import shutil
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.corpus import _word
from bench.imports import TARGET_STALL_MS, _longest_stall
from bench.interactions import REPO
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from bot.newsdesk.poller import PAGE_FETCHES

FEEDS = int(__import__("os").environ.get("BENCH_FEEDS", "50"))
ENTRIES = 20


def _article(feed: int, entry: int) -> str:
    number = feed * ENTRIES + entry
    actor = f"{_word(number)} {_word(number + 10**6)}"
    role = f"{_word(number + 2 * 10**6)} {_word(number + 3 * 10**6)}"
    return (
        f"date 2025-01-14\nEmily in Paris adds {actor} to its cast. {actor} joins the cast of Emily in Paris as "
        f"{role}, a newcomer to the agency.\n\nThe new season films in Paris and Rome this spring, and more "
        "casting news is expected before the premiere, according to the streamer.\n"
    )


def _feed(base: str, feed: int) -> str:
    items = "".join(
        f"<item><title>Emily in Paris casting {feed}-{entry}</title><link>{base}/a/{feed}/{entry}</link></item>"
        for entry in range(ENTRIES)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News {feed}</title>{items}</channel></rss>'


async def _site() -> tuple[web.AppRunner, str]:
    async def feed(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        return web.Response(text=_feed(base, int(request.match_info["feed"])), content_type="application/rss+xml")

    async def article(request: web.Request) -> web.Response:
        text = _article(int(request.match_info["feed"]), int(request.match_info["entry"]))
        return web.Response(text=text, content_type="text/plain")

    app = web.Application()
    app.router.add_get("/feed/{feed}.xml", feed)
    app.router.add_get("/a/{feed}/{entry}", article)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


async def _bare_fetch(base: str) -> float:
    """Seconds for a bare client to fetch every article, PAGE_FETCHES at a time: the network's share."""
    gate = asyncio.Semaphore(PAGE_FETCHES)
    async with aiohttp.ClientSession() as session:

        async def one(feed: int, entry: int) -> None:
            async with gate, session.get(f"{base}/a/{feed}/{entry}") as response:
                await response.read()

        began = time.perf_counter()
        await asyncio.gather(*(one(f, e) for f in range(FEEDS) for e in range(ENTRIES)))
        return time.perf_counter() - began


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def measure() -> dict[str, float]:
    """Every figure of one run."""
    runner, base = await _site()
    figures: dict[str, float] = {"bare": await _bare_fetch(base)}
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        shutil.copytree(REPO / "seeds", seeds)
        async with LocalDiscord(spec_path=False) as server:
            settings = local_settings(server, seeds, Path(folder) / "state")
            settings.allow_loopback_imports = True
            clock = ManualClock(dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC))
            running = await start_local_bot(server, settings, clock)
            try:
                await server.slash("/facts log", user="moderator", options={"channel": "#announcements"})
                figures["idle stall"], _, _ = await _longest_stall(asyncio.sleep(2))
                figures["idle rss"] = _rss_mb()
                now = clock.now()
                from bot.store.newsdesk_ledger import Feed

                for feed in range(FEEDS):
                    added = Feed(int(server.world.guild_id), f"{base}/feed/{feed}.xml", 1, now, now)
                    await running.bot.newsdesk.ledger.add_feed(added)
                begun = running.bot.feeds.started
                running.bot.feeds.wake()
                stall, _, seconds = await _longest_stall(running.bot.feeds.wait_for_pass(begun, 3600))
                figures["stall"], figures["wall"] = stall, seconds
                figures["queued"] = len(await running.bot.newsdesk.ledger.items())
                figures["messages"] = sum(1 for m in server.channel_messages("announcements") if m.get("embeds"))
            finally:
                await running.stop()
    await runner.cleanup()
    figures["peak rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> int:
    """Measure and print."""
    figures = asyncio.run(measure())
    articles = FEEDS * ENTRIES
    print(f"News desk: {FEEDS} feeds x {ENTRIES} new articles polled at once, each queued for review")
    print(f"  queued {figures['queued']:.0f} of {articles} articles, {figures['messages']:.0f} review messages")
    print(f"  wall time          {figures['wall']:7.1f} s   ({figures['wall'] / articles * 1000:.0f} ms an article)")
    print(f"  bare fetch, same pages, {PAGE_FETCHES} at a time {figures['bare']:5.2f} s   (the network's share)")
    print(f"  peak memory        {figures['peak rss']:7.0f} MB  (idle bot {figures['idle rss']:.0f} MB, same process)")
    print(f"  longest loop stall {figures['stall'] * 1000:7.1f} ms  (idle bot {figures['idle stall'] * 1000:.1f} ms;"
          f" target under {TARGET_STALL_MS} ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
