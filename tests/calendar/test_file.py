"""The .ics file: read back by two parsers, exactly the facts /upcoming shows, all-day or timed in their zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from bot.calendar_export.ics import build_ics
from bot.calendar_export.service import CalendarService
from bot.clock import ManualClock
from bot.facts.identity import slug
from bot.facts.service import FactService
from bot.queries.upcoming import upcoming
from tests.calendar.conftest import at, changed, events, vobject_events


@pytest.mark.parametrize(
    "now", [at(2024, 8, 1), at(2024, 8, 15, 6), at(2024, 8, 15, 7), at(2024, 9, 17, 3), at(2026, 1, 1)]
)
async def test_exactly_the_facts_upcoming_shows_read_back_by_both_parsers(
    calendars: CalendarService, facts: FactService, clock: ManualClock, now: dt.datetime
) -> None:
    clock.set(now)
    file = await calendars.current()
    shown = [moment.fact.id for moment in upcoming(facts.facts, now).ahead]
    show = slug(facts.facts.show_title)
    expected = {f"{fact_id}@{show}.savoir" for fact_id in shown}
    assert set(events(file.body)) == expected
    assert set(vobject_events(file.body)) == expected
    assert list(file.fact_ids) == shown


async def test_timed_facts_in_their_own_zone_and_dated_ones_all_day(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    clock.set(at(2024, 8, 1))
    body = (await calendars.current()).body
    read = {uid.split("@")[0]: event for uid, event in events(body).items()}
    premiere = read["premiere-s4-p1"]
    assert premiere.decoded("DTSTART") == dt.datetime(2024, 8, 15, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert premiere["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert premiere.decoded("DTEND") - premiere.decoded("DTSTART") == dt.timedelta(hours=1), (
        "an hour, as the event"
    )
    assert str(premiere["SUMMARY"]) == "Emily in Paris — Season 4 Part 1 premiere"
    tickets = read["tickets-general-public-634e88"]
    assert tickets.decoded("DTSTART") == dt.datetime(2024, 8, 15, 12, tzinfo=ZoneInfo("America/New_York"))
    assert "LOCATION" not in tickets, "the venue is the event's, not where tickets are sold"
    show = read["event-emily-in-paris-the-magic-behind-the-scenes"]
    assert show.decoded("DTSTART") == dt.date(2024, 9, 17) and show.decoded("DTEND") == dt.date(2024, 9, 18)
    assert not isinstance(show.decoded("DTSTART"), dt.datetime), "a date without a time is all-day"
    assert str(show["LOCATION"]) == "The Paley Museum, New York"
    assert "Sources:" in str(show["DESCRIPTION"]) and "2024-08-12" in str(show["DESCRIPTION"])
    zones = {str(zone["TZID"]) for zone in icalendar.Calendar.from_ical(body).walk("VTIMEZONE")}
    assert zones == {"America/Los_Angeles", "America/New_York"}
    # The second parser reads the same instants, through the VTIMEZONE rules written in the file.
    second = {uid.split("@")[0]: event for uid, event in vobject_events(body).items()}
    assert second["premiere-s4-p1"].dtstart.value == premiere.decoded("DTSTART")  # type: ignore[attr-defined]
    assert second["event-emily-in-paris-the-magic-behind-the-scenes"].dtstart.value == dt.date(2024, 9, 17)  # type: ignore[attr-defined]


async def test_a_zone_after_2038_and_a_fact_in_utc(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    facts.replace(
        changed(facts.facts, "premiere-s4-p2", date="2041-07-01", time="21:00", timezone="Europe/Paris"),
        clock.now(),
    )
    facts.replace(changed(facts.facts, "premiere-s4-p1", time="18:30", timezone="UTC"), clock.now())
    body = (await calendars.current()).body
    read = {uid.split("@")[0]: event for uid, event in vobject_events(body).items()}
    late = read["premiere-s4-p2"].dtstart.value  # type: ignore[attr-defined]
    assert late.astimezone(dt.UTC) == dt.datetime(2041, 7, 1, 19, 0, tzinfo=dt.UTC), "summer time in 2041"
    assert read["premiere-s4-p1"].dtstart.value == dt.datetime(2024, 8, 15, 18, 30, tzinfo=dt.UTC)  # type: ignore[attr-defined]


async def test_a_month_or_a_year_is_all_day_over_it_and_says_the_day_is_unknown(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    month = changed(facts.facts, "premiere-s4-p2", date="2024-12", precision="month", time=None)
    facts.replace(
        changed(month, "event-emily-in-paris-the-magic-behind-the-scenes", date="2025", precision="year"),
        clock.now(),
    )
    read = {uid.split("@")[0]: event for uid, event in events((await calendars.current()).body).items()}
    december = read["premiere-s4-p2"]
    assert (december.decoded("DTSTART"), december.decoded("DTEND")) == (
        dt.date(2024, 12, 1),
        dt.date(2025, 1, 1),
    )
    assert str(december["SUMMARY"]).endswith("(day not yet announced)")
    year = read["event-emily-in-paris-the-magic-behind-the-scenes"]
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert all(str(event["TRANSP"]) == "TRANSPARENT" for event in read.values())


async def test_french_and_hostile_article_text(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    hostile = "Gala\r\nEND:VEVENT\r\nBEGIN:VEVENT\u202e; ,\\ \x00" + "x" * 5000
    facts.replace(
        changed(
            facts.facts, "event-emily-in-paris-the-magic-behind-the-scenes", title=hostile, venue=hostile
        ),
        clock.now(),
    )
    body = (await calendars.current("fr")).body
    read = {uid.split("@")[0]: event for uid, event in events(body).items()}
    assert len(read) == len(vobject_events(body)) == 5, "text from an article never adds or splits an event"
    event = read["event-emily-in-paris-the-magic-behind-the-scenes"]
    assert "\u202e" not in str(event["SUMMARY"]) and "\x00" not in str(event["LOCATION"])
    assert len(str(event["SUMMARY"])) < 400 and str(event["SUMMARY"]).startswith(
        "Emily in Paris — Gala END:VEVENT"
    )
    assert str(read["premiere-s4-p1"]["SUMMARY"]) == "Emily in Paris — Saison 4, partie 1 : première"
    assert "Sources :" in str(event["DESCRIPTION"])


def test_a_calendar_with_nothing_ahead_still_holds_a_component() -> None:
    body = build_ics([], "Harbour Lights", {}, "en")
    parsed = icalendar.Calendar.from_ical(body)
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"], (
        "RFC 5545: at least one component, no event"
    )
    assert vobject.readOne(body.decode()).name == "VCALENDAR"
