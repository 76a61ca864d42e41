"""Opt-in pings: the "Notify me" button on countdown posts and /countdown subscribe give or take the guild's
ping role; when the bot may not (no role set, Manage Roles missing, a role at or above its own) it says why."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.i18n import text

if TYPE_CHECKING:
    from bot.client import SavoirBot

log = logging.getLogger(__name__)

# One fixed id: the button carries no state (the role is the guild's setting), so any post's button, old or
# new, is answered by the one view registered at start.
NOTIFY_ID = "savoir:countdown:notify"


def ping_problem(
    guild: discord.Guild, role_id: int | None, permissions: discord.Permissions, moderator_roles: list[int]
) -> str | None:
    """The catalogue key saying why members cannot get the ping role through the bot; None when they can.
    `permissions` are the bot's, as Discord sent them with the interaction."""
    if role_id is None:
        return "pings.no_role"
    role = guild.get_role(role_id)
    if role is None:
        return "pings.role_gone"
    if not permissions.manage_roles:
        return "pings.no_manage_roles"
    return unfit_ping_role(guild, role, moderator_roles)


def unfit_ping_role(guild: discord.Guild, role: discord.Role, moderator_roles: list[int]) -> str | None:
    """Why this role may not be the ping role (the catalogue key), None when it is fit: it must be a plain role
    the bot can hand out, since any member gets it by asking. Checked when chosen and at every press (its
    permissions may change)."""
    if role.id in moderator_roles:
        return "pings.role_powerful"
    me = guild.me
    if role.managed or (me is not None and role in me.roles):
        return "pings.role_managed"  # a bot's or an integration's own role
    # Positions compared as numbers: a tie (which Discord orders by id) is refused too, never a 403 later.
    if me is None or role.position >= me.top_role.position:
        return "pings.role_too_high"
    return role_grants_power(guild, role)


def role_grants_power(guild: discord.Guild, role: discord.Role) -> str | None:
    """Why a role may not be handed to any member who asks: it grants a permission beyond what every member
    already has (a moderator's role, an admin's), or it is @everyone. None for a plain role."""
    if role.is_default():
        return "pings.role_everyone"
    if role.permissions.value & ~guild.default_role.permissions.value:
        return "pings.role_powerful"
    return None


async def toggle_ping_role(interaction: discord.Interaction[SavoirBot], want: bool | None) -> str:
    """Give (want=True), take (False) or flip (None) the guild's ping role for the member who asked; returns
    what to tell them. Nothing changes unless Discord accepted the change."""
    locale = str(interaction.locale)
    guild, member = interaction.guild, interaction.user
    if guild is None or not isinstance(member, discord.Member):
        return text("error.guild_only", locale)
    role_id = interaction.client.countdown.guild(guild.id).ping_role_id
    problem = ping_problem(
        guild, role_id, interaction.app_permissions, interaction.client.settings.moderator_role_ids
    )
    role = guild.get_role(role_id) if role_id is not None else None
    if problem is not None or role is None:
        return text(problem or "pings.role_gone", locale, role=role.mention if role else "")
    has = any(r.id == role.id for r in member.roles)
    add = not has if want is None else want
    if add == has:
        return text("pings.already_on" if has else "pings.already_off", locale, role=role.mention)
    try:
        if add:
            await member.add_roles(role, reason="asked for countdown pings")
        else:
            await member.remove_roles(role, reason="asked to stop countdown pings")
    except discord.NotFound:
        log.warning("pings: guild %s role %s is gone (member %s asked)", guild.id, role.id, member.id)
        return text("pings.role_gone", locale, role=role.mention)
    except discord.Forbidden as error:
        log.warning("pings: guild %s refused role %s for member %s: %s", guild.id, role.id, member.id, error)
        return text("pings.refused", locale, role=role.mention)
    except discord.HTTPException as error:
        log.warning("pings: guild %s role %s member %s failed: %s", guild.id, role.id, member.id, error)
        return text("pings.failed", locale)
    # A press is answered with "press again"; a command, which has no button, with the command that undoes it.
    on_key = "pings.on" if want is None else "pings.on.command"
    return text(on_key if add else "pings.off", locale, role=role.mention)


class NotifyView(discord.ui.View):
    """The "Notify me" button under a countdown post; persistent: no timeout, a fixed custom id."""

    def __init__(self, locale: str | None = None) -> None:
        super().__init__(timeout=None)
        self.notify.label = text("pings.button", locale)

    @discord.ui.button(label="Notify me", custom_id=NOTIFY_ID, style=discord.ButtonStyle.secondary)
    async def notify(
        self, interaction: discord.Interaction[SavoirBot], _: discord.ui.Button[NotifyView]
    ) -> None:
        """Flip the presser's ping role and tell them privately; the reply mentions nobody. Pressing has the
        members' cooldown: each press is a role change Discord rate-limits and every client hears of."""
        try:
            interaction.client.ping_presses(interaction)
        except app_commands.CommandOnCooldown as cooling:
            note = text("error.cooldown", str(interaction.locale), seconds=max(1.0, cooling.retry_after))
        else:
            note = await toggle_ping_role(interaction, None)
        await interaction.response.send_message(
            note, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
