"""Dated facts in the many ways news writing states them: each test an invented article about the seeds' show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.facts.build import build_fact_set
from bot.facts.calendar import find_dates, resolve
from bot.facts.seasons import seasons_named


def _dates(folder: Path, text: str) -> set[tuple[str, int | None, int | None, str, str]]:
    (folder / "article.txt").write_text(text, encoding="utf-8")
    facts = build_fact_set(folder)
    return {(d.kind, d.season, d.part, d.date, d.precision) for d in facts.dates}


def test_season_in_focus_carries_to_the_next_sentence(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-02\nEmily in Paris news\n\nThe ninth season has a date. It premieres Thursday, April 10.\n",
    )
    assert found == {("premiere", 9, None, "2031-04-10", "day")}


def test_an_announcement_day_is_a_renewal_not_a_premiere(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris news\n\n"
        "The streamer announced on Tuesday that Emily in Paris is officially a go for Season 9.\n",
    )
    assert found == {("renewal", 9, None, "2031-03-04", "day")}


def test_two_seasons_renewed_at_once(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris news\n\n"
        "The streamer said Monday that it had renewed Emily in Paris for both an eighth and a ninth season.\n",
    )
    assert found == {("renewal", 8, None, "2031-03-03", "day"), ("renewal", 9, None, "2031-03-03", "day")}


def test_each_date_goes_to_its_own_verb(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris Season 9 news\n\n"
        "The streamer renewed Emily in Paris on Feb. 20, 2031, a month after Season 8 dropped on Jan. 20, 2031.\n",
    )
    assert found == {("renewal", 9, None, "2031-02-20", "day"), ("premiere", 8, None, "2031-01-20", "day")}


def test_seasons_and_dates_respectively(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris news\n\nSeasons 6 and 7 of Emily in Paris premiered on May 2, 2029, "
        "and June 3, 2030.\n",
    )
    assert found == {("premiere", 6, None, "2029-05-02", "day"), ("premiere", 7, None, "2030-06-03", "day")}


def test_the_shows_first_release_is_season_one(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris Season 9 news\n\nEmily in Paris first arrived on the service on March 5, 2027.\n",
    )
    assert found == {("premiere", 1, None, "2027-03-05", "day")}


def test_production_starts_in_their_verbs_and_wrapping_is_not_one(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris Season 9 news\n\n"
        "Cameras rolled on the ninth season of Emily in Paris in Lyon on Feb. 2. Filming wrapped on Feb. 27.\n",
    )
    assert found == {("production_start", 9, None, "2031-02-02", "day")}


def test_a_date_for_another_country_is_not_the_premiere(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris Season 9 news\n\n"
        "In Australia, Season 9 of Emily in Paris arrives on 14 April 2031.\n",
    )
    assert found == set()


def test_an_award_ceremony_is_not_a_premiere(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-03-07\nEmily in Paris Season 9 news\n\nThe season goes into the awards, whose ceremony airs May 9.\n",
    )
    assert found == set()


def test_a_quoted_other_title_gives_nothing(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        'date 2031-03-07\nEmily in Paris Season 9 news\n\nMeanwhile "Harbour Lights" returns on April 4 for its third season.\n',
    )
    assert found == set()


def test_yearless_slashed_misspelled_and_weekday_dates() -> None:
    published = dt.date(2031, 3, 7)  # a Friday

    def first(text: str, tense: str | None) -> str | None:
        value = resolve(find_dates(text)[0], published, tense)  # type: ignore[arg-type]
        return value.iso() if value else None

    assert first("it drops 4/22", "future") == "2031-04-22"
    assert first("at 9/8c", None) is None if find_dates("at 9/8c") else True
    assert first("it landed on Febuary 3", "past") == "2031-02-03"
    assert first("it lands on Mrach 20", "future") == "2031-03-20"
    assert first("it aired this past Tuesday", None) == "2031-03-04"
    assert first("it airs Wednesday", "future") == "2031-03-12"
    assert find_dates("Wednesday") and resolve(find_dates("Wednesday")[0], published, None) is None
    assert not [m for m in find_dates("Jane 2 and Judy 3") if m.month]  # names, not months


def test_season_lists_and_shorthand() -> None:
    assert [n.number for n in seasons_named("renewed for Seasons 4 and 5")] == [4, 5]
    assert [n.number for n in seasons_named("a sixth and a seventh season")] == [6, 7]
    assert [n.number for n in seasons_named("S4 opened big")] == [4]
    assert [n.number for n in seasons_named("for the initial season")] == [1]


def test_last_year_places_yearless_dates(show_only_seeds: Path) -> None:
    found = _dates(
        show_only_seeds,
        "date 2031-08-20\nEmily in Paris news\n\nLast year the streamer split Season 8 in two, with Part 1 on "
        "Aug. 1 and Part 2 on Sept. 5.\n",
    )
    assert found == {("premiere", 8, 1, "2030-08-01", "day"), ("premiere", 8, 2, "2030-09-05", "day")}
