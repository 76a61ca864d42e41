"""The audit trail of changes to the facts: who changed what, logged, and posted to the guild's mod-log channel."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.discord_limits import CONTENT
from bot.facts.diff import FactDiff
from bot.i18n import text
from bot.rendering.limits import clip

if TYPE_CHECKING:
    from bot.client import SavoirBot

audit = logging.getLogger("bot.audit")


def who(interaction: discord.Interaction[SavoirBot]) -> str:
    """A moderator as recorded (corrections.toml, the store, the review queue): display name and id."""
    # Written to files and the store: a name is kept as valid text whatever Discord sent.
    name = interaction.user.display_name.encode("utf-8", "replace").decode("utf-8")
    name = "".join(c for c in name if c.isprintable())[:100]
    return f"{name} ({interaction.user.id})"


def summary(diff: FactDiff) -> str:
    """A diff in one line, for the log."""
    if diff.empty:
        return "nothing changed"
    parts = [f"+{fact_id}" for fact_id, _ in diff.added] + [f"-{fact_id}" for fact_id, _ in diff.removed]
    parts += [f"{c.fact_id}.{c.field}: {c.before!r} -> {c.after!r}" for c in diff.changed]
    return "; ".join(parts)


async def record_change(
    bot: SavoirBot,
    interaction: discord.Interaction[SavoirBot],
    action: str,
    diff: FactDiff,
    *,
    post: bool = True,
) -> None:
    """Log a change with who, when and the diff; also post it to the guild's mod-log channel unless `post` is
    False (the change already shows there, as a review message does)."""
    line_summary = summary(diff)
    audit.info("%s by %s in guild %s: %s", action, who(interaction), interaction.guild_id, line_summary)
    settings = bot.countdown.guild(interaction.guild_id or 0)
    if not post or settings.mod_log_channel_id is None:
        return
    # The log channel may be one members read: the moderator's name, never their id.
    line = text("facts.audit", str(interaction.guild_locale or "en-US"), action=action,
                by=interaction.user.display_name, summary=line_summary)  # fmt: skip
    try:
        channel = bot.get_channel(settings.mod_log_channel_id) or await bot.fetch_channel(
            settings.mod_log_channel_id
        )
        if isinstance(channel, discord.abc.Messageable):
            await channel.send(clip(discord.utils.escape_mentions(line), CONTENT),
                               allowed_mentions=discord.AllowedMentions.none())  # fmt: skip
    except discord.HTTPException:
        audit.warning("could not post to the mod-log channel %s of guild %s", settings.mod_log_channel_id,
                      interaction.guild_id, exc_info=True)  # fmt: skip
