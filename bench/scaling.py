"""Four shard processes over PostgreSQL against one process over SQLite: 10,000 guilds, three shows of 100 dated
facts, the countdown planning pass, posts sent through the local Discord, and posts claimed or sent twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.countdown.milestones import parse_milestones
from bot.countdown.planning import GuildPlan, Post, Target, countdown_targets, plan_countdown_posts
from bot.facts.models import DatedFact
from bot.sharding import ShardPlan
from bot.store.state import GuildSettings, StateStore

REPO = Path(__file__).resolve().parent.parent
GUILDS = 10_000
SHOWS = 3
FACTS_PER_SHOW = 100
SHARDS = 4
PASSES = 5
# Posts under way at once in one process: the dispatcher's lanes run one per channel, and every guild here has
# its own channel, so a process has as many in flight as its pool and Discord let it; 32 keeps both busy.
IN_FLIGHT = 32
NOW = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
# Every set ends with the moment itself ("0"), so every guild has one post due now, whatever it chose.
MILESTONE_SETS = ["30d,7d,1d,1h,0", "7d,1d,0", "1d,0", "14d,3d,1h,0", "0"]
RACE = "race"  # the milestone code of the race's fresh posts (the ledger takes any text)
# Fresh posts raced for by every process at once: a quarter of the guilds keeps the run within three minutes
# (each post is asked for by every process, 10,000 claims in all over PostgreSQL).
RACE_POSTS = 2_500
PREFIX = "@@"  # a child's protocol lines start so; anything else it prints is ignored


def show_of(index: int) -> int:
    """The show guild number `index` (in creation order) follows."""
    return index % SHOWS


def show_facts(show: int) -> list[DatedFact]:
    """One show's 100 dated facts: its premiere a minute ago (due now) and 99 more from 40 days to a year ahead,
    so that no other milestone of any fact is due or missed."""
    rng = random.Random(100 + show)
    moments = [NOW - dt.timedelta(minutes=1)] + [
        NOW + dt.timedelta(days=40, hours=rng.randint(0, 24 * 325)) for _ in range(FACTS_PER_SHOW - 1)
    ]
    facts = []
    for number, moment in enumerate(moments):
        kind = ("premiere", "event", "ticket_sale")[number % 3]
        facts.append(DatedFact(
            id=f"show{show}-{kind}-{number}", kind=kind, title=f"Show {show} title {number}", season=number + 1,
            date=moment.date().isoformat(), time=moment.strftime("%H:%M"), timezone="UTC", audience="members",
            sources=[],
        ))  # fmt: skip
    return facts


def due_fact(show: int) -> str:
    """The id of a show's fact whose moment is now."""
    return f"show{show}-premiere-0"


async def seed(state: StateStore, guilds: list[tuple[int, int]]) -> None:
    """Write every guild's settings (its channel set, watching for weeks) and when each fact was first seen:
    the due premieres half an hour ago, so their earlier milestones were never postable (none is missed)."""
    rng = random.Random(5)
    rows = []
    for guild_id, channel_id in guilds:
        milestones = MILESTONE_SETS[0] if rng.random() < 0.9 else rng.choice(MILESTONE_SETS)
        since = (NOW - dt.timedelta(days=rng.randint(1, 60))).isoformat()
        rows.append((guild_id, channel_id, milestones, since, NOW.isoformat()))
    await state.database.executemany(
        "INSERT INTO guild_settings (guild_id, channel_id, milestones, watching_since, updated_at)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    ids = [fact.id for show in range(SHOWS) for fact in show_facts(show)]
    due = [due_fact(show) for show in range(SHOWS)]
    await state.see_facts([f for f in ids if f not in due], NOW - dt.timedelta(days=90))
    await state.see_facts(due, NOW - dt.timedelta(minutes=30))


# -- a child process: one shard process of the bot, reduced to its countdown ------------------------------------


def _send(line: dict[str, Any]) -> None:
    print(PREFIX + json.dumps(line), flush=True)


async def _next_step() -> str:
    """The parent's next word (each step starts when the parent says so, in every process at once or in turn)."""
    line: str = await asyncio.to_thread(sys.stdin.readline)
    return line.strip()


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _plan_pass(
    settings: dict[int, GuildSettings],
    shards: ShardPlan,
    show: dict[int, int],
    targets: list[list[Target]],
    seen: dict[str, dt.datetime],
    recorded: dict[tuple[str, str], set[int]],
) -> tuple[list[Post], int]:
    """What CountdownDispatcher._pass plans: this process's guilds with a channel, each against its show's facts;
    the due posts and how many were missed."""
    by_show: list[list[GuildPlan]] = [[] for _ in range(SHOWS)]
    for g in settings.values():
        if g.channel_id is not None and shards.owns(g.guild_id):
            by_show[show[g.guild_id]].append(GuildPlan(g.guild_id, g.milestones, g.watching_since))
    due: list[Post] = []
    missed = 0
    for number, guilds in enumerate(by_show):
        plan = plan_countdown_posts(targets[number], guilds, seen, recorded, NOW)
        due.extend(plan.due)
        missed += len(plan.missed)
    return due, missed


async def child(config: dict[str, Any]) -> None:
    """Open the state store, plan, connect a discord.py shard client, then on the parent's word: send this
    process's due posts (claim, send with the nonce, record), then try to claim every guild's posts."""
    import discord
    import yarl

    from bot.rendering.countdown import render_countdown_post

    shards = ShardPlan(SHARDS, tuple(config["shards"]))
    began = time.perf_counter()
    state = await StateStore.open_configured(Path(config["sqlite"]), config["url"])
    opened = time.perf_counter()
    settings = await state.guild_settings()
    seen = await state.facts_seen()
    recorded: dict[tuple[str, str], set[int]] = {}
    for guild_id, fact_id, milestone in await state.recorded():
        recorded.setdefault((fact_id, milestone), set()).add(guild_id)
    loaded = time.perf_counter()
    ordered = sorted(settings)  # guild ids grow with creation order, which decides the show
    show = {guild_id: show_of(index) for index, guild_id in enumerate(ordered)}
    targets = [countdown_targets(show_facts(number)) for number in range(SHOWS)]
    by_id = {t.fact.id: t for ts in targets for t in ts}
    due, missed = _plan_pass(settings, shards, show, targets, seen, recorded)

    port = config["port"]
    discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/")

    class Client(discord.AutoShardedClient):
        async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
            """No 5 s between IDENTIFYs: the local Discord has no identify rate limit."""

    client = Client(
        intents=discord.Intents.default(),
        shard_count=SHARDS,
        shard_ids=list(shards.ids),
        guild_ready_timeout=0.05,
    )
    connecting = time.perf_counter()
    await client.login("local-token")
    runner = asyncio.create_task(client.connect())
    ready = asyncio.create_task(client.wait_until_ready())
    await asyncio.wait({runner, ready}, return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():
        runner.result()  # raises what stopped the client
    _send({
        "open_ms": (opened - began) * 1000, "load_ms": (loaded - opened) * 1000, "due": len(due), "missed": missed,
        "guilds_seen": len(client.guilds), "ready_s": time.perf_counter() - connecting,
    })  # fmt: skip
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def post(item: Post, won: list[list[Any]], latencies: list[float]) -> None:
        """A lane's work for one post: claim, send with the nonce, record."""
        async with gate:
            start = time.perf_counter()
            channel_id = settings[item.guild_id].channel_id or 0
            if not await state.claim(item.key, item.due, item.nonce, channel_id, NOW, time.time()):
                return
            won.append(list(item.key))
            target = by_id[item.fact_id]
            content = render_countdown_post(target, parse_milestones(item.milestone)[0], "en-US", None)
            channel = client.get_channel(channel_id)
            assert isinstance(channel, discord.TextChannel), channel_id
            message = await channel.send(
                content, nonce=item.nonce, allowed_mentions=discord.AllowedMentions.none()
            )
            await state.sent(item.key, message.id, NOW)
            latencies.append(time.perf_counter() - start)

    async def store_only(key: tuple[int, str, str], won: list[list[Any]]) -> None:
        """The same post's ledger work without Discord: claim, then record."""
        async with gate:
            if await state.claim(key, NOW, "store", settings[key[0]].channel_id or 0, NOW, time.time()):
                won.append(list(key))
                await state.sent(key, 1, NOW)

    async def grab(key: tuple[int, str, str], won: list[list[Any]]) -> None:
        """A claim alone."""
        async with gate:
            if await state.claim(key, NOW, "race", settings[key[0]].channel_id or 0, NOW, time.time()):
                won.append(list(key))

    while (step := await _next_step()) not in ("", "quit"):
        won: list[list[Any]] = []
        latencies: list[float] = []
        start_wall, cpu = time.time(), _cpu_s()
        if step == "plan":  # the dispatcher's pass over this process's guilds, PASSES times
            timings = []
            for _ in range(PASSES):
                start = time.perf_counter()
                _plan_pass(settings, shards, show, targets, seen, recorded)
                timings.append((time.perf_counter() - start) * 1000)
            latencies = timings
        elif step == "send":  # this process's own due posts
            await asyncio.gather(*(post(item, won, latencies) for item in sorted(due, key=lambda p: p.due)))
        elif step == "store":  # the same posts under another milestone code, ledger only
            await asyncio.gather(*(store_only((p.guild_id, p.fact_id, "store"), won) for p in due))
        elif step == "again":  # every guild's due post, this process's or not: all are taken already
            await asyncio.gather(*(grab((g, due_fact(show[g]), "0"), won) for g in ordered))
        elif step == "race":  # a fresh post per guild, every process in the same order: the same post at once
            racing = ordered[:RACE_POSTS]  # guild k lives on shard k % 4: every shard's guilds are in it
            random.Random(7).shuffle(racing)
            await asyncio.gather(*(grab((g, due_fact(show[g]), RACE), won) for g in racing))
        _send({
            "start": start_wall, "end": time.time(), "cpu_s": _cpu_s() - cpu, "won": won, "times": latencies,
            "rss_mb": _max_rss_mb(),
        })  # fmt: skip
    await client.close()
    await asyncio.gather(runner, return_exceptions=True)
    await state.close()


# -- the parent: the local Discord, the database, and the children ---------------------------------------------


@dataclass
class Outcome:
    """What one configuration measured: each child's answer to each step, and what Discord received."""

    ready: list[dict[str, Any]]
    alone: list[dict[str, Any]]  # each process's planning passes, one process at a time
    steps: dict[str, list[dict[str, Any]]]  # every process at once
    seed_s: float
    messages: int
    posted_twice: int
    discord_busy: float  # the local Discord's process: CPU seconds over wall seconds while posts were sent
    discord_rss_mb: float


class Child:
    """A child process speaking the bench's line protocol."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log

    async def read(self) -> dict[str, Any]:
        """The child's next protocol line (its other output skipped)."""
        assert self.process.stdout is not None
        while True:
            line = await self.process.stdout.readline()
            if not line:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"a child process ended early:\n{tail}")
            if line.startswith(PREFIX.encode()):
                found: dict[str, Any] = json.loads(line[len(PREFIX) :])
                return found

    def say(self, step: str) -> None:
        """Start a step."""
        assert self.process.stdin is not None
        self.process.stdin.write(step.encode() + b"\n")


async def _together(children: list[Child], step: str) -> list[dict[str, Any]]:
    for c in children:
        c.say(step)
    return [await c.read() for c in children]


async def run(folder: Path, url: str | None, processes: list[list[int]]) -> Outcome:
    """Seed the store, start one child per entry of `processes` (its shard ids), run every step, and count
    what the local Discord received."""
    from bot.local_discord import LocalDiscord

    server = LocalDiscord(spec_path=False)
    server.world.add_guilds(GUILDS - 1)  # with the first guild: 10,000
    guilds = [
        (int(guild_id), int(guild.channel("announcements").id))
        for guild_id, guild in server.world.guilds.items()
    ]
    await server.start()
    sqlite = folder / "state.db"
    began = time.perf_counter()
    state = await StateStore.open_configured(sqlite, url)
    await seed(state, guilds)
    await state.close()
    seed_s = time.perf_counter() - began
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = []
    for number, shard_ids in enumerate(processes):
        config = {"shards": shard_ids, "sqlite": str(sqlite), "url": url, "port": server.port}
        log = folder / f"child-{number}.log"
        with log.open("wb") as errors:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bench.scaling", "--child", json.dumps(config), cwd=REPO, env=env,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=errors, limit=64 * 1024 * 1024,
            )  # fmt: skip
        children.append(Child(process, log))
    steps: dict[str, list[dict[str, Any]]] = {}
    try:
        ready = [await c.read() for c in children]
        alone = []
        for c in children:  # one at a time: a pass's own cost, not the two cores' sharing
            c.say("plan")
            alone.append(await c.read())
        if len(children) > 1:
            steps["plan"] = await _together(children, "plan")
        wall, cpu = time.perf_counter(), _cpu_s()
        steps["send"] = await _together(children, "send")
        busy = (_cpu_s() - cpu) / (time.perf_counter() - wall)
        for step in ("store", "again", "race"):
            steps[step] = await _together(children, step)
        for c in children:
            assert c.process.stdin is not None
            c.process.stdin.close()
            await c.process.wait()
    finally:
        for c in children:
            if c.process.returncode is None:
                c.process.kill()
                await c.process.wait()
        await server.stop()
    messages = [m for found in server.messages.values() for m in found]
    per_channel = Counter(m["channel_id"] for m in messages)
    per_nonce = Counter((m["channel_id"], m.get("nonce")) for m in messages)
    twice = sum(1 for n in per_channel.values() if n > 1) + sum(1 for n in per_nonce.values() if n > 1)
    return Outcome(ready, alone, steps, seed_s, len(messages), twice, busy, _max_rss_mb())


def _won_twice(*rounds: list[dict[str, Any]]) -> int:
    """Posts won by more than one claim over these rounds, across every process."""
    won = Counter(tuple(k) for results in rounds for r in results for k in r["won"])
    return sum(1 for n in won.values() if n > 1)


def _rate(results: list[dict[str, Any]], count: int) -> float:
    """Per second, from the first process's start to the last one's end."""
    return count / float(max(r["end"] for r in results) - min(r["start"] for r in results))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _summary(outcome: Outcome) -> dict[str, Any]:
    """The figures of one configuration."""
    steps = outcome.steps
    sent = sum(len(r["won"]) for r in steps["send"])
    stored = sum(len(r["won"]) for r in steps["store"])
    raced = sum(len(r["won"]) for r in steps["race"])
    latencies = [x for r in steps["send"] for x in r["times"]]
    return {
        "pass_ms": [statistics.median(r["times"]) for r in outcome.alone],
        "together_ms": [statistics.median(r["times"]) for r in steps.get("plan", outcome.alone)],
        "due": [r["due"] for r in outcome.ready],
        "missed": sum(r["missed"] for r in outcome.ready),
        "open_ms": [r["open_ms"] for r in outcome.ready],
        "load_ms": [r["load_ms"] for r in outcome.ready],
        "ready_s": [r["ready_s"] for r in outcome.ready],
        "sent": sent,
        "posts_s": _rate(steps["send"], sent),
        "p50_ms": _percentile(latencies, 0.5) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "child_busy": [r["cpu_s"] / (r["end"] - r["start"]) for r in steps["send"]],
        "stored": stored,
        "store_s": _rate(steps["store"], stored),
        "again": sum(len(r["won"]) for r in steps["again"]),
        "again_s": max(r["end"] for r in steps["again"]) - min(r["start"] for r in steps["again"]),
        "raced": raced,
        "race_s": _rate(steps["race"], raced * len(steps["race"])),  # attempts a second
        "twice_due": _won_twice(steps["send"], steps["again"]),
        "twice_raced": _won_twice(steps["race"]),
        "rss_mb": [r["rss_mb"] for r in steps["race"]],
    }


def _span(values: list[float], fmt: str) -> str:
    """One figure, or the range over the processes."""
    low, high = format(min(values), fmt), format(max(values), fmt)
    return low if low == high else f"{low}-{high}"


async def measure() -> tuple[Outcome, Outcome, float]:
    """PostgreSQL with four shard processes, then SQLite with one process holding the four shards."""
    from tests.postgres_server import PostgresServer

    with tempfile.TemporaryDirectory(prefix="savoir-scaling-") as folder:
        began = time.perf_counter()
        with PostgresServer() as server:
            started = time.perf_counter() - began
            url = server.create_database()
            (Path(folder) / "pg").mkdir()
            postgres = await run(Path(folder) / "pg", url, [[shard] for shard in range(SHARDS)])
        (Path(folder) / "sqlite").mkdir()
        sqlite = await run(Path(folder) / "sqlite", None, [list(range(SHARDS))])
    return postgres, sqlite, started


def main() -> int:
    """Print the figures (each process's own, the SQLite baseline beside them)."""
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        asyncio.run(child(json.loads(sys.argv[2])))
        return 0
    began = time.perf_counter()
    postgres, sqlite, pg_start_s = asyncio.run(measure())
    pg, lite = _summary(postgres), _summary(sqlite)
    print(f"scaling: {GUILDS:,} guilds, {SHOWS} shows x {FACTS_PER_SHOW} dated facts (guild i follows show i % 3), "
          f"one post due now a guild; {SHARDS} shard processes on PostgreSQL, baseline 1 process on SQLite")  # fmt: skip
    print(f"  planning pass, median of {PASSES}: {_span(pg['pass_ms'], '.1f')} ms a process for its "
          f"{_span(pg['due'], ',')} guilds run alone, {_span(pg['together_ms'], '.1f')} ms with all 4 at once "
          f"(SQLite, {lite['due'][0]:,} guilds in one process: {lite['pass_ms'][0]:.1f} ms)")  # fmt: skip
    print(f"  start: opening the store {_span(pg['open_ms'], '.0f')} ms, reading settings, first sightings and "
          f"ledger {_span(pg['load_ms'], '.0f')} ms a process (SQLite, the file checked whole: "
          f"{lite['open_ms'][0]:.0f} ms and {lite['load_ms'][0]:.0f} ms); shards ready {_span(pg['ready_s'], '.1f')} s "
          f"(SQLite process, 4 shards: {lite['ready_s'][0]:.1f} s)")  # fmt: skip
    print(f"  posts claimed, sent through the local Discord by discord.py shard clients, recorded: {pg['sent']:,} at "
          f"{pg['posts_s']:,.0f} posts/s over the 4 processes (SQLite, one process: {lite['sent']:,} at "
          f"{lite['posts_s']:,.0f} posts/s)")  # fmt: skip
    print(f"    claim to record, {IN_FLIGHT} posts under way a process: p50 {pg['p50_ms']:.0f} ms, p99 "
          f"{pg['p99_ms']:.0f} ms (SQLite p50 {lite['p50_ms']:.0f} ms, p99 {lite['p99_ms']:.0f} ms); CPU busy: "
          f"local Discord {postgres.discord_busy:.0%}, each shard process {_span(pg['child_busy'], '.0%')} "
          f"(SQLite run: {sqlite.discord_busy:.0%} and {lite['child_busy'][0]:.0%}; 2 cores)")  # fmt: skip
    print(f"  the ledger alone (claim then record, no Discord): {pg['stored']:,} at {pg['store_s']:,.0f} posts/s "
          f"(SQLite {lite['stored']:,} at {lite['store_s']:,.0f} posts/s)")  # fmt: skip
    print(f"  duplicates: posts claimed twice {pg['twice_due']} (then every process tried all {GUILDS:,}: "
          f"{pg['again']} won, {pg['again_s']:.1f} s), messages posted twice in Discord {postgres.posted_twice} of "
          f"{postgres.messages:,}, missed {pg['missed']} (SQLite: {lite['twice_due']}; {sqlite.posted_twice} of "
          f"{sqlite.messages:,})")  # fmt: skip
    print(f"  race for {RACE_POSTS:,} fresh posts, all {SHARDS} processes claiming each in the same order: "
          f"{pg['raced']:,} won, {pg['twice_raced']} won twice, {pg['race_s']:,.0f} claims/s "
          f"(SQLite, one process: {lite['race_s']:,.0f} claims/s)")  # fmt: skip
    print(f"  peak memory: {_span(pg['rss_mb'], '.0f')} MB a shard process (SQLite process "
          f"{lite['rss_mb'][0]:.0f} MB); the local Discord with {GUILDS:,} guilds and their posts (the bench's own process) {postgres.discord_rss_mb:.0f} MB")  # fmt: skip
    print(f"  setup: PostgreSQL server started in {pg_start_s:.1f} s, {GUILDS:,} guilds written in "
          f"{postgres.seed_s:.1f} s (SQLite {sqlite.seed_s:.1f} s); whole bench {time.perf_counter() - began:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
