"""The bot's clock: real time in production, a settable one in tests and the sandbox. Always timezone-aware."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from typing import Protocol

LONGEST_SLEEP = 3600.0  # long single sleeps drift and hide bugs: wake up hourly and look again


class Clock(Protocol):
    """Something that tells the current aware time and can wait for a moment."""

    def now(self) -> dt.datetime:
        """The current moment, timezone-aware."""
        ...

    async def sleep_until(self, moment: dt.datetime | None, wake: asyncio.Event) -> None:
        """Return at `moment` (never, when None), or earlier when `wake` is set; clears `wake`."""
        ...


async def _wait(event: asyncio.Event, timeout: float | None) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout)


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> dt.datetime:
        """The current moment in UTC."""
        return dt.datetime.now(dt.UTC)

    async def sleep_until(self, moment: dt.datetime | None, wake: asyncio.Event) -> None:
        """Sleep until moment (at most an hour at a time) or until woken."""
        seconds = LONGEST_SLEEP if moment is None else (moment - self.now()).total_seconds()
        if seconds > 0:
            await _wait(wake, min(seconds, LONGEST_SLEEP))
        wake.clear()


class ManualClock:
    """A clock that stands still until told to move: for tests and the sandbox's --now, :time and :wait."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start
        self._moved = asyncio.Event()

    def now(self) -> dt.datetime:
        """The moment the clock was set to."""
        return self._now

    def set(self, moment: dt.datetime) -> None:
        """Jump to a moment."""
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = moment
        self._moved.set()

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by delta."""
        self.set(self._now + delta)

    async def sleep_until(self, moment: dt.datetime | None, wake: asyncio.Event) -> None:
        """Wait until the clock is moved to `moment` or past it, or until woken."""
        while (moment is None or self._now < moment) and not wake.is_set():
            self._moved.clear()
            woken = asyncio.ensure_future(wake.wait())
            moved = asyncio.ensure_future(self._moved.wait())
            try:
                await asyncio.wait({woken, moved}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                woken.cancel()
                moved.cancel()
        wake.clear()
