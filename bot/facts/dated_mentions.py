"""A dated fact as a sentence states it, and the dates of a sentence read with their tense."""

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
    find_dates,
    resolve,
    tense_of,
)
from bot.facts.clauses import clause_of, clause_starts
from bot.facts.date_mentions import FIRST_YEAR, LAST_YEAR
from bot.facts.documents import Article, Sentence
from bot.facts.models import DateKind
from bot.facts.seasons import Numbered
from bot.facts.show_context import ShowContext

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|announced|told|revealed|confirmed|wrote|posted|tweeted)\s+(?:on\s+)?$", re.IGNORECASE
)


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
    # Problems as catalogue keys and values, so each moderator reads them in their own language.
    warnings: list[tuple[str, dict[str, str | int]]] = field(default_factory=list)


_NO_DAY_OF_THEIR_OWN = frozenset(
    {"this year", "next year", "last year", "this week", "next week", "last week", "this weekend", "next weekend",
     "last weekend"}
)  # fmt: skip


# Forms that are a day's or month's name alone: the ones a show's title can look like.
_BARE_NAMES = frozenset({"weekday", "month_only", "month_year"})


_DAY_FORMS = frozenset({"month_day", "day_month", "misspelled_month_day"})
# Forms that name a month (and day) without the year, read against an undated post's implied time; words that
# count from the day of writing ("next May", "yesterday", "on Friday") are not, since that day is still unknown.
_READ_AGAINST_IMPLIED = _DAY_FORMS | {"slashed", "month_day_slashed", "month_only", "month_year"}
# "on 4 March and 9 April 2031", "May 2 and June 3, 2030": two days joined, the year said once at the end.
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|&|or|to|then)?\s*(?:on\s+)?")


def _sharing_year(text: str, mention: DateMention, following: DateMention | None) -> DateMention:
    """A yearless day joined to a next day that states its year takes that year (the year before when its
    month comes later: "Dec. 20 and Jan. 3, 2031")."""
    if (
        mention.year is not None
        or mention.form not in _DAY_FORMS
        or following is None
        or following.year is None
        or following.form not in _DAY_FORMS
        or following.month is None
        or mention.month is None
        or following.start - mention.end > 12
        or _JOINED.fullmatch(text, mention.end, following.start) is None
    ):
        return mention
    year = following.year - (1 if mention.month > following.month else 0)
    return replace(mention, year=year)


def _year_of_the_sentence(mention: DateMention, previous: DateMention | None) -> DateMention:
    """A yearless day after a day of the same sentence that states its year, in the same season of it, takes
    that year ("ordered Season 2 on Feb. 7, 2022, three days after the first season arrived on Feb. 4")."""
    if (
        mention.year is not None
        or mention.form not in _DAY_FORMS
        or previous is None
        or previous.year is None
        or previous.month is None
        or mention.month is None
        or abs(previous.month - mention.month) > 2
    ):
        return mention
    return replace(mention, year=previous.year)


def resolved_dates(
    article: Article, sentence: Sentence, show: ShowContext, findings: DatedFindings, exact_only: bool = False
) -> list[tuple[DateMention, ResolvedDate]]:
    """The dates of a sentence resolved against the publication date, each with its own clause's tense (a
    show titled like a day, "'Friday' returns", is no date)."""
    resolved = []
    text = sentence.text
    lowered = text.lower()
    starts = clause_starts(lowered)
    sentence_tense = tense_of(text)
    last_year = "last year" in lowered
    # "Last year the streamer split it, with Part 1 on ...": in the first clause it frames all of the sentence.
    framed_by_last_year = last_year and "last year" in lowered[: starts[1] if len(starts) > 1 else None]
    clause_last_year: dict[int, bool] = {}
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
        if mention.form in _BARE_NAMES and show.is_title_at(text, mention.start, mention.end):
            continue  # "'Friday' returns": the show's title, not a day
        mention = _sharing_year(text, mention, following)
        mention = _year_of_the_sentence(mention, mentions[position - 1] if position else None)
        clause = clause_of(starts, mention.start)
        if clause not in clause_tenses:  # once per clause: many dates in one clause must not reread it
            own_clause = clause_text(text, starts, mention.start)
            clause_tenses[clause] = tense_of(own_clause)
            # "..., and if last year is any guide": "last year" places only the dates of its own clause.
            clause_last_year[clause] = framed_by_last_year or (
                last_year and "last year" in own_clause.lower()
            )
        tense = clause_tenses[clause] or (sentence_tense if len(starts) == 1 else None)
        published = article.publication_date
        if (
            published is None
            and mention.form in _READ_AGAINST_IMPLIED
            and mention.relative not in ("next", "last")
        ):
            published = (
                article.implied_date
            )  # an undated post's "june 5th", read against the time it speaks from
        if (
            clause_last_year[clause]
            and published is not None
            and mention.year is None
            and mention.form != "relative"
        ):
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
                findings.warnings.append(("warning.undated_day", {"date": mention.text}))
            continue
        if exact_only and value.precision != "day":
            continue
        if not FIRST_YEAR <= value.date.year <= LAST_YEAR:
            continue  # "January 1" read from a page dated 2199-12-30: no fact outside the years a date may have
        if value.weekday_warning:
            weekdays = {
                "actual_key": f"weekday.{value.date.weekday()}",
                "stated_key": f"weekday.{mention.weekday}",
            }
            findings.warnings.append(
                ("warning.weekday", {"date": mention.text, "day": value.iso(), **weekdays})
            )
        resolved.append((mention, value))
    return resolved


def stated(
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


def time_for(times: list[TimeMention], date_start: int, date_end: int, next_start: int) -> TimeMention | None:
    after = [time for time in times if date_end <= time.start < next_start and time.start - date_end <= 40]
    if after:
        return after[0]
    before = [time for time in times if time.end <= date_start and date_start - time.end <= 20]
    return before[-1] if before else None


# "..., when the first six episodes go out at 4 a.m. ET": a time a release verb takes further on in the sentence.
_RELEASED_AT = re.compile(
    r"\b(?:drops?|dropping|airs?|airing|streams?|streaming|premieres?|premiering|debuts?|debuting|arrives?"
    r"|lands?|launch(?:es)?|goes\s+live|(?:is|are)\s+released|available)\s+(?:[\w/-]+\s+){0,3}$",
    re.IGNORECASE,
)
_RELEASE_REACH = 200


def released_time(text: str, times: list[TimeMention], date_end: int, next_start: int) -> TimeMention | None:
    """The first time after a date, before the next date and within reach, that a release verb governs."""
    for time in times:
        within = date_end <= time.start < min(next_start, date_end + _RELEASE_REACH)
        if within and _RELEASED_AT.search(text, max(date_end, time.start - 40), time.start):
            return time
    return None


# A date that is guessed, denied or replaced ("could arrive as early as", "is not expected before", "instead of",
# "originally set for", "rumoured"): no fact to post. "may" counts only in lower case ("in May" is a month).
_HEDGE = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|no\s+longer|never|originally|previously|initially|once\s+(?:set|slated)"
    r"|could|might|(?-i:may)|rumou?red|reportedly|possibly|perhaps|speculat\w*|guess\w*|predict\w*|hop(?:e|es|ing)"
    r"|as\s+early\s+as|if|unless|whether|wishlist)\b|n't\b",
    re.IGNORECASE,
)
_HEDGE_REACH = 48
_UNTIL = re.compile(r"\b(?:until|till)\b", re.IGNORECASE)
_NEGATION = re.compile(r"not|n't|never", re.IGNORECASE)


# Where a hedge stops reaching: a new sentence part ("...; the fourth season premieres May 2", ", but ...").
# "before" and "until" do not stop it: "is not expected before June" is denied.
_HEDGE_CUT = re.compile(r";|:\s|\s[—–]\s|,\s+(?:and|but|while|which|who)\b", re.IGNORECASE)


# Words that make a whole sentence hearsay, wherever they stand in it: "leaked: season 4 drops ...", "season 4
# drops june 5th, i heard", "Fans are speculating that ...". ("Netflix confirmed the rumours" is news.)
_RUMOUR = re.compile(
    r"\b(?:leak(?:ed|s)?|allegedly|rumou?r(?:s|ed)?|i\s+heard|heard\s+that|someone\s+on\s+\w+\s+(?:said|says)"
    r"|unconfirmed|unverified|speculat\w*|my\s+theory|theory\s*:|insiders?\s+(?:says?|claims?)|fancast\w*"
    r"|dream\s+cast\w*|fan\s+theor\w*)\b",
    re.IGNORECASE,
)
_CONFIRMED_BEFORE = re.compile(
    r"\b(?:confirm\w*|den(?:y|ies|ied)|debunk\w*)\s+(?:the\s+|those\s+|these\s+)?$", re.I
)


@functools.lru_cache(maxsize=4096)
def rumoured(text: str) -> bool:
    """Whether a sentence is hearsay: a rumour, a leak, a theory or a wish, wherever in it the word stands."""
    return any(
        not _CONFIRMED_BEFORE.search(text, max(0, found.start() - 24), found.start())
        for found in _RUMOUR.finditer(text)
    )


def hedged(text: str, mention: DateMention) -> bool:
    """Whether a hedge or a denial stands before a date in its part of the sentence, within a bounded reach, or
    the sentence is hearsay."""
    if rumoured(text):
        return True
    begin = max(0, mention.start - _HEDGE_REACH)
    for cut in _HEDGE_CUT.finditer(text, begin, mention.start):
        begin = cut.end()
    hedge = _HEDGE.search(text, begin, mention.start)
    if hedge is None:
        return False
    # "cameras didn't start rolling until Nov. 27": a denial up to a day states that day.
    return (
        _UNTIL.search(text, hedge.end(), mention.start) is None or _NEGATION.fullmatch(hedge.group(0)) is None
    )


def clause_text(text: str, starts: tuple[int, ...], position: int) -> str:
    clause = clause_of(starts, position)
    end = starts[clause + 1] if clause + 1 < len(starts) else len(text)
    return text[starts[clause] : end]


# The last sentence's seasons by clause, kept with the very objects they were worked out for (compared by
# identity: hashing a long tuple of seasons per date was itself quadratic).
_LAST_BY_CLAUSE: list[tuple[object, object, dict[int, tuple[int, ...]]]] = []


def _seasons_by_clause(named: tuple[Numbered, ...], starts: tuple[int, ...]) -> dict[int, tuple[int, ...]]:
    """The seasons each clause names, in order, worked out once per sentence (asked per date, a scan of every
    season named was quadratic in a sentence of many)."""
    last = _LAST_BY_CLAUSE[0] if _LAST_BY_CLAUSE else None  # one read: another thread may replace it
    if last is not None and last[0] is named and last[1] is starts:
        return last[2]
    found: dict[int, list[int]] = {}
    for numbered in named:
        found.setdefault(clause_of(starts, numbered.start), []).append(numbered.number)
    by_clause = {clause: tuple(numbers) for clause, numbers in found.items()}
    _LAST_BY_CLAUSE[:] = [(named, starts, by_clause)]
    return by_clause


def seasons_of_clause(
    named: tuple[Numbered, ...], starts: tuple[int, ...], position: int, lowered: str = ""
) -> list[int]:
    """The seasons named in the clause at position; a relative clause ("Season 1, which premiered ...")
    speaks of the season just before it."""
    clause = clause_of(starts, position)
    by_clause = _seasons_by_clause(named, starts)
    own = list(by_clause.get(clause, ()))
    if own or clause == 0:
        return own
    before = by_clause.get(clause - 1, ())
    relative = re.match(r",\s+(?:which|where|when)\b", lowered[starts[clause] : starts[clause] + 12])
    return list(before[-1:]) if before and relative else []
