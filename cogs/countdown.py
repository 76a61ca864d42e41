"""/countdown: where and when countdown posts go and spoiler days (moderators), and opting in to its pings
(everyone)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import SavoirBot
from bot.countdown.milestones import MilestoneError, codes, parse_milestones
from bot.countdown.pings import toggle_ping_role, unfit_ping_role
from bot.i18n import text
from bot.i18n.commands import command_text
from bot.rendering.countdown import add_events_status, add_pings_status, render_recovery, render_status
from bot.store.state_rows import MAX_SPOILER_DAYS
from cogs._limits import member_cooldown
from cogs._moderators import is_moderator


@app_commands.guild_only()
class Countdown(commands.GroupCog, group_name=command_text("countdown.command"),
                group_description=command_text("countdown.command.description")):  # fmt: skip
    """The /countdown group. Members see it for subscribe and unsubscribe (Discord's default permissions
    apply to a whole group), so the bot itself keeps every other subcommand to moderators."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot]) -> bool:  # type: ignore[override]
        """Subscribing is for everyone; every other subcommand for moderators only."""
        if interaction.command in (self.subscribe, self.unsubscribe):
            return True
        return is_moderator(interaction)

    @app_commands.command(
        name=command_text("countdown.channel.command"),
        description=command_text("countdown.channel.description"),
    )
    @app_commands.rename(channel=command_text("countdown.channel.option"))
    @app_commands.describe(channel=command_text("countdown.channel.option.description"))
    async def channel(
        self, interaction: discord.Interaction[SavoirBot], channel: discord.TextChannel
    ) -> None:
        """Post countdowns in a channel from now on; milestones already behind are not posted late."""
        locale = str(interaction.locale)
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        settings.channel_id = channel.id
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=True)
        me = channel.guild.me
        if me is not None and not channel.permissions_for(me).send_messages:
            note = text("countdown.set.cannot_post", locale, channel=channel.mention)
        else:
            note = text(
                "countdown.set", locale, channel=channel.mention, milestones=codes(settings.milestones)
            )
        await interaction.response.send_message(note, ephemeral=True)

    @app_commands.command(
        name=command_text("countdown.off.command"), description=command_text("countdown.off.description")
    )
    async def off(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Stop posting countdowns."""
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        was_on = settings.channel_id is not None
        settings.channel_id = None
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=False)
        key = "countdown.off.done" if was_on else "countdown.off.already"
        await interaction.response.send_message(text(key, str(interaction.locale)), ephemeral=True)

    @app_commands.command(
        name=command_text("countdown.status.command"),
        description=command_text("countdown.status.description"),
    )
    async def status(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Where posts go, the next ones due, and any problem."""
        guild_id = interaction.guild_id or 0
        settings = self.bot.countdown.guild(guild_id)
        locale = str(interaction.locale)
        recovery = self.bot.countdown.state_recovery()
        notice = (
            render_recovery(recovery, guild_id in self.bot.countdown.settings, locale) if recovery else None
        )
        embed = render_status(settings, self.bot.countdown.upcoming(guild_id), locale, notice)
        add_pings_status(
            embed, settings, interaction.guild, interaction.app_permissions, self.bot.settings.moderator_role_ids,
            locale,
        )
        events = self.bot.events.guild(guild_id)
        add_events_status(embed, events, events.held, locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name=command_text("countdown.milestones.command"),
        description=command_text("countdown.milestones.description"),
    )
    @app_commands.rename(milestones=command_text("countdown.milestones.option"))
    @app_commands.describe(milestones=command_text("countdown.milestones.option.description"))
    async def milestones(
        self, interaction: discord.Interaction[SavoirBot], milestones: app_commands.Range[str, 1, 100]
    ) -> None:
        """Change when posts go out before each date."""
        locale = str(interaction.locale)
        try:
            chosen = parse_milestones(milestones)
        except MilestoneError as error:
            await interaction.response.send_message(
                text("countdown.milestones.bad", locale, reason=error.describe(locale)), ephemeral=True
            )
            return
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        settings.milestones = chosen
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=True)
        await interaction.response.send_message(
            text("countdown.milestones.done", locale, milestones=codes(chosen)), ephemeral=True
        )

    @app_commands.command(
        name=command_text("countdown.ping.command"), description=command_text("countdown.ping.description")
    )
    @app_commands.rename(role=command_text("countdown.ping.option"))
    @app_commands.describe(role=command_text("countdown.ping.option.description"))
    async def ping(
        self, interaction: discord.Interaction[SavoirBot], role: discord.Role | None = None
    ) -> None:
        """Mention a role in countdown posts, or nobody (never @everyone: posts mention one chosen role)."""
        if role is not None and role.is_default():
            await interaction.response.send_message(
                text("countdown.ping.everyone", str(interaction.locale)), ephemeral=True
            )
            return
        unfit = (
            unfit_ping_role(interaction.guild, role, self.bot.settings.moderator_role_ids)
            if role is not None and interaction.guild is not None
            else None
        )
        if role is not None and unfit is not None:
            await interaction.response.send_message(
                text(unfit, str(interaction.locale), role=role.mention),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        settings.ping_role_id = role.id if role else None
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=False)
        locale = str(interaction.locale)
        note = (
            text("countdown.ping.done", locale, role=role.mention)
            if role
            else text("countdown.ping.cleared", locale)
        )
        await interaction.response.send_message(
            note, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @app_commands.command(
        name=command_text("countdown.subscribe.command"),
        description=command_text("countdown.subscribe.description"),
    )
    @member_cooldown()
    async def subscribe(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Give the member the ping role."""
        note = await toggle_ping_role(interaction, True)
        await interaction.response.send_message(
            note, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @app_commands.command(
        name=command_text("countdown.unsubscribe.command"),
        description=command_text("countdown.unsubscribe.description"),
    )
    @member_cooldown()
    async def unsubscribe(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Take the ping role from the member."""
        note = await toggle_ping_role(interaction, False)
        await interaction.response.send_message(
            note, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @app_commands.command(
        name=command_text("countdown.spoilers.command"),
        description=command_text("countdown.spoilers.description"),
    )
    @app_commands.rename(days=command_text("countdown.spoilers.option"))
    @app_commands.describe(days=command_text("countdown.spoilers.option.description"))
    async def spoilers(
        self, interaction: discord.Interaction[SavoirBot], days: app_commands.Range[int, 0, MAX_SPOILER_DAYS]
    ) -> None:
        """For how many days after a premiere a season's story is hidden behind spoiler tags (0: never)."""
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        settings.spoiler_days = days
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=False)
        locale = str(interaction.locale)
        note = text("countdown.spoilers.done", locale, days=days) if days else text("countdown.spoilers.off", locale)
        await interaction.response.send_message(note, ephemeral=True)

    @app_commands.command(
        name=command_text("countdown.events.command"),
        description=command_text("countdown.events.description"),
    )
    @app_commands.rename(state=command_text("countdown.events.option"))
    @app_commands.describe(state=command_text("countdown.events.option.description"))
    @app_commands.choices(
        state=[app_commands.Choice(name=command_text(f"countdown.events.choice.{v}"), value=v) for v in ("on", "off")]
    )
    async def events(self, interaction: discord.Interaction[SavoirBot], state: str) -> None:
        """Keep a Discord scheduled event for each upcoming date, or delete the ones the bot made."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # Discord is asked once per event
        settings = await self.bot.events.set_enabled(interaction.guild_id or 0, state == "on")
        locale = str(interaction.locale)
        if settings.problem is not None:
            note = text(settings.problem, locale)
        elif settings.enabled:
            count = settings.held
            note = text("countdown.events.done", locale, count=count)
        else:
            note = text("countdown.events.off", locale)
        await interaction.followup.send(note, ephemeral=True)


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(Countdown(bot))
