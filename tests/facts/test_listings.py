"""What-to-watch listings: an item's heading with its service in brackets, its date after a dash or on a "When:"
line, the time the item's text gives its release; other items' dates are theirs. Invented titles."""

from __future__ import annotations

from pathlib import Path

from bot.facts.build import build_fact_set
from tests.facts.test_dated_families import _show

Found = set[tuple[str, int | None, str, str | None]]


def _dates(folder: Path, text: str) -> Found:
    seeds = _show(folder / "seeds", "Harbour Lights")
    (seeds / "article.txt").write_text(text, encoding="utf-8")
    return {
        (d.kind, d.season, d.date, d.time if d.time_source != "show default" else None)
        for d in build_fact_set(seeds).dates
    }


def test_a_dated_heading_and_the_time_its_text_gives(tmp_path: Path) -> None:
    text = (
        "date 2025-06-20\nWhat to watch this week\n\n"
        "3. 'Harbour Lights,' Season 4 (Tidewater+) — Wednesday, June 25\n"
        "The new season arrives all at once on Tidewater+ at 8 p.m. ET on Wednesday.\n\n"
        "4. 'Salt Road,' Season 3 (Streamly) — Friday, June 27\n"
        "The final season of the thriller lands at midnight.\n"
    )
    found = _dates(tmp_path, text)
    assert ("premiere", 4, "2025-06-25", "20:00") in found
    assert not any(date == "2025-06-27" for _, _, date, _ in found)


def test_a_when_line_under_the_heading(tmp_path: Path) -> None:
    text = (
        "date 2023-01-13\nThe weekend's streaming picks\n\n"
        "1. Harbour Lights (Tidewater+)\nWhen: Sunday, Jan. 15 at 9 p.m. ET on Tidewater+\n\n"
        "If you watch one thing this weekend, make it this.\n\n"
        "2. Salt Road (Streamly)\nWhen: Thursday, Jan. 19\n"
    )
    found = _dates(tmp_path, text)
    assert ("premiere", 1, "2023-01-15", "21:00") in found
    assert not any(date == "2023-01-19" for _, _, date, _ in found)


def test_an_item_already_out_gives_no_premiere(tmp_path: Path) -> None:
    text = (
        "date 2023-01-13\nPicks\n\n1. Harbour Lights (Tidewater+)\nWhen: Now streaming (premiered Jan. 12)\n"
    )
    assert not {kind for kind, *_ in _dates(tmp_path, text)} & {"premiere"}


def test_released_last_year_is_the_first_release(tmp_path: Path) -> None:
    text = (
        "date 2022-06-12\nTidewater+ renews Harbour Lights for a second season.\n\n"
        "Released worldwide on Sept. 17 last year, the series follows a lighthouse keeper and her debts.\n"
    )
    found = _dates(tmp_path, text)
    assert ("premiere", 1, "2021-09-17", None) in found
    assert ("premiere", 2, "2021-09-17", None) not in found


def test_the_final_season_is_the_one_the_article_numbers_as_the_last(tmp_path: Path) -> None:
    text = (
        "date 2026-03-12\nIt's official: Harbour Lights season 4 is the final season.\n\n"
        "The final season started shooting in Vancouver on Feb. 17, and Tidewater+ has said the final season "
        "will arrive in 2027.\n"
    )
    found = _dates(tmp_path, text)
    assert ("production_start", 4, "2026-02-17", None) in found
    assert ("premiere", 4, "2027", None) in found


def test_the_final_season_without_a_number_names_none(tmp_path: Path) -> None:
    text = "date 2026-03-12\nThe final season of Harbour Lights started shooting in Vancouver on Feb. 17.\n"
    assert not any(
        kind == "production_start" and season is not None for kind, season, *_ in _dates(tmp_path, text)
    )


def test_a_line_of_speech_in_quotes_keeps_the_article_on_the_show(tmp_path: Path) -> None:
    text = (
        "date 2022-10-31\nHarbour Lights adds eight actors for its second season.\n\n"
        '"We are told people liked the show," the creator joked. "Praise Kier."\n\n'
        "Tidewater+ ordered the second season on April 6, two days before the finale dropped.\n"
    )
    assert ("renewal", 2, "2022-04-06", None) in _dates(tmp_path, text)


def test_a_season_of_a_service_s_series_is_the_show_s(tmp_path: Path) -> None:
    text = (
        "Harbour Lights is back.\n\nThe second season of Streamly's most-watched series moved to Ireland, and "
        "production kicked off there in May 2024.\n"
    )
    assert ("production_start", 2, "2024-05", None) in _dates(tmp_path, text)
    # Another title's season still is another title's.
    other = (
        "date 2024-09-01\nHarbour Lights is back. The second season of Salt Road began filming in May 2024.\n"
    )
    (tmp_path / "other").mkdir()
    assert not any(kind == "production_start" for kind, *_ in _dates(tmp_path / "other", other))
