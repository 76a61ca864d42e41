"""How a date expression resolves to a calendar date against the publication date, and which way a
sentence's tense points."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from bot.facts.date_mentions import WEEKDAY_NAMES, DateMention
from bot.facts.models import Precision


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression resolved to a date of the given precision."""

    date: dt.date
    precision: Precision
    weekday_warning: str | None = None

    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM or YYYY by precision."""
        if self.precision == "day":
            return self.date.isoformat()
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_warning(day: dt.date, weekday: int | None) -> str | None:
    if weekday is None or day.weekday() == weekday:
        return None
    return f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}, not a {WEEKDAY_NAMES[weekday]}"


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


Tense = Literal["future", "past"] | None

_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|expected|scheduled|slated|poised|going)\s+to|upcoming|coming|premieres"
    r"|debuts|arrives|begins|starts|drops|launches|lands|returns|follows|goes|go\s+on\s+sale|takes\s+place|opens"
    r"|kicks\s+off|airs|bows|land|drop|arrive|debut)\b",
)
_PAST = re.compile(
    r"\b(?:premiered|debuted|arrived|dropped|launched|returned|landed|released|began|begun|started|was|were|had"
    r"|took\s+place|wrapped|ended|aired|went|renewed|ordered|announced|confirmed|revealed|picked\s+up|greenlit"
    r"|green-lit|unveiled|teased|filmed|shot|rolled|kicked\s+off|signed|won|said|told|did|celebrated|attended"
    r"|walked|gathered|hosted|threw|held|screened|posed|partied|feted|packed|led|laid|came|brought|gave|took"
    r"|made|saw|met|joined|welcomed|toasted|dazzled|turned\s+out|handed|granted|issued|secured|delivered)\b",
)


def tense_of(text: str) -> Tense:
    """Whether a sentence looks ahead or back, when it clearly does one and not the other."""
    lowered = text.lower()
    future, past = _FUTURE.search(lowered) is not None, _PAST.search(lowered) is not None
    if future == past:
        return None
    return "future" if future else "past"


def resolve(mention: DateMention, published: dt.date | None, tense: Tense = None) -> ResolvedDate | None:
    """The calendar date a mention means, using the publication date for missing years and relative words.

    A date without a year falls in the year that puts it nearest to publication, on the side the tense
    points to ("premieres on March 3" in November is the coming March). Returns None when the mention
    cannot be resolved (no year and no publication date, an impossible date).
    """
    if mention.form == "year_only" and mention.year is not None:
        return ResolvedDate(dt.date(mention.year, 1, 1), "year")
    if mention.form in ("month_year", "month_only") and mention.month is not None:
        if mention.year is not None:
            return ResolvedDate(dt.date(mention.year, mention.month, 1), "month")
        if published is None:
            return None
        if mention.relative == "next":
            year = published.year + (1 if mention.month <= published.month else 0)
        elif mention.relative is not None and mention.relative.startswith(("back", "since")):
            year = published.year - (1 if mention.month > published.month else 0)
        elif mention.relative == "last":
            year = published.year - (1 if mention.month >= published.month else 0)  # "last May", said in May
        else:
            anchor = published.replace(day=1)
            candidates = _on_side(
                [dt.date(published.year + shift, mention.month, 1) for shift in (-1, 0, 1)], anchor, tense
            )
            year = min(candidates, key=lambda day: (abs((day - anchor).days), day < anchor)).year
        return ResolvedDate(dt.date(year, mention.month, 1), "month")
    if mention.form in ("relative_day", "relative"):
        return _resolve_relative(mention, published)
    if mention.form == "weekday":
        return _resolve_weekday(mention, published, tense)
    if mention.form == "day_only" and mention.day is not None:
        return _nearest_day_of_month(mention.day, published, tense)
    if mention.month is None or mention.day is None:
        return None
    if mention.year is not None:
        day = _safe_date(mention.year, mention.month, mention.day)
        return ResolvedDate(day, "day", _weekday_warning(day, mention.weekday)) if day else None
    if published is None:
        return None
    return _nearest_day(mention.month, mention.day, mention.weekday, published, tense)


def _nearest_day_of_month(day_of_month: int, published: dt.date | None, tense: Tense) -> ResolvedDate | None:
    """ "on the 17th": that day of the month of publication, or of the month before or after, whichever is
    nearest on the tense's side."""
    if published is None:
        return None
    months = [(published.year * 12 + published.month - 1 + shift) for shift in (-1, 0, 1)]
    every = [
        day for month in months if (day := _safe_date(month // 12, month % 12 + 1, day_of_month)) is not None
    ]
    candidates = _on_side(every, published, tense)
    if not candidates:
        return None
    best = min(candidates, key=lambda day: (abs((day - published).days), day < published))
    return ResolvedDate(best, "day")


def _on_side(candidates: list[dt.date], anchor: dt.date, tense: Tense) -> list[dt.date]:
    """The candidates on the side of the anchor the tense points to (a week's grace), or all of them."""
    if tense == "future":
        kept = [day for day in candidates if day >= anchor - dt.timedelta(days=7)]
    elif tense == "past":
        kept = [day for day in candidates if day <= anchor + dt.timedelta(days=7)]
    else:
        kept = candidates
    return kept or candidates


def _nearest_day(
    month: int, day_of_month: int, weekday: int | None, published: dt.date, tense: Tense = None
) -> ResolvedDate | None:
    """The occurrence of a month and day nearest to publication on the tense's side; a stated weekday
    that agrees decides between years."""
    every = [
        day
        for shift in (-1, 0, 1)
        if (day := _safe_date(published.year + shift, month, day_of_month)) is not None
    ]
    candidates = _on_side(every, published, tense)
    if not candidates:
        return None
    if weekday is not None and not any(day.weekday() == weekday for day in candidates):
        # "the panel is Saturday, April 11 ... confirmed so far": a stated weekday that fits only the other side
        # of publication, and near it, outweighs a tense read from another verb of the sentence.
        near = [day for day in every if day.weekday() == weekday and abs((day - published).days) <= 92]
        if near:
            candidates = near
    agreeing = [day for day in candidates if weekday is None or day.weekday() == weekday]
    pool = agreeing or candidates
    # Nearest to publication; on a tie the future one, since news announces what is coming.
    best = min(pool, key=lambda day: (abs((day - published).days), day < published))
    if agreeing and weekday is not None:
        nearest_overall = min(candidates, key=lambda day: (abs((day - published).days), day < published))
        if abs((best - published).days) > 183 and nearest_overall != best:
            best = nearest_overall  # a weekday that only fits a far year is a typo, not a far date
    return ResolvedDate(best, "day", _weekday_warning(best, weekday))


def _resolve_weekday(mention: DateMention, published: dt.date | None, tense: Tense) -> ResolvedDate | None:
    """A weekday alone is the nearest one on the side the tense (or "this past"/"this coming") points to,
    the publication day included; without a tense it is not guessed."""
    if published is None or mention.weekday is None:
        return None
    side = {"past": "past", "coming": "future"}.get(mention.relative or "", tense)
    if side == "future":
        return ResolvedDate(published + dt.timedelta(days=(mention.weekday - published.weekday()) % 7), "day")
    if side == "past":
        return ResolvedDate(published - dt.timedelta(days=(published.weekday() - mention.weekday) % 7), "day")
    return None


def _resolve_relative(mention: DateMention, published: dt.date | None) -> ResolvedDate | None:
    if published is None or mention.relative is None:
        return None
    word = mention.relative
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ResolvedDate(published, "day")
    if word == "tomorrow":
        return ResolvedDate(published + dt.timedelta(days=1), "day")
    if word == "yesterday":
        return ResolvedDate(published - dt.timedelta(days=1), "day")
    lead, unit = word.split(" ", 1)
    step = {"this": 0, "next": 1, "last": -1}[lead]
    if unit == "month":
        return ResolvedDate(_shift_month(published, step), "month")
    if unit == "year":
        return ResolvedDate(dt.date(published.year + step, 1, 1), "year")
    if unit == "weekday" and mention.weekday is not None:
        ahead = (mention.weekday - published.weekday()) % 7
        if lead == "this":
            return ResolvedDate(published + dt.timedelta(days=ahead), "day")
        if lead == "next":
            return ResolvedDate(published + dt.timedelta(days=ahead or 7), "day")
        behind = (published.weekday() - mention.weekday) % 7
        return ResolvedDate(published - dt.timedelta(days=behind or 7), "day")
    return None  # "next week", "this weekend": no single day to name
