"""The fact store stays within a small multiple of its articles' size, whatever they hold: each evidence
sentence is stored once, and a very long one is kept as a window around what it says."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from bench.corpus import one_long_sentence
from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.facts.resolution import MAX_EVIDENCE
from bot.store.facts import read_fact_store, write_fact_store

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


async def test_a_long_sentence_with_many_credits_stays_small(show_only_seeds: Path, tmp_path: Path) -> None:
    article = one_long_sentence(7_000)
    (show_only_seeds / "long.txt").write_text(article, encoding="utf-8")
    facts = build_fact_set(show_only_seeds)
    assert len(facts.credits) > 100, "the credits are found"
    assert all(len(s.sentence) <= MAX_EVIDENCE + 2 for c in facts.credits for s in c.sources)
    assert facts.credits[0].sources[0].sentence.endswith("…"), "a window of the sentence, marked as cut"
    store = tmp_path / "facts.db"
    await write_fact_store(store, facts, NOW)
    ratio = store.stat().st_size / len(article.encode())
    assert ratio < 25, f"the store is {ratio:.1f} times the article (it was 6,000 times before)"
    read, _, _ = await read_fact_store(store)
    assert len(read.credits) == len(facts.credits)
    assert read.credits[0].sources[0].sentence == facts.credits[0].sources[0].sentence


async def test_a_shared_sentence_is_stored_once(seed_facts_copy_store: Path) -> None:
    with sqlite3.connect(seed_facts_copy_store) as db:
        (sources,) = db.execute("SELECT count(*) FROM sources").fetchone()
        (sentences,) = db.execute("SELECT count(*) FROM sentences").fetchone()
        (distinct,) = db.execute("SELECT count(DISTINCT text) FROM sentences").fetchone()
    assert sentences == distinct < sources


@pytest.fixture
async def seed_facts_copy_store(seed_facts: FactSet, tmp_path: Path) -> Path:
    store = tmp_path / "seeds.db"
    await write_fact_store(store, seed_facts, NOW)
    return store
