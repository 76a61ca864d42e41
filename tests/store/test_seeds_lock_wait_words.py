"""A correction waiting past the lock's limit (another process's change holds it): the moderator is told in
words that another bot process is changing the facts, and nothing changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

import bot.store.shared_seeds as shared_seeds
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from tests.conftest import SEEDS, restartable

pytestmark = pytest.mark.postgres


async def test_a_lock_wait_past_the_limit_is_said_in_words(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_seeds, "LOCK_WAIT_SECONDS", 1)
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    async with restartable(
        discord, tmp_path / "data", clock, seeds=seeds, database_url=postgres_dsn
    ) as start:
        bot = (await start()).bot
        gone = bot.facts.facts.dates[0].id
        async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as other:
            await other.execute("SELECT pg_advisory_lock(%s)", (shared_seeds.LOCK,))
            reply = await discord.slash(
                "/facts suppress", user="moderator", options={"fact": gone, "reason": "x"}, timeout=30
            )
        print(reply.content)
        assert "another bot process" in reply.content, reply.content
        assert gone in {d.id for d in bot.facts.facts.dates}
        assert gone not in (seeds / "corrections.toml").read_text(encoding="utf-8")
