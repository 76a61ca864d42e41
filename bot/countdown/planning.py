"""Which countdown posts are due: a pure function of (countdown facts, guild settings, what was already
recorded, now). Sending is the dispatcher's job."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.countdown.milestones import Milestone
from bot.discord_limits import NONCE
from bot.facts.models import DatedFact

COUNTED = ("premiere", "event", "ticket_sale")
# A milestone whose time ended longer ago than this is neither due nor missed.
FORGET_AFTER = dt.timedelta(days=7)
_NONE: frozenset[int] = frozenset()
LATE_LIMIT = dt.timedelta(hours=12)  # the moment's own post ("out now") is not posted later than this


@dataclass(frozen=True)
class Target:
    """A dated fact a countdown can count down to: an exact moment, or a whole day."""

    fact: DatedFact
    moment: dt.datetime
    exact: bool


def countdown_targets(facts: Iterable[DatedFact]) -> list[Target]:
    """Premieres, events and ticket sales known to the day: exact moments, or date-only days (00:00 in the
    fact's zone, counted down in whole days). Month-precision dates and sales already under way are not."""
    targets = []
    for fact in facts:
        if fact.kind not in COUNTED or fact.already_under_way or fact.precision != "day":
            continue
        exact = fact.starts_at()
        if exact is not None:
            targets.append(Target(fact, exact, True))
        else:
            day = dt.date.fromisoformat(fact.date)
            targets.append(
                Target(fact, dt.datetime.combine(day, dt.time(), ZoneInfo(fact.timezone or "UTC")), False)
            )
    return targets


@dataclass(frozen=True)
class GuildPlan:
    """What planning needs of a guild: where posts go, which milestones, since when it has been watching."""

    guild_id: int
    milestones: tuple[Milestone, ...]
    watching_since: dt.datetime


class Post(NamedTuple):
    """One milestone post for one guild: due at `due`, postable until `until`. (A tuple: a first pass over
    10,000 guilds makes tens of thousands.)"""

    guild_id: int
    fact_id: str
    milestone: str
    due: dt.datetime
    until: dt.datetime
    moment: dt.datetime

    @property
    def key(self) -> tuple[int, str, str]:
        """What makes a post unique: guild, fact and milestone."""
        return (self.guild_id, self.fact_id, self.milestone)

    @property
    def nonce(self) -> str:
        """A nonce of at most 25 characters derived from guild, fact and milestone: a retry after a crash
        gets the first message back instead of a second one."""
        digest = hashlib.sha256(f"{self.guild_id}/{self.fact_id}/{self.milestone}".encode()).hexdigest()
        return f"cd{digest}"[:NONCE]


@dataclass(frozen=True)
class Plan:
    """Posts to send now (the latest due milestone of each fact), posts missed for good (to record as
    skipped), and when the next post falls due."""

    due: list[Post]
    missed: list[Post]
    next_due: dt.datetime | None


def _schedule(
    targets: list[Target], milestones: tuple[Milestone, ...]
) -> list[tuple[Target, Milestone, dt.datetime, dt.datetime]]:
    """Every (target, milestone, due, until) for one milestone set; a date-only day skips sub-day milestones."""
    rows = []
    for target in targets:
        usable = [m for m in milestones if target.exact or m.in_days]
        dues = [m.due(target.moment) for m in usable]
        for index, milestone in enumerate(usable):
            if index + 1 < len(usable):
                until = dues[index + 1]
            elif milestone.minutes == 0:
                until = dues[index] + (LATE_LIMIT if target.exact else dt.timedelta(days=1))
            else:
                until = target.moment.astimezone(dt.UTC)
            rows.append((target, milestone, dues[index], until))
    return rows


def plan_countdown_posts(
    targets: list[Target],
    guilds: list[GuildPlan],
    first_seen: dict[str, dt.datetime],
    recorded: Mapping[tuple[str, str], AbstractSet[int]],
    now: dt.datetime,
) -> Plan:
    """The posts due now, the posts missed for good, and the next due time, over every guild.

    `recorded` maps (fact, milestone) to the guilds whose post was claimed, sent or skipped. A milestone due
    before a guild started watching, or before the fact first appeared, is never posted. After downtime only
    the latest due milestone of a fact is posted, while it is still the latest; the older ones are missed.
    Milestones whose time ended more than a week ago are forgotten. Guilds sharing a milestone set share one
    schedule, and those watching since before a milestone are found by bisection, so a pass over 10,000
    guilds costs little more than one over a few.
    """
    horizon = now - FORGET_AFTER
    by_milestones: dict[tuple[Milestone, ...], list[GuildPlan]] = defaultdict(list)
    for guild in guilds:
        by_milestones[guild.milestones].append(guild)
    due: list[Post] = []
    missed: list[Post] = []
    next_due: dt.datetime | None = None
    for milestones, members in by_milestones.items():
        members.sort(key=lambda guild: guild.watching_since)
        since = [guild.watching_since for guild in members]
        ids = [guild.guild_id for guild in members]
        for target, milestone, due_at, until in _schedule(targets, milestones):
            if due_at > now:
                next_due = due_at if next_due is None else min(next_due, due_at)
                continue
            if until <= horizon or due_at < first_seen.get(target.fact.id, now):
                continue
            watching = bisect.bisect_right(since, due_at)
            if watching == 0:
                continue
            waiting = set(ids[:watching]) - recorded.get((target.fact.id, milestone.code), _NONE)
            bucket = due if now < until else missed
            bucket.extend(
                Post(guild_id, target.fact.id, milestone.code, due_at, until, target.moment)
                for guild_id in waiting
            )
    return Plan(due, missed, next_due)


def upcoming_posts(targets: list[Target], guild: GuildPlan, now: dt.datetime, limit: int) -> list[Post]:
    """A guild's next posts still to come, soonest first (for /countdown status)."""
    posts = [
        Post(guild.guild_id, target.fact.id, milestone.code, due_at, until, target.moment)
        for target, milestone, due_at, until in _schedule(targets, guild.milestones)
        if due_at > now
    ]
    return sorted(posts, key=lambda post: post.due)[:limit]
