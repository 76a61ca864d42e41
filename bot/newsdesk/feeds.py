"""TEMPORARY stub until the feeds branch lands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MAX_FEED_BYTES = 2_000_000
MAX_ENTRIES = 200


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    link: str | None
    title: str
    summary: str
    entry_id: str | None
    published: dt.datetime | None


@dataclass(frozen=True)
class FeedFetch:
    """The result of one poll."""

    changed: bool
    entries: tuple[FeedEntry, ...]
    etag: str | None
    last_modified: str | None
    title: str | None


async def fetch_feed(
    url: str, *, etag: str | None = None, last_modified: str | None = None, allow_loopback: bool = False,
    seconds: float = 10.0, limit: int = MAX_FEED_BYTES,
) -> FeedFetch:
    """Stub."""
    raise NotImplementedError
