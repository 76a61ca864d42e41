"""/cast name: a character and who plays them, or a person and their roles, with the articles behind it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.discord_limits import CHOICE_TEXT
from bot.i18n import language_of
from bot.i18n.commands import command_text
from bot.rendering.cast import label, render_lookup
from bot.rendering.limits import clip
from cogs._limits import member_cooldown
from cogs._shows import guild_show


class Cast(commands.Cog):
    """The /cast command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("cast.command"), description=command_text("cast.command.description")
    )
    @app_commands.rename(name=command_text("cast.option"))
    @app_commands.describe(name=command_text("cast.option.description"))
    @member_cooldown()
    async def cast(
        self, interaction: discord.Interaction[SavoirBot], name: app_commands.Range[str, 1, 100]
    ) -> None:
        """Look the name up and answer with what the articles say."""
        facts, locale = guild_show(interaction).facts, str(interaction.locale)
        embed = facts.remembered(
            ("cast", name.strip().casefold(), language_of(locale)),
            lambda: render_lookup(facts.people.lookup(name), name, locale),
        )
        await interaction.response.send_message(embed=embed)

    @cast.autocomplete("name")
    async def suggest(
        self, interaction: discord.Interaction[SavoirBot], typed: str
    ) -> list[app_commands.Choice[str]]:
        """The best matches so far, character and actor on one line."""
        locale, show = str(interaction.locale), self.bot.show_for(interaction.guild_id)
        if show is None:
            return []
        return [
            app_commands.Choice(
                name=clip(label(entry, locale), CHOICE_TEXT), value=clip(entry.name, CHOICE_TEXT)
            )
            for entry in show.facts.people.suggest(typed)
        ]


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(Cast(bot))
