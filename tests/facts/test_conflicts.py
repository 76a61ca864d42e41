"""Disagreements between and within articles are kept and reported, never silently dropped."""

from __future__ import annotations

from pathlib import Path

from bot.facts.build import build_fact_set


def _write(seeds: Path, name: str, text: str) -> None:
    (seeds / name).write_text(text, encoding="utf-8")


def test_a_weekday_that_disagrees_is_reported(show_only_seeds: Path) -> None:
    _write(
        show_only_seeds, "a.txt", "date 2024-08-12\nEmily in Paris season 4 premieres on Monday, August 15.\n"
    )
    facts = build_fact_set(show_only_seeds)
    (premiere,) = facts.dates
    assert premiere.date == "2024-08-15"
    assert premiere.weekday_warning == "2024-08-15 is a Thursday, not a Monday"
    assert any(w.file == "a.txt" and "not a Monday" in w.message for w in facts.warnings)


def test_the_newest_article_wins_and_the_older_source_is_kept(show_only_seeds: Path) -> None:
    _write(show_only_seeds, "old.txt", "date 2024-05-01\nEmily in Paris season 4 premieres on August 8.\n")
    _write(
        show_only_seeds, "new.txt", "date 2024-06-01\nEmily in Paris season 4 now premieres on August 15.\n"
    )
    facts = build_fact_set(show_only_seeds)
    (premiere,) = facts.dates
    assert premiere.date == "2024-08-15"
    assert {s.file for s in premiere.sources} == {"old.txt", "new.txt"}
    (warning,) = [w for w in facts.warnings if "disagree" in w.message]
    assert "2024-08-08 (old.txt)" in warning.message and "kept 2024-08-15" in warning.message


def test_two_actors_for_one_character_are_reported(show_only_seeds: Path) -> None:
    _write(show_only_seeds, "a.txt", "Emily in Paris stars Jane Roe as Odile Martin, a new rival.\n")
    _write(show_only_seeds, "b.txt", "In Emily in Paris, Odile Martin is played by Joan Doe.\n")
    facts = build_fact_set(show_only_seeds)
    assert {(c.actor, c.character) for c in facts.credits} == {
        ("Jane Roe", "Odile Martin"),
        ("Joan Doe", "Odile Martin"),
    }
    assert any("who plays Odile Martin" in w.message for w in facts.warnings)


def test_a_second_character_keeps_the_main_credit_id(seeds_copy: Path) -> None:
    _write(
        seeds_copy, "new.txt", "date 2025-01-02\nIn Emily in Paris, Lily Collins also plays Rose Cooper.\n"
    )
    facts = build_fact_set(seeds_copy)
    ids = {c.id: c.character for c in facts.credits if c.actor == "Lily Collins"}
    assert ids == {"cast-lily-collins": "Emily Cooper", "cast-lily-collins-rose-cooper": "Rose Cooper"}
    assert any("several characters" in w.message and "Lily Collins" in w.message for w in facts.warnings)
