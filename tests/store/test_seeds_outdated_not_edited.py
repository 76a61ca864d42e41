"""A copy that merely missed a change while stopped is updated at start, not treated as a hand edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.store.shared_seeds import SharedSeeds
from bot.store.state import StateStore
from tests.conftest import SEEDS

pytestmark = pytest.mark.postgres


async def test_a_copy_that_missed_a_change_is_updated_not_set_aside(
    postgres_dsn: str, tmp_path: Path
) -> None:
    state = await StateStore.open_postgres(postgres_dsn)
    try:
        a = Path(shutil.copytree(SEEDS, tmp_path / "a"))
        first, second = SharedSeeds(postgres_dsn, a), SharedSeeds(postgres_dsn, tmp_path / "b")
        await first.start()
        await second.start()  # b is a faithful copy, then stops
        async with first.holding():
            (a / "corrections.toml").write_text("# a later correction\n", encoding="utf-8")
        await SharedSeeds(postgres_dsn, tmp_path / "b").start()  # b again
        assert (tmp_path / "b" / "corrections.toml").read_text(encoding="utf-8") == "# a later correction\n"
        assert not (tmp_path / "b" / ".not-shared").exists()  # nothing of b's was edited by hand
    finally:
        await state.close()
