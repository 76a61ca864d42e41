"""The bot's clock: real time in production, a settable one in tests and the sandbox. Always timezone-aware."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current aware time."""

    def now(self) -> dt.datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> dt.datetime:
        """The current moment in UTC."""
        return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock that stands still until told to move: for tests and the sandbox's --now and :wait."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start

    def now(self) -> dt.datetime:
        """The moment the clock was set to."""
        return self._now

    def set(self, moment: dt.datetime) -> None:
        """Jump to a moment."""
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = moment

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by delta."""
        self._now += delta
