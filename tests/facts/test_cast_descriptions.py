"""Characters described before their names, and pairs in brackets told apart by how the story refers back to
them. Each family has a case that must give a credit and one that must give nothing; every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.test_cast_phenomena import credits_of


def _pairs(tmp_path: Path, text: str) -> set[tuple[str, str | None]]:
    return {pair for pair in credits_of(tmp_path, text) if pair[1] is not None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Capitalised words describing the role, then its noun, then the character.
        (
            "On Harbour Lights, Ines Varga, who plays the Tidewater Liberation Front medic Nell, is gone.",
            set(),  # an organisation's name before the role may as well be another title's: not read
        ),
        (
            "On Harbour Lights, Bram Olufemi, who plays Corwin's Cornish boss Hettie Vance, posed.",
            {("Bram Olufemi", "Hettie Vance")},
        ),
        # A quoted word among the description.
        (
            'On Harbour Lights, Maren Holt, who plays Corwin\'s "cousin" Wendell Ashby, eats well.',
            {("Maren Holt", "Wendell Ashby")},
        ),
        # A hyphenated description that begins with a link word ("then-wife").
        (
            "On Harbour Lights, Odile Varga, as Corwin's then-wife Lottie, spends the night hiding.",
            {("Odile Varga", "Lottie")},
        ),
        # "as" and a description without an article, in a list of roles.
        (
            "Harbour Lights returns with Pell Aranda as detective Sefa Mortlake and Wren Ilori as Nell Fenn.",
            {
                ("Pell Aranda", "Sefa Mortlake"),
                ("Wren Ilori", "Nell Fenn"),
            },
        ),
    ],
)
def test_described_characters(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert _pairs(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Two characters, a verb between them: neither description nor credit of the second.
        "On Harbour Lights, Ines Varga plays Lottie Fenn hunting Ann Vale.",
        "On Harbour Lights, Ines Varga plays Lottie Fenn because Ann Vale left.",
        # A name inside a noun phrase is no actor: "the core <Name> team as <Character>".
        "Ines Varga rounds out the core Harbour House team as Lottie Fenn, the office manager.",
    ],
)
def test_descriptions_that_name_no_role(tmp_path: Path, text: str) -> None:
    found = _pairs(tmp_path, text)
    assert ("Ines Varga", "Ann Vale") not in found
    assert ("Harbour House", "Lottie Fenn") not in found


def test_a_lone_pair_is_told_by_the_first_name_the_story_uses(tmp_path: Path) -> None:
    # The story calls the character "Nell" on its own: Nell Fenn is the character, Maren Holt the actor,
    # whatever the article's cast list does.
    text = (
        "Harbour Lights is back. Returning are Bram Olufemi (Lord Corwin Tell) and Ines Varga (Lady Hettie "
        "Vance). She is Nell Fenn (Maren Holt), a maid who vanished before midnight. Nell keeps her secret."
    )
    assert ("Maren Holt", "Nell Fenn") in _pairs(tmp_path, text)
    assert ("Nell Fenn", "Maren Holt") not in _pairs(tmp_path, text)


def test_a_lone_pair_with_nothing_to_tell_its_sides_apart_gives_nothing(tmp_path: Path) -> None:
    # The cast list's habit (actor first) does not carry over to the story's own pairs.
    text = (
        "Harbour Lights is back. Returning are Bram Olufemi (Lord Corwin Tell) and Ines Varga (Lady Hettie "
        "Vance). She is Nell Fenn (Maren Holt), a maid who vanished before midnight."
    )
    found = _pairs(tmp_path, text)
    assert ("Nell Fenn", "Maren Holt") not in found
    assert ("Bram Olufemi", "Lord Corwin Tell") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A recast names both actors of the role.
        (
            "On Harbour Lights, Ines Varga is taking over the role of Nell Fenn, the deputy to Corwin Tell (Bram "
            "Olufemi), from Maren Holt.",
            {("Ines Varga", "Nell Fenn"), ("Maren Holt", "Nell Fenn")},
        ),
        (
            "On Harbour Lights, Ines Varga, who replaces Maren Holt as Corwin's deputy, Nell Fenn, arrives.",
            {("Ines Varga", "Nell Fenn"), ("Maren Holt", "Nell Fenn")},
        ),
        # "led by" opens a cast list, unlike a photo credit's "by".
        (
            "Harbour Lights adds two. They join an ensemble led by Pell Aranda (Nell), Wren Ilori (Corwin).",
            {("Pell Aranda", "Nell"), ("Wren Ilori", "Corwin")},
        ),
        # Words between "played" and "by".
        (
            "Harbour Lights is back. Nell, played as an adult by Pell Aranda, remains the heart.",
            {("Pell Aranda", "Nell")},
        ),
        # A possessive after a clause opener, with an age word before the character.
        (
            "There is a moment in Harbour Lights when Pell Aranda's adult Nell Fenn, newly promoted, asks who "
            "picked the carpet. Nell is furious.",
            {("Pell Aranda", "Nell Fenn")},
        ),
    ],
)
def test_recasts_lists_and_possessives(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _pairs(tmp_path, text) == expected


def test_a_possessive_after_a_verb_may_be_another_work_s_role(tmp_path: Path) -> None:
    text = (
        "Wren Ilori created Salt Road too, and Pell Aranda, who dressed Maren Holt's Nell Fenn, consults on "
        "Harbour Lights. Nell Fenn was a hit."
    )
    assert ("Maren Holt", "Nell Fenn") not in _pairs(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        # A person's show does what shows do: it returns, it was renewed.
        "Harbour Lights is back, and so is Pell Aranda's Salt Road. Pell Aranda's Salt Road returns in May.",
        "Harbour Lights is back. Pell Aranda's Salt Road was renewed last week.",
    ],
)
def test_a_persons_title_is_no_character(tmp_path: Path, text: str) -> None:
    assert ("Pell Aranda", "Salt Road") not in _pairs(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An aside between commas that describes the actor, then the verb.
        (
            'Harbour Lights adds a star. Netflix announced that Ines Varga, Lottie on Streamly\'s "Salt Road," will '
            "play Nell Fenn, the principal.",
            {("Ines Varga", "Nell Fenn")},
        ),
        (
            "On Harbour Lights, Maren Holt, already an award winner for the part, returned as his mother, Donna, "
            "for one episode.",
            {("Maren Holt", "Donna")},
        ),
        # "once again plays", "is playing ... dad, Jerry".
        ("On Harbour Lights, Pell Aranda once again plays Jacob Hill.", {("Pell Aranda", "Jacob Hill")}),
        ("On Harbour Lights, Wren Ilori is playing Nell's dad, Jerry.", {("Wren Ilori", "Jerry")}),
        # A first name, then a full one in brackets: the character, then the actor.
        (
            "Harbour Lights is back. A smuggler escorts a teenager named Ellie (Bella Roe) across the country.",
            {("Bella Roe", "Ellie")},
        ),
    ],
)
def test_asides_adverbs_and_first_names(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _pairs(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A capitalised adjective after "a": the role is unnamed.
        "On Harbour Lights, Clea Duvet is playing a Seraphite leader.",
        # A full name, then one word in brackets: as often the actor's earlier work.
        "Harbour Lights adds Bella Roe (Tidewater) to its cast.",
    ],
)
def test_no_character_from_an_adjective_or_a_credit_in_brackets(tmp_path: Path, text: str) -> None:
    assert _pairs(tmp_path, text) == set()


def test_a_cast_guide_s_numbered_lines(tmp_path: Path) -> None:
    text = (
        "Harbour Lights: every face in the game.\n"
        "• Nell Fenn (Player 218) — Pell Aranda\n"
        "• Wren Ilori is Jung-bae (Player 390), Nell's oldest friend.\n"
        # Without a number the brackets may be anything: "Pell Aranda (Tidewater) — a profile" is no item.
        "• Corwin Tell (Tidewater) — Maren Holt\n"
    )
    assert _pairs(tmp_path, text) == {("Pell Aranda", "Nell Fenn"), ("Wren Ilori", "Jung-bae")}


def test_a_capitalised_word_after_a_described_role_that_a_verb_follows_is_another_clause(
    tmp_path: Path,
) -> None:
    text = "Harbour Lights. Pell Aranda is back, and Maren Holt plays a fellow patient Nell befriends."
    assert ("Maren Holt", "Nell") not in _pairs(tmp_path, text)
    # "named" leads to the role's name.
    named = "Harbour Lights. Odile Varga plays a widowed park ranger named June Aldana."
    assert ("Odile Varga", "June Aldana") in _pairs(tmp_path, named)


def test_a_surname_in_brackets_is_the_actor_the_article_names_in_full(tmp_path: Path) -> None:
    text = (
        "Harbour Lights stars Wren Ilori and Pell Aranda. In season four, Nell (Ilori) faces an empty house, and "
        "Corwin (Aranda) retires."
    )
    assert _pairs(tmp_path, text) == {("Wren Ilori", "Nell"), ("Pell Aranda", "Corwin")}


def test_lists_paired_in_order_by_play(tmp_path: Path) -> None:
    text = (
        "Harbour Lights: Pell Aranda, Wren Ilori and Sefa Mortlake play Nell, Kate and Laurie, respectively."
    )
    assert _pairs(tmp_path, text) == {
        ("Pell Aranda", "Nell"),
        ("Wren Ilori", "Kate"),
        ("Sefa Mortlake", "Laurie"),
    }
