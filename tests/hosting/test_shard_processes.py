"""Three bot processes, one shard each, over one PostgreSQL database and the local Discord, guilds of two shows
spread over the shards: one process is killed with SIGKILL while it posts, its shard is started in a new
process on an empty seeds folder (as on another machine), and every countdown milestone of every guild is
posted exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from bot.countdown.milestones import parse_milestones
from bot.local_discord import LocalDiscord
from bot.sharding import shard_of
from bot.store.state import GuildSettings, StateStore
from tests.shows.conftest import LIGHTHOUSE

pytestmark = pytest.mark.postgres

SHARDS = 3
PREMIERES = 6


def _premieres(seeds: Path, moment: dt.datetime, first: int) -> list[str]:
    """Premieres a moderator added to a show (corrections.toml), all at `moment`, seasons from `first` on.
    Returns their fact ids."""
    ids = [f"premiere-s{season}" for season in range(first, first + PREMIERES)]
    entries = "".join(
        f"""
[[corrections]]
action = "add"
kind = "premiere"
set = {{ id = "{fact}", title = "Season {first + n}", season = {first + n}, date = "{moment:%Y-%m-%d}", time = "{moment:%H:%M}", timezone = "UTC" }}
by = "a moderator"
"""
        for n, fact in enumerate(ids)
    )
    with (seeds / "corrections.toml").open("a", encoding="utf-8") as file:
        file.write(entries)
    return ids


async def _start(
    discord: LocalDiscord, shard: int, seeds: Path, data: Path, dsn: str
) -> asyncio.subprocess.Process:
    environment = {
        **os.environ, "DISCORD_TOKEN": discord.token, "DISCORD_API_BASE": f"http://127.0.0.1:{discord.port}",
        "SEEDS_DIR": str(seeds), "SAVOIR_DATA_DIR": str(data), "DATABASE_URL": dsn, "LOG_LEVEL": "INFO",
    }  # fmt: skip
    environment.pop("DEV_GUILD_ID", None)
    log = os.open(
        data.parent / f"shard-{shard}-{data.name}.log", os.O_WRONLY | os.O_CREAT
    )  # kept for a failure
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--shard-count", str(SHARDS), "--shard-ids", str(shard),
            cwd=data.parent, env=environment, stderr=log,
        )  # fmt: skip
    finally:
        os.close(log)


async def test_a_killed_shard_process_posts_nothing_twice_and_loses_nothing(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, postgres_dsn: str
) -> None:
    guilds = [discord.world.guild_id, *discord.world.add_guilds(2 * SHARDS - 1)]
    assert {shard_of(int(g), SHARDS) for g in guilds} == set(range(SHARDS))
    seeds = tmp_path / "shows"  # two shows; guilds in turn follow one and the other, on every shard
    shutil.copytree(seeds_copy, seeds / "first")
    shutil.copytree(LIGHTHOUSE, seeds / "second")
    follows = {guild: ("first", 40) if n % 2 == 0 else ("second", 60) for n, guild in enumerate(guilds)}
    assert {shard_of(int(g), SHARDS) for g in guilds if follows[g][0] == "second"} == set(range(SHARDS))
    now = dt.datetime.now(dt.UTC)
    # Times have whole minutes: a premiere two to three minutes away, and the milestone that falls due 25 to
    # 85 seconds from now (after the processes have started and first seen the facts).
    moment = (now + dt.timedelta(minutes=3)).replace(second=0, microsecond=0)
    minutes = int((moment - now - dt.timedelta(seconds=25)).total_seconds() // 60)
    milestone = parse_milestones(f"{minutes}m")
    facts = {show: _premieres(seeds / show, moment, first) for show, first in set(follows.values())}
    state = await StateStore.open_postgres(postgres_dsn)
    try:
        for guild in guilds:
            channel = int(discord.world.guilds[guild].channel("announcements").id)
            settings = GuildSettings(int(guild), channel_id=channel, milestones=milestone,
                                     watching_since=now - dt.timedelta(hours=2))  # fmt: skip
            await state.save_guild(settings, now, by=None)
            await state.choose_show(int(guild), follows[guild][0], now, by=None)
    finally:
        await state.close()
    # Posts go out slowly (Discord answers 429 now and then), so the kill lands while some are still to come.
    discord.rate_limit("POST", "/api/v10/channels/", times=12, retry_after=0.4)
    victim = shard_of(int(guilds[1]), SHARDS)
    victims_guilds = [g for g in guilds if shard_of(int(g), SHARDS) == victim]
    processes = [await _start(discord, 0, seeds, tmp_path / "data-0", postgres_dsn)]
    try:
        # The first process fills the database with the articles; the others start on empty folders.
        await discord.wait_until_connected(timeout=60, shard_id=0)
        for shard in range(1, SHARDS):
            processes.append(
                await _start(
                    discord, shard, tmp_path / f"seeds-{shard}", tmp_path / f"data-{shard}", postgres_dsn
                )
            )
        # Kill the victim as soon as one of its guilds got its first post: it has more under way.
        await discord.wait_for_messages("announcements", 1, timeout=150, guild=victims_guilds[0])
        processes[victim].send_signal(signal.SIGKILL)
        await processes[victim].wait()
        posted_before = sum(len(discord.channel_messages("announcements", guild=g)) for g in victims_guilds)
        assert posted_before < len(victims_guilds) * PREMIERES, "the kill came after everything was posted"
        processes.append(
            await _start(discord, victim, tmp_path / "seeds-again", tmp_path / "data-again", postgres_dsn)
        )
        for guild in guilds:
            await discord.wait_for_messages("announcements", PREMIERES, timeout=120, guild=guild)
        await asyncio.sleep(2)  # time for a second copy of anything to arrive
        for guild in guilds:
            messages = discord.channel_messages("announcements", guild=guild)
            first = follows[guild][1]
            expected = [f"Season {s}" for s in range(first, first + PREMIERES)]
            seasons = sorted(next((s for s in expected if s in m["content"]), m["content"]) for m in messages)
            assert seasons == expected, (guild, seasons)
        state = await StateStore.open_postgres(postgres_dsn)
        try:
            statuses = await state.post_statuses()
        finally:
            await state.close()
        assert statuses == {
            (int(g), fact, milestone[0].code): "sent" for g in guilds for fact in facts[follows[g][0]]
        }
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
