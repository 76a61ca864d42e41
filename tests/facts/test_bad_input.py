"""Bad articles are skipped by name with the reason; the others still load."""

from __future__ import annotations

from pathlib import Path

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
