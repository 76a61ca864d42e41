"""Everything shipped under seeds/ is valid (as Red-DiscordBot checks its bundled data)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.facts.documents import article_files, read_article
from bot.facts.seed_files import load_corrections, load_show
from tests.conftest import SEEDS

SHARED_SEEDS = SEEDS.parent.parent / "shared" / "seeds"


def test_show_and_corrections_files_validate() -> None:
    show = load_show(SEEDS)
    assert show.show.title and show.release.timezone
    assert load_corrections(SEEDS) == []  # ships empty; examples are comments


@pytest.mark.parametrize("path", article_files(SEEDS), ids=lambda p: p.name)
def test_every_article_reads(path: Path) -> None:
    article = read_article(path)
    assert article.sentences


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_articles_are_the_shared_seeds_unchanged() -> None:
    for original in SHARED_SEEDS.glob("*.txt"):
        copy = SEEDS / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()
