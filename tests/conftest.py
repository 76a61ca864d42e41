"""Shared fixtures: the real seeds, a writable copy of them, and the fact set they build."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.local_discord import LocalDiscord
from bot.local_discord.world import Member
from bot.local_run import LocalBot, local_settings, start_local_bot
from bot.sharding import ShardPlan

pytest_plugins = ["tests.postgres_fixtures"]

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seed_facts() -> FactSet:
    """The fact set built from the real seeds/ (built once per test session)."""
    return build_fact_set(SEEDS)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ in tmp_path."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def show_only_seeds(tmp_path: Path) -> Path:
    """A seeds folder with show.toml and no articles or corrections, for tests that write their own articles."""
    target = tmp_path / "seeds"
    target.mkdir()
    shutil.copy(SEEDS / "show.toml", target / "show.toml")
    return target


@pytest.fixture
async def discord() -> AsyncIterator[LocalDiscord]:
    """The local Discord, with discord.py pointed at it. A test that leaves a request Discord would refuse,
    or a call to a route Discord does not have, fails here: every test checks what the bot sent."""
    async with LocalDiscord() as server:
        yield server
        assert server.violations == [], "the bot sent what Discord would refuse:\n" + "\n".join(
            server.violations
        )
        assert server.unexpected == [], f"the bot called routes Discord does not have: {server.unexpected}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def state_database_url(request: pytest.FixtureRequest) -> str | None:
    """The state database of a test run on both stores: None for SQLite (a file in tmp_path), else a fresh
    PostgreSQL database."""
    return None if request.param == "sqlite" else str(request.getfixturevalue("postgres_dsn"))


@pytest.fixture
def clock() -> ManualClock:
    """The bot's clock, set to the morning of 1 August 2024 (UTC)."""
    return ManualClock(dt.datetime(2024, 8, 1, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
async def savoir(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[SavoirBot]:
    """The real bot, connected to the local Discord, on a copy of seeds/ in tmp_path (a moderator's correction
    writes there, never into the working tree), its fact store in tmp_path."""
    running = await start_local_bot(discord, local_settings(discord, seeds_copy, tmp_path), clock)
    yield running.bot
    await running.stop()


def seeds_fingerprint(seeds: Path = SEEDS) -> str:
    """A hash of every file name and byte under seeds/."""
    digest = hashlib.sha256()
    for path in sorted(seeds.rglob("*")):
        digest.update(str(path.relative_to(seeds)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def _working_tree_seeds_unchanged() -> Iterator[None]:
    """No test may write into the repository's seeds/: checked once every test has run."""
    before = seeds_fingerprint()
    yield
    assert seeds_fingerprint() == before, "a test wrote into the working tree's seeds/: use seeds_copy"


@pytest.fixture
def member(discord: LocalDiscord) -> Member:
    """A plain member of the guild."""
    return discord.world.member("member")


@pytest.fixture
def moderator(discord: LocalDiscord) -> Member:
    """A member with Manage Server."""
    return discord.world.member("moderator")


Starter = Callable[[], Awaitable[LocalBot]]


@contextlib.asynccontextmanager
async def restartable(
    discord: LocalDiscord,
    state_dir: Path,
    clock: ManualClock,
    prepare: Callable[[SavoirBot], None] | None = None,
    seeds: Path = SEEDS,
    database_url: str | None = None,
    shards: ShardPlan | None = None,
) -> AsyncIterator[Starter]:
    """Start the bot (again) on the same state files, as a restart does; every bot still running is stopped
    at the end."""
    running: list[LocalBot] = []

    async def start_bot() -> LocalBot:
        settings = local_settings(discord, seeds, state_dir, database_url)
        bot = await start_local_bot(discord, settings, clock, prepare=prepare, shards=shards)
        running.append(bot)
        return bot

    try:
        yield start_bot
    finally:
        for bot in running:
            if not bot.bot.is_closed():
                await bot.stop()


async def approve_without_review(discord: LocalDiscord) -> None:
    """Turn the guild's auto-approve on: /facts import puts an article live at once (the direct path these
    tests are about); the review queue's path is tested in tests/newsdesk."""
    reply = await discord.slash("/facts review auto", user="moderator", on=True)
    assert reply.content.startswith("Auto-approve is on"), reply.content
