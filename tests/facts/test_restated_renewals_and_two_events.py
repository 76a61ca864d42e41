"""Renewals told twice or around another season, and sentences that date two gatherings: "Wednesday's order also
follows ..." restates the renewal already dated, a season that "would be the last" has not come out, "the final
season was announced on ...", and "a premiere at A in Paris on Feb. 25, followed by the Los Angeles premiere at B
on March 2" is two events, each with its own place. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from tests.facts.test_dated_families import _dates, _show


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date 2024-10-09\nTidewater+ has picked up a fourth season of Harbour Lights, the company said on "
            "Wednesday.\n\nThe third season was picked up in December 2023.\n\nWednesday's order also follows by "
            "a week the streamer's greenlight for a spinoff.\n",
            {("renewal", 4, None, "2024-10-09", None), ("renewal", 3, None, "2023-12", None)},
        ),
        (
            "date 2025-10-09\nHarbour Lights news. Tidewater+ renewed the series on May 20, 2025, and in October the "
            "creators confirmed that the fourth season would be the show's last.\n",
            # the renewal is the fourth season's; the last season's news in October restates it
            {("renewal", 4, None, "2025-05-20", None)},
        ),
        (
            "date 2025-10-09\nHarbour Lights news. Tidewater+ renewed the series on May 20, 2025, and the third "
            "season premieres on June 4, 2026.\n",
            # a season released in its own clause says nothing of which season was ordered
            {("premiere", 3, None, "2026-06-04", None)},
        ),
        (
            "date 2025-10-09\nHarbour Lights news. The network announced in January 2023 that the eighth season "
            "would be the show's last.\n",
            {("renewal", 8, None, "2023-01", None)},
        ),
        (
            "date 2025-10-09\nHarbour Lights news. The streamer confirmed on Aug. 1 that the story would end with "
            "a third season.\n",
            {("renewal", 3, None, "2025-08-01", None)},
        ),
        # A season's last episode, or a season ending on a day, orders nothing.
        (
            "date 2025-10-09\nHarbour Lights Season 4 news. The finale, on Nov. 3, will be the show's last episode."
            "\n\nSeason 4 will end on Nov. 3 with a double bill.\n",
            set(),
        ),
        (
            "date 2025-10-09\nHarbour Lights news. Tidewater+ renewed the show on May 20, 2025, a week after the "
            "first season debuted.\n",
            {("renewal", 2, None, "2025-05-20", None)},
        ),
        (
            "date 2024-10-09\nHarbour Lights Season 3 is coming.\n\nThe final season was announced on August 1, "
            "2024.\n",
            {("renewal", 3, None, "2024-08-01", None)},
        ),
        # A date announced is no season ordered.
        (
            "date 2024-10-09\nHarbour Lights Season 3 is coming.\n\nThe new season's date was announced on August "
            "1, 2024.\n",
            set(),
        ),
    ],
)
def test_renewals(tmp_path: Path, text: str, expected: set[tuple[object, ...]]) -> None:
    assert _dates(tmp_path, text) == expected


def _events(folder: Path, text: str) -> list[tuple[str, str | None, str | None]]:
    seeds = _show(folder / "seeds", "Harbour Lights")
    (seeds / "article.txt").write_text(text, encoding="utf-8")
    return sorted(
        (fact.date, fact.venue, fact.city) for fact in build_fact_set(seeds).dates if fact.kind == "event"
    )


def test_two_gatherings_in_one_sentence_are_two_events(tmp_path: Path) -> None:
    found = _events(
        tmp_path,
        "date 2026-12-01\nHarbour Lights returns in March.\n\nTidewater+ will celebrate the new season with a "
        "European premiere at the Théâtre des Lumières in Paris on Thursday, February 25, followed by the official "
        "Los Angeles premiere at the Paramount Theatre on Tuesday, March 2.\n",
    )
    assert found == [
        ("2027-02-25", "the Théâtre des Lumières", "Paris"),
        ("2027-03-02", "the Paramount Theatre", "Los Angeles"),
    ]


def test_one_gathering_named_twice_is_one_event(tmp_path: Path) -> None:
    found = _events(
        tmp_path,
        "date 2025-12-01\nHarbour Lights returns.\n\nThe tour kicked off with a fan screening and red carpet in "
        "Sydney on November 24.\n",
    )
    assert found == [("2025-11-24", None, "Sydney")]


def test_a_city_in_a_venue_s_name_is_not_where_it_stands(tmp_path: Path) -> None:
    found = _events(
        tmp_path,
        "date 2027-02-01\nHarbour Lights returns.\n\nFans can see the first episode early at a special screening "
        "at the Paris Theater in New York on Friday, March 5.\n",
    )
    assert found == [("2027-03-05", "the Paris Theater", "New York")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The season on the air is not the season just ordered.
        (
            "date 2025-05-01\nHarbour Lights Season 5 is ordered. The current season, which launched April 10, has "
            "been a hit.\n",
            set(),
        ),
        (
            "date 2025-05-01\nHarbour Lights: the current season, Season 4, launched April 10.\n",
            {("premiere", 4, None, "2025-04-10", None)},
        ),
        # A sentence's first word before "Season 1" is no other title.
        (
            "date 2023-12-11\nHarbour Lights Season 2 arrives.\n\nAfter Season 1 landed in February 2022, the new "
            "run took a while.\n",
            {("premiere", 1, None, "2022-02", None)},
        ),
    ],
)
def test_current_seasons_and_leading_words(
    tmp_path: Path, text: str, expected: set[tuple[object, ...]]
) -> None:
    assert _dates(tmp_path, text) == expected


def test_a_renewal_after_a_season_came_out_is_for_the_next(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2024-10-09\nHarbour Lights Season 3 is coming.\n\nTidewater+ announced the renewal in June 2022, nine "
        "months after the first season dropped.\n",
    )
    assert found == {("renewal", 2, None, "2022-06", None)}
