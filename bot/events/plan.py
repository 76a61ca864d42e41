"""Which scheduled events a guild should have: one per upcoming premiere or event with a day, soonest first,
within Discord's limits; and the fields the bot writes on each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from bot.calendar_export.ics import description, location, plain, summary
from bot.facts.models import DatedFact, FactSet
from bot.queries.upcoming import moment_of

# Discord's limits (guild scheduled events): at most this many scheduled or active events a guild, names of
# 1-100 characters, descriptions up to 1,000, an external event's location 1-100.
MAX_EVENTS = 100
NAME_LIMIT = 100
DESCRIPTION_LIMIT = 1000
LOCATION_LIMIT = 100
# An event with a day but no time starts at noon in its zone; every event lasts an hour (an external event needs
# an end, and a premiere or a red carpet has no stated one).
DAY_ONLY_START = dt.time(12, 0)
LENGTH = dt.timedelta(hours=1)
# Discord refuses a start in the past: a date this close is left alone.
LEAD = dt.timedelta(minutes=5)
# The line that marks an event as the bot's, for this fact: found again after a crash or a lost database.
_REF = re.compile(r"^ref: (?P<fact>\S{1,200})$", re.MULTILINE)


@dataclass(frozen=True)
class WantedEvent:
    """An event the guild should have, as the bot writes it."""

    fact_id: str
    name: str
    description: str
    location: str
    start: dt.datetime
    end: dt.datetime


def _cut(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"


def ref_line(fact_id: str) -> str:
    """The line that marks an event as made for this fact: the id percent-encoded, so that any id (spaces,
    line breaks) reads back whole."""
    return f"ref: {quote(fact_id, safe='')}"


def ref_of(description_text: str | None) -> str | None:
    """The fact an event was made for, from its "ref:" line; None for an event without one."""
    found = _REF.search(description_text or "")
    return unquote(found.group("fact")) if found else None


def start_of(fact: DatedFact) -> dt.datetime | None:
    """When the event starts: the fact's moment, or noon of its day in its zone; None for a month or a year."""
    exact = fact.starts_at()
    if exact is not None:
        return exact
    if fact.precision != "day":
        return None
    moment = moment_of(fact)
    zone = ZoneInfo(fact.timezone or "UTC")
    return dt.datetime.combine(moment.start.date(), DAY_ONLY_START, tzinfo=zone)


def wanted_events(
    facts: FactSet, service: str, now: dt.datetime, room: int = MAX_EVENTS
) -> tuple[list[WantedEvent], int]:
    """The events a guild should have now, soonest first, at most `room`; and how many upcoming dates were left
    out for want of room."""
    found: list[WantedEvent] = []
    for fact in facts.dates:
        if fact.kind not in ("premiere", "event") or fact.already_under_way:
            continue
        start = start_of(fact)
        if start is None or start <= now + LEAD:
            continue
        place = location(fact) if fact.kind == "event" else plain(service)
        about = description(fact, "en")
        ref = ref_line(fact.id)
        body = _cut(about, DESCRIPTION_LIMIT - len(ref) - 2) + "\n\n" + ref if about else ref
        found.append(
            WantedEvent(
                fact_id=fact.id,
                name=_cut(summary(fact, facts.show_title, "en"), NAME_LIMIT),
                description=body,
                location=_cut(place or plain(service) or "Online", LOCATION_LIMIT),
                start=start.astimezone(dt.UTC),
                end=(start + LENGTH).astimezone(dt.UTC),
            )
        )
    found.sort(key=lambda event: (event.start, event.fact_id))
    return found[: max(0, room)], max(0, len(found) - max(0, room))
