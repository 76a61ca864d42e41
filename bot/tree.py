"""One error handler for every slash command: short ephemeral notes for the member, logs for us."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.i18n import text
from bot.store.database import unreachable

if TYPE_CHECKING:
    from bot.client import SavoirBot

log = logging.getLogger(__name__)


class NotModeratorError(app_commands.CheckFailure):
    """A member without Manage Server or a moderator role used a moderators' command."""


class ShowNotChosenError(app_commands.CheckFailure):
    """A command in a guild of a several-show deployment whose moderators have not chosen its show yet."""


def explain(error: app_commands.AppCommandError, locale: str | None) -> str | None:
    """The note for an error the member caused or can wait out; None for our own failures."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return text("error.cooldown", locale, seconds=max(1.0, error.retry_after))
    if isinstance(error, app_commands.NoPrivateMessage):
        return text("error.guild_only", locale)
    if isinstance(error, app_commands.MissingPermissions):
        permissions = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return text("error.missing_permissions", locale, permissions=permissions)
    if isinstance(error, NotModeratorError):
        return text("error.not_moderator", locale)
    if isinstance(error, ShowNotChosenError):
        return text("error.show_not_chosen", locale)
    if isinstance(error, app_commands.CheckFailure):
        return text("error.not_allowed", locale)
    if isinstance(error, app_commands.TransformerError):
        # The transformer's class name means nothing to a member; the value they gave does.
        return text("error.bad_option", locale, value=str(error.value).replace("`", "'")[:100])
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return text("error.unknown_command", locale)
    return None


class SavoirTree(app_commands.CommandTree["SavoirBot"]):
    """The command tree, with the bot's one error handler."""

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot], /) -> bool:
        """Note when a command reached the bot, for the answer latency metric."""
        interaction.extras["started"] = time.perf_counter()
        return True

    async def on_error(
        self, interaction: discord.Interaction[SavoirBot], error: app_commands.AppCommandError
    ) -> None:
        """Answer the member briefly and privately; log whatever is our fault, with its context."""
        note = explain(error, str(interaction.locale))
        command = interaction.command.qualified_name if interaction.command else "?"
        interaction.client.metrics.answered(
            command, "refused" if note is not None else "error", interaction.extras.get("started")
        )
        original = getattr(error, "original", error)
        if note is None and unreachable(original):
            log.warning(
                "/%s in guild %s: the state database failed: %s", command, interaction.guild_id, original
            )
            note = text("error.database", str(interaction.locale))
        if note is None:
            log.error(
                "/%s failed for user %s in guild %s", command, interaction.user.id, interaction.guild_id,
                exc_info=error,
            )  # fmt: skip
            interaction.client.command_failures += 1
            note = text("error.internal", str(interaction.locale))
        try:
            if interaction.response.is_done():
                await interaction.followup.send(note, ephemeral=True)
            else:
                await interaction.response.send_message(note, ephemeral=True)
        except discord.HTTPException:
            log.exception("could not tell user %s about an error", interaction.user.id)
