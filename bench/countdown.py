"""Countdown planning for 10,000 guilds and 100 dated facts, and the dispatcher's memory over an idle bot."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.countdown.milestones import parse_milestones
from bot.countdown.planning import GuildPlan, countdown_targets, plan_countdown_posts
from bot.facts.models import DatedFact

REPO = Path(__file__).resolve().parent.parent
GUILDS = 10_000
FACTS = 100
PASSES = 20
TARGET_MS = 100
TARGET_MB = 50
NOW = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
MILESTONE_SETS = ["30d,7d,1d,1h,0", "7d,1d,0", "1d,0", "14d,3d,1h", "0"]


def dated_facts(count: int) -> list[DatedFact]:
    """Premieres, events and ticket sales spread over the year ahead."""
    rng = random.Random(3)
    facts = []
    for number in range(count):
        moment = NOW + dt.timedelta(hours=rng.randint(-500, 24 * 365))
        kind = ("premiere", "event", "ticket_sale")[number % 3]
        facts.append(DatedFact(
            id=f"{kind}-{number}", kind=kind, title=f"Title {number}", season=number, date=moment.date().isoformat(),
            time=moment.strftime("%H:00"), timezone="America/New_York", audience="members", sources=[],
        ))  # fmt: skip
    return facts


def guild_plans(count: int) -> list[GuildPlan]:
    """Most guilds keep the default milestones; some choose their own."""
    rng = random.Random(5)
    return [
        GuildPlan(guild, parse_milestones(MILESTONE_SETS[0] if rng.random() < 0.9 else rng.choice(MILESTONE_SETS)),
                  NOW - dt.timedelta(days=rng.randint(0, 60)))
        for guild in range(1, count + 1)
    ]  # fmt: skip


def planning_ms() -> tuple[list[float], int]:
    """Milliseconds per planning pass, PASSES passes, the clock moving an hour each pass; and how many posts
    the first pass found due."""
    targets = countdown_targets(dated_facts(FACTS))
    guilds = guild_plans(GUILDS)
    first_seen = {t.fact.id: NOW - dt.timedelta(days=90) for t in targets}
    recorded: dict[tuple[str, str], set[int]] = {}
    timings = []
    first_due = 0
    for number in range(PASSES):
        now = NOW + dt.timedelta(hours=number)
        began = time.perf_counter()
        plan = plan_countdown_posts(targets, guilds, first_seen, recorded, now)
        timings.append((time.perf_counter() - began) * 1000)
        first_due = first_due or len(plan.due)
        for post in plan.due + plan.missed:
            recorded.setdefault((post.fact_id, post.milestone), set()).add(post.guild_id)
    return timings, first_due


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _memory() -> dict[str, float]:
    """RSS of an idle bot, then with the dispatcher holding 10,000 guilds and a pass done."""
    from bot.client import SavoirBot
    from bot.clock import ManualClock
    from bot.facts.service import FactService
    from bot.local_discord import LocalDiscord
    from bot.local_run import local_settings
    from bot.store.state import GuildSettings, StateStore

    with tempfile.TemporaryDirectory() as folder:
        server = LocalDiscord(spec_path=False)
        settings = local_settings(server, REPO / "seeds", Path(folder))
        clock = ManualClock(NOW)
        facts = await FactService.open(settings, clock)
        facts.replace(facts.facts.model_copy(update={"dates": dated_facts(FACTS)}), NOW)
        state = await StateStore.open(settings.state_db)
        bot = SavoirBot(settings, facts, state, clock)
        idle = _rss_mb()
        for guild, plan in enumerate(guild_plans(GUILDS), start=1):
            await state.save_guild(
                GuildSettings(guild, 1000 + guild, plan.milestones, None, plan.watching_since), NOW, None
            )
        await bot.countdown.load()
        await bot.countdown.tick()  # NOW: nothing is due, so no post is sent; the pass plans every guild
        loaded = _rss_mb()
        await state.close()
        return {"idle_mb": idle, "loaded_mb": loaded}


def main() -> int:
    """Print the figures (memory measured in a fresh process)."""
    if len(sys.argv) == 2 and sys.argv[1] == "--memory":
        print(json.dumps(asyncio.run(_memory())))
        return 0
    timings, first_due = planning_ms()
    steady = timings[1:]
    print(f"countdown planning: {GUILDS:,} guilds, {FACTS} dated facts, {PASSES} passes an hour apart")
    print(f"  first pass (nothing recorded yet, {first_due:,} posts due at once): {timings[0]:.1f} ms")
    print(f"  every later pass: median {statistics.median(steady):.1f} ms, max {max(steady):.1f} ms "
          f"(target under {TARGET_MS} ms)")  # fmt: skip
    output = subprocess.run([sys.executable, "-m", "bench.countdown", "--memory"], cwd=REPO, capture_output=True,
                            text=True, check=True)  # fmt: skip
    memory = json.loads(output.stdout.strip().splitlines()[-1])
    extra = memory["loaded_mb"] - memory["idle_mb"]
    print(f"  dispatcher with {GUILDS:,} guilds: {extra:.1f} MB over an idle bot ({memory['idle_mb']:.0f} -> "
          f"{memory['loaded_mb']:.0f} MB RSS, same process; target under {TARGET_MB} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
