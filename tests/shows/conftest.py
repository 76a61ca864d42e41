"""Fixtures for several shows: a seeds folder holding the repository's show and a small fictional one, stray
folders beside them, and the real bot started on it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from tests.conftest import SEEDS

# A fictional show written for these tests (tests/shows/lighthouse): two articles, one premiere.
LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse"


@pytest.fixture
def two_shows(tmp_path: Path) -> Path:
    """seeds/emily (a copy of the repository's seeds), seeds/lighthouse, and folders that are not shows: the
    news desk's pending/ and rejected/, a folder of notes, a hidden folder."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds / "emily")
    shutil.copytree(LIGHTHOUSE, seeds / "lighthouse")
    (seeds / "pending" / "123").mkdir(parents=True)
    (seeds / "rejected").mkdir()
    (seeds / "notes").mkdir()
    (seeds / "notes" / "todo.txt").write_text("read more articles\n", encoding="utf-8")
    (seeds / ".cache").mkdir()
    return seeds


@pytest.fixture
async def several(
    discord: LocalDiscord, two_shows: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[SavoirBot]:
    """The real bot on the two shows, connected to the local Discord (whose one guild has not chosen yet)."""
    running = await start_local_bot(discord, local_settings(discord, two_shows, tmp_path), clock)
    yield running.bot
    await running.stop()
