"""Precision classes an unseen pair of shows exposed: another title made of the show's and a subtitle ("<Title>:
Blood of My Blood, the prequel, ..."), a list line's date taken for the page's, a producer's company written as
"A's Company", capitals after an article ("the French Oscar winner who joins as ..."), a first name inside
another name, and "the remaining episodes of Season 7" as its second part. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.documents import parse_article
from tests.facts.test_cast_phenomena import facts_of
from tests.facts.test_dated_families import _dates


def _cast(tmp_path: Path, text: str) -> set[tuple[str, str | None]]:
    return {(credit.actor, credit.character) for credit in facts_of(tmp_path, text).credits}


def test_a_subtitled_title_is_another_show(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2026-03-01\nHarbour Lights Season 8: everything we know\n\n"
        "- Harbour Lights: Salt of the Earth, the prequel about the founders, debuted on August 8, 2025, and is "
        "filming Season 2.\n",
    )
    assert found == set()


def test_a_subtitled_headline_makes_the_article_another_show_s(tmp_path: Path) -> None:
    text = (
        "'Harbour Lights: Salt of the Earth' Wraps Season 2 Filming\n\ndate 2026-04-02\n\n"
        "Production on the second season of Harbour Lights: Salt of the Earth wrapped last Friday.\n\n"
        "The prequel follows two couples: Brian Tell (Jamie Royle) and Ellen Vane (Harriet Sloane).\n"
    )
    assert _cast(tmp_path, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # A colon and then people: the show's own sentence.
        "Harbour Lights: Pell Aranda, Wren Ilori and Sefa Mortlake play Nell, Kate and Laurie, respectively.",
        "Harbour Lights: Bram Olufemi has been cast as Corwin Tell.",
    ],
)
def test_a_colon_before_names_keeps_the_show(tmp_path: Path, text: str) -> None:
    assert _cast(tmp_path, text)


def test_a_release_list_line_is_no_publication_date() -> None:
    article = parse_article(
        "a.txt",
        b"Harbour Lights Season 5: everything we know\n\nHere is how the seasons rolled out:\n\n"
        b"- Season 2: September 17, 2021\n\nProduction kicked off on February 9.\n",
    )
    assert article.publication_date is None
    byline = parse_article(
        "b.txt", b"Harbour Lights news\nPosted by Ann Vale | Nov 11, 2020 | Season 2\n\nIt is back.\n"
    )
    assert str(byline.publication_date) == "2020-11-11"


def test_a_producer_s_company_is_no_character(tmp_path: Path) -> None:
    text = (
        "Harbour Lights stars Jane Roe as Lottie Fenn and Ann Vale as Kit Marr. The show is produced by Tidal "
        "Res, whose chief, Bo Lind, is also an executive producer, alongside Vale's Hello Sunrise and Roe's Echo "
        "Pictures."
    )
    found = _cast(tmp_path, text)
    assert found == {("Jane Roe", "Lottie Fenn"), ("Ann Vale", "Kit Marr")}


def test_a_possessive_character_before_a_participle(tmp_path: Path) -> None:
    text = (
        "Harbour Lights stars Jane Roe and Ann Vale as rival anchors. The new season finds Roe's Lottie Fenn running "
        "the newsroom and Vale's Kit Marr trying to work her way back in. Lottie Fenn and Kit Marr clash."
    )
    assert {("Jane Roe", "Lottie Fenn"), ("Ann Vale", "Kit Marr")} <= _cast(tmp_path, text)


def test_capitals_after_an_article_name_no_actor(tmp_path: Path) -> None:
    text = (
        "Harbour Lights returns. Bo Lind posed alongside Mara Quill, the French Oscar winner who joins the series "
        "as Celine Dumas."
    )
    assert all(actor != "French Oscar" for actor, _ in _cast(tmp_path, text))


def test_a_first_name_inside_another_name_does_not_turn_a_pair(tmp_path: Path) -> None:
    text = (
        "Harbour Lights: Sophie Skell (Brianna Mack), Richard Rank (Roger Mack), John Bellamy (Young Ian) and Dai "
        "Berry (Lord John Grey) are all back."
    )
    found = _cast(tmp_path, text)
    assert ("Young Ian", "John Bellamy") not in found
    assert ("John Bellamy", "Young Ian") in found


def test_the_remaining_episodes_of_a_season_are_its_second_part(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2024-06-01\nHarbour Lights news.\n\nThe network still has to deliver the remaining eight episodes of "
        "Season 7, which are set to return in November.\n",
    )
    assert found == {("premiere", 7, 2, "2024-11", None)}


def test_the_show_s_build_is_untouched_by_the_rules(tmp_path: Path) -> None:
    """The same text naming only the show keeps its facts: the rules above remove, they do not rename."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "show.toml").write_text(
        '[show]\ntitle = "Harbour Lights"\naliases = []\nservice = "Tidewater+"\n\n'
        '[release]\ntime = "21:00"\ntimezone = "Europe/London"\ncountry = "GB"\n',
        encoding="utf-8",
    )
    (seeds / "a.txt").write_text(
        "date 2025-09-01\nHarbour Lights debuted on August 8, 2025, and is filming Season 2.\n",
        encoding="utf-8",
    )
    assert [(fact.kind, fact.season) for fact in build_fact_set(seeds).dates] == [("premiere", 1)]


def test_a_subtitled_event_of_the_show_stays_the_show_s(tmp_path: Path) -> None:
    """A subtitle that is no series (no season of its own, not described as a work) is the show's own event."""
    found = _dates(
        tmp_path,
        'date 2025-03-01\nAs part of "Harbour Lights: The Magic Behind the Scenes," fans can watch an episode.\n\n'
        '"Harbour Lights: The Magic Behind the Scenes" is part of a live series.\n\n'
        "Harbour Lights Season 4 premieres on March 20.\n",
    )
    assert found == {("premiere", 4, None, "2025-03-20", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights returns. Lottie is now dating fashion heir Marco Murat (Eugen Franchi) in Rome.",
            {("Eugen Franchi", "Marco Murat")},
        ),
        # A performer's label before the name is no role: nothing decides, nothing is credited.
        ("Harbour Lights returns. The show added Emmy winner Marco Murat (Eugen Franchi) in Rome.", set()),
    ],
)
def test_a_role_noun_before_brackets_names_the_character(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _cast(tmp_path, text) == expected


def test_a_possessive_credit_in_a_review_with_a_masthead(tmp_path: Path) -> None:
    # A masthead and a grade line about nothing do not make a review a roundup; "Meanwhile" opens a clause.
    text = (
        "THE LEDGER — ARTS & CULTURE\n\n'Harbour Lights' Season 3 Review: A Quieter Harbour\n\nGrade: A-\n\n"
        "Harbour Lights returns with its best season. Oskar Venn's Tobias Marle is a banker with a secret. "
        "Meanwhile Ilsa Prent's Mara accepts a proposal. The finale is superb. The score is lovely. "
        "The sets are gorgeous. The writing is sharp. The pacing is calm. The ending lands.\n"
    )
    assert {("Oskar Venn", "Tobias Marle"), ("Ilsa Prent", "Mara")} <= _cast(tmp_path, text)


def test_a_possessive_in_a_roundup_stays_unread(tmp_path: Path) -> None:
    # In a roundup where the show is one item of several, "Ann Vale's Nell" in another item is not ours.
    text = (
        "What to watch this week: 'Harbour Lights,' 'Tidewater' and more\n\n"
        "HARBOUR LIGHTS (Streamly) — Friday\nHarbour Lights returns for a third season.\n\n"
        "TIDEWATER (Other+) — Monday\nThe drama is back. Ann Vale's Nell returns to the lighthouse. It is grim.\n\n"
        "QUAYSIDE (Other+) — Sunday\nThe comedy ends. Bo Lenk's Ferris says goodbye. It is sweet.\n"
    )
    assert not {("Ann Vale", "Nell"), ("Bo Lenk", "Ferris")} & _cast(tmp_path, text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a character described between the possessive and the name; a work or a company is no character
        ("Bo Lenk's increasingly shifty Principal Dorn steals the finale.", {("Bo Lenk", "Principal Dorn")}),
        ("Meanwhile Ines Pell's hapless hacker Roddy Vane is at the centre of it.", {("Ines Pell", "Roddy Vane")}),
        ("Ines Pell's hit film Big Prize opens Friday, and Bo Lenk's new film Salt Road too.", set()),
        ("Ines Pell's production company Hello Sunshine and Bo Lenk's banner Red Door made it.", set()),
        ("Bo Lenk plays Mara. Pell's credits include Salt Road and Tidewater.", {("Bo Lenk", "Mara")}),
    ],
)  # fmt: skip
def test_a_described_character_after_a_possessive(
    tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]
) -> None:
    assert (
        _cast(tmp_path, "Harbour Lights Season 2 review\n\nHarbour Lights returns. " + sentence) == expected
    )
