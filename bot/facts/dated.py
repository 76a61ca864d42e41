"""Finding dated facts in an article: premieres (with parts), production starts, renewals, events, ticket sales."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from bot.facts.calendar import (
    DateMention,
    ResolvedDate,
    TimeMention,
    find_cities,
    find_dates,
    find_times,
    is_city,
    might_hold_a_date,
    resolve,
    tense_of,
)
from bot.facts.documents import Article, Sentence
from bot.facts.models import DateKind
from bot.facts.names import UPPER
from bot.facts.scanning import Led, ends_with
from bot.facts.seasons import parts_in, season_in_focus, seasons_in, single_season, splits_in_parts
from bot.facts.show_context import ShowContext

_PREMIERE = re.compile(
    r"\b(?:premieres?|premiered|premiering|debuts?|debuted|debuting|arrives?|arrived|arriving|drops?|dropped"
    r"|dropping|launch(?:es|ed)?|returns?|returned|returning|lands?|landed|hits?\s+(?:screens|streaming)"
    r"|released?|releases|streams?|streaming|(?:is|are|will\s+be)\s+out|comes?\s+out|coming\s+out"
    r"|comes?\s+to|coming\s+to|follows)\b",
)
_PRODUCTION = re.compile(
    r"\b(?:begins?|began|begun|starts?|started|starting|kick(?:s|ed)?\s+off|commenc(?:es|ed))\s+"
    r"(?:production|filming|shooting)\b"
    r"|\b(?:production|filming|shooting)\s+(?:(?:on|for|of)\s+(?:the\s+)?(?:\w+\s+){1,3}?)?(?:(?:has|had|have)\s+)?"
    r"(?:officially\s+)?(?:begins?|began|begun|starts?|started|kicked\s+off|commenced|got\s+underway"
    r"|gets\s+underway|gotten\s+underway|is\s+underway)\b",
    re.IGNORECASE,
)
_PRODUCTION_WORDS = re.compile("production|filming|shooting")
_RENEWAL = re.compile(r"\brenew(?:s|ed|al|ing)?\b")
_EVENT = re.compile(
    r"\b(?:event|panel|screening|q&a|premiere\s+party|red\s+carpet|fan\s+fest(?:ival)?|convention"
    r"|meet[- ]and[- ]greet|exhibition|fan\s+experience)\b",
)
_TICKETS = re.compile(r"\btickets?\b|\bon[- ]sale\b|\bpre-?sales?\b")
_ON_SALE_NOW = re.compile(
    r"\b(?:now|already)\s+on[- ]sale\b|\bon[- ]sale\s+now\b|\bnow\s+available\b", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|announced|told|revealed|confirmed|wrote|posted|tweeted)\s*$", re.IGNORECASE
)
_VENUE = re.compile(
    rf"\bat\s+(?P<venue>(?:[Tt]he\s+)?[{UPPER}][\w'’&.-]*(?:\s+(?:(?:of|the|&|and|de|du)\s+)?[{UPPER}][\w'’&.-]*)*)"
)
_AREA = re.compile(
    rf"\bin\s+(?P<area>(?:(?:midtown|downtown|uptown|central|north|south|east|west|northern|southern|lower|upper)\s+)?"
    rf"[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*)*)"
)
_PLACE_AFTER_VERB = re.compile(
    r"\b(?:production|filming|shooting)\b[^.;]*?\bin\s+(?P<place>[^;]+)", re.IGNORECASE
)
_AUDIENCE_WORDS = re.compile(
    r"\b(?:members?|public|subscribers?|fans?|holders?|cardholders?|circles?|presale|pre-sale|customers)\b",
    re.IGNORECASE,
)
_AUDIENCE_TO = re.compile(
    r"\bto\s+(?:the\s+)?(?P<audience>.+?)(?=\s+(?:on|starting|beginning|from|at)\b|[.;]?\s*$)"
)
# Every "for" of a clause reads to its next comma: led by that reading, the scan tries one "for" a clause.
_AUDIENCE_FOR = Led(
    r"\b[Ff]or\s+(?:the\s+)?(?P<audience>[^,;]+),\s+(?:\w+\s+){0,2}tickets\b", r"\b[Ff]or\s+(?:the\s+)?[^,;]+"
)
_AUDIENCE_PRESALE = re.compile(r"\b(?:the\s+)?(?P<audience>[\w'’ -]{3,60}?)\s+pre-?sale\b", re.IGNORECASE)


@dataclass(frozen=True)
class DatedMention:
    """A dated fact as one sentence states it."""

    kind: DateKind
    resolved: ResolvedDate
    article: Article
    sentence: Sentence
    start: int
    end: int
    season: int | None = None
    part: int | None = None
    time: TimeMention | None = None
    timezone: str | None = None
    title: str | None = None
    place: str | None = None
    venue: str | None = None
    city: str | None = None
    audience: str | None = None
    on_sale_already: bool = False


@dataclass
class DatedFindings:
    """The dated mentions of one article and the problems met on the way."""

    mentions: list[DatedMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _resolved_dates(
    article: Article, sentence: Sentence, findings: DatedFindings, exact_only: bool = False
) -> list[tuple[DateMention, ResolvedDate]]:
    resolved = []
    tense = tense_of(sentence.text)
    for mention in find_dates(sentence.text):
        if mention.form in ("relative_day", "relative") and ends_with(
            _ATTRIBUTION, sentence.text, mention.start
        ):
            continue  # "said yesterday that ...": the day of the saying, not of the fact
        value = resolve(mention, article.publication_date, tense)
        if value is None:
            if mention.month is not None and mention.day is not None and article.publication_date is None:
                findings.warnings.append(
                    f'"{mention.text}" has no year and the article has no publication date: date skipped'
                )
            continue
        if exact_only and value.precision != "day":
            continue
        if value.weekday_warning:
            findings.warnings.append(f'"{mention.text}": {value.weekday_warning}')
        resolved.append((mention, value))
    return resolved


def _stated(
    kind: DateKind,
    value: ResolvedDate,
    article: Article,
    sentence: Sentence,
    mention: DateMention,
    **details: Any,
) -> DatedMention:
    """A dated mention whose evidence is the date expression itself."""
    start, end = sentence.start + mention.start, sentence.start + mention.end
    return DatedMention(kind, value, article, sentence, start, end, **details)


def _time_for(
    times: list[TimeMention], date_start: int, date_end: int, next_start: int
) -> TimeMention | None:
    # Times are in order and do not overlap: the first one after the date and the last one before it are found
    # by bisection (a scan of every time for every date is quadratic in a sentence of many).
    first_after = bisect.bisect_left(times, date_end, key=lambda time: time.start)
    if (
        first_after < len(times)
        and times[first_after].start < next_start
        and times[first_after].start - date_end <= 40
    ):
        return times[first_after]
    last_before = bisect.bisect_right(times, date_start, key=lambda time: time.end) - 1
    if last_before >= 0 and date_start - times[last_before].end <= 20:
        return times[last_before]
    return None


def find_dated_mentions(article: Article, show: ShowContext) -> DatedFindings:
    """Every dated fact the article states about the show."""
    findings = DatedFindings()
    events: list[DatedMention] = []
    for index, sentence in enumerate(article.sentences):
        text = sentence.text
        if not might_hold_a_date(text) and "sale" not in text:
            continue
        if show.names_other_title(text):
            continue
        lowered = text.lower()  # the classifying patterns are lower-case: faster than IGNORECASE
        if _TICKETS.search(lowered):
            _ticket_sales(article, sentence, events, findings)
        elif _EVENT.search(lowered) and (found := _event(article, index, show, findings)) is not None:
            events.append(found)
            findings.mentions.append(found)
        elif _PRODUCTION_WORDS.search(lowered) and _PRODUCTION.search(text):
            _production_start(article, index, findings)
        elif _RENEWAL.search(lowered):
            _renewal(article, sentence, findings)
        elif _PREMIERE.search(lowered):
            _premieres(article, index, show, findings)
    return findings


def _premieres(article: Article, index: int, show: ShowContext, findings: DatedFindings) -> None:
    sentence = article.sentences[index]
    text = sentence.text
    if not (show.refers_to_show(text) or seasons_in(text) or parts_in(text, split_in_parts=False)):
        return
    season = season_in_focus(article.sentences, index)
    if season is None:
        return
    dates = _resolved_dates(article, sentence, findings)
    if not dates:
        return
    split = splits_in_parts(text)
    parts = parts_in(text, split)
    times = find_times(text)
    assigned: list[int | None] = []
    previous_end = 0
    for mention, _ in dates:
        # The last part named between the previous date and this one (parts are in order: bisection).
        last = bisect.bisect_left(parts, mention.start, key=lambda part: part.start) - 1
        nearby = last >= 0 and parts[last].start >= previous_end
        assigned.append(parts[last].number if nearby else None)
        previous_end = mention.end
    if split and len(dates) >= 2 and all(part is None for part in assigned):
        assigned = list(range(1, len(dates) + 1))
    for position, ((mention, value), part) in enumerate(zip(dates, assigned, strict=True)):
        next_start = dates[position + 1][0].start if position + 1 < len(dates) else len(text)
        time = _time_for(times, mention.start, mention.end, next_start) if value.precision == "day" else None
        findings.mentions.append(
            _stated(
                "premiere",
                value,
                article,
                sentence,
                mention,
                season=season,
                part=part,
                time=time,
                timezone=time.timezone if time else None,
            )
        )


def _production_start(article: Article, index: int, findings: DatedFindings) -> None:
    sentence = article.sentences[index]
    season = season_in_focus(article.sentences, index)
    dates = _resolved_dates(article, sentence, findings)
    if season is None or not dates:
        return
    # "today, June 4, 2022": a relative word and the date it names are one date.
    mention, value = next(((m, v) for m, v in dates if m.form not in ("relative_day", "relative")), dates[0])
    place = None
    verb = _PRODUCTION.search(sentence.text)
    after = _PLACE_AFTER_VERB.search(sentence.text, verb.start() if verb else 0)
    if after is not None:
        raw = after.group("place")
        first_date = min((m.start for m, _ in dates if m.start >= after.start("place")), default=None)
        if first_date is not None:
            raw = sentence.text[after.start("place") : first_date]
        raw = re.sub(r"\b(?:today|tomorrow|yesterday|on|this|next|from|starting)\W*$", "", raw.strip(" ,.;"))
        raw = raw.strip(" ,.;")
        if raw[:1].isupper() and len(raw) <= 100:
            place = raw
    findings.mentions.append(
        _stated("production_start", value, article, sentence, mention, season=season, place=place)
    )


def _renewal(article: Article, sentence: Sentence, findings: DatedFindings) -> None:
    season = single_season(sentence.text)
    dates = _resolved_dates(article, sentence, findings)
    if season is None or not dates:
        return
    mention, value = dates[0]
    findings.mentions.append(_stated("renewal", value, article, sentence, mention, season=season))


def _event(article: Article, index: int, show: ShowContext, findings: DatedFindings) -> DatedMention | None:
    sentence = article.sentences[index]
    text = sentence.text
    dates = _resolved_dates(article, sentence, findings, exact_only=True)
    venue_match = _VENUE.search(text)
    masked = show.mask_titles(text)
    city = next(iter(find_cities(masked)), None)
    if not dates or (venue_match is None and city is None):
        return None
    mention, value = dates[0]
    venue = venue_match.group("venue") if venue_match else None
    if venue is not None and is_city(venue):
        venue = None
    area = None
    for match in _AREA.finditer(masked, venue_match.end() if venue_match else 0):
        candidate = text[match.start("area") : match.end("area")]
        if not is_city(candidate) and (city is None or city.name not in candidate):
            area = candidate
            break
    title = _event_title(article, index, show)
    if title is None:
        if venue is None:
            return None
        title = f"{show.config.show.title} at {venue}"
    times = find_times(text)
    time = _time_for(times, mention.start, mention.end, len(text))
    place = ", ".join(part for part in (venue, area, city.name if city else None) if part)
    return _stated(
        "event",
        value,
        article,
        sentence,
        mention,
        time=time,
        timezone=(time.timezone if time and time.timezone else (city.timezone if city else None)),
        title=title,
        place=place or None,
        venue=venue,
        city=city.name if city else None,
    )


def _event_title(article: Article, index: int, show: ShowContext) -> str | None:
    """A quoted title near the event sentence that names the show ("<Show>: A Night With the Cast")."""
    nearby = list(article.sentences[index : index + 4]) + list(
        reversed(article.sentences[max(0, index - 2) : index])
    )
    for sentence in nearby:
        for title in show.quoted_titles(sentence.text):
            if show.names_title(title) and len(title) > len(show.config.show.title) + 3:
                return title
    return None


def _audience(clause: str) -> str | None:
    for pattern in (_AUDIENCE_FOR, _AUDIENCE_TO, _AUDIENCE_PRESALE):
        match = pattern.search(clause)
        if match is None:
            continue
        audience = match.group("audience").strip(" ,.;")
        audience = re.sub(r",\s+and\s+", " and ", audience)
        audience = re.sub(r"^(?:the|all)\s+", "", audience)
        if _AUDIENCE_WORDS.search(audience) and len(audience) <= 120:
            return audience
    return None


def _ticket_sales(
    article: Article, sentence: Sentence, events: list[DatedMention], findings: DatedFindings
) -> None:
    if not events:
        return  # tickets to what? without an event in the article there is nothing to attach them to
    event = events[-1]
    selling = (
        re.search(r"\bon[- ]sale\b|\bpre-?sale\b|\bavailable\b", sentence.text, re.IGNORECASE) is not None
    )
    offset = 0
    for clause in re.split(r";", sentence.text):
        clause_start = offset
        offset += len(clause) + 1
        audience = _audience(clause)
        if audience is None or not selling:
            continue
        clause_sentence = Sentence(clause, sentence.start + clause_start, sentence.paragraph)
        dates = _resolved_dates(article, clause_sentence, findings, exact_only=True)
        if dates:
            mention, value = dates[0]
            start, end = clause_sentence.start + mention.start, clause_sentence.start + mention.end
            time = _time_for(find_times(clause), mention.start, mention.end, len(clause))
            already = False
        elif _ON_SALE_NOW.search(clause) and article.publication_date is not None:
            value = ResolvedDate(article.publication_date, "day")
            start, end = clause_sentence.start, clause_sentence.start + len(clause)
            time, already = None, True
        else:
            continue
        zone = time.timezone if time and time.timezone else event.timezone
        findings.mentions.append(
            DatedMention(
                "ticket_sale",
                value,
                article,
                sentence,
                start,
                end,
                time=time,
                timezone=zone if time else None,
                title=event.title,
                place=event.place,
                venue=event.venue,
                city=event.city,
                audience=audience,
                on_sale_already=already,
            )
        )
