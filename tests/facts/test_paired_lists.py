"""Two actors and two characters in one breath: "A and B as C and D" pairs them in order, a plural role ("as
rival anchors") leaves both unnamed, a count that differs pairs no one, and a conjunction "as" is no credit.
Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.cast_lists import read_cast_list
from tests.facts.test_cast_phenomena import facts_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stars Jane Roe and Ada Quist as Lottie and Kit.", [("Jane Roe", "Lottie"), ("Ada Quist", "Kit")]),
        (
            "stars Jane Roe and Ada Quist as Lottie and Kit Marr, respectively.",
            [("Jane Roe", "Lottie"), ("Ada Quist", "Kit Marr")],
        ),
        (
            "stars Jane Roe and Ada Quist as rival anchors at the network.",
            [("Jane Roe", None), ("Ada Quist", None)],
        ),
        # Three actors, two characters (or the other way round): nobody is paired.
        ("stars Jane Roe, Bo Lind and Ada Quist as Lottie and Kit.", []),
        ("stars Jane Roe and Ada Quist as Lottie, Kit and Bo.", []),
        # A plain list keeps its own roles.
        (
            "stars Jane Roe, Ada Quist as Kit, and Bo Lind as Sam.",
            [("Jane Roe", None), ("Ada Quist", "Kit"), ("Bo Lind", "Sam")],
        ),
        ("stars Jane Roe as Lottie and Ada Quist.", [("Jane Roe", "Lottie"), ("Ada Quist", None)]),
    ],
)
def test_list_items(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(item.actor, item.character) for item in read_cast_list(text, text.index("Jane"))] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The trio join a returning ensemble led by Jane Roe and Ada Quist as Lottie and Kit Marr.",
            {("Jane Roe", "Lottie"), ("Ada Quist", "Kit Marr")},
        ),
        (
            "Jane Roe and Ada Quist are back as Lottie and Kit Marr, now facing a trial.",
            {("Jane Roe", "Lottie"), ("Ada Quist", "Kit Marr")},
        ),
        ("She met Jane Roe and Ada Quist as Lottie and Kit walked in.", set()),
    ],
)
def test_pairs_in_prose(tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]) -> None:
    found = {
        (credit.actor, credit.character)
        for credit in facts_of(tmp_path, "Harbour Lights returns. " + sentence).credits
    }
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A name's possessive before the relation: the quick test before the pattern must let it through.
        ("The fourth season introduced Jane Roe as Ada's father, Martin.", {("Jane Roe", "Martin")}),
        (
            "And then there is Jane Roe, back as tech billionaire Paul Marks, who drifts.",
            {("Jane Roe", "Paul Marks")},
        ),
        # A comma and an appraisal before "as" is as often another work's role.
        (
            "Jane Roe, so good as the broke Liz in Other Lodge, plays Kit Marr here.",
            {("Jane Roe", "Kit Marr")},
        ),
    ],
)
def test_relations_and_asides(tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]) -> None:
    found = {
        (credit.actor, credit.character)
        for credit in facts_of(tmp_path, "Harbour Lights returns. " + sentence).credits
    }
    assert found == expected


def test_a_bulleted_possessive_line(tmp_path: Path) -> None:
    text = "Harbour Lights Season 5: who is back\n\n- Jane Roe's Lottie Fenn\n- Ada Quist's Kit Marr\n\nLottie Fenn and Kit Marr clash again."
    found = {(credit.actor, credit.character) for credit in facts_of(tmp_path, text).credits}
    assert found == {("Jane Roe", "Lottie Fenn"), ("Ada Quist", "Kit Marr")}
