"""The extraction cache: a rebuild re-extracts only what changed, gives the same facts, and survives a
damaged or tampered cache file."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from bot.facts import extraction
from bot.facts.build import build_fact_set
from bot.facts.extraction_cache import ExtractionCache

NEW_ARTICLE = "date 2025-03-01\nEmily in Paris season 5 begins filming in Rome on March 10. Eugenio Franceschini joins as Marcello.\n"


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the articles extraction actually ran on."""
    seen: list[str] = []
    real = extraction.extract

    def counting(article, show):
        seen.append(article.file)
        return real(article, show)

    monkeypatch.setattr(extraction, "extract", counting)
    return seen


def test_a_rebuild_reextracts_only_the_new_article(
    seeds_copy: Path, tmp_path: Path, extracted: list[str]
) -> None:
    cache = tmp_path / "cache.db"
    first = build_fact_set(seeds_copy, cache=cache)
    articles = len(first.documents)
    assert len(extracted) == articles
    again = build_fact_set(seeds_copy, cache=cache)
    assert len(extracted) == articles, "nothing changed: nothing extracted"
    assert again.model_dump() == first.model_dump()
    (seeds_copy / "zzz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    grown = build_fact_set(seeds_copy, cache=cache)
    assert extracted[articles:] == ["zzz_new.txt"]
    assert grown.model_dump() == build_fact_set(seeds_copy).model_dump(), (
        "same facts as a build without cache"
    )


def test_an_edited_article_or_show_file_is_extracted_again(
    seeds_copy: Path, tmp_path: Path, extracted: list[str]
) -> None:
    cache = tmp_path / "cache.db"
    (seeds_copy / "zzz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build_fact_set(seeds_copy, cache=cache)
    extracted.clear()
    (seeds_copy / "zzz_new.txt").write_text(NEW_ARTICLE.replace("March 10", "March 12"), encoding="utf-8")
    facts = build_fact_set(seeds_copy, cache=cache)
    assert extracted == ["zzz_new.txt"]
    assert any(fact.date == "2025-03-12" for fact in facts.dates)
    extracted.clear()
    show = seeds_copy / "show.toml"
    show.write_text(show.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    build_fact_set(seeds_copy, cache=cache)
    assert len(extracted) == len(facts.documents), "show.toml changed: every article again"


def test_removed_articles_leave_the_cache(seeds_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    build_fact_set(seeds_copy, cache=cache)
    first = next(iter(sorted(seeds_copy.glob("*.txt"))))
    first.unlink()
    build_fact_set(seeds_copy, cache=cache)
    with sqlite3.connect(cache) as db:
        (count,) = db.execute("SELECT count(*) FROM extraction").fetchone()
    assert count == len(list(seeds_copy.glob("*.txt")))


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100])
def test_a_damaged_cache_only_costs_extraction(
    seeds_copy: Path, tmp_path: Path, extracted: list[str], damage: bytes
) -> None:
    cache = tmp_path / "cache.db"
    cache.write_bytes(damage)
    facts = build_fact_set(seeds_copy, cache=cache)
    assert facts.model_dump() == build_fact_set(seeds_copy).model_dump()
    extracted.clear()
    build_fact_set(seeds_copy, cache=cache)
    assert extracted == [], "the cache was rebuilt and is used"


class _Exploit:
    def __reduce__(self):
        return (shutil.rmtree, ("/nonexistent-savoir-test",))


def test_a_tampered_entry_runs_no_code_and_is_extracted_again(
    seeds_copy: Path, tmp_path: Path, extracted: list[str]
) -> None:
    cache = tmp_path / "cache.db"
    facts = build_fact_set(seeds_copy, cache=cache)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE extraction SET findings = ?", (zlib.compress(pickle.dumps(_Exploit())),))
    extracted.clear()
    again = build_fact_set(seeds_copy, cache=cache)
    assert sorted(extracted) == sorted(d.file for d in facts.documents)
    assert again.model_dump() == facts.model_dump()


def test_an_unwritable_cache_folder_is_not_an_error(seeds_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with ExtractionCache(blocker / "cache.db", b"") as cache:
        assert cache.get(cache.key("a.txt", b"x")) == (False, None)
    assert build_fact_set(seeds_copy, cache=blocker / "cache.db").credits


@pytest.mark.parametrize(
    "entry",
    [
        pickle.dumps(1),  # not findings at all
        pickle.dumps("text"),
        b"\x80\x04\x95" + b"\x00" * 20,  # a cut pickle
    ],
)
def test_an_entry_that_is_not_findings_is_extracted_again(
    seeds_copy: Path, tmp_path: Path, extracted: list[str], entry: bytes
) -> None:
    cache = tmp_path / "cache.db"
    facts = build_fact_set(seeds_copy, cache=cache)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE extraction SET findings = ?", (zlib.compress(entry),))
    extracted.clear()
    assert build_fact_set(seeds_copy, cache=cache).model_dump() == facts.model_dump()
    assert sorted(extracted) == sorted(d.file for d in facts.documents)


def test_another_articles_findings_or_a_bomb_are_not_used(seeds_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    facts = build_fact_set(seeds_copy, cache=cache)
    with sqlite3.connect(cache) as db:
        (first,) = db.execute("SELECT findings FROM extraction LIMIT 1").fetchone()
        db.execute("UPDATE extraction SET findings = ?", (first,))  # every key holds one article's findings
    assert build_fact_set(seeds_copy, cache=cache).model_dump() == facts.model_dump()
    bomb = zlib.compress(b"\x00" * (80 * 1024 * 1024), 9)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE extraction SET findings = ?", (bomb,))
    assert build_fact_set(seeds_copy, cache=cache).model_dump() == facts.model_dump()
