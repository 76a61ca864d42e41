"""/season number: everything known about a season."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.discord_limits import CHOICES
from bot.i18n import text
from bot.i18n.commands import command_text
from bot.queries.seasons import known_seasons, season_view, story_is_spoiler
from bot.rendering.season import render_season, render_unknown_season
from cogs._limits import member_cooldown
from cogs._shows import guild_show


class SeasonCommand(commands.Cog, name="Season"):
    """The /season command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("season.command"), description=command_text("season.command.description")
    )
    @app_commands.rename(number=command_text("season.option"))
    @app_commands.describe(number=command_text("season.option.description"))
    @member_cooldown()
    async def season(
        self, interaction: discord.Interaction[SavoirBot], number: app_commands.Range[int, 1, 99]
    ) -> None:
        """Answer with the season, or with the seasons known when this one is not."""
        facts = guild_show(interaction).facts.facts
        locale = str(interaction.locale)
        view = season_view(facts, number)
        if view is None:
            embed = render_unknown_season(number, known_seasons(facts), locale)
        else:
            days = self.bot.countdown.guild(interaction.guild_id or 0).spoiler_days  # default outside a guild
            hide = story_is_spoiler(view, self.bot.clock.now(), days)
            embed = render_season(view, locale, hide_story=hide)
        await interaction.response.send_message(embed=embed)

    @season.autocomplete("number")
    async def suggest(
        self, interaction: discord.Interaction[SavoirBot], typed: str
    ) -> list[app_commands.Choice[int]]:
        """The seasons the store knows, those starting with what is typed first."""
        locale, show = str(interaction.locale), self.bot.show_for(interaction.guild_id)
        choices: list[app_commands.Choice[int]] = []
        for season in show.facts.facts.seasons if show is not None else []:
            if typed.strip() and not str(season.number).startswith(typed.strip()):
                continue
            key = "season.choice.year" if season.year else "season.choice"
            choices.append(app_commands.Choice(name=text(key, locale, number=season.number, year=season.year),
                                               value=season.number))  # fmt: skip
        return choices[:CHOICES]


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(SeasonCommand(bot))
