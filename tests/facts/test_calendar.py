"""Date and time expressions and how they resolve against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.calendar import find_cities, find_dates, find_publication_date, find_times, resolve, tense_of

PUBLISHED = dt.date(2024, 8, 12)


def _resolve(text: str, published: dt.date | None = PUBLISHED) -> list[tuple[str, str, str | None]]:
    out: list[tuple[str, str, str | None]] = []
    for mention in find_dates(text):
        value = resolve(mention, published)
        if value is not None:
            out.append((value.iso(), value.precision, value.weekday_warning))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday, September 17.", ("2024-09-17", "day", None)),
        ("on August 15", ("2024-08-15", "day", None)),
        ("May 3, 2021", ("2021-05-03", "day", None)),
        ("03 May 2021", ("2021-05-03", "day", None)),
        ("the 5th of January", ("2025-01-05", "day", None)),
        ("2024-08-12", ("2024-08-12", "day", None)),
        ("14.08.2024", ("2024-08-14", "day", None)),
        ("today", ("2024-08-12", "day", None)),
        ("tomorrow", ("2024-08-13", "day", None)),
        ("this Friday", ("2024-08-16", "day", None)),
        ("next month", ("2024-09", "month", None)),
        ("in September", ("2024-09", "month", None)),
        ("back in November", ("2023-11", "month", None)),
        ("in March 2025", ("2025-03", "month", None)),
        ("in 2025", ("2025", "year", None)),
    ],
)
def test_date_forms(text: str, expected: tuple[str, str, str | None]) -> None:
    assert _resolve(text) == [expected]


def test_a_weekday_that_disagrees_becomes_a_warning() -> None:
    ((day, precision, warning),) = _resolve("on Monday, September 17")
    assert (day, precision) == ("2024-09-17", "day")
    assert warning == "2024-09-17 is a Tuesday, not a Monday"


def test_a_stray_digit_after_a_year_is_no_date() -> None:
    assert _resolve("a start date of May 3, 20201. As per") == []


def test_ambiguous_slashed_dates_are_not_guessed() -> None:
    assert _resolve("03/05/2021") == []
    assert _resolve("25/12/2024") == [("2024-12-25", "day", None)]


def test_no_year_and_no_publication_date_resolves_to_nothing() -> None:
    assert _resolve("on August 15", published=None) == []
    assert _resolve("today", published=None) == []


def test_december_news_about_january_means_next_year() -> None:
    assert _resolve("arrives on January 9", published=dt.date(2025, 12, 20)) == [("2026-01-09", "day", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at noon", ("12:00", None)),
        ("at midnight", ("00:00", None)),
        ("12 a.m. PT", ("00:00", "America/Los_Angeles")),
        ("3 a.m. ET", ("03:00", "America/New_York")),
        ("at 20:00 CET", ("20:00", "CET")),
        ("9:30 p.m. Eastern", ("21:30", "America/New_York")),
        ("3pm BST", ("15:00", "Europe/London")),
    ],
)
def test_time_forms(text: str, expected: tuple[str, str | None]) -> None:
    assert [(t.hhmm(), t.timezone) for t in find_times(text)] == [expected]


def test_cities_come_with_their_zone() -> None:
    assert [(c.name, c.timezone) for c in find_cities("coming to New York City, then Los Angeles")] == [
        ("New York", "America/New_York"),
        ("Los Angeles", "America/Los_Angeles"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2024-08-12 From Chicago to Paris", dt.date(2024, 8, 12)),
        ("Published 16 Dec 2025\nText", dt.date(2025, 12, 16)),
        ("Title\nBy A. Writer\nNovember 20, 2025\nBody text follows here.", dt.date(2025, 11, 20)),
        ("14.08.2024\nTitle", dt.date(2024, 8, 14)),
        ("Back to All News\nTitle\nEntertainment\n03 May 2021\nGlobalFrance", dt.date(2021, 5, 3)),
        ("Emily in Paris season 2 is officially in production 1 year ago\n\nText", None),
    ],
)
def test_publication_dates(text: str, expected: dt.date | None) -> None:
    found = find_publication_date(text)
    assert (found[0] if found else None) == expected


def test_tense_decides_which_year_a_yearless_date_falls_in() -> None:
    january = dt.date(2025, 1, 10)
    (mention,) = find_dates("premieres on August 14")
    assert tense_of("Season 5 premieres on August 14") == "future"
    assert resolve(mention, january, "future") == resolve(find_dates("August 14, 2025")[0], None)
    assert tense_of("Season 4 premiered on August 14") == "past"
    resolved = resolve(mention, january, "past")
    assert resolved is not None and resolved.iso() == "2024-08-14"
