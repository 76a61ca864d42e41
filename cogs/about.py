"""/about: what the bot is, how many facts it knows, from which articles, and when they were loaded."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.i18n import language_of
from bot.i18n.commands import command_text
from bot.rendering.about import render_about


class About(commands.Cog):
    """The /about command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("about.command"), description=command_text("about.command.description")
    )
    async def about(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Answer with the about embed."""
        facts, locale = self.bot.facts, str(interaction.locale)
        embed = facts.remembered(
            ("about", language_of(locale)), lambda: render_about(facts.facts, facts.loaded_at, locale)
        )
        await interaction.response.send_message(embed=embed)


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(About(bot))
