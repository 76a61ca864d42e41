"""The news desk's tables in the state database: feeds and their polling state, links and texts already seen,
the review queue and each guild's auto-approve setting."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from bot.store.database import Session
from bot.store.moments import read_moment, stored
from bot.store.state import StateStore

log = logging.getLogger(__name__)

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


@dataclass(frozen=True)
class Reason:
    """Why something failed or was skipped: a catalogue key and its values (shown in each moderator's language)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def dumps(self) -> str:
        """As stored."""
        return json.dumps({"key": self.key, "values": self.values}, default=str)

    @staticmethod
    def loads(raw: object) -> Reason | None:
        """As read back; None for nothing or a value this version cannot read."""
        try:
            found = json.loads(str(raw)) if raw else None
            return Reason(str(found["key"]), dict(found.get("values") or {})) if found else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass
class Feed:
    """One guild's subscription to one feed, and how its polling goes."""

    guild_id: int
    url: str
    added_by: int
    added_at: dt.datetime
    next_poll_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: dt.datetime | None = None
    last_ok_at: dt.datetime | None = None
    failures: int = 0
    broken: bool = False
    problem: Reason | None = None
    taken: int = 0
    skipped: int = 0
    last_skip: Reason | None = None


@dataclass
class ReviewItem:
    """An article waiting for (or given) a moderator's decision, and what it would change."""

    id: int
    guild_id: int
    file: str
    origin: str
    via: str
    status: str
    proposals: str  # JSON of bot.newsdesk.proposals.Proposals
    created_at: dt.datetime
    headline: str | None = None
    outlet: str | None = None
    published: str | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reason: str | None = None
    channel_id: int | None = None
    message_id: int | None = None
    dropped: list[str] = field(default_factory=list)  # fact ids a moderator left out before approving
    digest: str | None = None  # the pending file's bytes as reviewed: an approval of other bytes is refused


_FEED_COLUMNS = (
    "guild_id, url, added_by, added_at, etag, last_modified, next_poll_at, last_polled_at, last_ok_at, failures,"
    " broken, problem, taken, skipped, last_skip"
)
_ITEM_COLUMNS = (
    "id, guild_id, file, origin, headline, outlet, published, via, status, proposals, created_at, decided_by,"
    " decided_at, reason, channel_id, message_id, dropped, digest"
)


def _feed(row: tuple[Any, ...]) -> Feed:
    (guild_id, url, added_by, added_at, etag, modified, next_poll, polled, ok, failures, broken, problem,
     taken, skipped, last_skip) = row  # fmt: skip
    added = read_moment(added_at) or dt.datetime.min.replace(tzinfo=dt.UTC)
    return Feed(
        int(guild_id), str(url), int(added_by), added, read_moment(next_poll) or added, etag, modified,
        read_moment(polled), read_moment(ok), int(failures or 0), bool(broken), Reason.loads(problem), int(taken or 0),
        int(skipped or 0), Reason.loads(last_skip),
    )  # fmt: skip


def _item(row: tuple[Any, ...]) -> ReviewItem:
    (item_id, guild_id, file, origin, headline, outlet, published, via, status, proposals, created, by, at,
     reason, channel_id, message_id, dropped, digest) = row  # fmt: skip
    return ReviewItem(
        int(item_id), int(guild_id), str(file), str(origin), str(via), str(status), str(proposals),
        read_moment(created) or dt.datetime.min.replace(tzinfo=dt.UTC), headline, outlet, published, by, read_moment(at),
        reason, int(channel_id) if channel_id else None, int(message_id) if message_id else None,
        _fact_ids(dropped), digest,
    )  # fmt: skip


def _fact_ids(raw: object) -> list[str]:
    try:
        found = json.loads(str(raw or "[]"))
    except ValueError:
        return []
    return [str(value) for value in found] if isinstance(found, list) else []


class NewsDeskLedger:
    """Reads and writes the news desk's tables in the state database; every write is committed."""

    def __init__(self, state: StateStore) -> None:
        self.state = state

    # -- feeds -------------------------------------------------------------------------------------------

    async def feeds(self, guild_id: int | None = None) -> list[Feed]:
        """A guild's feeds (every guild's with None), in the order they were added."""
        where, args = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        query = f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY added_at, url"  # noqa: S608 (fixed text)
        return [_feed(row) for row in await self.state.database.fetch(query, args)]

    async def add_feed(self, feed: Feed) -> bool:
        """Subscribe; False when the guild already follows that address."""
        return (
            await self.state.database.execute(
                "INSERT INTO feeds (guild_id, url, added_by, added_at, next_poll_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, url) DO NOTHING",
                (feed.guild_id, feed.url, feed.added_by, stored(feed.added_at), stored(feed.next_poll_at)),
            )
            == 1
        )

    async def remove_feed(self, guild_id: int, url: str) -> bool:
        """Unsubscribe; False when the guild did not follow that address."""
        return (
            await self.state.database.execute(
                "DELETE FROM feeds WHERE guild_id = ? AND url = ?", (guild_id, url)
            )
            == 1
        )

    async def save_feed(self, feed: Feed) -> None:
        """Write a feed's polling state (a feed removed meanwhile stays removed)."""
        await self.state.database.execute(
            "UPDATE feeds SET etag = ?, last_modified = ?, next_poll_at = ?, last_polled_at = ?, last_ok_at = ?,"
            " failures = ?, broken = ?, problem = ?, taken = ?, skipped = ?, last_skip = ?"
            " WHERE guild_id = ? AND url = ?",
            (feed.etag, feed.last_modified, stored(feed.next_poll_at), stored(feed.last_polled_at),
             stored(feed.last_ok_at), feed.failures, int(feed.broken), feed.problem.dumps() if feed.problem else None,
             feed.taken, feed.skipped, feed.last_skip.dumps() if feed.last_skip else None, feed.guild_id, feed.url),
        )  # fmt: skip

    # -- what was seen -------------------------------------------------------------------------------------

    async def seen(self, keys: list[str]) -> dict[str, tuple[str, int]]:
        """Which of these keys (a normalised link, a text digest) were seen: key -> (outcome, attempts)."""
        found: dict[str, tuple[str, int]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, outcome, attempts FROM news_seen WHERE key IN ({marks})"  # noqa: S608 (marks only)
            for key, outcome, attempts in await self.state.database.fetch(query, chunk):
                found[str(key)] = (str(outcome), int(attempts or 1))
        return found

    async def mark_seen(
        self, keys: list[str], outcome: str, now: dt.datetime, session: Session | None = None
    ) -> None:
        """Remember keys with what became of them; a key seen again counts one more attempt. Within `session`
        when given (committed with it), else committed now."""
        await (session or self.state.database).executemany(
            "INSERT INTO news_seen VALUES (?, ?, ?, 1) ON CONFLICT (key) DO UPDATE SET"
            " outcome = excluded.outcome, seen_at = excluded.seen_at, attempts = news_seen.attempts + 1",
            [(key, stored(now), outcome) for key in keys],
        )

    # -- the review queue ------------------------------------------------------------------------------------

    async def add_item(self, item: ReviewItem, seen: list[str], now: dt.datetime) -> int:
        """Queue an article and remember its keys, in one transaction; returns the item's number."""
        async with self.state.database.transaction() as session:
            row = await session.fetchone(
                "INSERT INTO review_items (guild_id, file, origin, headline, outlet, published, via, status,"
                " proposals, created_at, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (item.guild_id, item.file, item.origin, item.headline, item.outlet, item.published, item.via,
                 item.status, item.proposals, stored(item.created_at), item.digest),
            )  # fmt: skip
            await self.mark_seen(seen, f"queued:{item.file}", now, session)
        return int(row[0]) if row else 0

    async def items(self, guild_id: int | None = None, status: str | None = PENDING) -> list[ReviewItem]:
        """Review items, oldest first: one guild's (every guild's with None), with that status (any with None)."""
        conditions: list[str] = []
        args: list[object] = []
        if guild_id is not None:
            conditions.append("guild_id = ?")
            args.append(guild_id)
        if status is not None:
            conditions.append("status = ?")
            args.append(status)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        query = f"SELECT {_ITEM_COLUMNS} FROM review_items {where} ORDER BY id"  # noqa: S608 (fixed text)
        return [_item(row) for row in await self.state.database.fetch(query, args)]

    async def item(self, item_id: int) -> ReviewItem | None:
        """One review item by its number."""
        query = f"SELECT {_ITEM_COLUMNS} FROM review_items WHERE id = ?"  # noqa: S608 (fixed text)
        row = await self.state.database.fetchone(query, (item_id,))
        return _item(row) if row else None

    async def decide(self, item_id: int, status: str, by: str, reason: str | None, now: dt.datetime) -> bool:
        """Record a decision on a pending item; False when it was no longer pending (someone decided first)."""
        return (
            await self.state.database.execute(
                "UPDATE review_items SET status = ?, decided_by = ?, decided_at = ?, reason = ?"
                " WHERE id = ? AND status = 'pending'",
                (status, by, stored(now), reason, item_id),
            )
            == 1
        )

    async def set_dropped(self, item_id: int, dropped: list[str]) -> bool:
        """Which proposed facts a pending item leaves out; False when it was no longer pending."""
        return (
            await self.state.database.execute(
                "UPDATE review_items SET dropped = ? WHERE id = ? AND status = 'pending'",
                (json.dumps(dropped), item_id),
            )
            == 1
        )

    async def reproposed(self, item_id: int, proposals: str, dropped: list[str]) -> bool:
        """New proposals for a pending item (the live facts changed since it was queued); False when decided."""
        return (
            await self.state.database.execute(
                "UPDATE review_items SET proposals = ?, dropped = ? WHERE id = ? AND status = 'pending'",
                (proposals, json.dumps(dropped), item_id),
            )
            == 1
        )

    async def posted(self, item_id: int, channel_id: int, message_id: int) -> None:
        """Remember where an item's review message is, so a decision can update it."""
        await self.state.database.execute(
            "UPDATE review_items SET channel_id = ?, message_id = ? WHERE id = ?",
            (channel_id, message_id, item_id),
        )

    # -- settings ----------------------------------------------------------------------------------------

    async def auto_approve(self) -> dict[int, bool]:
        """Every guild's auto-approve setting (off when never set)."""
        rows = await self.state.database.fetch("SELECT guild_id, auto_approve FROM newsdesk_settings")
        return {int(guild): bool(on) for guild, on in rows}

    async def set_auto_approve(self, guild_id: int, on: bool, now: dt.datetime) -> None:
        """Turn auto-approve on or off for a guild."""
        await self.state.database.execute(
            "INSERT INTO newsdesk_settings VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
            " auto_approve = excluded.auto_approve, updated_at = excluded.updated_at",
            (guild_id, int(on), stored(now)),
        )
