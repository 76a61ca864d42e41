"""Milestones: what moderators type, and when each falls due (daylight saving included)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.countdown.milestones import Milestone, MilestoneError, codes, parse_milestones

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_parse_and_write_back() -> None:
    assert codes(parse_milestones("0, 1d,7d ,1h,30m")) == "7d,1d,1h,30m,0"
    assert parse_milestones("48h") == parse_milestones("2d")


@pytest.mark.parametrize(
    ("typed", "why"),
    [("", "at least one"), ("7x", "not a milestone"), ("7", "needs a unit"), ("400d", "too far ahead: at most 366 days"), ("100000d", "at most 366 days"),
     (",".join(f"{n}d" for n in range(1, 12)), "at most 10")],
)  # fmt: skip
def test_bad_milestones_say_why(typed: str, why: str) -> None:
    with pytest.raises(MilestoneError, match=why):
        parse_milestones(typed)


def test_day_milestones_keep_the_local_time_across_daylight_saving() -> None:
    premiere = dt.datetime(2024, 11, 5, 0, 0, tzinfo=LOS_ANGELES)  # PST; daylight saving ended on 3 November
    week_before = Milestone(7 * 1440).due(premiere)
    assert week_before.astimezone(LOS_ANGELES) == dt.datetime(2024, 10, 29, 0, 0, tzinfo=LOS_ANGELES)
    assert week_before == dt.datetime(2024, 10, 29, 7, 0, tzinfo=dt.UTC)  # midnight PDT
    assert Milestone(60).due(premiere) == dt.datetime(2024, 11, 5, 7, 0, tzinfo=dt.UTC)  # an hour is an hour
    assert Milestone(0).due(premiere) == dt.datetime(2024, 11, 5, 8, 0, tzinfo=dt.UTC)
