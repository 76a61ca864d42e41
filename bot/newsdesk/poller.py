"""Polling the guilds' feeds on the bot's clock: every 30 minutes (jittered), conditional GETs, backoff after a
failure and "broken" after several; each new entry that names the show is fetched, read and submitted."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from bot.clock import Clock
from bot.facts.imports import Imported, ImportRefusedError, article_from_url
from bot.facts.refusals import failure_refusal, shown
from bot.facts.seed_files import SeedFileError, load_show
from bot.newsdesk.desk import NewsDesk
from bot.newsdesk.feeds import FeedEntry, fetch_feed
from bot.newsdesk.keys import link_key
from bot.newsdesk.outcomes import Submission
from bot.settings import Settings
from bot.store.newsdesk_ledger import Feed, NewsDeskLedger, Reason

log = logging.getLogger(__name__)
_SPREAD = random.Random()  # spreading load, not security

EVERY = dt.timedelta(minutes=30)
MIN_GAP = dt.timedelta(minutes=1)
JITTER = 0.1  # each poll lands up to 10% either side, so feeds added together spread out
MAX_BACKOFF = dt.timedelta(hours=12)
BROKEN_AFTER = 5  # failures in a row before a feed is shown as broken and no longer polled
PAGE_FETCHES = 4  # articles fetched at once, across all feeds
FEED_POLLS = 4  # feeds polled at once
GUILD_POLLS = 2  # of which one guild's
SLOW_SECONDS = (
    15.0  # a feed's download and reading longer than this counts as a failure: such a feed backs off
)
MAX_FEEDS = 100  # feeds a guild may follow
ENTRY_ATTEMPTS = 3  # tries for an article whose site failed for a passing reason (timeout, 5xx)
OLDER_THAN_SUBSCRIPTION = dt.timedelta(days=7)
# Failures of the moment: the article is tried again at a later poll; any other refusal is final.
_PASSING = {"import.net.timeout", "import.net.unreachable", "import.net.cut_short", "import.net.failed",
            "import.html.timeout", "import.net.garbled", "import.shared_failed"}  # fmt: skip


def _passing(error: ImportRefusedError) -> bool:
    if error.key == "import.net.status":
        status = error.values.get("status")
        return isinstance(status, int) and (status >= 500 or status == 429)
    return error.key in _PASSING


def next_poll(now: dt.datetime, failures: int, rng: random.Random | None = None) -> dt.datetime:
    """When to poll again: every 30 minutes, doubled after each failure in a row (at most 12 hours), jittered."""
    wait = min(EVERY * (1 << min(failures, 16)), MAX_BACKOFF)
    factor = 1 + (rng or random).uniform(-JITTER, JITTER)
    return now + wait * factor


class FeedPoller:
    """One task that polls every due feed of every guild; a failing feed or site stops no other."""

    def __init__(
        self, desk: NewsDesk, ledger: NewsDeskLedger, clock: Clock, settings: Settings,
        ready: Callable[[], Awaitable[None]] | None = None, owns: Callable[[int], bool] = lambda guild_id: True,
    ) -> None:  # fmt: skip
        self.desk, self.ledger, self.clock, self.settings = desk, ledger, clock, settings
        # Several processes share the feeds table: each polls the feeds of the guilds on its own shards.
        self._owns = owns
        self._ready = ready
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._pages = asyncio.Semaphore(PAGE_FETCHES)
        self._feeds = asyncio.Semaphore(FEED_POLLS)
        self._guild_slots: dict[int, asyncio.Semaphore] = {}
        self._polling: set[tuple[int, str]] = set()
        self._held_off: dict[tuple[int, str], dt.datetime] = {}
        self.started = 0  # passes begun and finished (the tests and the sandbox wait on them)
        self.passes = 0
        self._finished = asyncio.Condition()

    def start(self) -> None:
        """Start polling (after the bot is ready, when told how to know)."""
        self._task = asyncio.create_task(self._run(), name="news-desk")

    async def stop(self) -> None:
        """Stop polling; an entry half taken is taken again at the next start (its feed's validators are kept only
        once every entry was handled)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def wake(self) -> None:
        """Look at the feeds now (one was added)."""
        self._wake.set()

    async def wait_for_pass(self, begun_after: int, timeout: float) -> None:
        """Wait until a pass begun after `begun_after` passes has finished (for the tests and the sandbox)."""
        async with asyncio.timeout(timeout), self._finished:
            await self._finished.wait_for(lambda: self.started > begun_after and self.passes == self.started)

    async def _run(self) -> None:
        if self._ready is not None:
            await self._ready()
        await self.desk.show_unposted()
        requeued = await self.desk.requeue_orphans()
        if requeued:
            log.warning("queued %d pending articles again that had no record", requeued)
        while True:
            self.started += 1
            began = self.clock.now()
            try:
                await self.poll_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("news desk pass failed; trying again in %s", EVERY)
            self.passes += 1
            async with self._finished:
                self._finished.notify_all()
            feeds = [
                feed for feed in await self.ledger.feeds() if not feed.broken and self._owns(feed.guild_id)
            ]
            now = self.clock.now()
            wake_at = min(
                (max(f.next_poll_at, self._held_off.get((f.guild_id, f.url), now)) for f in feeds),
                default=None,
            )
            if wake_at is not None:
                wake_at = max(wake_at, began + MIN_GAP)  # never a pass straight after another
            await self.clock.sleep_until(wake_at, self._wake)

    async def poll_due(self) -> None:
        """Poll every feed whose time has come, a few at once."""
        now = self.clock.now()
        due = [
            feed for feed in await self.ledger.feeds()
            if not feed.broken and self._owns(feed.guild_id) and max(feed.next_poll_at, self._held_off.get((feed.guild_id, feed.url), now)) <= now
        ]  # fmt: skip
        await asyncio.gather(*(self._poll_one(feed) for feed in due))

    async def _poll_one(self, feed: Feed) -> None:
        key = (feed.guild_id, feed.url)
        if key in self._polling:
            return
        self._polling.add(key)
        try:
            # A guild gets at most half the slots: one server's slow feeds never hold up every other server's.
            async with (
                self._guild_slots.setdefault(feed.guild_id, asyncio.Semaphore(GUILD_POLLS)),
                self._feeds,
            ):
                await self.poll(feed)
            self._held_off.pop(key, None)
        except Exception:
            # Its state could not be saved (a full disk, a damaged database): held off here, not polled again at
            # once in a loop that would hammer the site.
            self._held_off[key] = self.clock.now() + EVERY
            log.exception("polling %s for guild %s failed; next try in %s", feed.url, feed.guild_id, EVERY)
        finally:
            self._polling.discard(key)

    async def poll(self, feed: Feed) -> Feed:
        """Poll one feed now and take its new entries; returns its state as saved."""
        now, began = self.clock.now(), time.monotonic()
        feed = replace(feed, last_polled_at=now)
        # A feed's entries are taken when they name the show its guild follows (none chosen: not polled yet).
        show = self.desk.shows.for_guild(feed.guild_id)
        if show is None:
            feed.next_poll_at = next_poll(now, 0)
            await self.ledger.save_feed(feed)
            return feed
        try:
            # show.toml read first: a broken one stops every feed with its reason, not as "not a feed".
            await asyncio.to_thread(load_show, show.settings.seeds_dir)
            fetched = await fetch_feed(
                feed.url, etag=feed.etag, last_modified=feed.last_modified,
                allow_loopback=self.settings.allow_loopback_imports, seconds=self.settings.import_download_seconds,
                show=show.settings.seeds_dir,
            )  # fmt: skip
            seconds = time.monotonic() - began  # the feed's own cost: its download and reading
        except SeedFileError:
            log.exception("show.toml cannot be read: feed %s not polled", feed.url)
            feed.next_poll_at = next_poll(now, 0)
            await self.ledger.save_feed(feed)
            return feed
        except Exception as error:
            return await self._failed(feed, error, now)
        if fetched.changed:
            if fetched.cut:
                feed.skipped += 1
                feed.last_skip = Reason("newsdesk.skip.cut", {"count": len(fetched.entries)})
                log.warning(
                    "feed %s: read up to entry %d only (too costly to read further)",
                    feed.url,
                    len(fetched.entries),
                )
            named = [entry for entry, names in zip(fetched.entries, fetched.names_show, strict=True) if names]
            complete = await self._take_entries(feed, named)
            if complete:  # else the next poll downloads the whole feed again and retries what failed
                feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
        if seconds > SLOW_SECONDS:
            # Its entries are taken, but a feed this slow is polled less often, and after a few such polls no more.
            slow = ImportRefusedError(
                "newsdesk.feed.slow", seconds=f"{seconds:.0f}", limit=f"{SLOW_SECONDS:g}"
            )
            return await self._failed(feed, slow, now)
        feed.failures, feed.broken, feed.problem, feed.last_ok_at = 0, False, None, now
        feed.next_poll_at = next_poll(self.clock.now(), 0)
        await self.ledger.save_feed(feed)
        return feed

    async def _failed(self, feed: Feed, error: Exception, now: dt.datetime) -> Feed:
        refusal = failure_refusal(error)
        if refusal is None:
            log.error("polling %s for guild %s failed", feed.url, feed.guild_id, exc_info=error)
            refusal = ImportRefusedError("import.internal")
        feed.failures += 1
        feed.problem = Reason(refusal.key, refusal.values)
        feed.broken = feed.failures >= BROKEN_AFTER
        feed.next_poll_at = next_poll(now, feed.failures)
        log.warning(
            "feed %s of guild %s failed (%d in a row%s): %s", feed.url, feed.guild_id, feed.failures,
            ", now marked broken" if feed.broken else "", refusal.describe("en"),
        )  # fmt: skip
        await self.ledger.save_feed(feed)
        return feed

    async def _take_entries(self, feed: Feed, entries: Iterable[FeedEntry]) -> bool:
        """Submit every new entry (of those that name the show); False when one failed for a passing reason."""
        oldest = feed.added_at - OLDER_THAN_SUBSCRIPTION
        wanted = [entry for entry in entries if entry.published is None or entry.published >= oldest]
        linked = [entry for entry in wanted if entry.link]
        for entry in wanted:
            if not entry.link:
                feed.skipped += 1
                feed.last_skip = Reason("newsdesk.skip.no_link", {"title": shown(entry.title or "?")})
                log.info("feed %s: entry %r has no link; skipped", feed.url, entry.title)
        seen = await self.ledger.seen([self._key(feed, entry.link) for entry in linked])
        fresh, unique = [], set()
        for entry in linked:
            key = self._key(feed, entry.link)
            outcome, attempts = seen.get(key, ("", 0))
            if key in unique or (outcome and not (outcome == "retry" and attempts < ENTRY_ATTEMPTS)):
                continue
            unique.add(key)
            fresh.append(entry)
        fetched = await asyncio.gather(*(self._fetch(feed, entry) for entry in fresh))
        articles = [(entry, article) for entry, (article, _) in zip(fresh, fetched, strict=True) if article]
        complete = not any(again for _, again in fetched)
        submissions = [
            Submission(feed.guild_id, article, feed.url, (link_key(entry.link or ""),), remember_empty=True)
            for entry, article in articles
        ]
        for (entry, _), result in zip(articles, await self.desk.submit_many(submissions), strict=True):
            link = entry.link or ""
            if isinstance(result, ImportRefusedError):
                outcome = (
                    "retry" if _passing(result) else "refused"
                )  # the shared database away a moment: again
                await self.ledger.mark_seen([self._key(feed, link)], outcome, self.clock.now())
                self._skip(feed, result.key, {**result.values}, link)
            elif isinstance(result, Exception):
                await self.ledger.mark_seen(
                    [self._key(feed, link)], "retry", self.clock.now()
                )  # a few tries, not for ever
                refusal = failure_refusal(result)
                if refusal is None:
                    log.error("feed %s: entry %s could not be taken", feed.url, link, exc_info=result)
                self._skip(
                    feed,
                    refusal.key if refusal else "import.internal",
                    refusal.values if refusal else {},
                    link,
                )
                complete = False
            elif result.outcome == "no_facts":
                self._skip(feed, "newsdesk.skip.no_facts", {"url": shown(link)}, link)
            elif result.outcome in ("queued", "live"):
                feed.taken += 1
        return complete

    def _key(self, feed: Feed, link: str | None) -> str:
        """An entry's link as the seen-keys hold it (each show its own, with several)."""
        return self.desk.scoped_key(feed.guild_id, link_key(link or ""))

    async def _fetch(self, feed: Feed, entry: FeedEntry) -> tuple[Imported | None, bool]:
        """Fetch and read one entry's article, a few at once across every feed; None when refused (said in the
        feed's state), with True when the refusal is of the moment and the entry is to be tried again later."""
        link, key = entry.link or "", self._key(feed, entry.link)
        try:
            async with self._pages:
                article = await article_from_url(
                    link, allow_loopback=self.settings.allow_loopback_imports,
                    download_seconds=self.settings.import_download_seconds,
                    extract_seconds=self.settings.import_extract_seconds,
                )  # fmt: skip
            return article, False
        except ImportRefusedError as error:
            passing = _passing(error)
            await self.ledger.mark_seen([key], "retry" if passing else "refused", self.clock.now())
            self._skip(feed, error.key, {**error.values}, link)
            return None, passing
        except Exception:
            log.exception("feed %s: entry %s could not be fetched", feed.url, link)
            # Tried again at the next polls, ENTRY_ATTEMPTS times in all, not for ever.
            await self.ledger.mark_seen([key], "retry", self.clock.now())
            self._skip(feed, "import.internal", {}, link)
            return None, True

    def _skip(self, feed: Feed, key: str, values: dict[str, object], link: str) -> None:
        feed.skipped += 1
        feed.last_skip = Reason(key, values)
        log.info("feed %s: %s skipped: %s", feed.url, shown(link), key)
