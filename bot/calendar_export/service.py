"""The calendar the bot serves: rebuilt only when the facts or the set of upcoming dates change, so /calendar
and every feed request after the first are a dictionary look-up."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from bot.calendar_export.ics import build_ics
from bot.calendar_export.versions import Version, advance
from bot.clock import Clock
from bot.facts.models import FactSet
from bot.facts.service import FactService
from bot.i18n import language_of
from bot.queries.upcoming import Moment, upcoming
from bot.store.state import StateStore

log = logging.getLogger(__name__)
# A dates list that never ends still has a rebuild some day: far enough never to matter, near enough to be valid.
_NEVER = dt.datetime.max.replace(tzinfo=dt.UTC) - dt.timedelta(days=2)


@dataclass(frozen=True)
class CalendarFile:
    """One built calendar: its bytes, the validators HTTP clients send back, and the facts it holds."""

    body: bytes
    etag: str
    last_modified: dt.datetime
    fact_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Cached:
    facts: FactSet
    built: dt.datetime
    expires: dt.datetime
    file: CalendarFile


class CalendarService:
    """Builds the calendar of upcoming dated facts, one per language, and keeps it until it would change."""

    def __init__(self, facts: FactService, state: StateStore, clock: Clock, show: str = "") -> None:
        self.facts, self.state, self.clock = facts, state, clock
        # With several shows, each show's versions are recorded under "<show>/<fact id>": two shows may have
        # facts of the same id, and each must keep its own SEQUENCE.
        self._prefix = f"{show}/" if show else ""
        self._cache: dict[str, _Cached] = {}
        self._lock = asyncio.Lock()
        self.builds = 0  # how many times a body was made (the tests and the benchmark read it)

    def _fresh(self, language: str, now: dt.datetime) -> CalendarFile | None:
        cached = self._cache.get(language)
        # The same fact set object (a reload swaps in a new one), and no upcoming date has passed since.
        if cached is not None and cached.facts is self.facts.facts and cached.built <= now < cached.expires:
            return cached.file
        return None

    async def current(self, locale: str | None = None) -> CalendarFile:
        """The calendar as of the bot's clock, in the locale's language (built when the cached one is stale)."""
        language = language_of(locale)
        found = self._fresh(language, self.clock.now())
        if found is not None:
            return found
        async with self._lock:  # many requests at once after a reload: one build
            now = self.clock.now()
            found = self._fresh(language, now)
            if found is None:
                found = await self._build(language, now)
            return found

    async def _build(self, language: str, now: dt.datetime) -> CalendarFile:
        facts = self.facts.facts
        ahead = upcoming(facts, now).ahead
        versions, changed = advance(await self._known(), [m.fact for m in ahead], now)
        if changed:
            try:
                await self.state.save_calendar_versions({self._prefix + key: v for key, v in changed.items()})
            except Exception:
                # The same versions are worked out again next time (they derive from what is recorded).
                log.exception("calendar: %d new fact versions could not be recorded", len(changed))
        body = await asyncio.to_thread(build_ics, ahead, facts.show_title, versions, language)
        self.builds += 1
        file = CalendarFile(
            body, _etag(body), self._last_modified(language, body, now), tuple(m.fact.id for m in ahead)
        )
        self._cache[language] = _Cached(facts, now, _expiry(ahead), file)
        return file

    async def _known(self) -> dict[str, Version]:
        """The versions recorded for this show's facts. A show's own record wins over one kept before the bot
        served several shows (or another show's), which still counts: a fact's SEQUENCE never goes back."""
        recorded = await self.state.calendar_versions()
        if not self._prefix:
            return recorded
        own = {
            key.removeprefix(self._prefix): v for key, v in recorded.items() if key.startswith(self._prefix)
        }
        return {**recorded, **own}

    def _last_modified(self, language: str, body: bytes, now: dt.datetime) -> dt.datetime:
        """When the body last changed, to the second (HTTP dates have no finer unit): kept for an identical
        body, and always later than the one before for a different body, so If-Modified-Since never hides a
        change made within the same second."""
        second = now.astimezone(dt.UTC).replace(microsecond=0)
        previous = self._cache.get(language)
        if previous is None:
            return second
        if previous.file.etag == _etag(body):
            return previous.file.last_modified
        return max(second, previous.file.last_modified + dt.timedelta(seconds=1))


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _expiry(ahead: list[Moment]) -> dt.datetime:
    """When the first of these dates stops being upcoming (the list then changes): a timed one just after its
    instant, a day, month or year at its end."""
    tick = dt.timedelta(microseconds=1)
    return min((moment.end + tick if moment.exact else moment.end for moment in ahead), default=_NEVER)
