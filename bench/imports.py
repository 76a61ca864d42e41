"""The longest event-loop stall while /facts import reads a hostile 1 MB HTML page, beside the same page read
on the event loop (as imports did before) and the idle loop's own noise, all in the same run.

The bot, the local Discord and the page's server share one event loop here, as in the tests; a ticker on that
loop records every gap between its turns."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

from aiohttp import web

from bench.interactions import REPO
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot

# A megabyte of links that are never closed: trafilatura needs seconds for it.
HOSTILE_HTML = ("<html><body>" + "<a href=x>Emily " * 70_000)[:990_000]
TARGET_STALL_MS = 50
T = TypeVar("T")


async def _longest_stall(work: Awaitable[T]) -> tuple[float, T, float]:
    """Run work on the loop; the longest gap between two turns of the loop meanwhile, its result, seconds."""
    longest = 0.0
    done = False

    async def tick() -> None:
        nonlocal longest
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            longest, last = max(longest, now - last), now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.01)
    began = time.perf_counter()
    try:
        result = await work
    finally:
        done = True
        await ticker
    return longest, result, time.perf_counter() - began


async def _on_the_loop() -> None:
    import trafilatura

    trafilatura.bare_extraction(HOSTILE_HTML, with_metadata=True, favor_precision=True)


async def measure() -> dict[str, tuple[float, str, float]]:
    """Idle, the import through the bot, and the same page read on the loop: (longest stall, note, seconds)."""

    async def page(_: web.Request) -> web.Response:
        return web.Response(text=HOSTILE_HTML, content_type="text/html")

    app = web.Application()
    app.router.add_get("/page", page)
    runner = web.AppRunner(app)
    await runner.setup()
    served = web.TCPSite(runner, "127.0.0.1", 0)
    await served.start()
    port = served._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    figures: dict[str, tuple[float, str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        shutil.copytree(REPO / "seeds", seeds)
        async with LocalDiscord(spec_path=False) as server:
            settings = local_settings(server, seeds, Path(folder) / "state")
            settings.allow_loopback_imports = True
            clock = ManualClock(dt.datetime.now(dt.UTC))
            running = await start_local_bot(server, settings, clock)
            try:
                stall, _, seconds = await _longest_stall(asyncio.sleep(2))
                figures["idle"] = (stall, "", seconds)
                reply = server.slash("/facts import", user="moderator", url=f"http://127.0.0.1:{port}/page",
                                     timeout=120)  # fmt: skip
                stall, answer, seconds = await _longest_stall(reply)
                note = answer.embed["title"] if answer.embeds else answer.content
                figures["import"] = (stall, note[:70], seconds)
            finally:
                await running.stop()
    await runner.cleanup()
    stall, _, seconds = await _longest_stall(_on_the_loop())
    figures["on the loop"] = (stall, "", seconds)
    return figures


def main() -> int:
    """Measure and print."""
    figures = asyncio.run(measure())
    print("Longest event-loop stall: /facts import of a hostile 1 MB HTML page (unclosed links)")
    labels = {
        "idle": "idle bot, 2 s (noise floor)",
        "import": "the import, defer to reply",
        "on the loop": "same page read on the loop",
    }
    for key, label in labels.items():
        stall, note, seconds = figures[key]
        print(f"  {label:30} longest stall {stall * 1000:8.1f} ms  over {seconds:5.1f} s  {note}")
    print(f"  target: the import's longest stall under {TARGET_STALL_MS} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
