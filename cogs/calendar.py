"""/calendar: every upcoming dated fact as an .ics file, privately; the feed's address when it is served."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.facts.identity import slug
from bot.i18n import counted, text
from bot.i18n.commands import command_text
from cogs._limits import member_cooldown
from cogs._shows import guild_show


class Calendar(commands.Cog):
    """The /calendar command."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=command_text("calendar.command"), description=command_text("calendar.command.description")
    )
    @member_cooldown()
    async def calendar(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Send the calendar file of what lies ahead, visible to the member alone."""
        locale, show = str(interaction.locale), guild_show(interaction)
        # The first build after a reload reads the state database: answer within Discord's 3 s whatever it takes.
        await interaction.response.defer(ephemeral=True, thinking=True)
        file = await self.bot.show_calendars[show.key].current(locale)
        feed = self.bot.calendar_feed_url(show)
        lines = [
            counted("calendar.reply", len(file.fact_ids), locale)
            if file.fact_ids
            else text("calendar.reply.none", locale)
        ]
        too_big = len(file.body) > interaction.filesize_limit
        if too_big:
            lines = [text("calendar.too_big", locale, size=f"{len(file.body) / 1e6:.1f}")]
        if feed is not None:
            lines.append(text("calendar.feed", locale, url=feed))
        attachments = []
        if file.fact_ids and not too_big:
            name = f"{slug(show.title) or 'calendar'}.ics"[:100]
            attachments.append(discord.File(io.BytesIO(file.body), filename=name))
        await interaction.followup.send("\n".join(lines), files=attachments, ephemeral=True)


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(Calendar(bot))
