"""Fan posts as they are written: no date line, sentences started in small letters, "thursday june 5th",
"tickets went live may 22 at 10am eastern", "in toronto", "10am pt". The weekday of a yearless day fixes the
year among the years the post writes; nothing else is guessed. Every name is invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.facts.clock import find_cities_in_lower_case, find_times
from bot.facts.date_mentions import find_dates
from bot.facts.documents import lower_case_voice, parse_article
from bot.facts.implied_date import implied_date
from tests.facts.test_dated_families import _dates

_POST = (
    "the harbour lights diaries\n\n"
    "ok we need to talk about harbour lights season 3\n\n"
    "so. i did the thing. season 3 dropped thursday june 5th at midnight pacific and i was awake for it. "
    "after waiting since january 2029 for this i was not going to pace myself. summer 2031 is cancelled.\n\n"
    "first, a flex: i got into the fan screening at the lightbox in toronto on tuesday june 3rd. tickets went "
    "live may 22 at 10am eastern and they were gone in four minutes.\n"
)


def test_an_undated_post_is_read_against_the_year_its_weekdays_fix(tmp_path: Path) -> None:
    found = _dates(tmp_path, _POST)
    assert found == {
        ("premiere", 3, None, "2031-06-05", "00:00"),
        ("event", None, None, "2031-06-03", None),
        ("ticket_sale", None, None, "2031-05-22", "10:00"),
    }


@pytest.mark.parametrize(
    "tail",
    [
        "i was born in 2020 lol.",  # June 5 was a Friday in 2020: a year of the writer's past, not the post's
        "my hot take from 2019 still stands.",
        "i've loved this show since 2019.",
    ],
)
def test_years_of_the_writer_s_past_fix_nothing(tail: str) -> None:
    post = "season 4 drops friday june 5th and part 2 lands friday june 12th. " + tail
    assert implied_date([post]) is None


def test_the_latest_year_the_post_writes_is_the_one_it_speaks_from() -> None:
    assert implied_date(
        ["it dropped thursday june 5th.", "since 2019 i waited. summer 2031 is cancelled."]
    ) == (dt.date(2031, 6, 5))


def test_days_far_apart_fix_no_time_to_read_from() -> None:
    # Thursday June 5 (2031) and Thursday February 20 (2031 as well) are more than half a year apart.
    text = "it was thursday feb 20 2031 when it began, and then thursday june 5th, and then tuesday december 2nd."
    assert implied_date([text.replace(" 2031", ""), "since 2031"]) is None


def test_words_counted_from_the_day_of_writing_stay_unread(tmp_path: Path) -> None:
    # The post's time is fixed only roughly: "this friday" needs the day it was written, which nobody knows.
    post = _POST + "\nand season 4 drops this friday, apparently.\n"
    found = _dates(tmp_path, post)
    assert not any(kind == "premiere" and season == 4 for kind, season, _, _, _ in found)


def test_a_dated_page_ignores_the_implied_time() -> None:
    article = parse_article("a.txt", ("date 2031-07-01\n" + _POST).encode())
    assert article.publication_date == dt.date(2031, 7, 1)
    assert article.implied_date is None


def test_small_letter_sentences_are_split_only_in_a_small_letter_voice() -> None:
    post = parse_article("post.txt", _POST.encode())
    assert post.small_starts
    assert "so." in [sentence.text for sentence in post.sentences]
    assert any(sentence.text.startswith("tickets went live") for sentence in post.sentences)
    # A page written the usual way keeps "e.g. the" and "approx. ten" inside their sentences.
    plain = (
        "Harbour Lights returns. The cast, e.g. the leads, is back. It runs approx. ten hours. It is good.\n"
    )
    assert not lower_case_voice(plain)
    article = parse_article("plain.txt", plain.encode())
    assert any("e.g. the leads" in sentence.text for sentence in article.sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tickets went live may 22 at 10am", [(None, 5, 22)]),
        ("ours was the glasgow screening on march 4", [(None, 3, 4)]),
        ("you may 22 times ask", []),
    ],
)
def test_may_and_march_as_months(
    text: str, expected: list[tuple[int | None, int | None, int | None]]
) -> None:
    assert [(m.year, m.month, m.day) for m in find_dates(text)] == expected


def test_cities_and_zones_in_small_letters() -> None:
    assert [city.name for city in find_cities_in_lower_case("a screening in toronto on tuesday")] == [
        "Toronto"
    ]
    assert find_cities_in_lower_case("home for christmas on tuesday") == []
    assert [time.timezone for time in find_times("tickets at 10am pt")] == ["America/Los_Angeles"]
    assert [time.timezone for time in find_times("doors at 9 pm west of the river")] == [None]


def test_coming_in_a_year_is_a_release_and_coming_in_at_is_not(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-03\nHarbour Lights Season 3 is coming.\n\nS3 = the final season, coming in 2032 per "
        "Tidewater+.\n\nThe cast is coming in at number three in 2031 polls.\n",
    )
    assert found == {("premiere", 3, None, "2032", None)}


def test_one_weekday_must_fall_in_a_year_the_post_writes() -> None:
    # June 6 was a Thursday in 2030, not in 2031, the year the post writes: a slip, not a reason to move a year.
    assert implied_date(["it dropped thursday june 6th.", "summer 2031 is cancelled."]) is None
    assert implied_date(["it dropped friday june 6th.", "summer 2031 is cancelled."]) == dt.date(2031, 6, 6)


def test_a_small_letter_month_alone_is_read_against_the_post_s_time(tmp_path: Path) -> None:
    assert [(m.form, m.month) for m in find_dates("renewed back in october, and since january")] == [
        ("month_only", 10), ("month_only", 1),
    ]  # fmt: skip
    assert find_dates("you may in may") == ()  # "may" and "march" alone stay verbs
    post = _POST + "\nalso season 4 was already renewed back in october, before any of us saw this one.\n"
    assert ("renewal", 4, None, "2030-10", None) in _dates(tmp_path, post)


@pytest.mark.parametrize(
    "text",
    [
        "date 2031-05-01\nRumor has it Harbour Lights season 4 premieres June 5 on Tidewater+.\n",
        "date 2031-05-01\nFans are speculating that Harbour Lights season 4 premieres June 5.\n",
        "date 2031-05-01\nHarbour Lights season 4 news: leaked, the premiere is June 5.\n",
        # another title's season in a capitals headline, a day-named one too, and "Friday the 13th"
        "date 2031-05-20\nFENWICK ROAD SEASON 2 DROPS THIS FRIDAY\nAlso, Harbour Lights season 4 comes later.\n",
        "date 2031-05-20\nMONDAY MOURNING SEASON 2 DROPS THIS FRIDAY\nHarbour Lights fans must wait for season 4.\n",
        "date 2031-05-20\nHarbour Lights season 4 premieres Friday the 13th.\n",
        # "It's happening" after another title's screening
        "date 2031-05-20\nHarbour Lights fans, mark your calendars. The Fenwick Road cast screening was announced "
        "today. It's happening Friday, June 6 at the Rio Cinema in London.\n",
    ],
)
def test_hearsay_and_other_titles_date_nothing(tmp_path: Path, text: str) -> None:
    assert _dates(tmp_path, text) == set()


def test_confirmed_rumours_are_news(tmp_path: Path) -> None:
    text = "date 2031-05-01\nTidewater+ confirmed the rumours: Harbour Lights season 4 premieres June 5.\n"
    assert ("premiere", 4, None, "2031-06-05", None) in _dates(tmp_path, text)
