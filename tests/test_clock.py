"""The injectable clock: aware times only."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.clock import ManualClock, SystemClock


def test_system_clock_is_aware_utc() -> None:
    assert SystemClock().now().utcoffset() == dt.timedelta(0)


def test_manual_clock_moves_only_when_told() -> None:
    start = dt.datetime(2024, 8, 1, tzinfo=dt.UTC)
    clock = ManualClock(start)
    assert clock.now() == start
    clock.advance(dt.timedelta(days=9))
    assert clock.now() == dt.datetime(2024, 8, 10, tzinfo=dt.UTC)
    clock.set(start)
    assert clock.now() == start


def test_manual_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        ManualClock(dt.datetime(2024, 8, 1))  # noqa: DTZ001 - the naive time is the point
