"""Cast lists read item by item: labels before names, asides after them, roles inside the list, a tail after
"with", people "alongside" a credit, groups rounded out and guest stars "among" the new season. Each family
has a case that must give credits and one that must give nothing; every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.cast_lists import read_cast_list
from tests.facts.test_cast_phenomena import credits_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Labels before names ("Academy Award nominee", "newcomer") are not part of them.
        (
            "Harbour Lights returns. The ensemble cast includes Academy Award nominee Odile Varga, Bram Olufemi "
            "and Emmy winner Tavish Oyelaran.",
            {("Odile Varga", None), ("Bram Olufemi", None), ("Tavish Oyelaran", None)},
        ),
        # A role inside the list, and the list's tail after "with".
        (
            "The Harbour Lights ensemble also included Maren Holt as Lottie Fenn, Corwin Adeyemi, Ines Varga, "
            "with Odalys Brennick and Tavish Oyelaran.",
            {
                ("Maren Holt", "Lottie Fenn"),
                ("Corwin Adeyemi", None),
                ("Ines Varga", None),
                ("Odalys Brennick", None),
                ("Tavish Oyelaran", None),
            },
        ),
        # Asides after names: their credits elsewhere, in quotes.
        (
            'Harbour Lights adds cast. Also joining are Pell Aranda ("Tidewater," "Salt Road"), Wren Ilori '
            '("Dry Dock") and Sefa Mortlake.',
            {("Pell Aranda", None), ("Wren Ilori", None), ("Sefa Mortlake", None)},
        ),
        # "alongside" after a credit of the same sentence.
        (
            "Harbour Lights is back. Maren Holt returns as Lottie, alongside Bram Olufemi, Ines Varga and "
            "Tavish Oyelaran.",
            {
                ("Maren Holt", "Lottie"),
                ("Bram Olufemi", None),
                ("Ines Varga", None),
                ("Tavish Oyelaran", None),
            },
        ),
        # A group rounded out, named by the word the sentence ends on.
        (
            "Harbour Lights is renewed. Pell Aranda, Wren Ilori and Sefa Mortlake round out the new residents.",
            {("Pell Aranda", None), ("Wren Ilori", None), ("Sefa Mortlake", None)},
        ),
        # "among the other guest stars", "have both joined the cast".
        (
            "Harbour Lights season two. Pell Aranda and Wren Ilori are among the other guest stars joining the new "
            "season, and Sefa Mortlake and Odile Varga have both joined the cast.",
            {("Pell Aranda", None), ("Wren Ilori", None), ("Sefa Mortlake", None), ("Odile Varga", None)},
        ),
    ],
)
def test_cast_lists_give_each_member(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "alongside" with no credit before it: a co-star of anything.
        "Harbour Lights is back. Maren Holt, a former swimmer, trained alongside Bram Olufemi and Ines Varga.",
        # Companies rounding out a ranking are no cast.
        "Harbour Lights streams on Streamly. Netflix, Hulu and Paramount round out the top three.",
        # After "with", a name opening its own clause is not a list member.
        "Harbour Lights returns. The cast includes Maren Holt as Lottie Fenn, with Bram Olufemi directing.",
    ],
)
def test_lists_that_are_not_the_cast_give_nothing_more(tmp_path: Path, text: str) -> None:
    found = credits_of(tmp_path, text)
    assert not {actor for actor, _ in found} & {"Bram Olufemi", "Ines Varga", "Netflix", "Hulu", "Paramount"}


def test_a_pair_in_brackets_inside_a_list_is_left_to_the_pair_reader() -> None:
    text = "alongside Lottie F. (Maren Holt), Corwin (Bram Olufemi) and Ines Varga."
    items = read_cast_list(text, len("alongside "))
    assert [(item.actor, item.character) for item in items] == [("Ines Varga", None)]


def test_a_role_without_a_name_ends_the_list() -> None:
    text = "Maren Holt as Lottie, Bram Olufemi as the cheerful recruiter and Ines Varga."
    items = read_cast_list(text, 0)
    assert [(item.actor, item.character) for item in items] == [("Maren Holt", "Lottie")]


def test_a_long_run_of_names_is_read_no_further_than_the_limit() -> None:
    text = ", ".join(["Pell Aranda"] * 5000)
    items = read_cast_list(text, 0)
    assert len(items) == 40  # at most the limit, however long the run of names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Returning are ... as the grown survivors, with ... among the actors playing ...".
        (
            "Harbour Lights returns Friday. Returning are Pell Aranda, Wren Ilori and Sefa Mortlake as the grown "
            "survivors, with Ines Varga and Maren Holt among the actors playing their teenage selves.",
            {
                ("Pell Aranda", None),
                ("Wren Ilori", None),
                ("Sefa Mortlake", None),
                ("Ines Varga", None),
                ("Maren Holt", None),
            },
        ),
        # Casting news' "set to return".
        (
            "Harbour Lights season 3. In the 1996 timeline, Bram Olufemi, Tavish Oyelaran and Nell Fenn are all set "
            "to return.",
            {("Bram Olufemi", None), ("Tavish Oyelaran", None), ("Nell Fenn", None)},
        ),
        # A role without a name: in the cast, the character unknown.
        (
            "Harbour Lights season 3. Clea Duvet is playing a cult leader. Jason Rotter joins as a soldier (no name "
            "yet). Celeste Marchetti has booked a guest spot later in the season.",
            {("Clea Duvet", None), ("Jason Rotter", None), ("Celeste Marchetti", None)},
        ),
        # "cast members A and B".
        (
            "Harbour Lights is over. Cast members Warren Kale and Courtney Eton both reposted the announcement.",
            {("Warren Kale", None), ("Courtney Eton", None)},
        ),
    ],
)
def test_more_ways_of_naming_the_cast(
    tmp_path: Path, text: str, expected: set[tuple[str, str | None]]
) -> None:
    assert credits_of(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A character or the crew "back" is no casting news.
        "Harbour Lights returns. Lottie Fenn is back on the cobblestones.",
        "Harbour Lights returns. Creators Pell Aranda and Wren Ilori are back as showrunners.",
        # A business idiom, not a role.
        "Harbour Lights sold well. Pell Aranda plays a key role in the deal.",
        # Young versions paired "respectively" with characters the list does not name again.
        "Harbour Lights stars Odile Varga (Lottie) and Bram Olufemi (Corwin) as the adult survivors, with Pell "
        "Aranda and Wren Ilori as their teenage counterparts, respectively.",
    ],
)
def test_what_is_not_casting_news(tmp_path: Path, text: str) -> None:
    found = credits_of(tmp_path, text)
    assert not {actor for actor, _ in found} & {
        "Lottie Fenn",
        "Pell Aranda",
        "Wren Ilori",
        "Creators Pell Aranda",
    }


def test_a_day_s_name_after_a_first_name_is_a_surname(tmp_path: Path) -> None:
    found = credits_of(
        tmp_path,
        "Harbour Lights returns. Maren Holt returns as Lottie, alongside Pell Aranda, Joy Sunday and Wren April.",
    )
    assert {("Joy Sunday", None), ("Wren April", None)} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour Lights adds two. The newcomers join series regulars Pell Aranda, Wren Ilori and Sefa Mortlake.",
            {("Pell Aranda", None), ("Wren Ilori", None), ("Sefa Mortlake", None)},
        ),
        (
            "Harbour Lights season 3. Guest stars this season include Maren Holt as Nell Fenn and Odile Varga.",
            {("Maren Holt", "Nell Fenn"), ("Odile Varga", None)},
        ),
        (
            "Harbour Lights season 3. Pell Aranda and Wren Ilori join the cast as guest stars in undisclosed roles.",
            {("Pell Aranda", None), ("Wren Ilori", None)},
        ),
    ],
)
def test_regulars_and_guest_stars(tmp_path: Path, text: str, expected: set[tuple[str, str | None]]) -> None:
    assert credits_of(tmp_path, text) == expected
