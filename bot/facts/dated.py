"""Finding dated facts in an article: premieres (with parts), production starts, renewals, events, ticket sales."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from bot.facts.calendar import (
    DateMention,
    ResolvedDate,
    Tense,
    TimeMention,
    find_cities,
    find_dates,
    find_times,
    is_city,
    might_hold_a_date,
    resolve,
    tense_of,
)
from bot.facts.clauses import Trigger, clause_of, clause_starts, find_triggers, governing
from bot.facts.documents import Article, Sentence
from bot.facts.models import DateKind
from bot.facts.names import UPPER
from bot.facts.scanning import Led
from bot.facts.seasons import Numbered, parts_in, season_in_discourse, seasons_named, splits_in_parts
from bot.facts.show_context import ShowContext, show_focus

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
    r"|meet[- ]and[- ]greet|exhibition|fan\s+experience|world\s+premiere|watch\s+party|premiere\s+party"
    r"|takes?\s+the\s+stage)\b",
)
_TICKETS = re.compile(r"\btickets?\b|\bon[- ]sale\b|\bpre-?sales?\b")
_ON_SALE_NOW = re.compile(
    r"\b(?:now|already)\s+on[- ]sale\b|\bon[- ]sale\s+now\b|\bnow\s+available\b", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|announced|told|revealed|confirmed|wrote|posted|tweeted)\s+(?:on\s+)?$", re.IGNORECASE
)
_VENUE = re.compile(
    rf"\bat\s+(?P<venue>(?:[Tt]he\s+)?[{UPPER}][\w'’&.-]*(?:\s+(?:(?:of|the|&|and|de|du)\s+)?[{UPPER}][\w'’&.-]*)*)"
)
_AREA = re.compile(
    rf"\bin\s+(?P<area>(?:(?:midtown|downtown|uptown|central|north|south|east|west|northern|southern|lower|upper)\s+)?"
    rf"[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*)*)"
)
# Each "production" of a clause reads to the clause's end: led by that reading, one per clause is tried.
_PLACE_AFTER_VERB = Led(
    r"\b(?:production|filming|shooting)\b[^.;]*?\bin\s+(?P<place>[^;]+)",
    r"\b(?:production|filming|shooting)\b[^.;]*",
    re.IGNORECASE,
)
_AUDIENCE_WORDS = re.compile(
    r"\b(?:members?|public|subscribers?|fans?|holders?|cardholders?|circles?|presale|pre-sale|customers)\b",
    re.IGNORECASE,
)
_AUDIENCE_TO = re.compile(
    r"\bto\s+(?:the\s+)?(?P<audience>.+?)(?=\s+(?:on|starting|beginning|from|at)\b|[.;]?\s*$)"
)
_AUDIENCE_FOR = re.compile(r"\b[Ff]or\s+(?:the\s+)?(?P<audience>[^,;]+),\s+(?:\w+\s+){0,2}tickets\b")
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


_NO_DAY_OF_THEIR_OWN = frozenset(
    {"this year", "next year", "last year", "this week", "next week", "last week", "this weekend", "next weekend",
     "last weekend"}
)  # fmt: skip


def _resolved_dates(
    article: Article, sentence: Sentence, findings: DatedFindings, exact_only: bool = False
) -> list[tuple[DateMention, ResolvedDate]]:
    resolved = []
    text = sentence.text
    lowered = text.lower()
    starts = clause_starts(lowered)
    sentence_tense = tense_of(text)
    last_year = "last year" in lowered
    mentions = find_dates(text)
    clause_tenses: dict[int, Tense] = {}
    for position, mention in enumerate(mentions):
        following = mentions[position + 1] if position + 1 < len(mentions) else None
        if (
            mention.form == "relative_day"
            and following
            and text[mention.end : following.start].strip(" ,") == ""
        ):
            continue  # "today, May 3, 2021": one day, named twice
        if mention.form == "relative" and mention.relative in _NO_DAY_OF_THEIR_OWN:
            continue  # "last year" places the other dates of the sentence; it is no date of its own
        clause = clause_of(starts, mention.start)
        if clause not in clause_tenses:  # once per clause: many dates in one clause must not reread it
            clause_tenses[clause] = tense_of(_clause_text(text, starts, mention.start))
        tense = clause_tenses[clause] or (sentence_tense if len(starts) == 1 else None)
        published = article.publication_date
        if last_year and published is not None and mention.year is None and mention.form != "relative":
            published = published.replace(
                year=published.year - 1, month=12, day=31
            )  # "Last year ... Aug. 15"
            tense = "past"
        before = lowered[max(0, mention.start - 6) : mention.start]
        if before.endswith(("last ", "past ")):
            tense = "past"  # "last December 7"
        elif before.endswith("next "):
            tense = "future"
        if mention.form == "weekday" and _ATTRIBUTION.search(text, max(0, mention.start - 40), mention.start):
            tense = "past"  # "announced Monday that ...": the day of the saying, which is behind us
        value = resolve(mention, published, tense)
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
    after = [time for time in times if date_end <= time.start < next_start and time.start - date_end <= 40]
    if after:
        return after[0]
    before = [time for time in times if time.end <= date_start and date_start - time.end <= 20]
    return before[-1] if before else None


def find_dated_mentions(article: Article, show: ShowContext) -> DatedFindings:
    """Every dated fact the article states about the show."""
    findings = DatedFindings()
    events: list[DatedMention] = []
    article_season = _article_season(article, show)
    focus = show_focus(show, article.sentences, article.headline)
    for index, sentence in enumerate(article.sentences):
        text = sentence.text
        if not focus[index] or text.rstrip().endswith("?"):
            continue  # about another title, or a question: nothing is stated
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
        else:
            _governed(article, index, show, article_season, findings)
    return findings


def _article_season(article: Article, show: ShowContext) -> int | None:
    """The season an article is about: the one season its headline (a title line near the top naming the
    show) names."""
    for sentence in article.sentences[:12]:
        if len(sentence.text) <= 160 and show.names_title(sentence.text):
            numbers = {numbered.number for numbered in seasons_named(sentence.text)}
            if numbers:
                return numbers.pop() if len(numbers) == 1 else None
    return None


def _clause_text(text: str, starts: tuple[int, ...], position: int) -> str:
    clause = clause_of(starts, position)
    end = starts[clause + 1] if clause + 1 < len(starts) else len(text)
    return text[starts[clause] : end]


def _governed(
    article: Article, index: int, show: ShowContext, article_season: int | None, findings: DatedFindings
) -> None:
    """Premieres, production starts and renewals: each date goes to the verb of its own clause."""
    sentence = article.sentences[index]
    text = sentence.text
    lowered = text.lower()
    triggers = find_triggers(lowered)
    if not triggers and "part" not in lowered:
        return
    starts = clause_starts(lowered)
    dates = _resolved_dates(article, sentence, findings)
    if not dates:
        return
    named = seasons_named(text)
    own = {numbered.number for numbered in named}
    # A renewal is of a season still to come: the seasons a sentence says have come out are not its own.
    discourse = season_in_discourse(article.sentences, index, article_season)
    in_focus = own.pop() if len(own) == 1 else discourse
    no_season_yet = in_focus is None and not any(
        seasons_named(earlier.text) for earlier in article.sentences[:index]
    )
    announced: list[tuple[DateMention, ResolvedDate]] = []
    renewal_dated: set[int] = set()
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]] = []
    for mention, value in dates:
        trigger = governing(triggers, starts, mention.start, mention.end)
        if trigger is None:
            if _part_before(text, starts, mention) is not None:
                premieres.append((mention, value, Trigger("premiere", mention.start, mention.start, "")))
            continue
        clause_seasons = _clause_seasons(named, starts, mention.start)
        if trigger.kind == "announce":
            if mention.form == "weekday" or value.precision == "day" or mention.form == "relative_day":
                past = (
                    resolve(mention, article.publication_date, "past") if mention.form == "weekday" else value
                )
                if past is not None:
                    announced.append((mention, past))
        elif trigger.kind == "renewal":
            renewal_dated.add(trigger.start)
            for renewed in _renewal_seasons(text, starts, trigger, named, discourse):
                findings.mentions.append(
                    _stated("renewal", value, article, sentence, mention, season=renewed)
                )
        elif trigger.kind == "production":
            season: int | None = clause_seasons[0] if len(clause_seasons) == 1 else None
            if season is None and not clause_seasons:
                season = in_focus if in_focus is not None else (1 if no_season_yet else None)
            if season is not None:
                findings.mentions.append(
                    _stated(
                        "production_start",
                        value,
                        article,
                        sentence,
                        mention,
                        season=season,
                        place=_production_place(text, dates),
                    )
                )
        elif trigger.kind == "premiere":
            premieres.append((mention, value, trigger))
    if announced:
        for trigger in triggers:
            if trigger.kind == "renewal" and trigger.start not in renewal_dated:
                mention, value = announced[0]
                for season in _renewal_seasons(text, starts, trigger, named, discourse):
                    findings.mentions.append(
                        _stated("renewal", value, article, sentence, mention, season=season)
                    )
    about_show = show.refers_to_show(text) or named or parts_in(text, False) or _SEASON_WORDS.search(lowered)
    if (
        premieres
        and about_show
        and not _names_abroad(lowered, show)
        and (show.names_title(text) or not _names_another_title(text, show))
    ):
        first_release = _first_release(text, lowered, show, named)
        _premieres(
            article, sentence, starts, premieres, named, in_focus, no_season_yet, first_release, findings
        )
        _time_from_next(article, index, findings)


_SEASON_WORDS = re.compile(r"\b(?:season|episodes|installment|instalment|chapter|it|its)\b")
_QUOTED_NAME = re.compile(rf"[\"“](?P<title>[{UPPER}][^\"“”]{{0,60}}?)[,.]?[\"”]")
_TITLE_BEFORE_SEASON = re.compile(
    rf"(?P<title>[{UPPER}][\w'’&-]*(?:\s+[{UPPER}][\w'’&-]*){{0,4}})\s+(?:(?:final|new|latest|last)\s+)?"
    r"season\b"
)
_NOT_TITLES = frozenset(
    [
        "the",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "a",
        "an",
        "next",
        "last",
        "every",
        "each",
        "new",
        "final",
        "netflix",
        "hulu",
    ]
)
_FIRST_RELEASE_VERB = re.compile(
    r"\b(?:premiered|debuted|first\s+arrived|arrived|launched|bowed|snuck\s+onto|first\s+aired|began)\b"
)
_SHOW_SUBJECT = re.compile(
    r"\b(?:the|this)\s+(?:show|series|comedy|drama|sitcom)\b|^it\b|,\s+it\b|\bwhen\s+it\b"
)


def _names_another_title(text: str, show: ShowContext) -> bool:
    """Whether a sentence names a title that is not the show's (a quoted title, "Other Title final season")."""
    for match in _QUOTED_NAME.finditer(text):
        title = match.group("title").strip()
        if len(title.split()) <= 6 and not re.search(r"[.!?]\s", title) and not show.names_title(title):
            return True
    for match in _TITLE_BEFORE_SEASON.finditer(text):
        words = match.group("title").split()
        while words and words[0].lower() in _NOT_TITLES:
            words.pop(0)
        if words and words[0].lower() != show.service.lower() and not show.names_title(match.group("title")):
            return True
    return False


def _first_release(text: str, lowered: str, show: ShowContext, named: tuple[Numbered, ...]) -> bool:
    """ "The show premiered on ...", "<Title> first arrived ...": the show's own first release, which is
    Season 1, when the sentence names no season."""
    if named or _FIRST_RELEASE_VERB.search(lowered) is None:
        return False
    return show.names_title(text) or _SHOW_SUBJECT.search(lowered) is not None


def _time_from_next(article: Article, index: int, findings: DatedFindings) -> None:
    """ "It premieres Oct. 9. It will air at 9:30 p.m. ET": a time the next sentence gives, undated."""
    if not findings.mentions or index + 1 >= len(article.sentences):
        return
    last = findings.mentions[-1]
    following = article.sentences[index + 1]
    if (
        last.kind != "premiere"
        or last.sentence is not article.sentences[index]
        or last.time is not None
        or last.resolved.precision != "day"
        or following.paragraph != last.sentence.paragraph
        or find_dates(following.text)
        or not re.search(r"\b(?:air|airs|stream|streams|premieres?|drops?|debuts?)\b", following.text)
    ):
        return
    times = find_times(following.text)
    if len(times) >= 1:
        findings.mentions[-1] = replace(last, time=times[0], timezone=times[0].timezone)


def _clause_seasons(
    named: tuple[Numbered, ...], starts: tuple[int, ...], position: int, lowered: str = ""
) -> list[int]:
    """The seasons named in the clause at position; a relative clause ("Season 1, which premiered ...")
    speaks of the season just before it."""
    clause = clause_of(starts, position)
    own = [numbered.number for numbered in named if clause_of(starts, numbered.start) == clause]
    if own or clause == 0:
        return own
    before = [numbered.number for numbered in named if clause_of(starts, numbered.start) == clause - 1]
    relative = re.match(r",\s+(?:which|where|when)\b", lowered[starts[clause] : starts[clause] + 12])
    return before[-1:] if before and relative else []


def _renewal_seasons(
    text: str, starts: tuple[int, ...], trigger: Trigger, named: tuple[Numbered, ...], in_focus: int | None
) -> list[int]:
    """The seasons a renewal is for: those named in its clause, else the season in focus, else the one after
    a season the sentence says has already come out ("renewed ... after the first season debuted")."""
    own = _clause_seasons(named, starts, trigger.start)
    if own:
        return list(dict.fromkeys(own))
    if in_focus is not None:
        return [in_focus]
    if len({numbered.number for numbered in named}) == 1:
        return [named[0].number + 1]
    return []


def _part_before(text: str, starts: tuple[int, ...], mention: DateMention) -> int | None:
    """ "Part 1 on Aug. 15": a part named just before a date in its clause."""
    clause = clause_of(starts, mention.start)
    parts = [
        part
        for part in parts_in(text, split_in_parts=False)
        if part.end <= mention.start
        and clause_of(starts, part.start) == clause
        and mention.start - part.end <= 12
    ]
    return parts[-1].number if parts else None


def _premieres(
    article: Article,
    sentence: Sentence,
    starts: tuple[int, ...],
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]],
    named: tuple[Numbered, ...],
    in_focus: int | None,
    no_season_yet: bool,
    first_release: bool,
    findings: DatedFindings,
) -> None:
    text = sentence.text
    lowered = text.lower()
    split = splits_in_parts(text)
    parts = parts_in(text, split)
    times = find_times(text)
    own_seasons = {numbered.number for numbered in named}
    assigned_parts: list[int | None] = []
    previous_end = 0
    for mention, _, _ in premieres:
        nearby = [part for part in parts if previous_end <= part.start < mention.start]
        assigned_parts.append(nearby[-1].number if nearby else None)
        previous_end = mention.end
    if split and len(premieres) >= 2 and all(part is None for part in assigned_parts):
        assigned_parts = list(range(1, len(premieres) + 1))
    for position, ((mention, value, trigger), part) in enumerate(zip(premieres, assigned_parts, strict=True)):
        season = _premiere_season(
            lowered,
            starts,
            named,
            premieres,
            position,
            in_focus,
            no_season_yet and trigger.word != "",
            first_release,
        )
        if season is None or (value.precision == "year" and not first_release and season not in own_seasons):
            continue  # a bare year is a premiere only when the sentence itself names whose
        next_start = premieres[position + 1][0].start if position + 1 < len(premieres) else len(text)
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


def _premiere_season(
    lowered: str,
    starts: tuple[int, ...],
    named: tuple[Numbered, ...],
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]],
    position: int,
    in_focus: int | None,
    no_season_yet: bool,
    first_release: bool,
) -> int | None:
    """The season a premiere date is for: its clause's season; "Seasons 3 and 4 premiered on A and B" in
    order; the show's first release; else the season in focus."""
    mention, _, trigger = premieres[position]
    own = list(dict.fromkeys(_clause_seasons(named, starts, mention.start, lowered)))
    if len(own) == 1:
        return own[0]
    if trigger.word:
        listed = list(dict.fromkeys(_clause_seasons(named, starts, trigger.start, lowered)))
        sharing = [m.start for m, _, t in premieres if t == trigger]
        if len(listed) >= 2 and len(listed) == len(sharing):
            return listed[sharing.index(mention.start)]
        if len(listed) == 1 and not own:
            return listed[0]
        if listed or own:
            return None
    if first_release:
        return 1
    if in_focus is not None:
        return in_focus
    return 1 if no_season_yet else None


_COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("the us", "the u.s.", "the united states", "america"),
    "GB": ("the uk", "the u.k.", "britain", "great britain", "the united kingdom", "england", "british"),
    "IE": ("ireland", "irish"),
    "AU": ("australia", "australian"),
    "CA": ("canada", "canadian"),
    "NZ": ("new zealand",),
    "FR": ("france", "french"),
    "DE": ("germany", "german"),
    "IN": ("india", "indian"),
    "JP": ("japan", "japanese"),
}
_ABROAD_HINT = re.compile(
    r"\b(?:in|across|for)\s+(?:the\s+)?[a-z]|\binternational|\boverseas|\bviewers\b|\+\s*[a-z]{2}\b"
    r"|\b(?:television|tv|channel|broadcaster|free-to-air)\b"
)


@functools.lru_cache(maxsize=32)
def _abroad_pattern(home: str) -> re.Pattern[str]:
    """One pattern for every country but the home one ("in the UK", "Australian viewers", "Disney+ UK")."""
    alternatives = [r"\binternationally\b|\boverseas\b|\boutside\s+(?:the\s+)?(?:us|u\.s\.)"]
    for code, names in _COUNTRIES.items():
        if code == home:
            continue
        words = "|".join(re.escape(name) for name in names)
        alternatives.append(
            rf"\b(?:in|across|for)\s+(?:{words})\b|\+\s*{code.lower()}\b"
            rf"|\b(?:{words})\s+(?:viewers|audiences|television|tv|channel|broadcaster|free-to-air)\b"
        )
    return re.compile("|".join(alternatives))


def _names_abroad(lowered: str, show: ShowContext) -> bool:
    """Whether a sentence dates something for another country ("In the UK, ...", "internationally",
    "British viewers"): such a date is not the home premiere."""
    if _ABROAD_HINT.search(lowered) is None:
        return False
    return _abroad_pattern((show.config.release.country or "").upper()).search(lowered) is not None


def _production_place(text: str, dates: list[tuple[DateMention, ResolvedDate]]) -> str | None:
    place = None
    verb = _PRODUCTION.search(text)
    after = _PLACE_AFTER_VERB.search(text, verb.start() if verb else 0)
    if after is not None:
        raw = after.group("place")
        first_date = min((m.start for m, _ in dates if m.start >= after.start("place")), default=None)
        if first_date is not None:
            raw = text[after.start("place") : first_date]
        raw = re.sub(r"\b(?:today|tomorrow|yesterday|on|this|next|from|starting)\W*$", "", raw.strip(" ,.;"))
        raw = raw.strip(" ,.;")
        if raw[:1].isupper() and len(raw) <= 100:
            place = raw
    return place


def _event(article: Article, index: int, show: ShowContext, findings: DatedFindings) -> DatedMention | None:
    sentence = article.sentences[index]
    text = sentence.text
    dates = _resolved_dates(article, sentence, findings, exact_only=True)
    venue_match = _VENUE.search(text)
    masked = show.mask_titles(text)
    city = next(iter(find_cities(masked)), None)
    if not dates or (venue_match is None and city is None):
        return None
    keyword = _EVENT.search(text.lower())
    after_keyword = [pair for pair in dates if keyword is not None and pair[0].start >= keyword.start()]
    same_clause = [
        pair for pair in after_keyword if ";" not in text[keyword.end() if keyword else 0 : pair[0].start]
    ]
    mention, value = (same_clause or dates)[0]
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
