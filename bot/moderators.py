"""Who may use the moderators' commands and buttons: Manage Server, or a role listed in MODERATOR_ROLE_IDS.

Discord's default permissions on a command group can be widened by any server admin, so the bot checks
again at run time; a button has no default permissions at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.tree import NotModeratorError

if TYPE_CHECKING:
    from bot.client import SavoirBot


def is_moderator(interaction: discord.Interaction[SavoirBot]) -> bool:
    """True for Manage Server or a moderator role; otherwise NotModeratorError (a short private note)."""
    member = interaction.user
    if isinstance(member, discord.Member):
        if member.guild_permissions.manage_guild:
            return True
        allowed = set(interaction.client.settings.moderator_role_ids)
        if allowed & {role.id for role in member.roles}:
            return True
    raise NotModeratorError()
