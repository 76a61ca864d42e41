"""/setup show: moderators choose the show their server follows (only when the bot serves several)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.discord_limits import CHOICE_TEXT, CHOICES
from bot.i18n import text
from bot.i18n.commands import command_text
from bot.rendering.limits import clip
from bot.tree import NotModeratorError
from cogs._moderators import is_moderator


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Setup(commands.GroupCog, group_name=command_text("setup.command"),
            group_description=command_text("setup.command.description")):  # fmt: skip
    """The /setup group; Discord shows it to Manage Server by default, and the bot checks again."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot]) -> bool:  # type: ignore[override]
        """Moderators only, whatever a server admin did to the command's permissions."""
        return is_moderator(interaction)

    @app_commands.command(
        name=command_text("setup.show.command"), description=command_text("setup.show.description")
    )
    @app_commands.rename(show=command_text("setup.show.option"))
    @app_commands.describe(show=command_text("setup.show.option.description"))
    async def show(self, interaction: discord.Interaction[SavoirBot], show: app_commands.Range[str, 1, 100]) -> None:
        """Follow a show from now on: the members' commands, countdowns, events and calendar change with it."""
        locale, guild_id = str(interaction.locale), interaction.guild_id or 0
        chosen = self.bot.shows.get(show.strip()) or next(
            (s for s in self.bot.shows.all() if s.title.casefold() == show.strip().casefold()), None
        )
        if chosen is None:
            value = discord.utils.escape_markdown(show).replace("`", "'")
            await interaction.response.send_message(text("setup.show.unknown", locale, value=value), ephemeral=True)
            return
        title = discord.utils.escape_markdown(chosen.title)
        if self.bot.show_for(guild_id) is chosen:
            await interaction.response.send_message(text("setup.show.same", locale, show=title), ephemeral=True)
            return
        await self.bot.shows.choose(guild_id, chosen.key, self.bot.clock.now(), interaction.user.id)
        # The countdown watches the new show's dates from now: milestones already behind are not posted late.
        if guild_id in self.bot.countdown.settings:
            settings = self.bot.countdown.guild(guild_id)
            await self.bot.countdown.update(settings, interaction.user.id, restart_watch=True)
        await interaction.response.send_message(text("setup.show.chosen", locale, show=title), ephemeral=True)

    @show.autocomplete("show")
    async def suggest(
        self, interaction: discord.Interaction[SavoirBot], typed: str
    ) -> list[app_commands.Choice[str]]:
        """The shows' titles matching what is typed; nothing for members (Discord runs no check before
        autocomplete)."""
        try:
            is_moderator(interaction)
        except NotModeratorError:
            return []
        return [
            app_commands.Choice(name=clip(show.title, CHOICE_TEXT), value=show.key)
            for show in self.bot.shows.matching(typed)[:CHOICES]
        ]


async def setup(bot: SavoirBot) -> None:
    """Load the extension: only a bot serving several shows has a choice to offer (one show needs no setup)."""
    if bot.shows.several:
        await bot.add_cog(Setup(bot))
