"""A process whose rebuild after another's change fails once (a passing failure: a timeout under load, a worker
killed) tries again shortly after, and answers from the same facts as the rest."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.facts.service import ReloadFailedError
from bot.local_discord import LocalDiscord
from tests.store.test_shared_seeds_bots import _bots

pytestmark = pytest.mark.postgres


async def test_a_failed_rebuild_is_tried_again(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        bots = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, other = bots[0][1].bot, bots[1][1].bot
        original, failed = other.facts.reload, list[int]()

        async def reload_once_failing(*args: Any, **kwargs: Any) -> Any:
            if not failed:
                failed.append(1)
                raise ReloadFailedError("facts.why.timeout", seconds=30)
            return await original(*args, **kwargs)

        other.facts.reload = reload_once_failing
        rebuilt = asyncio.Event()
        other.facts.listeners.append(rebuilt.set)
        gone = first.facts.facts.dates[0].id
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "wrong"}, timeout=60
        )
        assert gone not in {d.id for d in first.facts.facts.dates}, reply.content
        await asyncio.wait_for(rebuilt.wait(), 40)  # the first try fails; the next, 10 s later, goes through
        assert failed, "the other process never tried to rebuild"
        assert gone not in {d.id for d in other.facts.facts.dates}
