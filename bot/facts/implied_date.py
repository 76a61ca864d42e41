"""The time an undated article speaks from, when its own dates fix it: a weekday written with a month and day
("thursday june 5th") falls on that weekday in only one of the years the article writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from bot.facts.date_mentions import DateMention, find_dates

# Dates an article gives that far apart do not speak from one time: no anchor is better than a wrong one.
_MOST_APART = dt.timedelta(days=183)
# Words before a year that place it in the writer's past, not the time the post speaks from.
_PAST_YEAR_BEFORE = re.compile(
    r"\b(?:born|since|back\s+in|from|ago|until|till|class\s+of|uni\s+in|school\s+in|college\s+in|way\s+back"
    r"|in\s+the\s+year|came\s+out\s+in|premiered\s+in|dropped\s+in|aired\s+in)\s+(?:in\s+)?$",
    re.IGNORECASE,
)
# A year as a word ("the first episodes of 2025", "summer 2025"): a candidate, never a date by itself.
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")


def _fixed_day(mention: DateMention, years: set[int]) -> dt.date | None:
    """The one day among the candidate years on which a yearless "weekday, month day" falls, if only one."""
    if mention.year is not None or mention.weekday is None or mention.month is None or mention.day is None:
        return None
    fits = []
    for year in years:
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue
        if day.weekday() == mention.weekday:
            fits.append(day)
    return fits[0] if len(fits) == 1 else None


def implied_date(texts: Iterable[str]) -> dt.date | None:
    """The latest day an undated article's weekday-dated mentions fix, the latest year it writes (and the ones beside
    it) as candidates, years of its past ("born in 1975", "since 2015") left out; None when nothing fixes one, when
    one day alone falls in another year than that latest one, or when the days fixed lie too far apart."""
    texts = list(texts)
    # Years the post speaks from, not of its past: "born in 1975", "since 2015", "back in 2023", "from 2014".
    written = {
        int(found.group(0))
        for text in texts
        for found in _YEAR.finditer(text)
        if not _PAST_YEAR_BEFORE.search(text, max(0, found.start() - 24), found.start())
    }
    if not written:
        return None
    latest = max(written)
    years = {latest + shift for shift in (-1, 0, 1)}
    # Each distinct "weekday, month day" tried once: a long page repeating one is linear, not years x mentions.
    tried: dict[tuple[int | None, int | None, int | None, int | None], dt.date | None] = {}
    fixed = []
    for text in texts:
        for mention in find_dates(text):
            key = (mention.year, mention.month, mention.day, mention.weekday)
            if key not in tried:
                tried[key] = _fixed_day(mention, years)
            if (day := tried[key]) is not None:
                fixed.append(day)
    if not fixed or max(fixed) - min(fixed) > _MOST_APART:
        return None
    # One day alone must fall in a year the post writes, not one beside it: a weekday may be the writer's slip
    # ("thursday june 6th" in a year when it was a Friday fits the year before), and a slip that lands on a
    # written year is far rarer. Two different days that agree may use the years beside them.
    if len(set(fixed)) < 2 and fixed[0].year != latest:
        return None
    return max(fixed)
