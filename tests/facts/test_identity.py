"""One person across spellings; surnames and first names resolve only when they are unambiguous."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.identity import Registry, Sighting, spelling_variants


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Philippine Leory-Beaulieu", "Philippine Leroy-Beaulieu", True),
        ("Philippine Leroy Beaulieu", "Philippine Leroy-Beaulieu", True),
        ("Bruno Gourey", "Bruno Gouery", True),
        ("Lily Burns", "Lilly Burns", True),
        ("Lily Collins", "Lily Burns", False),
        ("Kate Walsh", "Kate Welsh", False),  # a short word: one letter is a different name
        ("Ashley Park", "Ashley Parker", False),
        ("Emily", "Emilie", False),  # single names are never merged on spelling
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert spelling_variants(a, b) is same


def test_canonical_spelling_is_the_majority_then_the_earliest_source() -> None:
    registry = Registry(
        [
            Sighting("Lily Burns", "b.txt", dt.date(2021, 5, 4)),
            Sighting("Lilly Burns", "a.txt", dt.date(2021, 5, 3)),
            Sighting("Philippine Leory-Beaulieu", "c.txt", dt.date(2024, 8, 12)),
            Sighting("Philippine Leroy-Beaulieu", "d.txt", None),
            Sighting("Philippine Leroy-Beaulieu", "e.txt", None),
            Sighting("Lily Collins", "a.txt", None),
        ]
    )
    burns = registry.find("Lily Burns")
    assert burns is not None and burns.name == "Lilly Burns" and burns.aliases == ["Lily Burns"]
    sylvie = registry.find("philippine leroy beaulieu")
    assert sylvie is not None and sylvie.name == "Philippine Leroy-Beaulieu"
    assert registry.find("Leroy-Beaulieu") is sylvie
    collins = registry.find("Collins")
    assert collins is not None and collins.name == "Lily Collins"
    assert registry.find("Lily") is None  # Lily Collins or Lily Burns: not guessed
    assert registry.find("Nobody Known") is None
