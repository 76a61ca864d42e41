"""Each fact's version in the calendar: a SEQUENCE that grows by one whenever what the calendar shows of the
fact's timing, title or place changes, and never otherwise."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from bot.facts.models import DatedFact

# (digest of what the calendar shows, SEQUENCE, when this version was first served)
Version = tuple[str, int, dt.datetime]

# What makes a calendar entry a different entry for a client: when, what and where. Sources are left out: a new
# article confirming the same date changes the description, not the appointment.
_FIELDS = ("kind", "title", "season", "part", "date", "precision", "time", "timezone", "place", "venue", "city",
           "audience")  # fmt: skip


def digest(fact: DatedFact) -> str:
    """A hash of the fields a calendar client treats as the appointment itself."""
    shown = {name: getattr(fact, name) for name in _FIELDS}
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=True).encode()).hexdigest()[:32]


def advance(
    known: dict[str, Version], facts: Iterable[DatedFact], now: dt.datetime
) -> tuple[dict[str, Version], dict[str, Version]]:
    """The version of each fact now (new facts start at 0, changed ones go up by one), and those that differ
    from `known` (to be recorded)."""
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    current: dict[str, Version] = {}
    changed: dict[str, Version] = {}
    for fact in facts:
        if fact.id in current:
            continue
        shown, old = digest(fact), known.get(fact.id)
        if old is not None and old[0] == shown:
            current[fact.id] = old
            continue
        version = (shown, 0 if old is None else old[1] + 1, stamp)
        current[fact.id] = changed[fact.id] = version
    return current, changed
