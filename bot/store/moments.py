"""Moments as the state database's ledgers keep them: ISO 8601 text in UTC, read back aware."""

from __future__ import annotations

import datetime as dt


def stored(moment: dt.datetime | None) -> str | None:
    """A moment as a ledger writes it (UTC, ISO 8601); None stays None."""
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def read_moment(value: object) -> dt.datetime | None:
    """A stored moment read back, in UTC when it was written without a zone; None for nothing or nonsense."""
    try:
        moment = dt.datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=dt.UTC)
