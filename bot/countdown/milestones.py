"""Milestones before a date: "30d", "7d", "1d", "1h", "0" (the moment itself)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DEFAULT = "30d,7d,1d,1h,0"
MAX_MILESTONES = 10
_ONE = re.compile(r"^(?P<amount>\d{1,12})\s*(?P<unit>d|h|m)?$")
LONGEST_DAYS = 366
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


class MilestoneError(ValueError):
    """A milestone list that cannot be read; `key` and its values say why, in the moderator's language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(key)

    def describe(self, locale: str | None) -> str:
        """Why, in the moderator's language."""
        from bot.i18n import text  # the catalogues import discord: only where a refusal is worded

        return text(self.key, locale, **self.values)

    def __str__(self) -> str:
        return self.describe("en")


@dataclass(frozen=True, order=True)
class Milestone:
    """How long before the moment a post goes out; day milestones keep the local time of day."""

    minutes: int

    @property
    def in_days(self) -> bool:
        """Whether this is a whole number of days (kept in local wall-clock time across DST)."""
        return self.minutes % (24 * 60) == 0

    @property
    def code(self) -> str:
        """ "7d", "1h", "30m", "0": what moderators type and what the ledger stores."""
        if self.minutes == 0:
            return "0"
        if self.in_days:
            return f"{self.minutes // 1440}d"
        if self.minutes % 60 == 0:
            return f"{self.minutes // 60}h"
        return f"{self.minutes}m"

    def due(self, moment: dt.datetime) -> dt.datetime:
        """When the post is due: whole days keep the moment's local time of day (DST lands right)."""
        if self.in_days:
            local = moment.replace(tzinfo=None) - dt.timedelta(days=self.minutes // 1440)
            return local.replace(tzinfo=moment.tzinfo).astimezone(dt.UTC)
        return (moment - dt.timedelta(minutes=self.minutes)).astimezone(dt.UTC)


def parse_milestones(text: str) -> tuple[Milestone, ...]:
    """ "7d,1d,0" -> milestones, farthest first. Raises MilestoneError with a readable reason."""
    parts = [part.strip().lower() for part in text.replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise MilestoneError("milestone.empty")
    found: set[Milestone] = set()
    for part in parts:
        match = _ONE.match(part)
        if match is None:
            raise MilestoneError("milestone.unreadable", part=part.replace("`", "'")[:40])
        amount = int(match.group("amount"))
        unit = match.group("unit")
        if unit is None and amount != 0:
            raise MilestoneError("milestone.unit", part=part)
        minutes = amount * {"d": 1440, "h": 60, "m": 1}[unit or "m"]
        if minutes > LONGEST_DAYS * 1440:
            raise MilestoneError("milestone.too_far", part=part, days=LONGEST_DAYS, hours=LONGEST_DAYS * 24,
                                 minutes=LONGEST_DAYS * 1440)  # fmt: skip
        found.add(Milestone(minutes))
    if len(found) > MAX_MILESTONES:
        raise MilestoneError("milestone.too_many", count=MAX_MILESTONES)
    return tuple(sorted(found, reverse=True))


def codes(milestones: tuple[Milestone, ...]) -> str:
    """Milestones as moderators type them ("30d,7d,1d,1h,0")."""
    return ",".join(m.code for m in milestones)
