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
