"""The time an undated article speaks from, when its own dates fix it: a weekday written with a month and day
("thursday june 5th") falls on that weekday in only one of the years the article writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from bot.facts.date_mentions import DateMention, find_dates

# Dates an article gives that far apart do not speak from one time: no anchor is better than a wrong one.
_MOST_APART = dt.timedelta(days=183)
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
    """The latest day an undated article's weekday-dated mentions fix, the years it writes (and the ones beside
    them) as candidates; None when nothing fixes one, when one day alone falls in a year the post does not write,
    or when the days fixed lie too far apart to share a year."""
    texts = list(texts)
    written = {int(year) for text in texts for year in _YEAR.findall(text)}
    if not written:
        return None
    years = {year + shift for year in written for shift in (-1, 0, 1)}
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
    if len(set(fixed)) < 2 and fixed[0].year not in written:
        return None
    return max(fixed)
