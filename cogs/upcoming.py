"""/upcoming [kind]: premieres, events and ticket sales still ahead, soonest first."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.i18n.commands import command_text
from bot.queries.upcoming import KINDS, Kind, upcoming
from bot.rendering.upcoming import render_upcoming
from cogs._limits import member_cooldown
from cogs._shows import guild_show


class Upcoming(commands.Cog):
    """The /upcoming command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("upcoming.command"), description=command_text("upcoming.command.description")
    )
    @app_commands.rename(kind=command_text("upcoming.option"))
    @app_commands.describe(kind=command_text("upcoming.option.description"))
    @app_commands.choices(
        kind=[app_commands.Choice(name=command_text(f"kind.{kind}"), value=kind) for kind in KINDS]
    )
    @member_cooldown()
    async def upcoming(self, interaction: discord.Interaction[SavoirBot], kind: str | None = None) -> None:
        """Answer with what lies ahead of the bot's clock."""
        chosen: Kind | None = next((k for k in KINDS if k == kind), None)
        result = upcoming(guild_show(interaction).facts.facts, self.bot.clock.now(), chosen)
        await interaction.response.send_message(
            embed=render_upcoming(result, chosen, str(interaction.locale))
        )


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(Upcoming(bot))
