"""How articles refer back to people and pair names in brackets: surnames, honours, ranks, possessives, captions
and the show's focus through quotes and roundups. Each family has a case that must give a credit and one that
must give nothing; every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.test_cast_phenomena import credits_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A surname alone, given in full where the article named the person before.
        (
            "Ines Varga (Tidewater) has boarded Harbour Lights. Varga has been cast as Lottie Fenn, a diver.",
            {("Ines Varga", "Lottie Fenn")},
        ),
        # A copula with a surname: the actor was named as cast before.
        (
            "Harbour Lights adds previously announced leads Bram Olufemi and Maren Holt. Olufemi is Corwin Tell, "
            "a lighthouse keeper with debts.",
            {("Bram Olufemi", "Corwin Tell"), ("Maren Holt", None)},
        ),
        # Two people share the surname: it stays unresolved rather than guessed.
        (
            "Harbour Lights has cast Ines Varga and Odile Varga. Varga will play Lottie Fenn.",
            set(),
        ),
        # An honour is not part of the name.
        ("On Harbour Lights, Sir Bram Olufemi plays Corwin Tell.", {("Bram Olufemi", "Corwin Tell")}),
        # "co-stars as", with an acronym among the words describing the role.
        (
            "Harbour Lights stars Maren Holt. Ines Varga co-stars as NYPD detective Lottie Fenn.",
            {("Ines Varga", "Lottie Fenn"), ("Maren Holt", None)},
        ),
        # An aside between the actor and the verb.
        (
            "On Harbour Lights, Bram Olufemi, upped to series regular, returns as custodian Mr. Tell.",
            {("Bram Olufemi", "Mr. Tell")},
        ),
        # "Actor's Character" described right after, or two of them in one sentence.
        (
            "On Harbour Lights, Maren Holt's Hettie Vance, the new head of the harbour police, has a dry wit.",
            {("Maren Holt", "Hettie Vance")},
        ),
        (
            "Harbour Lights is crowded: Ines Varga's Lottie Fenn and Bram Olufemi's Corwin Tell are left with "
            "scraps.",
            {("Ines Varga", "Lottie Fenn"), ("Bram Olufemi", "Corwin Tell")},
        ),
        # A caption, and "Actor as Character" as a clause's subject.
        (
            "Harbour Lights returns.\n[Image: Ines Varga as Lottie Fenn, on the quay at dawn.]",
            {("Ines Varga", "Lottie Fenn")},
        ),
        (
            "Harbour Lights is back. Ines Varga as Lottie Fenn is in full storm mode.",
            {("Ines Varga", "Lottie Fenn")},
        ),
        # "takes the role of", "reprises the role of".
        (
            "On Harbour Lights, Bram Olufemi takes the role of Corwin Tell, and Ines Varga reprises the role of "
            "Lottie Fenn.",
            {("Bram Olufemi", "Corwin Tell"), ("Ines Varga", "Lottie Fenn")},
        ),
        # A title in brackets does not end a sentence.
        (
            "Harbour Lights returns with Ines Varga (Lottie Fenn) and Bram Olufemi (Mr. Tell), both on the quay.",
            {("Ines Varga", "Lottie Fenn"), ("Bram Olufemi", "Mr. Tell")},
        ),
    ],
)
def test_people_referred_to_again(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rank or office marks the character's side.
        (
            "At the Harbour Lights premiere: Ines Varga (Lady Marlow), Bram Olufemi (Queen Odile) and "
            "Maren Holt (Detective Fenn).",
            {
                ("Ines Varga", "Lady Marlow"),
                ("Bram Olufemi", "Queen Odile"),
                ("Maren Holt", "Detective Fenn"),
            },
        ),
        # The list's plain credit tells which way its pairs read.
        (
            "Harbour Lights is back: Ines Varga (Lottie Fenn), Bram Olufemi (Corwin Tell) and Maren Holt as the "
            "harbour master Hettie Vance all return.",
            {("Ines Varga", "Lottie Fenn"), ("Bram Olufemi", "Corwin Tell"), ("Maren Holt", "Hettie Vance")},
        ),
        # A middle name is the actor's.
        (
            "Harbour Lights follows Lottie Fenn (Ines Anne Varga) and Corwin Tell (Bram Olufemi) to the coast.",
            {("Ines Anne Varga", "Lottie Fenn"), ("Bram Olufemi", "Corwin Tell")},
        ),
        # Brackets after a character name that character again: no pair.
        (
            "Harbour Lights cast:\n- Ines Varga as Lottie F. (Lottie Fenn)\n- Bram Olufemi as Corwin Tell",
            {("Ines Varga", "Lottie F."), ("Bram Olufemi", "Corwin Tell")},
        ),
    ],
)
def test_pairs_in_brackets_read_the_right_way(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "as" opening a clause, in a headline-like line.
        "Harbour Lights review: Ines Varga brings the chill as Tidewater House takes it personally",
        # A role that is a job, not a character.
        "On Harbour Lights, Ines Varga takes the role of host at the Tidewater Gala.",
        # A place is not a character.
        "On Harbour Lights, Ines Varga arrives as headmistress of Corwin Academy.",
        # A role in another work the sentence names.
        "Ines Varga earned a Tony nomination for playing Lottie Fenn in the Broadway musical Tidewater, and "
        "joins Harbour Lights next year.",
        "Bram Olufemi won in 2018 for Tidewater, a film in which Ines Varga played his wife, Lottie.",
        # A spin-off that carries the show's title.
        "Tidewater: A Harbour Lights Story is streaming in full, with Ines Varga as the young keeper, Bram "
        "Olufemi as Corwin Tell and Maren Holt as the young Hettie Vance.",
        # Someone else's role: the actor another is compared with or follows.
        "Harbour Lights made Bram Olufemi a breakout star, and bookmakers list him as the favourite to succeed "
        "Corwin Tellford as Agent Marlow.",
        # A role in another title named without quotes or a possessive.
        "Maren Holt made her name on Tides of Gold, the same series on which Bram Olufemi briefly appeared as "
        "Corwin Tell, and joins Harbour Lights next year.",
        # A possessive naming a thing once, with nothing to say it is a character.
        "On Harbour Lights, Maren Holt's Grand Hotel is a delight.",
    ],
)
def test_what_is_not_a_credit(tmp_path: Path, text: str) -> None:
    assert {pair for pair in credits_of(tmp_path, text) if pair[1] is not None} == set()


def test_a_quote_at_the_start_of_a_sentence_keeps_the_show_in_focus(tmp_path: Path) -> None:
    text = (
        "Harbour Lights begins streaming on Friday. Ines Varga leads the series as Lottie Fenn.\n"
        '"She is impossible, and I adore her," Varga said at the premiere.\n'
        "Bram Olufemi plays Corwin Tell, a lighthouse keeper with debts."
    )
    assert ("Bram Olufemi", "Corwin Tell") in credits_of(tmp_path, text)


def test_a_roundups_other_titles_are_not_the_shows_episodes(tmp_path: Path) -> None:
    text = (
        "What to watch this week: 'Harbour Lights' returns, 'Tidewater Blues' goes back to sea\n\n"
        "1.\n\n'Harbour Lights,' Season 2 — Streamly, Friday\n\nInes Varga plays Lottie Fenn again.\n\n"
        "2.\n\n'Tidewater Blues,' Season 2 — Other Service, Thursday\n\n"
        "Bram Olufemi returns as Corwin Tell for another semester.\n\n"
        "3.\n\nNorth & South (Other Service, Sunday)\n\nMaren Holt returns as Hettie Vance."
    )
    assert credits_of(tmp_path, text) == {("Ines Varga", "Lottie Fenn")}


def test_a_list_after_a_colon_that_closes_a_sentence_about_the_cast(tmp_path: Path) -> None:
    text = (
        "Harbour Lights season 3 is coming. The newcomers are a stacked group, though their roles are under "
        "wraps: Ines Varga, Bram Olufemi and Maren Holt."
    )
    assert credits_of(tmp_path, text) == {("Ines Varga", None), ("Bram Olufemi", None), ("Maren Holt", None)}


def test_a_list_after_a_colon_that_goes_on_is_not_the_cast(tmp_path: Path) -> None:
    text = "Harbour Lights season 3 is coming. The cast met two people: Ines Varga and Bram Olufemi, who run a pub."
    assert credits_of(tmp_path, text) == set()


def test_a_name_after_on_is_not_another_title(tmp_path: Path) -> None:
    text = (
        "In Harbour Lights season 3 the spotlight falls on Lottie Fenn, played by Ines Varga, and her sister."
    )
    assert credits_of(tmp_path, text) == {("Ines Varga", "Lottie Fenn")}
