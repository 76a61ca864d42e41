"""What lies ahead: premieres, events and ticket sales after "now", soonest first; or the latest past ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from bot.facts.models import DatedFact, FactSet

Kind = Literal["premiere", "event", "ticket_sale"]
KINDS: tuple[Kind, ...] = ("premiere", "event", "ticket_sale")
PAST_SHOWN = 5


@dataclass(frozen=True)
class Moment:
    """When a dated fact happens, as precisely as known: an exact instant, or a day, month or year."""

    fact: DatedFact
    start: dt.datetime
    end: dt.datetime
    exact: bool


def moment_of(fact: DatedFact) -> Moment:
    """The span a fact's date covers: the instant when the time is known, else the whole day, month or year
    (in the fact's zone, UTC when it has none)."""
    exact = fact.starts_at()
    if exact is not None:
        return Moment(fact, exact, exact, True)
    zone = ZoneInfo(fact.timezone or "UTC")
    if fact.precision == "day":
        day = dt.date.fromisoformat(fact.date)
        start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        return Moment(fact, start, start + dt.timedelta(days=1), False)
    if fact.precision == "month":
        year, month = map(int, fact.date.split("-"))
        start = dt.datetime(year, month, 1, tzinfo=zone)
        following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
        return Moment(fact, start, following, False)
    year = int(fact.date)
    return Moment(fact, dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone), False)


@dataclass
class Upcoming:
    """What lies ahead, soonest first; when nothing does, the most recent past moments instead."""

    ahead: list[Moment]
    past: list[Moment]


def upcoming(facts: FactSet, now: dt.datetime, kind: Kind | None = None) -> Upcoming:
    """Premieres, events and ticket sales still ahead of now (all of `kind` when given).

    A date known only to the day is ahead until that day is over. Tickets reported as already on sale are
    not a moment to wait for and are left out.
    """
    wanted = (kind,) if kind else KINDS
    moments = [moment_of(f) for f in facts.dates if f.kind in wanted and not f.already_under_way]
    ahead = sorted((m for m in moments if m.end > now or (m.exact and m.start >= now)), key=lambda m: m.start)
    if ahead:
        return Upcoming(ahead, [])
    past = sorted(moments, key=lambda m: m.start, reverse=True)[:PAST_SHOWN]
    return Upcoming([], past)
