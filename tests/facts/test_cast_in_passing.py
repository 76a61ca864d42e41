"""Cast written in passing: an actor's character said once ("the orbit of Ines Varga's Lottie"), by surname
("Varga's Lottie"), ensembles that "include" or that someone "leads", "the season stars", and a recast whose
earlier actor is not named. Each family has a case that must give a credit and one that must give nothing;
every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.test_cast_phenomena import credits_of

# The actors are in the cast by a plain list first: what follows only pairs them with characters.
LISTED = (
    "Harbour Lights returns for a third season. The series stars Ines Varga, Bram Olufemi and Odile Marsh.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The character named once, in the middle of a sentence, owned by an actor of the cast.
        (
            LISTED + "Lottie drifts back into the orbit of Ines Varga's Corwin.",
            {("Ines Varga", "Corwin"), ("Bram Olufemi", None), ("Odile Marsh", None)},
        ),
        (
            LISTED + "Meanwhile Bram Olufemi's Nell accepted a proposal at last.",
            {("Ines Varga", None), ("Bram Olufemi", "Nell"), ("Odile Marsh", None)},
        ),
        # The owner by surname alone, when the articles name that actor in full.
        (
            LISTED + "Marsh's Hettie is facing an empty house.",
            {("Ines Varga", None), ("Bram Olufemi", None), ("Odile Marsh", "Hettie")},
        ),
    ],
)
def test_an_actors_character_said_once(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The owner is not in the cast: an award, a company, a book are not characters.
        "Harbour Lights returns for a third season. It drifts into the orbit of Pell Aranda's Tidewater.",
        "Harbour Lights returns for a third season. Wren Ilori's Corwin Productions is behind it.",
        # A first name is not a surname: "Ines's Corwin" is no credit even with Ines Varga in the cast.
        LISTED.replace("Bram Olufemi, ", "") + "Ines's Corwin is facing an empty house.",
    ],
)
def test_an_owner_outside_the_cast_gives_no_character(tmp_path: Path, text: str) -> None:
    assert {pair for pair in credits_of(tmp_path, text) if pair[1] is not None} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights returns with Pell Aranda and Wren Ilori leading an ensemble that includes Emmy "
            "nominee Ines Varga, Bram Olufemi and Odile Marsh.",
            {"Pell Aranda", "Wren Ilori", "Ines Varga", "Bram Olufemi", "Odile Marsh"},
        ),
        (
            "Harbour Lights adds three newcomers. They join an ensemble that was rounded out in May and that "
            "already includes Ines Varga and Bram Olufemi.",
            {"Ines Varga", "Bram Olufemi"},
        ),
        ("Harbour Lights is back. - Odile Marsh leads the new ensemble.", {"Odile Marsh"}),
        (
            "Harbour Lights is back in April. The season stars Ines Varga and Bram Olufemi, with Odile Marsh.",
            {"Ines Varga", "Bram Olufemi", "Odile Marsh"},
        ),
        # Another work's cast, and a season that is not the show's: nothing.
        ("Harbour Lights is back. Odile Marsh led the cast of Tidewater in 2010.", set()),
        ("Harbour Lights is back. Tidewater's season stars Ines Varga and Bram Olufemi.", set()),
    ],
)
def test_ensembles_and_seasons_that_name_the_cast(tmp_path: Path, text: str, expected: set[str]) -> None:
    assert {actor for actor, _ in credits_of(tmp_path, text)} == expected


def test_a_recast_without_the_earlier_actor(tmp_path: Path) -> None:
    text = "On Harbour Lights, in a recast, Ines Varga takes over the role of Nell, Lottie's best friend."
    assert credits_of(tmp_path, text) == {("Ines Varga", "Nell")}
    text = "On Harbour Lights, Ines Varga takes over the role of a lifetime."
    assert credits_of(tmp_path, text) == set()


REVIEW = "Harbour Lights season 3 review: the harbour is colder now\n\n"


def test_a_review_names_characters_by_their_actors(tmp_path: Path) -> None:
    text = (
        REVIEW
        + "Ines Varga's Lottie Fenn is a banker with a phone she fears. Bram Olufemi's Corwin, her brother, sulks."
    )
    assert credits_of(tmp_path, text) == {("Ines Varga", "Lottie Fenn"), ("Bram Olufemi", "Corwin")}


@pytest.mark.parametrize(
    "text",
    [
        # An honour, a platform, a service: owned, never played.
        REVIEW + "Ines Varga's Emmy is well deserved. Bram Olufemi's Instagram is busy.",
        # The owner is the article's maker: her name owns her works.
        REVIEW + "Creator Ines Varga is back. Ines Varga's Tidewater is ending, too.",
        REVIEW + "Ines Varga, who created the series, is back. Ines Varga's Tidewater is ending.",
        # A roundup: another item's paragraph is that show's ("Tidewater" leads it).
        "What to Watch This Week\n\nHere are the things worth your evenings.\n\n1. Harbour Lights, Season 3\n"
        "Thursday, Dec. 18, Netflix\nThe new season premieres Thursday, all ten episodes at once.\n\n"
        "2. Tidewater 5, Volume 2\nFriday, Dec. 19, Netflix\nNot this week, but close: the last episodes land Friday. "
        "Odile Marsh's Nell and the crew are running out of time.\n",
    ],
)
def test_no_character_for_what_an_owner_alone_cannot_play(tmp_path: Path, text: str) -> None:
    assert {pair for pair in credits_of(tmp_path, text) if pair[1] is not None} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Harbour Lights, Ines Varga and Bram Olufemi also appear, in parts best left unspoiled.",
         {"Ines Varga", "Bram Olufemi"}),
        ("On Harbour Lights, Ines Varga, Bram Olufemi and Odile Marsh are all back, and more.",
         {"Ines Varga", "Bram Olufemi", "Odile Marsh"}),
        ("On Harbour Lights, Ines Varga turns up as an HR consultant.", {"Ines Varga"}),
        ("On Harbour Lights, Ines Varga shows up as Lottie's long-absent father.", {"Ines Varga"}),
        ("On Harbour Lights, Ines Varga has a recurring arc as Lottie's mother.", {"Ines Varga"}),
        ("On Harbour Lights, Ines Varga and Bram Olufemi also star.", {"Ines Varga", "Bram Olufemi"}),
        ("On Harbour Lights, Ines Varga was added for the new season in a role nobody will describe.",
         {"Ines Varga"}),
        ('On Harbour Lights, Ines Varga ("Tidewater," "Grey Horses") turns up midseason as a British '
         "intelligence officer and complicates everything.", {"Ines Varga"}),
        ("On Harbour Lights, Ines Varga also stars in Tidewater.", set()),
        ("On Harbour Lights, Ines Varga joined HBO's Tidewater in a recurring role.", set()),
        ("On Harbour Lights, Varga plays the rigidity and the panic beneath it.", set()),
        # Another work, a job behind the camera, a place: nothing.
        ("On Harbour Lights' set, Ines Varga also appears in Tidewater.", set()),
        ("On Harbour Lights, Ines Varga is back as director.", set()),
        ("On Harbour Lights, showrunner Ines Varga is back. Creator Bram Olufemi is back too.", set()),
        ("On Harbour Lights, Ines Varga and Bram Olufemi are back in London.", set()),
        ("On Harbour Lights, Ines Varga has a recurring role on Tidewater.", set()),
    ],
)  # fmt: skip
def test_cast_named_by_what_they_do_on_screen(tmp_path: Path, text: str, expected: set[str]) -> None:
    assert {actor for actor, _ in credits_of(tmp_path, text)} == expected
