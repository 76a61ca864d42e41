"""The database lost while an approval sends its change: the approval is undone and the moderator is told
the database cannot be reached, in words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from tests.conftest import SEEDS, restartable
from tests.store.test_shared_seeds_bots import NEW, _connections

pytestmark = pytest.mark.postgres


async def test_the_database_lost_during_an_approval_is_said_in_words(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    async with restartable(
        discord, tmp_path / "data", clock, seeds=seeds, database_url=postgres_dsn
    ) as start:
        bot = (await start()).bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        assert reply.content.startswith("Queued for review as #1"), reply.content
        [item] = await bot.newsdesk.ledger.items(status="pending")
        original = bot.facts._send_change

        async def lose_the_database_first(by: str) -> None:
            await _connections(postgres_dsn, allowed=False)
            await original(by)

        bot.facts._send_change = lose_the_database_first  # type: ignore[method-assign]
        approved = await discord.slash("/facts review approve", user="moderator", item=1, timeout=60)
        bot.facts._send_change = original  # type: ignore[method-assign]
        await _connections(postgres_dsn, allowed=True)
        assert (seeds / "pending" / str(item.guild_id) / item.file).is_file()  # undone here
        assert "Something went wrong" not in approved.content, approved.content
        assert "database" in approved.content or "nothing was changed" in approved.content, approved.content
