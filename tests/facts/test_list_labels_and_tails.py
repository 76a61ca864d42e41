"""Cast lists under a label ("- Also joining: A, B and C"), ended by "round things out", and with a tail after
"along with" or "as well as"; a character named with and without an office ("Mayor Paul Vane" ~ "Paul Vane") is
one role. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.test_cast_phenomena import facts_of


def _cast(tmp_path: Path, text: str) -> set[tuple[str, str | None]]:
    return {(credit.actor, credit.character) for credit in facts_of(tmp_path, text).credits}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "- Also joining: Sy Noel, Ag Moreno and Kath Robb.",
            {("Sy Noel", None), ("Ag Moreno", None), ("Kath Robb", None)},
        ),
        (
            "- French stars Vin Casse and Nadia Teresh round things out.",
            {("Vin Casse", None), ("Nadia Teresh", None)},
        ),
        (
            "Also back are Dee Torr as Austin and Ray Abel as Joe, along with Kat Doug and Nat Mitch.",
            {("Dee Torr", "Austin"), ("Ray Abel", "Joe"), ("Kat Doug", None), ("Nat Mitch", None)},
        ),
        # A tail that is a clause of its own names no cast ("along with X producing ...").
        (
            "Also back are Dee Torr as Austin, along with Kat Doug producing the pilot.",
            {("Dee Torr", "Austin")},
        ),
        # "round things out" closing a sentence about something else is no cast list.
        ("Harbour Lights has a dog. Sy Noel rounds things out at the office.", set()),
        # The others who come back with a returning actor, a list that "also join(s)", "newcomers include".
        (
            "Dee Torr, who won an award for the role, returns along with Kat Doug and Nat Mitch.",
            {("Kat Doug", None), ("Nat Mitch", None)},
        ),
        (
            "Sy Noel, Ag Moreno and Kath Robb also join.",
            {("Sy Noel", None), ("Ag Moreno", None), ("Kath Robb", None)},
        ),
        ("Newcomers include Vin Casse and Nadia Teresh.", {("Vin Casse", None), ("Nadia Teresh", None)}),
        (
            "Dee Torr returns as Lottie, alongside Kat Doug and Nat Mitch.",
            {("Dee Torr", "Lottie"), ("Kat Doug", None), ("Nat Mitch", None)},
        ),
        (
            "Sy Noel and Ag Moreno, both part of the new season's cast, were photographed on Monday.",
            {("Sy Noel", None), ("Ag Moreno", None)},
        ),
        (
            "- Vin Casse, best known for a war film, joins Kat Doug and Nat Mitch among the younger guests.",
            {("Kat Doug", None), ("Nat Mitch", None)},
        ),
        (
            "The new guest list includes Vin Casse and Nadia Teresh.",
            {("Vin Casse", None), ("Nadia Teresh", None)},
        ),
        (
            "Harbour Lights adds more. Kath Robb will appear in recurring and guest roles.",
            {("Kath Robb", None)},
        ),
        # A role owned by a character, unnamed; "the character" is someone else's, named before
        ("Also spotted: Vin Casse, who plays Lottie's father, in a velvet jacket.", {("Vin Casse", None)}),
        (
            "Kat Doug returns as the adult Mara, opposite Nat Mitch, who plays the character as a teenager.",
            {("Kat Doug", "Mara")},
        ),
        # The show returning beside another title or a person's work is a schedule; joining a march is no cast.
        ("The series returns alongside Kat Doug's new drama.", set()),
        ("It returns along with Kat Doug and Nat Mitch's new drama.", set()),
        ("The protesters Sy Noel and Ag Moreno also join the march.", set()),
    ],
)
def test_labels_and_tails(tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]) -> None:
    assert _cast(tmp_path, "Harbour Lights returns. " + sentence) == expected


def test_an_office_before_a_character_is_the_same_role(tmp_path: Path) -> None:
    text = (
        "Harbour Lights returns. Also back are Dee Torr as Austin and Scot Port as Mayor Paul Vane. "
        "Scot Port plays Paul Vane again."
    )
    found = {(actor, character) for actor, character in _cast(tmp_path, text) if actor == "Scot Port"}
    assert found == {("Scot Port", "Mayor Paul Vane")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mara Quill, meanwhile, reprises Marlene, the leader she voiced in the game.",
            {("Mara Quill", "Marlene")},
        ),
        ("Mara Quill reprises her role as Lottie.", {("Mara Quill", "Lottie")}),
        ("Mara Quill reprises the role in a film.", set()),
    ],
)
def test_reprises(tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]) -> None:
    assert _cast(tmp_path, "Harbour Lights returns. " + sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Jobs before the names: behind the camera, whatever the verb.
        ("Behind the camera, composer Jane Roe and editor Ada Quist round things out.", set()),
        ("Writers Jane Roe and Ada Quist round things out.", set()),
        # Another work's cast.
        ("The film stars Jane Roe as Lottie.", set()),
        ("The 2019 movie starring Jane Roe and Ada Quist flopped.", set()),
        ("The series stars Jane Roe as Lottie.", {("Jane Roe", "Lottie")}),
    ],
)
def test_jobs_and_other_works(tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]) -> None:
    assert _cast(tmp_path, "Harbour Lights returns. " + sentence) == expected


def test_the_show_s_own_seasons_after_a_role_are_no_other_work(tmp_path: Path) -> None:
    text = (
        "Harbour Lights returns. Mara Quill, who played spa manager Bel Lind in Seasons 1 and 3, would return. "
        "Jane Roe, who played Lottie in Salt Road, is back."
    )
    assert _cast(tmp_path, text) == {("Mara Quill", "Bel Lind")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role held in this show since its start; career history and another title's seasons are not
        ("Harbour Lights returns. Nana Voss has played Billie Arden since the show's first season.",
         {("Nana Voss", "Billie Arden")}),
        ("Harbour Lights returns. Nana Voss has played Billie Arden in every season.", {("Nana Voss", "Billie Arden")}),
        ("Harbour Lights returns. Nana Voss has played Lady Vell twice on stage.", set()),
        ("Harbour Lights returns. Nana Voss has played Billie Arden in all three seasons of Other Title.", set()),
        ("Harbour Lights returns. Nana Voss has played Billie Arden since the first season on Streamly's Other Title.",
         set()),
    ],
)  # fmt: skip
def test_a_role_held_since_the_start(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _cast(tmp_path, text) == expected


def test_a_headline_verb_is_no_part_of_the_name(tmp_path: Path) -> None:
    text = (
        "EXCLUSIVE: 'Harbour Lights' Taps Gemma Vorne As Series Regular For Season 4\n\n"
        "Gemma Vorne has been cast as a series regular in the fourth season of Harbour Lights.\n\n"
        "Vorne will play Senator Claire Whitlow, a first-term senator.\n"
    )
    assert ("Gemma Vorne", "Claire Whitlow") in _cast(tmp_path, text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Will" opens a first and last name; a question that asks who returns states no credit
        (
            "Luca, played with unexpected gentleness by Will Pouller, is a revelation.",
            {("Will Pouller", "Luca")},
        ),
        ("Will Tilsen returns as Gregory Vance.", {("Will Tilsen", "Gregory Vance")}),
        ("Will Jane Roe return as Lottie Fenn?", set()),
        ("Is Jane Roe back as Lottie Fenn?", set()),
    ],
)
def test_will_as_a_first_name_and_questions(
    tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _cast(tmp_path, "Harbour Lights returns. " + sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a person described in the brackets is the actor; a maker or another role is not
        ("My guess: S3 = Benedict (Luke Thorne, who deserves the world) and S4 = Colin.", {("Luke Thorne", "Benedict")}),
        ("The film Tidewater (Jane Roe, who directed it) opens soon.", set()),
        ("Sy Noel rounds out the core Harbour House team as Mara Vell, the boss's right hand.", {("Sy Noel", "Mara Vell")}),
        ("The finale left several characters dead, including Kat Doug's Rick and Nat Mitch's Chelsea.",
         {("Kat Doug", "Rick"), ("Nat Mitch", "Chelsea")}),
        ("Sy Noel rounds out the week as host of the awards.", set()),
        # an aside with one comma inside still separates the actor from the verb; a list's last item is no aside
        ("Sy Noel joins. Noel, so good as Liz in the late, lamented Dockside, plays Mara Vell, the agent.",
         {("Sy Noel", "Mara Vell")}),
        ("Kat Doug, Nat Mitch, Bo Tess, and Tim Cole, plays Lottie.", set()),
        ("Ann Vale (Jane Roe, who plays her mother) is back.", set()),
    ],
)  # fmt: skip
def test_a_person_described_in_brackets(
    tmp_path: Path, sentence: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _cast(tmp_path, "Harbour Lights returns. " + sentence) == expected
