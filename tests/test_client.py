"""The bot's start-up, command sync and error handling, on the real discord.py against the local Discord."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from discord import AppCommandOptionType, Client, Interaction, app_commands
from discord import Object as DiscordObject

from bot.client import SavoirBot, extension_names
from bot.local_discord import LocalDiscord
from bot.local_discord.world import Member


class OnlyLowerCase(app_commands.Transformer):
    """Refuses a value with capitals, as a channel or role transformer refuses the wrong kind."""

    async def transform(self, interaction: Interaction[Client], value: str) -> str:
        if value != value.lower():
            raise app_commands.TransformerError(value, AppCommandOptionType.string, self)
        return value


@app_commands.command(name="quiet", description="test command quiet")
async def quiet(
    interaction: Interaction[SavoirBot], word: app_commands.Transform[str, OnlyLowerCase]
) -> None:
    await interaction.response.send_message(word)


async def test_start_up_in_order_and_nothing_else(discord: LocalDiscord, savoir: SavoirBot) -> None:
    routes = [(call.method, call.route) for call in discord.calls]
    assert routes[:3] == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("PUT", "/applications/{app}/guilds/{guild}/commands"),
    ]
    assert not any(route == "/applications/{app}/commands" for _, route in routes), "no global sync at start"
    assert discord.gateway.identifies == 1
    assert savoir.user is not None and str(savoir.user.id) == discord.world.application_id
    mentions = savoir.allowed_mentions
    assert mentions is not None
    assert dict(mentions.to_dict()) == {"parse": []}


async def test_every_extension_loads_and_command_names_never_collide(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    assert sorted(savoir.extensions) == extension_names()
    assert "cogs.about" in savoir.extensions
    names = [command["name"] for command in discord.syncs[-1].body]
    assert len(names) == len(set(names))
    assert "about" in names


async def _add_commands(savoir: SavoirBot, discord: LocalDiscord, *commands: app_commands.Command) -> None:  # type: ignore[type-arg]
    guild = DiscordObject(id=int(discord.world.guild_id))
    for command in commands:
        savoir.tree.add_command(command, guild=guild)
    await savoir.tree.sync(guild=guild)


def _command(name: str, body: Callable[[Interaction[SavoirBot]], object]) -> app_commands.Command:  # type: ignore[type-arg]
    async def callback(interaction: Interaction[SavoirBot]) -> None:
        await body(interaction)  # type: ignore[misc]

    return app_commands.Command(name=name, description=f"test command {name}", callback=callback)


async def test_a_cooldown_gets_a_short_private_note(
    discord: LocalDiscord, savoir: SavoirBot, member: Member
) -> None:
    async def answer(interaction: Interaction[SavoirBot]) -> None:
        await interaction.response.send_message("pong")

    ping = _command("ping", answer)
    app_commands.checks.cooldown(1, 60.0)(ping)
    await _add_commands(savoir, discord, ping)
    first = await discord.slash("/ping", user=member)
    second = await discord.slash("/ping", user=member)
    assert (first.content, first.ephemeral) == ("pong", False)
    assert second.ephemeral and second.content.startswith("Slow down a little: try again in")
    assert (await discord.slash("/ping", user="moderator")).content == "pong", "the cooldown is per member"


async def test_a_failed_check_is_refused_privately(discord: LocalDiscord, savoir: SavoirBot) -> None:
    async def answer(interaction: Interaction[SavoirBot]) -> None:
        await interaction.response.send_message("secret")

    secret = _command("secret", answer)
    app_commands.checks.has_permissions(manage_guild=True)(secret)
    await _add_commands(savoir, discord, secret)
    refused = await discord.slash("/secret", user="member")
    assert refused.ephemeral and refused.content == "You need the Manage Guild permission for this."
    assert (await discord.slash("/secret", user="moderator")).content == "secret"


async def test_a_refused_option_value_is_named_not_its_transformer(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    await _add_commands(savoir, discord, quiet)
    assert (await discord.slash("/quiet", word="hush")).content == "hush"
    refused = await discord.slash("/quiet", word="LOUD`er")
    assert refused.ephemeral and refused.content == "That value (`LOUD'er`) doesn't work for this option."
    assert "Transformer" not in refused.content
    assert savoir.command_failures == 0, "a member's bad value is not our failure"


async def test_our_own_failure_is_logged_never_shown(
    discord: LocalDiscord, savoir: SavoirBot, caplog: pytest.LogCaptureFixture
) -> None:
    async def explode(interaction: Interaction[SavoirBot]) -> None:
        raise RuntimeError("database on fire")

    async def explode_late(interaction: Interaction[SavoirBot]) -> None:
        await interaction.response.defer()
        raise RuntimeError("late fire")

    await _add_commands(savoir, discord, _command("explode", explode), _command("late", explode_late))
    with caplog.at_level(logging.ERROR, logger="bot.tree"):
        reply = await discord.slash("/explode")
        late = await discord.slash("/late")
    for answer in (reply, late):
        assert answer.ephemeral
        assert (
            answer.content == "Something went wrong on our side. It has been logged; please try again later."
        )
        assert "Traceback" not in answer.text() and "fire" not in answer.text()
    assert late.followups, "after a deferral the note goes out as a followup"
    logged = [r for r in caplog.records if r.name == "bot.tree"]
    assert [r.getMessage().split(" failed")[0] for r in logged] == ["/explode", "/late"]
    assert logged[0].exc_info is not None and "database on fire" in str(logged[0].exc_info[1])
    assert savoir.command_failures == 2


async def test_the_token_never_reaches_a_log(
    discord: LocalDiscord, savoir: SavoirBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    discord.drop_connection()  # a reconnect sends the token again
    await discord.wait_until_connected()
    await discord.slash("/about")
    assert discord.token not in caplog.text
    assert discord.token not in repr(savoir.settings)
