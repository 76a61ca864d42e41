"""Running the real bot against the local Discord: shared by the sandbox, the tests and the benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from bot.client import SavoirBot, make_bot
from bot.clock import Clock
from bot.local_discord import LocalDiscord
from bot.settings import Settings
from bot.sharding import ShardPlan
from bot.shows.registry import open_deployment

log = logging.getLogger(__name__)


def local_settings(
    server: LocalDiscord, seeds_dir: Path, state_dir: Path, database_url: str | None = None
) -> Settings:
    """Settings for a bot of the local Discord: its token, its guild as the development guild; the state in
    PostgreSQL when a database address is given."""
    return Settings(
        database_url=SecretStr(database_url) if database_url else None,
        _env_file=None,
        discord_token=SecretStr(server.token),
        dev_guild_id=int(server.world.guild_id),
        seeds_dir=seeds_dir,
        facts_db=state_dir / "facts.db",
        state_db=state_dir / "state.db",
    )


@dataclass
class LocalBot:
    """A bot running against the local Discord, and the task that runs it."""

    bot: SavoirBot
    task: asyncio.Task[None]

    async def stop(self) -> None:
        """Close the bot, wait for its task, close its state store."""
        await self.bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(self.task, 5)
        await self.bot.state.close()


async def start_local_bot(
    server: LocalDiscord,
    settings: Settings,
    clock: Clock,
    timeout: float = 15.0,
    prepare: Callable[[SavoirBot], None] | None = None,
    shards: ShardPlan | None = None,
) -> LocalBot:
    """Open the fact store, start the bot (some shards of it, when given) and wait until it is connected and
    its commands are synced."""
    state, shows = await open_deployment(settings, clock)
    bot = make_bot(settings, shows, state, clock, guild_ready_timeout=0.05, shards=shards)
    if prepare is not None:
        prepare(bot)  # tests: the facts to answer from, set before the bot's first pass
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    task = asyncio.create_task(bot.start(token), name="savoir-bot")
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        ready.cancel()
        task.result()  # raises what stopped the bot
        raise RuntimeError("the bot stopped before it was ready")
    if ready not in done:
        ready.cancel()
        await bot.close()
        await state.close()
        raise TimeoutError(f"the bot was not ready within {timeout:.0f}s")
    # Ready includes the countdown's first look at the dates: a clock moved right after start must not
    # make that first look happen later than the start.
    await asyncio.wait_for(bot.countdown.first_pass_done.wait(), timeout)
    return LocalBot(bot, task)
