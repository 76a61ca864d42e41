"""Countdown posts go out channel by channel: a channel Discord holds back (a 429 with a long retry_after, a
slow answer) delays only its own posts, never another guild's."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

# Sends started together across channels: enough to keep up with many guilds, few enough not to flood
# Discord's global limit (50 requests a second).
SENDING_AT_ONCE = 8
# Seconds after which a send still waiting (Discord asked it to retry later) gives its place to another
# channel and goes on waiting on its own.
SLOW_SEND = 2.0

Job = Callable[[], Awaitable[None]]


class ChannelLanes:
    """One queue per channel, worked in order, each by its own task; at most `bound` sends start at once."""

    def __init__(self, bound: int = SENDING_AT_ONCE, patience: float = SLOW_SEND) -> None:
        self.patience = patience
        self._slots = asyncio.Semaphore(bound)
        self._queues: dict[int, deque[Job]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    def submit(self, channel_id: int, job: Job) -> None:
        """Queue a job behind the channel's earlier ones."""
        self._queues.setdefault(channel_id, deque()).append(job)
        if channel_id not in self._workers:
            self._idle.clear()
            self._workers[channel_id] = asyncio.create_task(
                self._work(channel_id), name=f"countdown-channel-{channel_id}"
            )

    async def settled(self) -> None:
        """Wait until every job queued so far (and any queued meanwhile) is done."""
        await self._idle.wait()

    async def stop(self) -> None:
        """Cancel what is queued or under way. A post cancelled mid-send stays claimed in the ledger: the next
        start resends it under the same nonce or records it as skipped, never posts it twice. A post still
        queued was not claimed yet: the next start plans it again."""
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)

    async def _work(self, channel_id: int) -> None:
        queue = self._queues[channel_id]
        try:
            while queue:
                await self._run(queue.popleft())
        finally:
            del self._queues[channel_id]
            del self._workers[channel_id]
            if not self._workers:
                self._idle.set()

    async def _run(self, job: Job) -> None:
        task: asyncio.Future[None] | None = None
        try:
            async with self._slots:
                task = asyncio.ensure_future(job())
                await asyncio.wait({task}, timeout=self.patience)
            await task  # past its patience a send waits outside the bound
        except asyncio.CancelledError:
            if task is not None:
                task.cancel()
            raise
        except Exception:
            log.exception("countdown: a post failed; it stays claimed and is settled at the next start")
