"""Moderator corrections: add, fix and suppress apply last and survive rebuilds; bad ones fail with a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.seed_files import SeedFileError


def _corrections(seeds: Path, text: str) -> None:
    (seeds / "corrections.toml").write_text(text, encoding="utf-8")


def test_fix_a_date_keeps_the_id_and_records_who(seeds_copy: Path) -> None:
    _corrections(
        seeds_copy,
        """
[[corrections]]
action = "fix"
fact = "premiere-s4-p2"
set = { date = "2024-09-13" }
by = "mod#1"
reason = "Netflix moved Part 2"
""",
    )
    part_2 = next(d for d in build_fact_set(seeds_copy).dates if d.id == "premiere-s4-p2")
    assert part_2.date == "2024-09-13"
    assert part_2.sources[-1].correction_by == "mod#1"
    assert "Netflix moved Part 2" in part_2.sources[-1].sentence


def test_fix_the_character_of_an_actor(seeds_copy: Path) -> None:
    _corrections(
        seeds_copy,
        """
[[corrections]]
action = "fix"
fact = "cast-kate-walsh"
set = { character = "Madeline Wheeler" }
""",
    )
    walsh = next(c for c in build_fact_set(seeds_copy).credits if c.actor == "Kate Walsh")
    assert walsh.character == "Madeline Wheeler"


def test_suppress_and_add(seeds_copy: Path) -> None:
    _corrections(
        seeds_copy,
        """
[[corrections]]
action = "suppress"
fact = "production-s2"

[[corrections]]
action = "add"
kind = "premiere"
set = { id = "premiere-s5", title = "Season 5", season = 5, date = "2025-12-18", time = "00:00", timezone = "America/Los_Angeles" }
by = "mod#2"
""",
    )
    facts = build_fact_set(seeds_copy)
    ids = {d.id for d in facts.dates}
    assert "production-s2" not in ids
    assert "production-s2" not in next(s for s in facts.seasons if s.number == 2).date_ids
    added = next(d for d in facts.dates if d.id == "premiere-s5")
    assert added.starts_at() is not None and added.sources[0].correction_by == "mod#2"


def test_a_correction_naming_an_unknown_fact_is_a_warning(seeds_copy: Path) -> None:
    _corrections(seeds_copy, '[[corrections]]\naction = "suppress"\nfact = "premiere-s9"\n')
    facts = build_fact_set(seeds_copy)
    assert any(
        w.file == "corrections.toml" and w.line == 1 and "premiere-s9" in w.message for w in facts.warnings
    )


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[[corrections]]\naction = "fix"\nfact = "x"\nset = { date = ', 4, "invalid TOML"),
        ('# first\n\n[[corrections]]\naction = "remove"\nfact = "x"\n', 3, "action"),
        ('[[corrections]]\naction = "fix"\nfact = "premiere-s4-p1"\n', 1, "needs `fact`"),
        (
            '[[corrections]]\naction = "suppress"\nfact = "a"\n\n[[corrections]]\naction = "fix"\n'
            'fact = "premiere-s4-p1"\nset = { date = "2024-13-45" }\n',
            5,
            "date",
        ),
        (
            '[[corrections]]\naction = "fix"\nfact = "premiere-s4-p1"\nset = { colour = "red" }\n',
            1,
            "cannot set colour",
        ),
        # Hand-edited values of the wrong type are refused, not read as 1 or 4.
        ('[[corrections]]\naction = "fix"\nfact = "premiere-s4-p1"\nset = { season = true }\n', 1, "season"),
        ('[[corrections]]\naction = "fix"\nfact = "premiere-s4-p1"\nset = { season = 4.5 }\n', 1, "season"),
    ],
)
def test_a_malformed_corrections_file_fails_with_file_line_and_reason(
    seeds_copy: Path, text: str, line: int, reason: str
) -> None:
    _corrections(seeds_copy, text)
    with pytest.raises(SeedFileError) as failure:
        build_fact_set(seeds_copy)
    assert (failure.value.file, failure.value.line) == ("corrections.toml", line)
    assert reason in failure.value.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[show]\ntitle = 'X'\nservice = 'Y'\n", "release"),
        ("[show]\ntitle = 'X'\nservice = 'Y'\n[release]\ntime = '25:00'\ntimezone = 'UTC'\n", "time"),
        (
            "[show]\ntitle = 'X'\nservice = 'Y'\n[release]\ntime = '00:00'\ntimezone = 'Mars/Olympus'\n",
            "unknown time zone",
        ),
        ("[show\n", "invalid TOML"),
    ],
)
def test_a_malformed_show_file_fails(seeds_copy: Path, text: str, reason: str) -> None:
    (seeds_copy / "show.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedFileError) as failure:
        build_fact_set(seeds_copy)
    assert failure.value.file == "show.toml" and reason in failure.value.reason
