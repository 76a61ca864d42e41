"""A bot process for benchmarks: Savoir, or a bare discord.py bot with one trivial command, pointed at a
local Discord whose address it is given. Prints READY once connected; exits when stdin closes, leaving the
event loop's late turns in STATE/loop-gaps.json."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import discord
import yarl
from discord import app_commands

REPO = Path(__file__).resolve().parent.parent


class BareBot(discord.Client):
    """The baseline: a minimal discord.py bot answering /ping with a short text."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)
        self.guild = discord.Object(id=guild_id)

        @self.tree.command(name="ping", description="pong", guild=self.guild)
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=self.guild)

    async def on_ready(self) -> None:
        print("READY", flush=True)


async def _watch_loop(gaps: list[tuple[float, float]]) -> None:
    """Record every turn of the event loop that came more than 5 ms late: (wall-clock time, gap in s)."""
    last = time.perf_counter()
    while True:
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        if now - last > 0.006:
            gaps.append((time.time(), now - last - 0.001))
        last = now


async def _wait_for_stdin_to_close() -> None:
    await asyncio.to_thread(sys.stdin.read)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["bare", "savoir"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--guild", type=int, required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--metrics-port", type=int, default=None, help="serve /metrics on this port")
    args = parser.parse_args()
    discord.http.Route.BASE = f"http://127.0.0.1:{args.port}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{args.port}/")
    closing: list[Callable[[], Awaitable[None]]] = []
    if args.kind == "bare":
        client: discord.Client = BareBot(args.guild)
    else:
        from pydantic import SecretStr

        from bot.client import SavoirBot
        from bot.clock import SystemClock
        from bot.facts.service import FactService
        from bot.settings import Settings
        from bot.store.state import StateStore

        settings = Settings(
            _env_file=None, discord_token=SecretStr(args.token), dev_guild_id=args.guild,
            seeds_dir=args.seeds, facts_db=args.state / "facts.db", state_db=args.state / "state.db",
            metrics_port=args.metrics_port,
        )  # fmt: skip
        clock = SystemClock()
        state = await StateStore.open(settings.state_db)
        closing.append(state.close)  # its worker thread would keep the process alive
        bot = SavoirBot(
            settings, await FactService.open(settings, clock), state, clock, guild_ready_timeout=0.05
        )

        @bot.listen("on_ready")
        async def ready() -> None:
            print("READY", flush=True)

        client = bot
    gaps: list[tuple[float, float]] = []
    watcher = asyncio.create_task(_watch_loop(gaps))
    async with client:
        runner = asyncio.create_task(client.start(args.token))
        await _wait_for_stdin_to_close()
        await client.close()
        await asyncio.gather(runner, return_exceptions=True)
    watcher.cancel()
    (args.state / "loop-gaps.json").write_text(json.dumps(gaps), encoding="utf-8")
    for close in closing:
        await close()


if __name__ == "__main__":
    asyncio.run(main())
