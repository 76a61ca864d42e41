"""A running copy edited by hand (or a backup restored into it), then /facts reload: with shared seeds the
database is the truth, so the edit is set aside in .not-shared/ (kept, not lost), never built by this process
alone and never sent over the moderators' changes; the process answers from the shared seeds like the rest."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from tests.conftest import SEEDS, restartable

pytestmark = pytest.mark.postgres


async def test_a_hand_edit_is_set_aside_not_built_alone_or_sent(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    async with restartable(
        discord, tmp_path / "data", clock, seeds=seeds, database_url=postgres_dsn
    ) as start:
        bot = (await start()).bot
        gone = bot.facts.facts.dates[0].id
        path = seeds / "corrections.toml"
        edit = f'\n[[corrections]]\naction = "suppress"\nfact = "{gone}"\nby = "host admin"\nreason = "by hand"\n'
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        reply = await discord.slash("/facts reload", user="moderator", timeout=60)
        assert reply.embeds and "wrong" not in reply.content.lower(), reply  # the reload's summary
        assert gone in {d.id for d in bot.facts.facts.dates}  # built from the shared seeds, as every process
        assert path.read_bytes() == (SEEDS / "corrections.toml").read_bytes()
        kept = await asyncio.to_thread(
            lambda: [
                p
                for p in (seeds / ".not-shared").rglob("corrections.toml")
                if edit.strip() in p.read_text(encoding="utf-8")
            ]
        )
        assert kept, "the hand edit is kept aside for the host"
        held = {
            str(p): bytes(c)
            for p, c in await bot.state.database.fetch("SELECT path, content FROM seed_files")
        }
        assert edit.strip().encode() not in held["corrections.toml"]
