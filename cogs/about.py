"""/about: what the bot is, how many facts it knows, from which articles, and when they were loaded."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.i18n import language_of
from bot.i18n.commands import command_text
from bot.rendering.about import render_about
from cogs._shows import guild_show


class About(commands.Cog):
    """The /about command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("about.command"), description=command_text("about.command.description")
    )
    async def about(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Answer with the about embed of the guild's show (which says it is this server's choice when the
        bot serves several shows)."""
        locale = str(interaction.locale)
        facts, several = guild_show(interaction).facts, self.bot.shows.several
        embed = facts.remembered(
            ("about", language_of(locale), several),
            lambda: render_about(facts.facts, facts.loaded_at, locale, chosen=several),
        )
        await interaction.response.send_message(embed=embed)


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(About(bot))
