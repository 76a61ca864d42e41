"""The show a command answers about: the one the interaction's guild follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.tree import ShowNotChosenError

if TYPE_CHECKING:
    from bot.client import SavoirBot
    from bot.shows.registry import Show


def guild_show(interaction: discord.Interaction[SavoirBot]) -> Show:
    """The guild's show; ShowNotChosenError (a short private note: a moderator must choose it with /setup
    show) in a guild of a several-show deployment that has not chosen."""
    show = interaction.client.show_for(interaction.guild_id)
    if show is None:
        raise ShowNotChosenError()
    return show
