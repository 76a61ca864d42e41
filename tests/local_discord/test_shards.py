"""The local Discord serves several guilds over several shards, held by several discord.py clients, as
Discord does: each shard hears only about its own guilds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord as discord_py
import pytest
from discord import Interaction, app_commands

from bot.local_discord import LocalDiscord
from bot.local_discord.shards import shard_of
from tests.conftest import REPO


class ShardedClient(discord_py.AutoShardedClient):
    """A real AutoShardedClient with one slash command, /where, that names the client which answered."""

    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(intents=discord_py.Intents.default(), guild_ready_timeout=0.05, **options)
        self.name = name
        self.heard: list[int] = []  # the guild of every interaction this client received
        self.tree = app_commands.CommandTree(self)

        async def where(interaction: Interaction[ShardedClient]) -> None:
            self.heard.append(interaction.guild_id or 0)
            await interaction.response.send_message(f"{self.name} {interaction.guild_id}")

        self.tree.add_command(app_commands.Command(name="where", description="who answers", callback=where))

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No wait between IDENTIFYs: the local Discord has no identify rate limit (discord.py sleeps 5 s)."""


@dataclass
class Running:
    """A client and the task that runs it."""

    client: ShardedClient
    task: asyncio.Task[None]
    errors: list[BaseException] = field(default_factory=list)

    async def stop(self) -> None:
        """Close the client and wait for its task (an error it ended with is kept in `errors`)."""
        await self.client.close()
        with contextlib.suppress(asyncio.CancelledError):
            try:
                await asyncio.wait_for(self.task, 5)
            except Exception as error:  # a client closed by the gateway ended with ConnectionClosed
                self.errors.append(error)


@pytest.fixture
async def start() -> AsyncIterator[Callable[..., Any]]:
    """Start ShardedClients (`await start("a", shard_ids=[0], shard_count=2)`); all stopped at the end."""
    running: list[Running] = []

    async def starter(name: str, timeout: float = 10.0, **options: Any) -> Running:
        client = ShardedClient(name, **options)
        task = asyncio.create_task(client.start("local-token"), name=f"client-{name}")
        run = Running(client, task)
        running.append(run)
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()  # raises what stopped the client
            raise TimeoutError(f"client {name} was not ready within {timeout}s")
        return run

    yield starter
    for run in running:
        await run.stop()


def guild_ids(client: discord_py.Client) -> set[str]:
    """The guilds a client knows, as the local Discord's string ids."""
    return {str(guild.id) for guild in client.guilds}


def on_shard(server: LocalDiscord, shard_id: int, shard_count: int) -> set[str]:
    """The local Discord's guilds that live on a shard."""
    return {g for g in server.world.guilds if shard_of(g, shard_count) == shard_id}


async def test_added_guilds_go_round_the_shards_and_keep_the_first_guild_as_it_was(
    discord: LocalDiscord,
) -> None:
    first = discord.world.guild_id
    added = discord.world.add_guilds(4)
    assert [shard_of(g, 4) for g in [first, *added]] == [0, 1, 2, 3, 0]
    guild = discord.world.guilds[added[0]]
    assert [c.name for c in guild.channels.values()] == ["general", "announcements"]
    assert guild.member("moderator").id == discord.world.member("moderator").id, (
        "the same users in every guild"
    )
    assert guild.roles[guild.id].name == "@everyone"
    channel = guild.channel("general")
    assert discord.world.channel(channel.id) is channel, "a channel id finds its guild"
    assert discord.world.channel("general").id != channel.id, "a name is the first guild's"


async def test_two_clients_each_see_exactly_their_shards_guilds(discord: LocalDiscord, start: Any) -> None:
    discord.world.add_guilds(5)
    a = await start("a", shard_ids=[0], shard_count=2)
    b = await start("b", shard_ids=[1], shard_count=2)
    assert guild_ids(a.client) == on_shard(discord, 0, 2) and len(guild_ids(a.client)) == 3
    assert guild_ids(b.client) == on_shard(discord, 1, 2) and len(guild_ids(b.client)) == 3
    assert {s.shard_id for s in discord.gateway.sessions.values()} == {0, 1}


async def test_an_interaction_reaches_only_the_client_holding_its_guilds_shard(
    discord: LocalDiscord, start: Any
) -> None:
    second = discord.world.add_guild("Second")
    a = await start("a", shard_ids=[0], shard_count=2)
    b = await start("b", shard_ids=[1], shard_count=2)
    assert (await discord.slash("/where", guild=second)).content == f"b {second}"
    assert (await discord.slash("/where")).content == f"a {discord.world.guild_id}"
    channel = discord.world.guilds[second].channel("announcements").id
    assert (await discord.slash("/where", in_channel=channel)).content == f"b {second}", (
        "a channel id finds it"
    )
    assert a.client.heard == [int(discord.world.guild_id)]
    assert b.client.heard == [int(second), int(second)]


async def test_a_role_change_is_dispatched_on_its_guilds_shard(discord: LocalDiscord, start: Any) -> None:
    second = discord.world.add_guild()
    a = await start("a", shard_ids=[0], shard_count=2)
    b = await start("b", shard_ids=[1], shard_count=2)
    sequences = {s.shard_id: s.sequence for s in discord.gateway.sessions.values()}
    await discord.update_role("Fans", permissions=0, guild=second)
    await asyncio.sleep(0.1)
    after = {s.shard_id: s.sequence for s in discord.gateway.sessions.values()}
    assert after == {0: sequences[0], 1: sequences[1] + 1}
    guild = b.client.get_guild(int(second))
    role = guild.get_role(int(discord.world.guilds[second].role("Fans").id)) if guild else None
    assert role is not None and role.permissions.value == 0
    assert a.client.get_guild(int(second)) is None


async def test_a_shard_identified_again_replaces_the_old_session(discord: LocalDiscord, start: Any) -> None:
    second = discord.world.add_guild()
    a = await start("a", shard_ids=[0], shard_count=2)
    b = await start("b", shard_ids=[1], shard_count=2)
    old = discord.gateway.shards.holders[1]
    c = await start("c", shard_ids=[1], shard_count=2)  # shard 1 moves to another process
    await asyncio.wait({b.task}, timeout=5)  # the old client is closed by the gateway
    with pytest.raises(discord_py.ConnectionClosed) as closed:
        b.task.result()
    assert closed.value.code == 4010
    assert discord.gateway.replaced == 1 and old.id not in discord.gateway.sessions
    assert discord.gateway.shards.holders[1] is not old
    assert (await discord.slash("/where", guild=second)).content == f"c {second}"
    assert guild_ids(c.client) == on_shard(discord, 1, 2)
    assert not a.task.done(), "shard 0 carries on"


async def test_a_dropped_shard_resumes_and_gets_what_it_missed(discord: LocalDiscord, start: Any) -> None:
    second = discord.world.add_guild()
    await start("a", shard_ids=[0, 1], shard_count=2)
    discord.drop_connection(shard_id=1)
    assert discord.gateway.is_connected(0) and not discord.gateway.is_connected(1)
    await discord.wait_until_connected(shard_id=1)
    assert discord.gateway.resumes == 1 and discord.gateway.identifies == 2
    assert (await discord.slash("/where", guild=second)).content == f"a {second}"


async def raw_identify(server: LocalDiscord, shard: Any) -> int | None:
    """IDENTIFY with a given `shard` over a bare websocket; the close code (None: READY came)."""
    async with aiohttp.ClientSession() as session, session.ws_connect(server.gateway_url) as ws:
        await ws.receive_json()  # HELLO
        identify = {"token": server.token, "intents": 1, "properties": {}, "shard": shard}
        await ws.send_json({"op": 2, "d": identify})
        message = await ws.receive(timeout=5)
        if message.type == aiohttp.WSMsgType.TEXT:
            assert json.loads(message.data)["t"] == "READY"
            return None
        return ws.close_code


async def test_an_invalid_shard_is_closed_with_4010(discord: LocalDiscord, start: Any) -> None:
    for shard in ([2, 2], [-1, 2], [0, 0], [0], "0"):
        assert await raw_identify(discord, shard) == 4010, shard
    assert discord.gateway.refused == [4010] * 5 and discord.gateway.sessions == {}
    with pytest.raises(discord_py.ConnectionClosed) as closed:
        await start("out-of-range", shard_ids=[2], shard_count=2)
    assert closed.value.code == 4010


async def test_a_shard_count_other_than_the_connected_shards_is_closed_with_4010(
    discord: LocalDiscord, start: Any
) -> None:
    await start("a", shard_ids=[0], shard_count=2)
    assert await raw_identify(discord, [1, 4]) == 4010
    assert await raw_identify(discord, [1, 2]) is None, "the same count is welcome"


async def test_more_guilds_on_a_shard_than_allowed_is_closed_with_4011() -> None:
    async with LocalDiscord(max_guilds_per_shard=2) as server:
        server.world.add_guilds(2)
        assert await raw_identify(server, None) == 4011
        assert await raw_identify(server, [0, 2]) is None


async def test_without_a_shard_count_the_client_asks_gateway_bot(discord: LocalDiscord, start: Any) -> None:
    discord.world.add_guilds(2)
    discord.recommended_shards = 2
    run = await start("auto")
    assert run.client.shard_count == 2 and set(run.client.shards) == {0, 1}
    assert guild_ids(run.client) == set(discord.world.guilds)
    (call,) = [c for c in discord.calls if c.route == "/gateway/bot"]
    assert call.status == 200


async def test_a_plain_client_is_shard_0_of_1_with_the_one_guild(discord: LocalDiscord) -> None:
    client = discord_py.Client(intents=discord_py.Intents.default(), guild_ready_timeout=0.05)
    task = asyncio.create_task(client.start("local-token"))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        assert guild_ids(client) == {discord.world.guild_id}
        (session,) = discord.gateway.sessions.values()
        assert (session.shard_id, session.shard_count) == (0, 1) and discord.gateway.current is session
        assert session.sent[0]["d"]["shard"] == [0, 1]
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)


GUILDS = 10_000


async def test_ten_thousand_guilds_over_four_shards(discord: LocalDiscord, start: Any) -> None:
    began = time.perf_counter()
    discord.world.add_guilds(GUILDS - 1)  # with the first guild: 10,000
    made = time.perf_counter() - began
    assert len(discord.world.guilds) == GUILDS and made < 5, f"{made:.1f}s to make the guilds"
    run = await start("big", timeout=60, shard_ids=[0, 1, 2, 3], shard_count=4)
    assert len(run.client.guilds) == GUILDS
    assert {len(on_shard(discord, shard, 4)) for shard in range(4)} == {GUILDS // 4}
    last = list(discord.world.guilds)[-1]
    assert (await discord.slash("/where", guild=last)).content == f"big {last}"


CHILD = """
import asyncio, sys
import discord, yarl
from tests.local_discord.test_shards import ShardedClient

port = int(sys.argv[1])
discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/")

async def main() -> None:
    async with ShardedClient("child", shard_ids=[1], shard_count=2) as client:
        await client.start("local-token")

asyncio.run(main())
"""


async def test_a_shard_in_another_process_then_taken_over_after_its_crash(
    discord: LocalDiscord, start: Any
) -> None:
    second = discord.world.add_guild()
    await start("a", shard_ids=[0], shard_count=2)
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD, str(discord.port), cwd=REPO)
    try:
        await discord.wait_until_connected(timeout=30, shard_id=1)
        assert (await discord.slash("/where", guild=second, timeout=10)).content == f"child {second}"
    finally:
        child.kill()  # a crash: no close frame
        await child.wait()
    b = await start("b", shard_ids=[1], shard_count=2)  # the shard moves to a process still alive
    assert (await discord.slash("/where", guild=second)).content == f"b {second}"
    assert guild_ids(b.client) == on_shard(discord, 1, 2)


async def test_a_post_in_an_added_guild_is_kept_as_that_guilds(discord: LocalDiscord, start: Any) -> None:
    second = discord.world.add_guild()
    run = await start("a", shard_ids=[0, 1], shard_count=2)
    channel = discord.world.guilds[second].channel("announcements")
    sendable = run.client.get_channel(int(channel.id))
    assert isinstance(sendable, discord_py.TextChannel) and sendable.guild.id == int(second)
    await sendable.send("hello, second guild")
    (posted,) = await discord.wait_for_messages("announcements", 1, guild=second)
    assert posted["guild_id"] == second and discord.channel_messages("announcements") == []
