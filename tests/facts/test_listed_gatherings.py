"""Gatherings as press releases list them ("- NEW YORK: Tuesday, October 14 at 7:00 p.m. ET at the Paris Theater"
under "two fan screenings:"), a premiere dated "on Oct. 6, held at" a theatre, and two sale phases of one
screening kept apart. Every name is invented."""

from __future__ import annotations

from pathlib import Path

from bot.facts.build import build_fact_set
from tests.facts.test_dated_families import _show

_RELEASE = (
    "date 2031-09-02\nHARBOUR LIGHTS SEASON 3 PREMIERES THURSDAY, OCTOBER 16\n\n"
    "Tidewater+ today announced that Season 3 of Harbour Lights premieres Thursday, October 16.\n\n"
    "FAN SCREENINGS\nTidewater+ will celebrate the new season with two fan screenings of the first episode.\n\n"
    "- NEW YORK: Tuesday, October 14 at 7:00 p.m. ET at the Odeon Hall, followed by a conversation with the cast.\n"
    "- LONDON: Wednesday, October 15 at 6:30 p.m. BST at the Riverside Cinema. Priority booking opens Tuesday, "
    "September 9 at 10:00 a.m. BST; remaining tickets go on general sale Thursday, September 11 at 10:00 a.m. BST.\n"
)


def _facts(folder: Path, text: str) -> set[tuple[str, str, str | None]]:
    seeds = _show(folder / "seeds", "Harbour Lights")
    (seeds / "release.txt").write_text(text, encoding="utf-8")
    return {(d.kind, d.date, d.venue) for d in build_fact_set(seeds).dates}


def test_a_list_of_screenings_led_by_their_cities(tmp_path: Path) -> None:
    found = _facts(tmp_path, _RELEASE)
    assert ("event", "2031-10-14", "the Odeon Hall") in found
    assert ("event", "2031-10-15", "the Riverside Cinema") in found
    # the two phases of the London sale are two facts, not one
    assert {date for kind, date, _ in found if kind == "ticket_sale"} == {"2031-09-09", "2031-09-11"}


def test_a_city_line_without_an_announced_gathering_is_no_event(tmp_path: Path) -> None:
    text = _RELEASE.replace(
        "will celebrate the new season with two fan screenings of the first episode", "said"
    )
    text = text.replace("FAN SCREENINGS", "DATES")
    found = _facts(tmp_path, text)
    assert not any(kind == "event" for kind, _, _ in found)


def test_a_premiere_dated_before_its_venue(tmp_path: Path) -> None:
    text = (
        "date 2031-10-08\nHarbour Lights Season 3 premieres Thursday, October 16.\n\n"
        "The stars walked the carpet at the show's Los Angeles premiere on Oct. 6, held at the Regency Village "
        "Theatre.\n"
    )
    assert ("event", "2031-10-06", "the Regency Village Theatre") in _facts(tmp_path, text)


def test_a_gathering_dated_in_the_next_sentence_and_a_shouted_day(tmp_path: Path) -> None:
    text = (
        "MARINA DIARIES — a Harbour Lights fan blog\nPosted by u/tidepool · March 3, 2031\n\n"
        "WE ARE SO BACK (S2 fan screening in NYC + ticket info!!)\n\n"
        "ok deep breath. S2 premieres FRIDAY 3/14 on Tidewater+ and I am not ok.\n\n"
        "BUT the real news: Tidewater+ just announced an official Harbour Lights S2 FAN SCREENING in New York!! "
        "It's happening Wednesday, March 12 at the Odeon Hall.\n\n"
        "TICKETS: they go on sale THIS FRIDAY at 10 a.m. ET. Max 2 per person.\n"
    )
    found = _facts(tmp_path, text)
    assert ("premiere", "2031-03-14", None) in found
    assert ("event", "2031-03-12", "the Odeon Hall") in found
    assert ("ticket_sale", "2031-03-07", "the Odeon Hall") in found


def test_a_day_named_title_in_capitals_is_the_title(tmp_path: Path) -> None:
    seeds = _show(tmp_path / "seeds", "Friday")
    (seeds / "release.txt").write_text(
        "date 2031-06-02\nTidewater+ Renews FRIDAY for Season 3; Sets London World Premiere\n\n"
        "Friday Season 2 premieres on Thursday, August 7.\n",
        encoding="utf-8",
    )
    found = {(d.kind, d.date) for d in build_fact_set(seeds).dates}
    assert not any(kind == "event" for kind, _ in found)
    assert ("premiere", "2031-08-07") in found


def test_sale_phases_get_their_own_ids_and_the_first_keeps_the_sale_s(tmp_path: Path) -> None:
    seeds = _show(tmp_path / "seeds", "Harbour Lights")
    (seeds / "release.txt").write_text(_RELEASE, encoding="utf-8")
    sales = sorted((d.date, d.id) for d in build_fact_set(seeds).dates if d.kind == "ticket_sale")
    (first_day, first_id), (_, second_id) = sales
    assert first_day == "2031-09-09" and second_id.startswith(first_id + "-") and first_id != second_id
