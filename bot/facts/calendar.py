"""Dates, times and places in article text: one door to the modules that find and resolve them."""

from __future__ import annotations

from bot.facts.clock import (
    CityMention,
    TimeMention,
    find_cities,
    find_cities_in_lower_case,
    find_times,
    is_city,
)
from bot.facts.date_mentions import (
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    DateMention,
    find_dates,
    might_hold_a_date,
    misspelled_month,
)
from bot.facts.date_resolution import ResolvedDate, Tense, resolve, tense_of
from bot.facts.publication_date import find_publication_date

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "CityMention",
    "DateMention",
    "ResolvedDate",
    "Tense",
    "TimeMention",
    "find_cities",
    "find_cities_in_lower_case",
    "find_dates",
    "find_publication_date",
    "find_times",
    "is_city",
    "might_hold_a_date",
    "misspelled_month",
    "resolve",
    "tense_of",
]
