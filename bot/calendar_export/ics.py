"""The .ics file itself, made with icalendar: one VEVENT per upcoming dated fact, with stable UIDs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import icalendar

from bot.calendar_export.versions import Version
from bot.facts.identity import slug
from bot.facts.models import DatedFact, Source
from bot.i18n import text
from bot.queries.upcoming import Moment

# How many articles a description names before "...and N more": a fact with hundreds of sources stays readable.
SOURCES_SHOWN = 5
# Any one value taken from an article, at most (a summary or a line of the description).
TEXT_LIMIT = 300
# Clients that subscribe to the feed look again this often.
REFRESH = dt.timedelta(hours=6)

# Control characters and those that change how text reads without showing (direction overrides, zero-width).
_INVISIBLE = re.compile("[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_WEB_ADDRESS = re.compile(r"https?://[!-~]+", re.ASCII)


def plain(words: str | None) -> str:
    """Text from an article made safe for a calendar line: no controls or invisible characters, bounded."""
    cleaned = " ".join(_INVISIBLE.sub(" ", words or "").split())
    return cleaned if len(cleaned) <= TEXT_LIMIT else cleaned[: TEXT_LIMIT - 1] + "…"


def uid(fact: DatedFact, show_slug: str) -> str:
    """The fact's stable UID: the same fact keeps it across rebuilds, so a re-import updates, not duplicates."""
    return f"{plain(fact.id)}@{show_slug}.savoir"


def summary(fact: DatedFact, show: str, language: str) -> str:
    """ "<Show> — Season 2 premiere" in the reader's language; a vague date says its day is not yet known."""
    if fact.kind == "premiere" and fact.season is not None:
        key = "title.season.part" if fact.part is not None else "title.season"
        title = text(key, language, season=fact.season, part=fact.part)
    else:
        title = plain(fact.title)
    key = f"calendar.what.{fact.kind}"
    if fact.kind == "ticket_sale" and not plain(fact.audience):
        key += ".open"
    what = text(key, language, title=title, audience=plain(fact.audience))
    if fact.precision != "day":
        what = text("calendar.vague", language, what=what)
    return text("calendar.summary", language, show=plain(show), what=what)


def _source_line(source: Source, language: str) -> str:
    if source.correction_by:
        # Public (the feed, every member's file): a moderator's correction, not who made it.
        return text("calendar.correction", language)
    parts = [plain(part) for part in (source.outlet, source.headline, source.url) if part] or [
        plain(source.file)
    ]
    if source.publication_date is not None:
        parts.append(source.publication_date.isoformat())
    return " — ".join(parts)


def description(fact: DatedFact, language: str) -> str:
    """What the first article says, then where the date comes from: each article's outlet, headline, address
    and date (or the correction)."""
    lines: list[str] = []
    seen: set[str] = set()
    for source in fact.sources:
        line = _source_line(source, language)
        if line in seen:
            continue
        seen.add(line)
        lines.append(line)
    shown = ["- " + line for line in lines[:SOURCES_SHOWN]]
    if len(lines) > SOURCES_SHOWN:
        shown.append(text("about.more", language, count=len(lines) - SOURCES_SHOWN))
    # A correction's "sentence" is its reason, not words from an article: it is not quoted.
    sentence = plain(fact.sources[0].sentence) if fact.sources and not fact.sources[0].correction_by else ""
    said = [text("calendar.quote", language, sentence=sentence)] if sentence else []
    return "\n".join([*said, text("calendar.sources", language), *shown]) if shown else ""


def location(fact: DatedFact) -> str | None:
    """Venue and city of an event (or the place as the article gives it); a premiere or a sale has none."""
    if fact.kind != "event":
        return None
    parts = [plain(part) for part in (fact.venue, fact.city) if part]
    return ", ".join(parts) if parts else plain(fact.place) or None


def web_address(fact: DatedFact) -> str | None:
    """The first source's web address that is one (http or https, printable, bounded), for the URL property."""
    for source in fact.sources:
        if source.url and len(source.url) <= 2000 and _WEB_ADDRESS.fullmatch(source.url):
            return source.url
    return None


def event(moment: Moment, show: str, show_slug: str, version: Version, language: str) -> icalendar.Event:
    """One VEVENT: timed in the fact's own zone, or all-day over the day, month or year the articles give."""
    fact, (_, sequence, stamped) = moment.fact, version
    entry = icalendar.Event()
    entry.add("uid", uid(fact, show_slug))
    entry.add("dtstamp", stamped)
    entry.add("last-modified", stamped)
    entry.add("sequence", sequence)
    entry.add("summary", summary(fact, show, language))
    if moment.exact:
        # Aware in the fact's zone (a VTIMEZONE is added for it); a wall time the zone skips (the spring-forward
        # hour) is written as the instant it means, so every calendar app reads the same moment. An hour long,
        # as the server's Discord event: a calendar shows a moment without an end as nothing.
        start = moment.start.astimezone(dt.UTC).astimezone(moment.start.tzinfo)
        entry.add("dtstart", start)
        entry.add("dtend", start + dt.timedelta(hours=1))
    else:
        # All-day: floating dates, as a calendar shows a day (DTEND is the day after the last one).
        entry.add("dtstart", moment.start.date())
        entry.add("dtend", moment.end.date())
    entry.add("transp", "TRANSPARENT")  # a premiere does not make anyone busy
    notes = description(fact, language)
    if notes:
        entry.add("description", notes)
    place = location(fact)
    if place:
        entry.add("location", place)
    address = web_address(fact)
    if address:
        entry.add("url", address)
    return entry


def _utc_zone() -> icalendar.Timezone:
    zone = icalendar.Timezone()
    zone.add("tzid", "UTC")
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))  # noqa: DTZ001  (a zone's onset is local time in RFC 5545)
    standard.add("tzoffsetfrom", dt.timedelta(0))
    standard.add("tzoffsetto", dt.timedelta(0))
    standard.add("tzname", "UTC")
    zone.add_component(standard)
    return zone


def build_ics(moments: Sequence[Moment], show: str, versions: dict[str, Version], language: str) -> bytes:
    """The whole calendar (CPU work: callers run it off the event loop). Every moment needs a version."""
    show_slug = slug(show) or "show"
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Savoir//{show_slug}//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text("calendar.name", language, show=plain(show)))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    written: set[str] = set()
    for moment in moments:
        if moment.fact.id in written:
            continue  # one fact, one UID: a second copy would be read as a conflicting version
        written.add(moment.fact.id)
        calendar.add_component(event(moment, show, show_slug, versions[moment.fact.id], language))
    if not written:
        # RFC 5545 wants at least one component in a calendar: with no date ahead, UTC's zone (strict apps
        # would refuse an empty subscription; every app ignores an unused zone).
        calendar.add_component(_utc_zone())
    timed = [moment.start.date() for moment in moments if moment.exact]
    if timed:
        # Zone rules over the span the events need (a year either side), not icalendar's default 1970-2038:
        # a smaller file, and right for a date after 2038 too.
        margin = dt.timedelta(days=366)
        calendar.add_missing_timezones(
            first_date=max(dt.date.min + margin, min(timed)) - margin,
            last_date=min(dt.date.max - margin, max(timed)) + margin,
        )
    return bytes(calendar.to_ical())
