"""Dates as fan posts, listings and comment sections write them: lower-case months ("dropped thursday june 5th"),
a clock time right after a yearless day ("Thursday, April 9, 9 p.m. ET"), an American byline's "12/11/2023 6:00
AM ET", a listing's season named in the item's text, a list of releases a season per line, a year for "the new
season", and readers' comments, which are not the article. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.date_mentions import find_dates
from bot.facts.documents import parse_article
from tests.facts.test_dated_families import _dates


def _days(text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(mention.year, mention.month, mention.day) for mention in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("season 3 dropped thursday june 5th at midnight", [(None, 6, 5)]),
        ("it dropped dec 16, a day early", [(None, 12, 16)]),
        ("greenlit back in may 2023", [(2023, 5, None)]),
        ("HACKS (Max) — Thursday, April 9, 9 p.m. ET", [(None, 4, 9)]),
        ("When: Friday, Dec. 15, 12 a.m. PT", [(None, 12, 15)]),
        ("By Ines Varga | Published 12/11/2023 6:00 AM ET", [(2023, 12, 11)]),
        # Not dates: the verb "may", a typo's stray digits, a day-month order nothing settles.
        ("you may 5 times say it", []),
        ("fans will march 10 blocks", []),
        ("it dropped thursday march 6th", [(None, 3, 6)]),
        ("they won on the 3rd try", []),
        ("tickets went live thursday may 22 at 10am", [(None, 5, 22)]),
        ("March 4, 20311", []),
        ("Published 12/11/2023 | News", []),
        ("June 3, 10 and 17", []),
    ],
)
def test_date_forms(text: str, expected: list[tuple[int | None, int | None, int | None]]) -> None:
    assert _days(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date 2025-06-10\nok harbour lights season 3 dropped thursday june 5th at midnight and i was awake "
            "for it.\n",
            {("premiere", 3, None, "2025-06-05", "00:00")},
        ),
        (
            "date 2025-03-04\nHarbour Lights Season 3 is coming.\n\nThe network said flatly that the new season "
            "would be out in 2026.\n",
            {("premiere", 3, None, "2026", None)},
        ),
        # Whose year it is the clause must say: a film's year is no season's, nor is a denial.
        ("date 2025-03-04\nHarbour Lights Season 3 is coming.\n\nHer new film will arrive in 2026.\n", set()),
        (
            "date 2025-03-04\nHarbour Lights Season 3 is coming.\n\nThe streamer declined to say whether the new "
            "episodes would arrive in 2026.\n",
            set(),
        ),
        # "Since" a date is how long a wait has lasted, not a release.
        (
            "date 2025-06-10\nHarbour Lights season 3 is out, and i have been waiting since january 2023 for it "
            "to drop.\n",
            set(),
        ),
        (
            "date 2025-03-04\nHarbour Lights has no date yet. Here is how the first seasons were rolled out:\n"
            "- Season 1: February 24, 2021\n- Season 2: January 5, 2023\n",
            {("premiere", 1, None, "2021-02-24", None), ("premiere", 2, None, "2023-01-05", None)},
        ),
        # The same lines under a sentence about shoots are no releases.
        (
            "date 2025-03-04\nHarbour Lights: here is when each season started filming:\n"
            "- Season 1: February 24, 2021\n- Season 2: January 5, 2023\n",
            set(),
        ),
    ],
)
def test_dated_facts(tmp_path: Path, text: str, expected: set[tuple[object, ...]]) -> None:
    assert _dates(tmp_path, text) == expected


def test_a_listing_takes_the_season_its_item_names(tmp_path: Path) -> None:
    text = (
        "What to watch this week\nBy Ines Varga\nUpdated: Mon 6 Apr 2026 08:30 EDT\n\n"
        "Here is where to spend your evenings.\n\n"
        "HARBOUR LIGHTS (Tidewater+) — Thursday, April 9, 9 p.m.\n"
        "The comedy's fifth and final season opens with two episodes.\n\n"
        "THE QUIET SHIFT (Streamly) — Friday, April 10\nA nurse drama returns.\n"
    )
    found = _dates(tmp_path, text)
    assert {(kind, season, day[:10]) for kind, season, _, day, _ in found} == {("premiere", 5, "2026-04-09")}


def test_an_american_byline_dates_the_article() -> None:
    article = parse_article(
        "a.txt", b"Harbour Lights returns\nBy Ines Varga | Published 12/11/2023 6:00 AM ET\n\nIt is back.\n"
    )
    assert str(article.publication_date) == "2023-12-11"


def test_readers_comments_are_not_the_article(tmp_path: Path) -> None:
    post = (
        "date 2025-06-10\nharbour lights season 3 thoughts\n\nSeason 3 of Harbour Lights is out now. I watched it "
        "all. Ines Varga plays Mara Quill and she is great. The finale wrecked me.\n\n23 comments\n\n"
        "marisol_reads\nthe network already confirmed season 4 comes out March 12, 2026, i saw it on tiktok\n"
    )
    (tmp_path / "post").mkdir()
    (tmp_path / "body").mkdir()
    assert _dates(tmp_path / "post", post) == set()
    # The same line in the post itself is a fact: only what follows the comments' heading is dropped.
    body = post.replace("\n\n23 comments\n\nmarisol_reads\n", "\n\n")
    assert ("premiere", 4, None, "2026-03-12", None) in _dates(tmp_path / "body", body)


def test_a_byline_s_comment_count_is_no_comments_heading() -> None:
    article = parse_article(
        "a.txt",
        b"Harbour Lights is filming\n\nPosted by Ines Varga | March 5, 2026 | 47 comments\n\n"
        b"Cameras rolled on Monday. The cast is back. More soon.\n",
    )
    assert [sentence.text for sentence in article.sentences][-1] == "More soon."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An ordinal standing for a season in a list of seasons.
        (
            "date 2024-03-04\nHarbour Lights launched in November 2019. Its second season followed in September "
            "2021 and the third on Sept. 13, 2023.\n",
            {
                ("premiere", 1, None, "2019-11", None),
                ("premiere", 2, None, "2021-09", None),
                ("premiere", 3, None, "2023-09-13", None),
            },
        ),
        # "the second episode" is no season.
        (
            "date 2024-03-04\nHarbour Lights Season 2 premiered Feb. 24, 2021, and the second episode followed on "
            "Jan. 5, 2023.\n",
            {("premiere", 2, None, "2021-02-24", None)},
        ),
        # "followed by" is no release.
        ("date 2024-03-04\nHarbour Lights Season 2 was followed by a spinoff on March 3.\n", set()),
        (
            "date 2024-06-12\nHarbour Lights Season 2 premiered on the 2nd.\n",
            {("premiere", 2, None, "2024-06-02", None)},
        ),
        ("date 2024-06-12\nHarbour Lights Season 2 is set on the 17th floor.\n", set()),
        (
            "date 2024-06-12\nHarbour Lights Season 8 is the last. Production on the 10-episode final season has been "
            "underway in Scotland since March.\n",
            {("production_start", 8, None, "2024-03", None)},
        ),
        # A season streaming "since" a month: how long, not when it premiered (not said for sure).
        ("date 2024-06-12\nHarbour Lights Season 8 has been streaming since March.\n", set()),
        (
            "Harbour Lights season 5\nFor reference, here is how the previous seasons rolled out:\n"
            "- Season 1: November 1, 2019 (one of the very first originals)\n",
            {("premiere", 1, None, "2019-11-01", None)},
        ),
    ],
)
def test_ellipses_days_and_starts(tmp_path: Path, text: str, expected: set[tuple[object, ...]]) -> None:
    assert _dates(tmp_path, text) == expected


def test_an_episode_ordinal_is_no_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2025-05-01\nHarbour Lights Season 3 premieres with two episodes on June 1, and the third on June 8.\n",
    )
    assert found == {("premiere", 3, None, "2025-06-01", None)}


def test_followed_in_the_passive_is_no_release(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2025-03-01\nHarbour Lights Season 1 premiered in 2021 and was followed in 2023 by a spinoff.\n",
    )
    assert found == {("premiere", 1, None, "2021", None)}
