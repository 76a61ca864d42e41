"""Crew credits in running text: executive producers named with a subject's aside or a pronoun, roles that
close a clause, the show's episodes "directed by"; and the look-alikes that must give nothing. Invented names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from tests.facts.test_cast_phenomena import SHOW


def crew_of(tmp_path: Path, text: str) -> set[tuple[str, str]]:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    (folder / "show.toml").write_text(SHOW, encoding="utf-8")
    (folder / "a.txt").write_text(
        "date 2025-03-04\nHarbour Lights returns.\n" + text + "\n", encoding="utf-8"
    )
    return {(credit.name, role) for credit in build_fact_set(folder).crew for role in credit.roles}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ines Varga, the creator and showrunner, executive produces with Bram Olufemi and Maren Holt.",
            {("Ines Varga", "executive producer"), ("Bram Olufemi", "executive producer"),
             ("Maren Holt", "executive producer")},
        ),
        (
            "Ines Varga, the Tidewater writer, adapted the books and executive produces alongside Bram Olufemi.",
            {("Ines Varga", "executive producer"), ("Bram Olufemi", "executive producer")},
        ),
        (
            "She executive produces alongside Bram Olufemi, Maren Holt and Corwin Tellford.",
            {("Bram Olufemi", "executive producer"), ("Maren Holt", "executive producer"),
             ("Corwin Tellford", "executive producer")},
        ),
        (
            "Varga serves as executive producer alongside Bram Olufemi and Maren Holt.",
            {("Bram Olufemi", "executive producer"), ("Maren Holt", "executive producer")},
        ),
        (
            "Bram Olufemi, Maren Holt and Corwin Tellford are executive producers.",
            {("Bram Olufemi", "executive producer"), ("Maren Holt", "executive producer"),
             ("Corwin Tellford", "executive producer")},
        ),
        ("All six episodes were directed by Maren Holt.", {("Maren Holt", "director")}),
        ("Season two is directed by Maren Holt.", {("Maren Holt", "director")}),
    ],
)  # fmt: skip
def test_crew_in_running_text(tmp_path: Path, text: str, expected: set[tuple[str, str]]) -> None:
    assert crew_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "That show is produced by Tidewater Pictures and directed by Maren Holt.",
        "Maren Holt is the director of a documentary about lighthouses.",
        "Maren Holt, a producer we spoke to, was not impressed.",
    ],
)
def test_roles_elsewhere_are_not_the_shows(tmp_path: Path, text: str) -> None:
    assert crew_of(tmp_path, text) == set()


def test_the_last_of_a_list_with_a_role_of_their_own_keeps_it(tmp_path: Path) -> None:
    text = (
        "Bram Olufemi and Maren Holt serve as executive producers with Ines Varga also serving as producer."
    )
    found = crew_of(tmp_path, text)
    assert ("Ines Varga", "executive producer") not in found
    assert {("Bram Olufemi", "executive producer"), ("Maren Holt", "executive producer")} <= found
