"""A countdown post on its way: the job a channel's lane carries out, what went out, and when a post claimed
before a crash may still be resent under its nonce."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.countdown.milestones import Milestone
from bot.countdown.planning import Target

# Discord answers a repeated nonce with the first message for a few minutes.
NONCE_WINDOW = dt.timedelta(minutes=5)
# A crashed claim is resent only this young, so the resend reaches Discord inside its window.
RESEND_WITHIN = NONCE_WINDOW - dt.timedelta(seconds=30)


@dataclass(frozen=True)
class Sent:
    """A post that went out (what a pass returns)."""

    guild_id: int
    channel_id: int
    fact_id: str
    milestone: str
    due: dt.datetime
    message_id: int


@dataclass(frozen=True)
class Job:
    """A post for a lane to claim (unless a crash left it claimed), send and record."""

    key: tuple[int, str, str]
    nonce: str
    due: dt.datetime
    channel_id: int
    target: Target
    milestone: Milestone
    resend: bool = False  # claimed before a crash: resent under the same nonce


def nonce_still_known(
    claimed_at: dt.datetime, claimed_wall: float | None, now: dt.datetime, wall: float
) -> bool:
    """Whether Discord still answers a claim's nonce with the first message. Both the bot's clock and the
    machine's must say the claim is younger than RESEND_WITHIN, and neither may have gone back since: a clock
    set back makes any claim look young. A claim without the machine's time is not resent."""
    if claimed_wall is None:
        return False
    bot_age = now - claimed_at
    wall_age = wall - claimed_wall
    return dt.timedelta(0) <= bot_age <= RESEND_WITHIN and 0 <= wall_age <= RESEND_WITHIN.total_seconds()
