"""Members' /cast while a moderator's /facts reload rebuilds from 1,000 articles, beside the same without one."""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus
from bench.interactions import REPO, BotUnderTest, _percentile, _start, _stop
from bot.local_discord import LocalDiscord

ARTICLES = 1000
BASELINE = 1000
QUERIES = ("Sylvie", "Gabriel", "Lily Collins", "Leory", "Darren Star", "Mindy")
TARGET_P99_MS = 50


def _longest_gap(state: Path, start: float, end: float) -> float:
    """The bot's longest event-loop stall between two wall-clock times, in ms (from its own record)."""
    gaps = json.loads((state / "loop-gaps.json").read_text(encoding="utf-8"))
    return max((gap for at, gap in gaps if start <= at <= end + gap), default=0.0) * 1000


async def measure() -> tuple[list[float], list[float], float, float, float]:
    """/cast latencies without a reload, then during one; how long the reload took; the bot's longest
    event-loop stall without a reload and during it."""
    subject = BotUnderTest("savoir", "/cast", LocalDiscord(spec_path=False))
    fans = [m.username for m in subject.server.world.add_members(2000)]
    quiet: list[float] = []
    busy: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        write_corpus(REPO / "seeds", seeds, ARTICLES)
        (seeds / "corrections.toml").write_text("", encoding="utf-8")
        try:
            await _start(subject, Path(folder) / "state", seeds)
            server = subject.server
            quiet_from = time.time()
            for number in range(BASELINE):
                reply = await server.slash(
                    "/cast", user=fans[number % 1000], name=QUERIES[number % len(QUERIES)]
                )
                quiet.append(reply.latency)
            quiet_to = began_wall = time.time()
            began = time.perf_counter()
            reload = asyncio.create_task(server.slash("/facts reload", user="moderator", timeout=120))
            number = 0
            while not reload.done():
                reply = await server.slash(
                    "/cast", user=fans[1000 + number % 1000], name=QUERIES[number % len(QUERIES)]
                )
                busy.append(reply.latency)
                number += 1
            result = await reload
            seconds = time.perf_counter() - began
            ended_wall = time.time()
            assert result.embeds, f"the reload did not finish: {result.content}"
        finally:
            await _stop(subject)
        state = Path(folder) / "state"
        quiet_gap = _longest_gap(state, quiet_from, quiet_to)
        busy_gap = _longest_gap(state, began_wall, ended_wall)
    return quiet, busy, seconds, quiet_gap, busy_gap


def main() -> int:
    """Measure and print."""
    quiet, busy, seconds, quiet_gap, busy_gap = asyncio.run(measure())
    print(f"/cast during /facts reload of {ARTICLES:,} articles (the build runs in a separate process)")
    for name, values in (("without a reload", quiet), ("during the reload", busy)):
        ms = [value * 1000 for value in values]
        print(f"  {name:18} {len(ms):5} answers  p50 {statistics.median(ms):6.2f} ms  p99 "
              f"{_percentile(ms, 0.99):6.2f} ms  max {max(ms):7.2f} ms")  # fmt: skip
    print(f"  the reload took {seconds:.1f} s; target: p99 during it under {TARGET_P99_MS} ms")
    print(
        f"  the bot's longest event-loop stall: {busy_gap:.0f} ms during the reload (swap, index, diff included), "
        f"{quiet_gap:.0f} ms while answering without one (target: under {TARGET_P99_MS} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
