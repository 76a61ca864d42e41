"""Interaction latency through the local Discord: Savoir's /about beside a bare discord.py bot, same run.

/cast and its autocomplete too, and a burst of interactions at once. Latency is from the INTERACTION_CREATE frame leaving the local Discord to the callback arriving at it. Each
bot runs in its own process; blocks alternate between the two so both see the same machine noise."""

from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.local_discord import LocalDiscord

REPO = Path(__file__).resolve().parent.parent
INTERACTIONS = 2000
BLOCK = 250
TARGET_RATIO = 1.2
CAST_TARGET_RATIO = 1.3
AUTOCOMPLETE_TARGET_MS = 5.0


@dataclass
class BotUnderTest:
    """One bot process, its local Discord and what was measured."""

    kind: str
    command: str
    server: LocalDiscord
    process: asyncio.subprocess.Process | None = None
    log: Path = Path("/dev/null")
    start_to_ready: float = 0.0
    latencies: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    errors: int = 0
    extra: tuple[str, ...] = ()

    def errors_logged(self) -> int:
        """How many ERROR lines the bot process logged."""
        return sum(1 for line in self.log.read_text(errors="replace").splitlines() if " ERROR " in line)


async def _start(subject: BotUnderTest, state: Path, seeds: Path = REPO / "seeds") -> None:
    await subject.server.start()
    await asyncio.to_thread(state.mkdir, parents=True, exist_ok=True)
    subject.log = state / "bot.log"
    began = time.perf_counter()
    subject.process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.bot_process", subject.kind, "--port", str(subject.server.port),
        "--token", subject.server.token, "--guild", subject.server.world.guild_id, "--state", str(state),
        "--seeds", str(seeds), *subject.extra,
        cwd=REPO, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=subject.log.open("wb"),
    )  # fmt: skip
    assert subject.process.stdout is not None
    while (await asyncio.wait_for(subject.process.stdout.readline(), 120)).strip() != b"READY":
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
        subject.errors = subject.errors_logged()
    await subject.server.stop()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


CAST_QUERIES = ("Sylvie", "Gabriel", "Lily Collins", "Leory", "Sylvy", "Darren Star", "Grateau", "Mindy")
TYPED = ("s", "sy", "syl", "g", "ga", "leo", "li", "dar", "em", "mi", "")
FANS = 600
BURST = 500


@dataclass
class Figures:
    """Everything measured in one run."""

    bare: BotUnderTest
    savoir: BotUnderTest
    about: list[float] = field(default_factory=list)
    cast: list[float] = field(default_factory=list)
    autocomplete: list[float] = field(default_factory=list)
    burst_answered: int = 0
    burst_seconds: float = 0.0
    metered: BotUnderTest | None = None
    metered_cast: list[float] = field(default_factory=list)
    scraped: bool = False


async def measure() -> Figures:
    """Start both bots, alternate blocks of interactions between them, then autocomplete and a burst."""
    bare = BotUnderTest("bare", "/ping", LocalDiscord(spec_path=False))
    savoir = BotUnderTest("savoir", "/about", LocalDiscord(spec_path=False))
    fans = [m.username for m in savoir.server.world.add_members(FANS)]
    bare.server.world.add_members(FANS)
    # The burst comes from members who have not asked anything yet: the per-member cooldown is real.
    crowd = [m.username for m in savoir.server.world.add_members(BURST, prefix="crowd")]
    metrics_port = _free_port()
    metered = BotUnderTest(
        "savoir", "/cast", LocalDiscord(spec_path=False), extra=("--metrics-port", str(metrics_port))
    )
    metered_fans = [m.username for m in metered.server.world.add_members(FANS)]
    figures = Figures(bare, savoir, metered=metered)
    with (
        tempfile.TemporaryDirectory() as bare_state,
        tempfile.TemporaryDirectory() as savoir_state,
        tempfile.TemporaryDirectory() as metered_state,
    ):
        try:
            await _start(bare, Path(bare_state))
            await _start(savoir, Path(savoir_state))
            await _start(metered, Path(metered_state))
            count = 0

            async def ask(server: LocalDiscord, command: str, **options: Any) -> float:
                nonlocal count
                count += 1
                return (await server.slash(command, user=fans[count % FANS], **options)).latency

            for _ in range(50):  # warm-up, not counted
                await ask(bare.server, "/ping")
                await ask(savoir.server, "/about")
                await ask(savoir.server, "/cast", name="Sylvie")
            for index in range(50):
                await metered.server.slash("/cast", user=metered_fans[index % FANS], name="Sylvie")
            for _ in range(INTERACTIONS // BLOCK):
                for index in range(BLOCK):
                    query = CAST_QUERIES[index % len(CAST_QUERIES)]
                    reply = await metered.server.slash("/cast", user=metered_fans[(count + index) % FANS], name=query)
                    figures.metered_cast.append(reply.latency)
                for _ in range(BLOCK):
                    bare.latencies.append(await ask(bare.server, "/ping"))
                for _ in range(BLOCK):
                    figures.about.append(await ask(savoir.server, "/about"))
                for index in range(BLOCK):
                    query = CAST_QUERIES[index % len(CAST_QUERIES)]
                    figures.cast.append(await ask(savoir.server, "/cast", name=query))
            for index in range(INTERACTIONS):
                typed = TYPED[index % len(TYPED)]
                reply = await savoir.server.autocomplete("/cast", "name", typed, user=fans[index % FANS])
                figures.autocomplete.append(reply.latency)
            began = time.perf_counter()
            replies = await asyncio.gather(
                *(savoir.server.slash("/cast", user=crowd[i], name=CAST_QUERIES[i % len(CAST_QUERIES)], timeout=30)
                  for i in range(BURST)),
                return_exceptions=True,
            )  # fmt: skip
            figures.burst_seconds = time.perf_counter() - began
            figures.burst_answered = sum(1 for r in replies if not isinstance(r, BaseException) and r.embeds)
            figures.scraped = await _scraped(metrics_port)
        finally:
            for subject in (bare, savoir, metered):
                await _stop(subject)
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _scraped(port: int) -> bool:
    """Whether the metered bot's /metrics counted its /cast answers."""
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/metrics") as response:
        return response.status == 200 and 'savoir_commands_total{command="cast",outcome="ok"}' in await response.text()


def _line(name: str, values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    return (f"  {name:16} p50 {statistics.median(ms):6.2f} ms  p99 {_percentile(ms, 0.99):6.2f} ms  "
            f"max {max(ms):7.2f} ms")  # fmt: skip


def _ratio(values: list[float], baseline: list[float]) -> str:
    p50 = statistics.median(values) / statistics.median(baseline)
    p99 = _percentile(values, 0.99) / _percentile(baseline, 0.99)
    return f"p50 {p50:.2f}x, p99 {p99:.2f}x"


def report(figures: Figures) -> None:
    """Print the figures."""
    bare, savoir = figures.bare, figures.savoir
    print(f"interactions: {INTERACTIONS} of each, frame sent -> callback received, bots in their own processes "
          f"(blocks of {BLOCK} alternated), {FANS} members")  # fmt: skip
    print(_line("bare /ping", bare.latencies))
    print(_line("savoir /about", figures.about))
    print(_line("savoir /cast", figures.cast))
    print(_line("cast autocomplete", figures.autocomplete))
    print(f"  /about to bare: {_ratio(figures.about, bare.latencies)} (target within {TARGET_RATIO}x)")
    print(f"  /cast to bare: {_ratio(figures.cast, bare.latencies)} (target within {CAST_TARGET_RATIO}x)")
    p99 = _percentile(figures.autocomplete, 0.99) * 1000
    print(f"  autocomplete p99 {p99:.2f} ms (target under {AUTOCOMPLETE_TARGET_MS} ms)")
    print(f"  {BURST} /cast at once: {figures.burst_answered} answered in {figures.burst_seconds:.2f} s")
    print(
        f"  /cast with metrics on (METRICS_PORT, a third bot, blocks alternated): "
        f"{_ratio(figures.metered_cast, figures.cast)} of metrics off (goal within 1.05x); "
        f"/metrics scraped: {'yes' if figures.scraped else 'NO'}"
    )
    for subject in (bare, savoir):
        print(
            f"  {subject.kind} bot: start to ready {subject.start_to_ready:.2f} s, peak RSS {subject.peak_rss_mb:.0f} MB"
        )


def main() -> int:
    """Measure and print."""
    report(asyncio.run(measure()))
    return 0
