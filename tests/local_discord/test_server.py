"""The local Discord behaves like Discord where the bot must cope, and records what the bot does."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import discord as discord_py
import pytest
from discord import Interaction, app_commands

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from tests.conftest import SEEDS


async def _add(savoir: SavoirBot, server: LocalDiscord, command: app_commands.Command) -> None:  # type: ignore[type-arg]
    guild = discord_py.Object(id=int(server.world.guild_id))
    savoir.tree.add_command(command, guild=guild)
    await savoir.tree.sync(guild=guild)


def _channel(savoir: SavoirBot, server: LocalDiscord, name: str) -> discord_py.TextChannel:
    channel = savoir.get_channel(int(server.world.channel(name).id))
    assert isinstance(channel, discord_py.TextChannel)
    return channel


async def test_a_body_discord_would_refuse_fails_with_a_readable_path(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    async def shout(interaction: Interaction[SavoirBot]) -> None:
        await interaction.response.send_message(embed=discord_py.Embed(title="x" * 301))

    await _add(savoir, discord, app_commands.Command(name="shout", description="too long", callback=shout))
    reply = await discord.slash("/shout")
    route = "/interactions/{interaction_id}/{interaction_token}/callback"
    assert discord.violations[0] == f"POST {route}: data.embeds[0].title: 301 characters, limit 256"
    assert reply.ephemeral and reply.content.startswith("Something went wrong on our side")
    discord.violations.clear()  # seen: the fixture checks that nothing else was refused


async def test_a_rate_limit_is_waited_out(discord: LocalDiscord, savoir: SavoirBot) -> None:
    discord.rate_limit("POST", "/channels/", times=2, retry_after=0.05)
    message = await _channel(savoir, discord, "announcements").send("after the wait")
    statuses = [c.status for c in discord.calls if c.route == "/channels/{channel}/messages"]
    assert statuses == [429, 429, 200]
    assert [m["content"] for m in discord.channel_messages("announcements")] == ["after the wait"]
    assert str(message.id) == discord.channel_messages("announcements")[0]["id"]


async def test_a_403_is_raised_to_the_caller_and_the_bot_carries_on(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    discord.forbid("announcements")
    with pytest.raises(discord_py.Forbidden) as refused:
        await _channel(savoir, discord, "announcements").send("hello")
    assert refused.value.code == 50013
    assert discord.channel_messages("announcements") == []
    assert (await discord.slash("/about")).embed["title"] == "About Savoir"


async def test_a_deleted_channel_is_unknown(discord: LocalDiscord, savoir: SavoirBot) -> None:
    channel = _channel(savoir, discord, "general")
    discord.delete_channel("general")
    with pytest.raises(discord_py.NotFound) as missing:
        await channel.send("hello")
    assert missing.value.code == 10003


async def test_a_repeated_nonce_returns_the_first_message(discord: LocalDiscord, savoir: SavoirBot) -> None:
    channel = _channel(savoir, discord, "announcements")
    first = await channel.send("7 days to go", nonce="g1-premiere-7d")
    again = await channel.send("7 days to go", nonce="g1-premiere-7d")
    other = await channel.send("1 day to go", nonce="g1-premiere-1d")
    assert first.id == again.id != other.id
    assert [m["content"] for m in discord.channel_messages("announcements")] == [
        "7 days to go",
        "1 day to go",
    ]
    (body, *_) = [c.body for c in discord.calls if c.route == "/channels/{channel}/messages"]
    assert body["enforce_nonce"] is True


async def test_a_nonce_is_forgotten_after_five_minutes(discord: LocalDiscord, savoir: SavoirBot) -> None:
    channel = _channel(savoir, discord, "announcements")
    first = await channel.send("7 days to go", nonce="g1-premiere-7d")
    discord.advance_clock(299)
    assert (await channel.send("7 days to go", nonce="g1-premiere-7d")).id == first.id
    discord.advance_clock(2)  # five minutes after the first: Discord no longer knows the nonce
    later = await channel.send("7 days to go", nonce="g1-premiere-7d")
    assert later.id != first.id
    assert len(discord.channel_messages("announcements")) == 2
    discord.advance_clock(299)  # and the second one is remembered from its own time
    assert (await channel.send("7 days to go", nonce="g1-premiere-7d")).id == later.id


async def test_a_dropped_connection_is_resumed_and_nothing_is_lost(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    assert discord.gateway.current is not None and discord.gateway.current.connection is not None
    assert discord.gateway.current.connection.compress, "frames go out zlib-stream compressed"
    discord.drop_connection()
    # Sent while the bot is away: the RESUME must replay it, and the bot must still answer.
    reply = await discord.slash("/about", timeout=15)
    assert reply.embed["title"] == "About Savoir"
    assert (discord.gateway.identifies, discord.gateway.resumes) == (1, 1)
    await discord.wait_until_connected()
    assert savoir.is_ready() and not savoir.is_closed()


async def test_autocomplete_offers_the_bots_choices(discord: LocalDiscord, savoir: SavoirBot) -> None:
    async def pick(interaction: Interaction[SavoirBot], colour: str) -> None:
        await interaction.response.send_message(f"picked {colour}")

    async def suggest(interaction: Interaction[SavoirBot], typed: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=c, value=c) for c in ("red", "green", "grey") if c.startswith(typed)]

    command: app_commands.Command[Any, Any, None] = app_commands.Command(
        name="pick", description="pick a colour", callback=pick
    )
    command.autocomplete("colour")(suggest)
    await _add(savoir, discord, command)
    offered = await discord.autocomplete("/pick", "colour", "gr")
    assert [c["value"] for c in offered.choices] == ["green", "grey"]
    assert (await discord.slash("/pick", colour="green")).content == "picked green"


async def test_a_call_discord_does_not_have_is_recorded(discord: LocalDiscord, savoir: SavoirBot) -> None:
    with pytest.raises(discord_py.NotFound):
        await savoir.http.request(discord_py.http.Route("GET", "/channels/{channel_id}/pins", channel_id=1))
    assert [(c.method, c.path.split("/")[-1], c.status) for c in discord.unexpected] == [("GET", "pins", 404)]
    discord.unexpected.clear()


async def test_a_wrong_token_cannot_log_in(discord: LocalDiscord) -> None:
    client = discord_py.Client(intents=discord_py.Intents.none())
    with pytest.raises(discord_py.LoginFailure):
        await client.login("not-the-token")
    await client.close()
    await asyncio.sleep(0)


async def test_heartbeats_are_acknowledged(tmp_path: Path, clock: ManualClock) -> None:
    async with LocalDiscord(heartbeat_interval_ms=50) as server:
        running = await start_local_bot(server, local_settings(server, SEEDS, tmp_path), clock)
        await asyncio.sleep(0.4)
        assert server.gateway.heartbeats >= 3
        assert (server.gateway.identifies, server.gateway.resumes) == (1, 0), "acknowledged: no reconnect"
        assert running.bot.latency < 1.0
        await running.stop()


async def test_the_member_their_roles_and_locale_reach_the_bot(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    async def whoami(interaction: Interaction[SavoirBot]) -> None:
        member = interaction.user
        assert isinstance(member, discord_py.Member)
        roles = ",".join(role.name for role in member.roles if role.name != "@everyone")
        await interaction.response.send_message(
            f"{member.name} {roles} {interaction.locale.value} manage={member.guild_permissions.manage_guild}"
        )

    await _add(savoir, discord, app_commands.Command(name="whoami", description="who", callback=whoami))
    assert (
        await discord.slash("/whoami", user="moderator", locale="fr")
    ).content == "moderator Moderators fr manage=True"
    assert (
        await discord.slash("/whoami", user="member", locale="en-US")
    ).content == "member Fans en-US manage=False"


async def test_scheduled_events_are_created_edited_and_recorded(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:

    guild = savoir.get_guild(int(discord.world.guild_id))
    assert guild is not None
    start = dt.datetime(2030, 8, 15, 7, 0, tzinfo=dt.UTC)
    event = await guild.create_scheduled_event(
        name="Season 9 premiere", start_time=start, end_time=start + dt.timedelta(hours=1),
        entity_type=discord_py.EntityType.external, location="Streaming",
        privacy_level=discord_py.PrivacyLevel.guild_only,
    )  # fmt: skip
    (stored,) = discord.scheduled_events.values()
    assert (stored["name"], stored["entity_type"], stored["entity_metadata"]) == (
        "Season 9 premiere",
        3,
        {"location": "Streaming"},
    )
    assert event.id == int(stored["id"])
    await event.edit(name="Season 9 premiere (moved)", start_time=start + dt.timedelta(days=1))
    assert discord.scheduled_events[stored["id"]]["name"] == "Season 9 premiere (moved)"
    await event.delete()
    assert discord.scheduled_events == {}


async def test_a_late_followup_still_reaches_its_interaction(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    async def slow(interaction: Interaction[SavoirBot]) -> None:
        await interaction.response.send_message("working on it")
        await asyncio.sleep(0.1)
        await interaction.followup.send("done")

    await _add(savoir, discord, app_commands.Command(name="slow", description="slow", callback=slow))
    reply = await discord.slash("/slow")
    assert reply.content == "working on it" and reply.followups == []
    await asyncio.sleep(0.3)
    assert [message["content"] for message in reply.followups] == ["done"]
