"""Changes told to every bot process sharing the state database: a moderator's change in one process (settings,
a reload, a review decision) is heard by the others within seconds (PostgreSQL LISTEN/NOTIFY), and each reads
what changed again. With SQLite there is one process, and nothing to tell."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable

from bot.store.database import Database

log = logging.getLogger(__name__)

CHANNEL = "savoir_changes"
# What changed: each listener reads its part of the state again.
SETTINGS, EVENTS, NEWSDESK, SEEDS = "settings", "events", "newsdesk", "seeds"
TOPICS = (SETTINGS, EVENTS, NEWSDESK, SEEDS)
# Our notices are a few dozen bytes: anything much longer is not ours, and is not parsed.
MAX_NOTICE = 1000
# A listening connection that drops is opened again after this long, doubling up to the last.
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
Listener = Callable[[], Awaitable[object]]


async def nothing_to_tell() -> None:
    """A service's `changed` hook before the bot gives it one (tests that build a service alone)."""


class Notices:
    """Publishes this process's changes and runs the listeners of the changes other processes publish. Each
    time the listening connection is made (the first time too: the process read its state before it listened),
    every listener runs once, since a notice may have been missed meanwhile."""

    def __init__(self, database: Database, url: str | None = None) -> None:
        self._database = database
        self._url = url if database.dialect == "postgresql" else None
        self.sender = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._listeners: dict[str, list[Listener]] = {topic: [] for topic in TOPICS}
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()
        self.heard = 0  # notices from other processes acted on (the tests and /metrics)

    def subscribe(self, topic: str, listener: Listener) -> None:
        """Run `listener` when another process publishes `topic`."""
        self._listeners[topic].append(listener)

    def payload(self, topic: str) -> str:
        """A notice of `topic` from this process, as sent (for a change that sends it in its own transaction)."""
        return json.dumps({"topic": topic, "from": self.sender})

    async def publish(self, topic: str) -> None:
        """Tell the other processes that `topic` changed (nothing with SQLite). A failure is logged, not raised:
        the change itself is saved, and the others read it at their next start or takeover."""
        if self._url is None:
            return
        payload = self.payload(topic)
        try:
            await self._database.execute("SELECT pg_notify(?, ?)", (CHANNEL, payload))
        except Exception:
            log.exception("could not tell the other processes that %s changed", topic)

    def start(self) -> None:
        """Listen (PostgreSQL only)."""
        if self._url is not None and self._task is None:
            self._task = asyncio.create_task(self._listen(self._url), name="state-notices")

    async def stop(self) -> None:
        """Stop listening."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _listen(self, url: str) -> None:
        import psycopg  # only deployments that share a database load the driver

        failures = 0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    await self._run_all(
                        "listening for other processes' changes"
                        if not failures
                        else "the listening connection came back"
                    )
                    failures = 0
                    self.listening.set()
                    async for notice in connection.notifies():
                        await self._heard(notice.payload)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.listening.clear()
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning(
                    "listening for other processes' changes failed (%s); again in %.1f s", error, delay
                )
                await asyncio.sleep(delay)

    async def _heard(self, payload: str) -> None:
        try:
            if len(payload) > MAX_NOTICE:
                raise ValueError("too long")
            notice = json.loads(payload)
            topic, sender = str(notice["topic"]), str(notice["from"])
        except (ValueError, KeyError, TypeError, RecursionError):
            log.warning("a change notice that cannot be read: %.200r", payload)
            return
        if sender == self.sender or topic not in self._listeners:
            return
        self.heard += 1
        for listener in self._listeners[topic]:
            await self._run(topic, listener)

    async def _run_all(self, why: str) -> None:
        log.info("%s: reading every change again", why)
        for topic, listeners in self._listeners.items():
            for listener in listeners:
                await self._run(topic, listener)

    @staticmethod
    async def _run(topic: str, listener: Listener) -> None:
        try:
            await listener()
        except Exception:
            log.exception("reading %s again after another process changed it failed", topic)
