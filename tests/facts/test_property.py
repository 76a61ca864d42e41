"""Arbitrary text never crashes the extractor, and every fact it finds points inside the text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.build import build_fact_set
from tests.conftest import SEEDS

_WORDS = st.sampled_from(
    [
        "Emily in Paris",
        "Season 4",
        "Part 2",
        "premieres",
        "on",
        "August 15",
        "Tuesday,",
        "at noon",
        "PT",
        "(",
        ")",
        "Lily Collins",
        "as",
        "Sylvie",
        "played by",
        "tickets",
        "on sale",
        "event at The Museum",
        "New York",
        ";",
        ",",
        "May 3, 20201",
        "today",
        "next month",
        "renewed",
        "for a",
        "fifth season",
        "production",
        "begins",
        "in",
        "\n",
        "58 million",
        "households",
        "watched",
        "creator",
        "Darren Star",
        "who plays",
        "José",
        "É",
        "—",
        ".",
    ]
)
_TEXT = st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(first=_TEXT, second=_TEXT)
def test_arbitrary_text_never_crashes_the_extractor(first: str, second: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check(Path(folder), first, second)


def _check(seeds: Path, first: str, second: str) -> None:
    (seeds / "show.toml").write_bytes((SEEDS / "show.toml").read_bytes())
    (seeds / "a.txt").write_text(first, encoding="utf-8")
    (seeds / "b.txt").write_text(" date 2024-08-12 " + second, encoding="utf-8")
    facts = build_fact_set(seeds)
    texts = {
        "a.txt": (seeds / "a.txt").read_text(encoding="utf-8"),
        "b.txt": (seeds / "b.txt").read_text(encoding="utf-8"),
    }
    for fact in facts.sourced_facts():
        for source in fact.sources:
            assert 0 <= source.start <= source.end <= len(texts[source.file])
    for date in facts.dates:
        assert len(date.date.split("-")[0]) == 4
