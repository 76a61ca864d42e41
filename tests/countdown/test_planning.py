"""Planning: a pure function of (facts, guild settings, what was recorded, now) -> posts due."""

from __future__ import annotations

import datetime as dt

from bot.countdown.milestones import parse_milestones
from bot.countdown.planning import GuildPlan, Plan, Target, countdown_targets, plan_countdown_posts
from bot.facts.models import DatedFact

UTC = dt.UTC
PREMIERE = DatedFact(id="premiere-s9", kind="premiere", title="Season 9", season=9, date="2030-08-15", time="00:00",
                     timezone="America/Los_Angeles", sources=[])  # fmt: skip
MOMENT = dt.datetime(2030, 8, 15, 7, 0, tzinfo=UTC)
DEFAULT = parse_milestones("30d,7d,1d,1h,0")
LONG_AGO = dt.datetime(2030, 1, 1, tzinfo=UTC)


def plan(
    now: dt.datetime,
    *,
    since: dt.datetime = LONG_AGO,
    recorded: dict[tuple[str, str], set[int]] | None = None,
    facts: list[DatedFact] | None = None,
    seen: dt.datetime = LONG_AGO,
) -> Plan:
    targets = countdown_targets(facts or [PREMIERE])
    first_seen = {t.fact.id: seen for t in targets}
    return plan_countdown_posts(targets, [GuildPlan(1, DEFAULT, since)], first_seen, recorded or {}, now)


def test_each_milestone_falls_due_at_its_time() -> None:
    week = MOMENT - dt.timedelta(days=7)
    before = plan(week - dt.timedelta(seconds=1), recorded={("premiere-s9", "30d"): {1}})
    assert before.due == [] and before.next_due == week
    assert [p.milestone for p in plan(week - dt.timedelta(seconds=1)).due] == ["30d"], "still in its window"
    assert [p.milestone for p in plan(week).due] == ["7d"]
    assert [p.milestone for p in plan(MOMENT).due] == ["0"]
    assert plan(MOMENT).next_due is None


def test_recorded_posts_are_never_due_again() -> None:
    assert plan(MOMENT, recorded={("premiere-s9", "0"): {1}}).due == []


def test_after_downtime_only_the_latest_due_milestone_is_posted() -> None:
    result = plan(MOMENT - dt.timedelta(minutes=30))  # down since before the 30-day post
    assert [p.milestone for p in result.due] == ["1h"]
    assert [p.milestone for p in result.missed] == ["30d", "7d", "1d"]


def test_the_moment_is_not_announced_long_after() -> None:
    assert [p.milestone for p in plan(MOMENT + dt.timedelta(hours=11)).due] == ["0"]
    late = plan(MOMENT + dt.timedelta(hours=13))
    assert late.due == [] and "0" in [p.milestone for p in late.missed]


def test_nothing_for_milestones_behind_when_the_channel_was_set() -> None:
    set_at = MOMENT - dt.timedelta(days=3)
    result = plan(set_at, since=set_at)
    assert result.due == [] and result.missed == []
    assert [p.milestone for p in plan(MOMENT - dt.timedelta(days=1), since=set_at).due] == ["1d"]


def test_a_fact_that_appears_with_its_date_already_past_posts_nothing() -> None:
    first_seen = MOMENT + dt.timedelta(days=1)
    result = plan(first_seen, seen=first_seen)
    assert result.due == [] and result.missed == []


def test_a_date_only_day_counts_down_in_days_and_sales_under_way_not_at_all() -> None:
    event = DatedFact(
        id="event-x",
        kind="event",
        title="Fan day",
        date="2030-09-17",
        timezone="America/New_York",
        sources=[],
    )
    under_way = DatedFact(id="tickets-x", kind="ticket_sale", title="Fan day", date="2030-08-12",
                          already_under_way=True, sources=[])  # fmt: skip
    vague = DatedFact(
        id="premiere-s10", kind="premiere", title="Season 10", date="2031-09", precision="month", sources=[]
    )
    targets = countdown_targets([event, under_way, vague])
    assert [(t.fact.id, t.exact, t.moment) for t in targets] == [
        ("event-x", False, dt.datetime(2030, 9, 17, 4, 0, tzinfo=UTC).astimezone(targets[0].moment.tzinfo))
    ]
    day_before = dt.datetime(2030, 9, 16, 4, 0, tzinfo=UTC)
    result = plan(day_before, facts=[event])
    assert [p.milestone for p in result.due] == ["1d"]
    assert plan(dt.datetime(2030, 9, 17, 3, 0, tzinfo=UTC), facts=[event]).due[0].milestone == "1d"
    assert [p.milestone for p in plan(dt.datetime(2030, 9, 17, 4, 0, tzinfo=UTC), facts=[event]).due] == ["0"]


def test_nonces_are_short_stable_and_distinct() -> None:
    posts = plan(MOMENT - dt.timedelta(minutes=30)).due + plan(MOMENT).due
    nonces = [p.nonce for p in posts]
    assert all(len(n) <= 25 for n in nonces) and len(set(nonces)) == len(nonces)
    assert plan(MOMENT).due[0].nonce == plan(MOMENT + dt.timedelta(hours=1)).due[0].nonce


def test_many_guilds_share_one_schedule() -> None:
    guilds = [GuildPlan(g, DEFAULT, LONG_AGO) for g in range(1, 1001)]
    targets = countdown_targets([PREMIERE])
    result = plan_countdown_posts(
        targets, guilds, {"premiere-s9": LONG_AGO}, {("premiere-s9", "0"): {7}}, MOMENT
    )
    assert len(result.due) == 999 and {p.guild_id for p in result.due} == set(range(1, 1001)) - {7}


def test_targets_type() -> None:
    assert isinstance(countdown_targets([PREMIERE])[0], Target)


def test_milestones_long_gone_are_forgotten() -> None:
    assert plan(MOMENT + dt.timedelta(days=9)).missed == []
