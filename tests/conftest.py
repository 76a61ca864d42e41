"""Shared fixtures: the real seeds, a writable copy of them, and the fact set they build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.models import FactSet

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
