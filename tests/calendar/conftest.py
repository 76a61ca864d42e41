"""A calendar service on the real seed facts, with a real state database in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import icalendar
import pytest
import vobject

from bot.calendar_export.service import CalendarService
from bot.clock import ManualClock
from bot.facts.models import DatedFact, FactSet
from bot.facts.service import FactService
from bot.store.state import StateStore


@pytest.fixture
async def state(tmp_path: Path) -> AsyncIterator[StateStore]:
    """The state database, in tmp_path."""
    store = await StateStore.open(tmp_path / "state.db")
    yield store
    await store.close()


@pytest.fixture
def facts(seed_facts: FactSet, clock: ManualClock) -> FactService:
    """A fact service answering from a copy of the seed facts (a test may swap in changed ones)."""
    return FactService(seed_facts.model_copy(deep=True), clock.now())


@pytest.fixture
def calendars(facts: FactService, state: StateStore, clock: ManualClock) -> CalendarService:
    """The calendar service, as the bot makes it."""
    return CalendarService(facts, state, clock)


def changed(facts: FactSet, fact_id: str, **values: object) -> FactSet:
    """A new fact set: the same facts, one of them with new values (validated as the build validates them)."""
    dates = [
        DatedFact.model_validate({**fact.model_dump(), **values}) if fact.id == fact_id else fact
        for fact in facts.dates
    ]
    return facts.model_copy(update={"dates": dates})


def events(body: bytes) -> dict[str, icalendar.Component]:
    """Each VEVENT of a calendar read back with icalendar, by UID."""
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def vobject_events(body: bytes) -> dict[str, object]:
    """Each VEVENT read back with vobject, a second parser written apart from icalendar, by UID."""
    calendar = vobject.readOne(body.decode("utf-8"))
    return {event.uid.value: event for event in getattr(calendar, "vevent_list", [])}


def at(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    """A moment in UTC."""
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)
