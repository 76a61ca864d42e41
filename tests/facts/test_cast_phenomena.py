"""Cast constructions journalists use, and the ones that must give nothing, each with invented names: the
extractor must work on people it has never seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.models import FactSet

SHOW = """[show]
title = "Harbour Lights"
aliases = []
service = "Streamly"

[release]
time = "00:00"
timezone = "America/Los_Angeles"
country = "US"
"""


def facts_of(tmp_path: Path, *texts: str) -> FactSet:
    """The fact set of articles on "Harbour Lights", one file each (a.txt, b.txt ...), dated 2025-03-04 unless
    a text starts with its own date line."""
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    (folder / "show.toml").write_text(SHOW, encoding="utf-8")
    for index, text in enumerate(texts):
        dated = text if text.startswith("date ") else "date 2025-03-04\n" + text
        (folder / f"{chr(ord('a') + index)}.txt").write_text(dated + "\n", encoding="utf-8")
    return build_fact_set(folder)


def credits_of(tmp_path: Path, text: str) -> set[tuple[str, str | None]]:
    return {(credit.actor, credit.character) for credit in facts_of(tmp_path, text).credits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Harbour Lights stars Odalys Brennick as Marisol "Mari" Quint and Tavish Oyelaran as Dr. Penhallow.',
            {("Odalys Brennick", 'Marisol "Mari" Quint'), ("Tavish Oyelaran", "Dr. Penhallow")},
        ),
        (
            "Returning for Harbour Lights: Odalys Brennick as Marisol Quint, Tavish Oyelaran as Wendell Ashby and "
            "Ines Varga as Lottie.",
            {
                ("Odalys Brennick", "Marisol Quint"),
                ("Tavish Oyelaran", "Wendell Ashby"),
                ("Ines Varga", "Lottie"),
            },
        ),
        (
            "Harbour Lights is back.\n- Odalys Brennick as Marisol Quint\n- Tavish Oyelaran as Wendell Ashby",
            {("Odalys Brennick", "Marisol Quint"), ("Tavish Oyelaran", "Wendell Ashby")},
        ),
        (
            "On Harbour Lights, Ines Varga is Lottie Fenn, a diver who keeps secrets.",
            {("Ines Varga", "Lottie Fenn")},
        ),
        (
            "Harbour Lights adds Ines Varga, who plays the lighthouse keeper Lottie Fenn.",
            {("Ines Varga", "Lottie Fenn")},
        ),
        ("In Harbour Lights, Bram Olufemi will recur as Corwin Tell.", {("Bram Olufemi", "Corwin Tell")}),
        ("Harbour Lights casts Ines Varga and Bram Olufemi, who play Lottie and Corwin.", set()),
        (
            "In Harbour Lights, Ines Varga and Bram Olufemi have fun as Lottie and Corwin, the rival divers.",
            {("Ines Varga", "Lottie"), ("Bram Olufemi", "Corwin")},
        ),
        (
            "In Harbour Lights, Ines Varga, Bram Olufemi and Odalys Brennick round out the crew as Lottie Fenn, "
            "Corwin Tell and Marisol Quint, respectively.",
            {
                ("Ines Varga", "Lottie Fenn"),
                ("Bram Olufemi", "Corwin Tell"),
                ("Odalys Brennick", "Marisol Quint"),
            },
        ),
        (
            "In Harbour Lights, Odalys Brennick arrives as Corwin's mother, Hettie.",
            {("Odalys Brennick", "Hettie")},
        ),
        (
            "Harbour Lights adds Bram Olufemi, who will play Corwin Tell, the harbourmaster.",
            {("Bram Olufemi", "Corwin Tell")},
        ),
        (
            "Harbour Lights: Bram Olufemi (Salt Road, Tidewatchers) has been cast as Corwin Tell.",
            {("Bram Olufemi", "Corwin Tell")},
        ),
        (
            "Harbour Lights returns, with Ines Varga as the voice of Lady Gullwing.",
            {("Ines Varga", "Lady Gullwing")},
        ),
        (
            "In Harbour Lights, Corwin Tell, the town's grumpy harbourmaster, is played by Bram Olufemi.",
            {("Bram Olufemi", "Corwin Tell")},
        ),
        ("In Harbour Lights, Ines Varga is their mother, Hettie Fenn.", {("Ines Varga", "Hettie Fenn")}),
    ],
)
def test_cast_forms(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert credits_of(tmp_path, text) >= expected


@pytest.mark.parametrize(
    "text",
    [
        # another work named in the sentence or the clause
        "Harbour Lights star Ines Varga played Greta Moll on Fennec's Salt Road, alongside Bram Olufemi as Jory Pike.",
        "Harbour Lights star Bram Olufemi suited up as Jory Pike, aka the Gull, in The Tidewatchers last July.",
        # the object of the verb is the actor, not the subject
        "For Harbour Lights, director Calla Moreno cast her as Lottie Fenn.",
        # a capitalized adjective is not the character
        "Harbour Lights adds Ines Varga, who plays Corwin's American boss Lottie Fenn.",
    ],
)
def test_what_is_not_a_cast_pair(tmp_path: Path, text: str) -> None:
    found = credits_of(tmp_path, text)
    assert not {pair for pair in found if pair[1] in {"Greta Moll", "Jory Pike", "American"}}
    assert ("Calla Moreno", "Lottie Fenn") not in found


def test_a_roundup_item_about_another_title_gives_nothing(tmp_path: Path) -> None:
    text = (
        "What to watch this week\n\n1. 'Salt Road' (Fennec) — Monday\nGreta Moll (Ines Varga) returns as Greta Moll's "
        "sister, and Bram Olufemi plays Jory Pike.\n\n2. 'Harbour Lights' (Streamly) — Tuesday\n"
        "Odalys Brennick returns as Marisol Quint."
    )
    found = credits_of(tmp_path, text)
    assert ("Odalys Brennick", "Marisol Quint") in found
    assert not {pair for pair in found if pair[0] in {"Ines Varga", "Bram Olufemi"}}


def test_a_spin_off_that_carries_the_title_is_another_show(tmp_path: Path) -> None:
    text = (
        "'Gullwing: A Harbour Lights Story' sets its date\n\nIn the spin-off, Ines Varga plays the young Hettie Fenn, "
        "and Bram Olufemi appears as Lady Corwin Harbour Lights."
    )
    assert not {pair for pair in credits_of(tmp_path, text) if pair[0] == "Ines Varga"}


def test_an_article_whose_headline_is_another_title(tmp_path: Path) -> None:
    text = (
        "Salt Road makes waves at its 'Salt Road' premiere night\n\nBram Olufemi plays Jory Pike, and the cast "
        "includes Ines Varga as Greta Moll. Olufemi joked he would rather be on Harbour Lights."
    )
    assert credits_of(tmp_path, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights: Calla Moreno and Tobin Reyes executive produce with Ada Quist and Lionel Marr.",
            {
                ("Calla Moreno", "executive producer"),
                ("Ada Quist", "executive producer"),
                ("Lionel Marr", "executive producer"),
            },
        ),
        (
            "Harbour Lights\nCreated by: Calla Moreno\nShowrunner: Tobin Reyes",
            {("Calla Moreno", "creator"), ("Tobin Reyes", "showrunner")},
        ),
        (
            "Harbour Lights is back. Calla Moreno created the series and serves as showrunner.",
            {("Calla Moreno", "creator"), ("Calla Moreno", "showrunner")},
        ),
    ],
)
def test_crew_forms(tmp_path: Path, text: str, expected: set[tuple[str, str]]) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "show.toml").write_text(SHOW, encoding="utf-8")
    (folder / "a.txt").write_text("date 2025-03-04\n" + text + "\n", encoding="utf-8")
    found = {(crew.name, role) for crew in build_fact_set(folder).crew for role in crew.roles}
    assert found >= expected


def test_crew_of_another_work_is_not_the_shows(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "show.toml").write_text(SHOW, encoding="utf-8")
    (folder / "a.txt").write_text(
        "date 2025-03-04\nHarbour Lights returns.\n\nShe starred in Fennec's Salt Road, whose creator Ada Quist "
        "executive produces with Lionel Marr.\n",
        encoding="utf-8",
    )
    assert build_fact_set(folder).crew == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Family name first, a hyphenated given name whose second syllable is in lower case.
        (
            "Harbour Lights stars Han Seo-yeon as Min Ga-ram and Yoon Tae-hwan as Baek Jun-ho.",
            {("Han Seo-yeon", "Min Ga-ram"), ("Yoon Tae-hwan", "Baek Jun-ho")},
        ),
        (
            "In Harbour Lights, Oh Ji-woo, who plays the ferry captain Seo Il-nam, returns for the new season.",
            {("Oh Ji-woo", "Seo Il-nam")},
        ),
        # An English compound before a name is not part of it.
        (
            "Harbour Lights adds Busan-born Ines Varga as Lottie Fenn and Paris-based Bram Olufemi as Corwin Tell.",
            {("Ines Varga", "Lottie Fenn"), ("Bram Olufemi", "Corwin Tell")},
        ),
    ],
)
def test_hyphenated_given_names(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert credits_of(tmp_path, text) == expected


def test_an_article_about_another_show_that_names_this_one_once_gives_nothing(tmp_path: Path) -> None:
    text = (
        "Tidewater's Gull Island returns for a second season\n\n"
        "Gull Island, the coastal mystery, returns on Friday with Ines Varga as the ferry pilot Maren Holt.\n"
        "Bram Olufemi plays her brother, Tomas Holt, and Lottie Fenn joins as the harbourmaster.\n"
        "Fans of Harbour Lights will recognise the tone at once, from the fog to the long silences.\n"
        "The first season drew a loyal audience, and the second picks up a year later.\n"
    )
    assert credits_of(tmp_path, text) == set()
    folder = tmp_path / "seeds"
    warnings = [w for w in build_fact_set(folder).warnings if w.file == "a.txt"]
    assert [w.key for w in warnings] == ["warning.in_passing"]


def test_a_lede_or_a_roundup_heading_that_names_the_show_once_still_counts(tmp_path: Path) -> None:
    lede = (
        "LONDON (Wire) — Harbour Lights, the new coastal drama, stars Ines Varga as Maren Holt in the lead.\n"
        "The series begins filming in the spring, and further casting will follow.\n"
    )
    assert credits_of(tmp_path, lede) == {("Ines Varga", "Maren Holt")}
    roundup = (
        "What to watch this week\n\nHarbour Lights, Season 2\n"
        "Ines Varga stars as Maren Holt, a ferry pilot who keeps everyone's secrets but her own.\n"
    )
    assert credits_of(tmp_path, roundup) == {("Ines Varga", "Maren Holt")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An honour written before a winner's name is not a person.
        (
            "Tidewater orders more Harbour Lights, starring Peabody Prize winner Ines Varga as Maren Holt.",
            {("Ines Varga", "Maren Holt")},
        ),
        # A role in a film named in quotes belongs to that film, not to the show.
        (
            "In Harbour Lights, Bram Olufemi plays Corwin Tell; he won praise for playing a lighthouse keeper in "
            '"The Long Tide," a film in which Lottie Fenn played his wife, Hettie.',
            {("Bram Olufemi", "Corwin Tell")},
        ),
    ],
)
def test_honours_and_films_named_beside_the_cast(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list before "will headline <Title>"; family names later resolve to it.
        (
            "Ines Varga, Bram Olufemi and Lottie Fenn will headline Harbour Lights, the coastal drama. "
            "Varga plays Maren Holt, and Olufemi plays Corwin Tell.",
            {("Ines Varga", "Maren Holt"), ("Bram Olufemi", "Corwin Tell"), ("Lottie Fenn", None)},
        ),
        # "lead" followed by anything but the show is not a credit.
        ("Ines Varga and Bram Olufemi will lead the charge at the awards; Harbour Lights returns.", set()),
        # Brackets before a role verb hold the actor's earlier work, not a character.
        (
            "Harbour Lights has its lead. Ines Varga (Gull Island) plays Maren Holt, a ferry pilot.",
            {("Ines Varga", "Maren Holt")},
        ),
    ],
)
def test_lists_before_their_verb_and_credits_in_brackets(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Actor's Character" as the subject of its clause, the character named again.
        (
            "Harbour Lights is back. Ines Varga's Maren Holt gets the best lines, while Bram Olufemi's Corwin Tell "
            "turns every scene into a standoff. Maren wins, and Corwin sulks.",
            {("Ines Varga", "Maren Holt"), ("Bram Olufemi", "Corwin Tell")},
        ),
        # A maker's character, or a possessive that is the object of another verb, is not a cast credit.
        (
            "Harbour Lights is back. Novelist Ines Varga's Maren Holt gets a new chapter. Maren returns.",
            set(),
        ),
        (
            "Harbour Lights hired Lottie Fenn, who dressed Ines Varga's Maren Holt, as its costume designer. "
            "Maren is not in this show.",
            set(),
        ),
    ],
)
def test_an_actors_character_as_the_subject(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert {pair for pair in credits_of(tmp_path, text) if pair[1] is not None} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights won three trophies, and Ines Varga took the lead actress prize for playing Maren Holt.",
            {("Ines Varga", "Maren Holt")},
        ),
        # A prize for a role in another work.
        ('Harbour Lights is back. Ines Varga won an award for playing Maren Holt in "Gull Island."', set()),
        ("Harbour Lights is back. Ines Varga won an award for playing Maren Holt in Gull Island.", set()),
        # Returning cast after "joined again by"; a plain "joined by" is a guest, not a credit.
        (
            "Harbour Lights returns. She'll be joined again by Ines Varga, Bram Olufemi and Lottie Fenn.",
            {("Ines Varga", None), ("Bram Olufemi", None), ("Lottie Fenn", None)},
        ),
        ("At the Harbour Lights party she was joined by her husband, Bram Olufemi.", set()),
    ],
)
def test_prizes_for_a_role_and_returning_cast(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights adds two newcomers, who join returning stars Ines Varga, Bram Olufemi and Lottie Fenn.",
            {("Ines Varga", None), ("Bram Olufemi", None), ("Lottie Fenn", None)},
        ),
        (
            "Harbour Lights has cast its second season. Also joining are Ines Varga and Bram Olufemi.",
            {("Ines Varga", None), ("Bram Olufemi", None)},
        ),
        (
            "Harbour Lights returns in May. Season two stars Ines Varga, Bram Olufemi and Lottie Fenn.",
            {("Ines Varga", None), ("Bram Olufemi", None), ("Lottie Fenn", None)},
        ),
        # A star of something else, named before the show: nothing.
        ("Gull Island star Ines Varga will visit the Harbour Lights set.", set()),
        # Initials alone are not a character.
        (
            "Harbour Lights stars Ines Varga. Varga has signed on as a TV series regular for the first time.",
            {("Ines Varga", None)},
        ),
    ],
)
def test_lists_named_as_the_cast(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights is back. Whether Ines Varga returns as Maren Holt is still an open question.",
            set(),
        ),
        ("Harbour Lights is back, and if Bram Olufemi plays Corwin Tell again, fans will cheer.", set()),
        # The whole name: a nationality before a description is not the character (never "South"); the name
        # after the description is.
        (
            "Harbour Lights adds Ines Varga, who plays South Korean diver Maren Holt, to its cast.",
            {("Ines Varga", "Maren Holt")},
        ),
    ],
)
def test_questions_and_whole_names(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert {pair for pair in credits_of(tmp_path, text) if pair[1] is not None} == {
        pair for pair in expected if pair[1] is not None
    }
