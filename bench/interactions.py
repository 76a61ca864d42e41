"""Interaction latency through the local Discord: Savoir's /about beside a bare discord.py bot, same run.

Latency is from the INTERACTION_CREATE frame leaving the local Discord to the callback arriving at it. Each
bot runs in its own process; blocks alternate between the two so both see the same machine noise."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.local_discord import LocalDiscord

REPO = Path(__file__).resolve().parent.parent
INTERACTIONS = 2000
BLOCK = 250
TARGET_RATIO = 1.2


@dataclass
class BotUnderTest:
    """One bot process, its local Discord and what was measured."""

    kind: str
    command: str
    server: LocalDiscord
    process: asyncio.subprocess.Process | None = None
    start_to_ready: float = 0.0
    latencies: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0


async def _start(subject: BotUnderTest, state: Path) -> None:
    await subject.server.start()
    began = time.perf_counter()
    subject.process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.bot_process", subject.kind, "--port", str(subject.server.port),
        "--token", subject.server.token, "--guild", subject.server.world.guild_id, "--state", str(state),
        cwd=REPO, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert subject.process.stdout is not None
    while (await asyncio.wait_for(subject.process.stdout.readline(), 60)).strip() != b"READY":
        pass
    subject.start_to_ready = time.perf_counter() - began


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _stop(subject: BotUnderTest) -> None:
    if subject.process is not None:
        subject.peak_rss_mb = _peak_rss_mb(subject.process.pid)
        assert subject.process.stdin is not None
        subject.process.stdin.close()
        await asyncio.wait_for(subject.process.wait(), 15)
    await subject.server.stop()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure() -> list[BotUnderTest]:
    """Start both bots, alternate blocks of interactions, stop them; the measured subjects."""
    bare = BotUnderTest("bare", "/ping", LocalDiscord(spec_path=False))
    savoir = BotUnderTest("savoir", "/about", LocalDiscord(spec_path=False))
    with tempfile.TemporaryDirectory() as bare_state, tempfile.TemporaryDirectory() as savoir_state:
        try:
            await _start(bare, Path(bare_state))
            await _start(savoir, Path(savoir_state))
            for subject in (bare, savoir):  # warm-up, not counted
                for _ in range(50):
                    await subject.server.slash(subject.command)
            for _ in range(INTERACTIONS // BLOCK):
                for subject in (bare, savoir):
                    for _ in range(BLOCK):
                        reply = await subject.server.slash(subject.command)
                        subject.latencies.append(reply.latency)
        finally:
            for subject in (bare, savoir):
                await _stop(subject)
    return [bare, savoir]


def report(subjects: list[BotUnderTest]) -> None:
    """Print the figures."""
    bare, savoir = subjects
    print(f"interactions: {INTERACTIONS} each, frame sent -> callback received, bots in their own processes "
          f"(blocks of {BLOCK} alternated)")  # fmt: skip
    for subject in subjects:
        ms = [value * 1000 for value in subject.latencies]
        print(f"  {subject.kind:6} {subject.command:7} p50 {statistics.median(ms):6.2f} ms  p99 "
              f"{_percentile(ms, 0.99):6.2f} ms  max {max(ms):7.2f} ms  | start to ready {subject.start_to_ready:.2f} s, "
              f"peak RSS {subject.peak_rss_mb:.0f} MB")  # fmt: skip
    p50 = statistics.median(savoir.latencies) / statistics.median(bare.latencies)
    p99 = _percentile(savoir.latencies, 0.99) / _percentile(bare.latencies, 0.99)
    print(f"  ratio /about to bare: p50 {p50:.2f}x, p99 {p99:.2f}x (target within {TARGET_RATIO}x)")


def main() -> int:
    """Measure and print."""
    report(asyncio.run(measure()))
    return 0
