"""A running copy edited by hand, then /facts reload: the edit is built (and shared), not silently lost."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from tests.conftest import SEEDS, restartable

pytestmark = pytest.mark.postgres


async def test_a_hand_edit_then_a_reload_is_not_silently_lost(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    async with restartable(discord, tmp_path / "data", clock, seeds=seeds, database_url=postgres_dsn) as start:
        bot = (await start()).bot
        gone = bot.facts.facts.dates[0].id
        path = seeds / "corrections.toml"
        edit = f'\n[[corrections]]\naction = "suppress"\nfact = "{gone}"\nby = "host admin"\nreason = "by hand"\n'
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        reply = await discord.slash("/facts reload", user="moderator", timeout=60)
        built = gone not in {d.id for d in bot.facts.facts.dates}
        kept = await asyncio.to_thread(
            lambda: any(edit.strip() in p.read_text(encoding="utf-8") for p in seeds.rglob("corrections.toml*"))
        )
        assert built or (kept and "corrections.toml" in reply.content), (built, kept, reply.content)
