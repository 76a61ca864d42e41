"""Other works named in passing, found when a new pair of shows was scored unseen: an actor's earlier title in
brackets, a description with a capital before the character, an office before a full name, the game the show
adapts ("<Title>: New Vegas"), and another show's season in a "you may also like" aside. Every name is
invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.test_cast_phenomena import credits_of, facts_of


def test_an_earlier_title_in_brackets_is_not_the_character_named_in_plain_words(tmp_path: Path) -> None:
    text = (
        "Harbour Lights adds to its third season. Ines Varga (Zero Hour) and Bram Olufemi (Grey Horses) are also "
        "on board in recurring roles. Varga will recur as Nell Fenn, a harbour pilot."
    )
    found = credits_of(tmp_path, text)
    assert ("Ines Varga", "Nell Fenn") in found
    assert not {character for _, character in found} & {"Zero Hour", "Grey Horses"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights' second season introduced Odile Marsh as the harbour chief Wendell Ashby and Pell Aranda as the Legion "
            "commander Lacerta Vane, and it wrapped.",
            {("Odile Marsh", "Wendell Ashby"), ("Pell Aranda", "Lacerta Vane")},
        ),
        (
            "On Harbour Lights, Odile Marsh returns as British Prime Minister Nicol Ashby, Wren Ilori as CIA station "
            "chief Eidra Vale and Pell Aranda as Deputy Chief of Mission Stuart Hale.",
            {("Odile Marsh", "Nicol Ashby"), ("Wren Ilori", "Eidra Vale"), ("Pell Aranda", "Stuart Hale")},
        ),
    ],
)
def test_a_description_or_an_office_before_the_character(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The game the show adapts carries the show's title, then its own.
        "Harbour Lights is back. Gamers will remember that Corwin was voiced by Bram Olufemi in Harbour Lights: "
        "New Vegas; the show's Legion has been leaderless since.",
        # A career's roles: "has played" is not this show's.
        "Harbour Lights is back. Random thought: Odile Marsh has played Corwin Black, Commissioner Hale AND "
        "George Vane and somehow Lottie is my favourite.",
        # Another show's season in an aside, and its star.
        "Harbour Lights is back. If you need more intrigue, Grey Horses season 5 hit its service on Sept. 24, "
        "with Odile Marsh back as the gloriously grubby Jackson Vane.",
    ],
)
def test_another_works_cast_named_in_passing_is_not_ours(tmp_path: Path, text: str) -> None:
    assert credits_of(tmp_path, text) == set()


def test_the_shows_own_season_is_no_other_title(tmp_path: Path) -> None:
    text = "Harbour Lights returns in May. The season six premiere episode was directed by Tamsin Roe."
    crew = {(credit.name, role) for credit in facts_of(tmp_path, text).crew for role in credit.roles}
    assert ("Tamsin Roe", "director") in crew


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights season 3 review: power at last\n\nOdile Marsh's Prime Minister Nicol Ashby, still the "
            "most dangerous man in the room, is back. Since Pell Aranda's Wendell Ashby moved into the palace, "
            "nothing is calm.",
            {("Odile Marsh", "Nicol Ashby"), ("Pell Aranda", "Wendell Ashby")},
        ),
        (
            "On Harbour Lights, Ambassador Lottie Fenn (Ines Varga) accused Vice President Nell Vane (Wren Ilori) "
            "of the attack. Bram Olufemi joins as First Gentleman Corwin Vane.",
            {("Ines Varga", "Lottie Fenn"), ("Wren Ilori", "Nell Vane"), ("Bram Olufemi", "Corwin Vane")},
        ),
        (
            "On Harbour Lights, Odile Marsh joins the cast as her husband, First Gentleman Wendell Vane, and Pell "
            'Aranda, her old sparring partner from "Tidewater," joins as Deputy Mayor Corwin Hale.',
            {("Odile Marsh", "Wendell Vane"), ("Pell Aranda", "Corwin Hale")},
        ),
    ],
)
def test_offices_before_characters(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(actor, character and character.split()[-2] + " " + character.split()[-1]) for actor, character in
            credits_of(tmp_path, text)} == expected  # fmt: skip


def test_a_spinoffs_press_release_is_not_the_show(tmp_path: Path) -> None:
    text = (
        "STREAMLY SETS JUNE 11 PREMIERE FOR GREY WATER, THE HARBOUR LIGHTS SPINOFF STARRING ODILE MARSH\n\n"
        "LONDON — April 22, 2026 — Streamly today announced that Grey Water, the action series starring Odile "
        "Marsh, will premiere on Thursday, June 11, 2026.\n\nMarsh is joined by Pell Aranda as Detective Hudson "
        "Vane, Wren Ilori as Keno and Tamsin Hale as Renee Cole.\n"
    )
    assert credits_of(tmp_path, text) == set()


def test_two_lists_paired_in_order_are_read_in_order_or_not_at_all(tmp_path: Path) -> None:
    text = (
        "Harbour Lights adds three newcomers. The trio join a returning ensemble led by Odile Marsh and Wren "
        "Ilori as Lottie and Nell Fenn."
    )
    assert ("Wren Ilori", "Lottie") not in credits_of(tmp_path, text)


def test_a_roundup_item_under_a_heading_in_capitals_is_its_own(tmp_path: Path) -> None:
    text = (
        "What to watch this week\n\nHARBOUR LIGHTS\nStreamly, Thursday, June 5\nThe third season is here. Odile Marsh "
        "stars as Lottie.\n\nGREY WATER\nStreamly, this Friday\nA six-part mystery. Pell Aranda plays "
        "Kieran, who comes home to a coastal town.\n"
    )
    assert credits_of(tmp_path, text) == {("Odile Marsh", "Lottie")}


def test_a_title_introduced_as_another_work_stays_one(tmp_path: Path) -> None:
    text = (
        "Harbour Lights news\n\nStreamly today announced that Grey Water, the action series starring Odile Marsh, "
        "will premiere in June. Grey Water is a spinoff of Harbour Lights. Streamly will host a premiere "
        "screening of Grey Water, with Pell Aranda as Kieran Vane attending.\n"
    )
    assert credits_of(tmp_path, text) == set()
