"""Bad articles are skipped by name with the reason; the others still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.documents import MAX_ARTICLE_BYTES


def test_bad_files_are_reported_and_the_rest_loads(seeds_copy: Path) -> None:
    (seeds_copy / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (seeds_copy / "latin1.txt").write_bytes("Emily in Paris revient, café".encode("latin-1"))
    (seeds_copy / "empty.md").write_bytes(b"")
    (seeds_copy / "huge.txt").write_bytes(b"Emily in Paris. " * (MAX_ARTICLE_BYTES // 16 + 1))
    (seeds_copy / "notes.json").write_text("{}")  # not an article type: ignored, not an error
    facts = build_fact_set(seeds_copy)
    reasons = {w.file: w.message for w in facts.warnings if w.message.startswith("skipped")}
    assert set(reasons) == {"binary.txt", "latin1.txt", "empty.md", "huge.txt"}
    assert "binary" in reasons["binary.txt"] and "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.md"] and "too large" in reasons["huge.txt"]
    assert len(facts.documents) == 5 and len(facts.credits) == 12


def test_a_half_written_import_is_never_read(seeds_copy: Path) -> None:
    (seeds_copy / ".import_new.1a2b3c4d.tmp").write_text("Emily in Paris season 9 premieres on May 1, 2031.")
    (seeds_copy / ".import_half.txt").write_text("Emily in Paris season 9 premieres on May 1, 2031.")
    facts = build_fact_set(seeds_copy)
    assert len(facts.documents) == 5 and not any(d.id.startswith("premiere-s9") for d in facts.dates)


def test_an_article_whose_extraction_fails_is_skipped_by_name(
    show_only_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.facts import build, extraction

    (show_only_seeds / "a_good.txt").write_text(
        "date 2025-01-10\nEmily in Paris stars Lily Collins as Emily Cooper.\n", encoding="utf-8"
    )
    (show_only_seeds / "b_bad.txt").write_text(
        "date 2025-01-10\nEmily in Paris trips the extractor.\n", encoding="utf-8"
    )
    real = extraction.find_dated_mentions  # type: ignore[attr-defined]

    def failing(article, show):
        if article.file == "b_bad.txt":
            raise RuntimeError("a bug in one rule")
        return real(article, show)

    monkeypatch.setattr(extraction, "find_dated_mentions", failing)
    facts = build.build_fact_set(show_only_seeds)
    assert [(c.actor, c.character) for c in facts.credits] == [("Lily Collins", "Emily Cooper")]
    (warning,) = [w for w in facts.warnings if w.file == "b_bad.txt"]
    assert "extraction failed (RuntimeError)" in warning.message


def test_an_article_naming_the_show_only_in_passing_is_named_in_a_warning(show_only_seeds: Path) -> None:
    (show_only_seeds / "other.txt").write_text(
        "date 2025-01-10\n'Salt Road' returns on March 3\n\n'Salt Road' (Fennec) — the drama is back, and its star "
        "says she binged Emily in Paris between takes.\n",
        encoding="utf-8",
    )
    facts = build_fact_set(show_only_seeds)
    assert facts.dates == [] and facts.credits == []
    assert any(w.file == "other.txt" and "states no fact" in w.message for w in facts.warnings)
