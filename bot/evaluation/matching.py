"""Deciding whether an extracted fact is the one a gold file states: names, characters and dates compared
as a careful reader would (case, accents, punctuation and courtesy titles do not matter)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.evaluation.gold import GoldCast, GoldDate
from bot.facts.documents import fold
from bot.facts.models import CastCredit, DatedFact

# Words that do not tell two spellings of a character apart ("Lady Danbury" ~ "Danbury").
_COURTESY = frozenset(
    [
        "the",
        "of",
        "lady",
        "lord",
        "sir",
        "duke",
        "duchess",
        "queen",
        "king",
        "prince",
        "princess",
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "madame",
        "mme",
        "viscount",
        "viscountess",
        "earl",
        "countess",
        "baron",
        "baroness",
        "aunt",
        "uncle",
        # offices and ranks a character is named with or without ("Mayor Paul Randolph" ~ "Paul Randolph")
        "mayor",
        "captain",
        "detective",
        "inspector",
        "agent",
        "officer",
        "chief",
        "sergeant",
        "professor",
        "judge",
        "sheriff",
        "senator",
        "colonel",
        "general",
    ]
)
_SEASONAL_KINDS = frozenset({"premiere", "renewal", "production_start"})


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's words, folded, without punctuation or quotes."""
    return tuple(re.findall(r"[^\W_]+", fold(name).replace("'s ", " ")))


def same_person(gold: str, found: str) -> bool:
    """The same name, or one a longer form of the other with at least two words in common."""
    a, b = name_tokens(gold), name_tokens(found)
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and set(small) <= set(large)


def same_character(gold: str | None, found: str | None) -> bool:
    """Both absent, or one name's telling words within the other's ("Mari" ~ "Marisol 'Mari' Quint")."""
    if gold is None or found is None:
        return gold is None and found is None
    a = {word for word in name_tokens(gold) if word not in _COURTESY} or set(name_tokens(gold))
    b = {word for word in name_tokens(found) if word not in _COURTESY} or set(name_tokens(found))
    return bool(a) and bool(b) and (a <= b or b <= a)


def cast_matches(gold: GoldCast, found: CastCredit) -> bool:
    """An extracted cast credit is this gold pair."""
    return same_person(gold.actor, found.actor) and same_character(gold.character, found.character)


def _offset(day: str, time: str, zone: str) -> dt.timedelta | None:
    try:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time), ZoneInfo(zone))
    except (ValueError, KeyError):
        return None
    return moment.utcoffset()


def date_matches(gold: GoldDate, found: DatedFact) -> bool:
    """An extracted dated fact is this gold one: kind, date and precision; season and part for
    premieres, renewals and production starts; the clock time when the article states one."""
    if (gold.kind, gold.date, gold.precision) != (found.kind, found.date, found.precision):
        return False
    if gold.kind in _SEASONAL_KINDS and (gold.season, gold.part) != (found.season, found.part):
        return False
    stated_time = found.time if found.time_source != "show default" else None
    if gold.time is None:
        return stated_time is None
    if found.time != gold.time:
        return False
    if gold.timezone and found.timezone and gold.timezone != found.timezone:
        return _offset(gold.date, gold.time, gold.timezone) == _offset(found.date, found.time, found.timezone)
    return True
