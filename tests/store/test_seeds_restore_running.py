"""A copy restored from a backup (files and manifest) while the bot runs: its next change does not roll the
shared database back to the backup; the restored files are set aside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.store.state import StateStore
from tests.store.test_shared_seeds import _held, _two

pytestmark = pytest.mark.postgres


async def test_a_backup_restored_while_running_rolls_nothing_back(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    backup = Path(shutil.copytree(b, tmp_path / "backup"))  # nightly backup of b's copy, manifest included
    article = sorted(a.glob("*.txt"))[0].name
    async with first.holding():  # moderators in process a, later that day
        (a / "corrections.toml").write_text("# a moderator's suppression\n", encoding="utf-8")
        (a / article).unlink()
    await second.fetch()
    shutil.copytree(backup, b, dirs_exist_ok=True)  # the host restores b's folder from the backup
    await second.fetch()  # any notice
    async with second.holding():  # a moderator's unrelated change in b
        (b / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    held = await _held(state)
    assert held["corrections.toml"] == b"# a moderator's suppression\n", "a moderator's change rolled back"
    assert article not in held, "a removed article brought back"
