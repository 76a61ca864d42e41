"""The review queue in Discord: each item posted to the guild's mod-log channel with persistent Approve and Reject
buttons (their custom ids carry the item's number, so they work after any restart), and updated when decided."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.audit import record_change, who
from bot.discord_limits import CONTENT
from bot.facts.correcting import CorrectionRefusedError
from bot.facts.refusals import failure_refusal
from bot.facts.seed_files import SeedFileError
from bot.facts.service import ReloadBusyError, ReloadFailedError
from bot.i18n import text
from bot.moderators import is_moderator
from bot.newsdesk.desk import NewsDesk, shown_by
from bot.newsdesk.drops import droppable
from bot.newsdesk.outcomes import Decided, DecisionRefusedError
from bot.rendering.facts import render_reload
from bot.rendering.limits import clip
from bot.rendering.review import proposals_of, render_item, shown_name
from bot.store.database import unreachable
from bot.store.newsdesk_ledger import PENDING, ReviewItem
from bot.tree import NotModeratorError

if TYPE_CHECKING:
    from bot.client import SavoirBot

log = logging.getLogger(__name__)

_TEMPLATE = r"savoir:review:(?P<action>approve|reject):(?P<item>[0-9]{1,18})"
_DROP_TEMPLATE = r"savoir:review:(?P<choice>drop|keep):(?P<item>[0-9]{1,18}):(?P<number>[0-9]{1,2})"


def refusal_text(error: BaseException, locale: str) -> str | None:
    """Why a decision was not carried out, in the moderator's words; None for a failure that is ours."""
    if isinstance(error, DecisionRefusedError):
        values = dict(error.values)
        if isinstance(values.get("by"), str):
            values["by"] = shown_name(shown_by(str(values["by"]), locale))
        return text(error.key, locale, **values)
    if isinstance(error, CorrectionRefusedError):
        return text("newsdesk.refused", locale, reason=error.describe(locale))
    if isinstance(error, ReloadBusyError):
        return text("facts.busy", locale, by=error.started.by, timestamp=int(error.started.at.timestamp()))
    if isinstance(error, ReloadFailedError):
        return text("facts.failed.why", locale, reason=text(error.why, locale, **error.values))
    if isinstance(error, SeedFileError):
        where = f"{error.file}:{error.line}" if error.line else error.file
        return text("facts.failed", locale, where=where, reason=error.reason)
    if unreachable(error):
        return text("error.database", locale)
    refusal = failure_refusal(error)  # an import's refusal, or the disk (full, read-only) in words
    if refusal is not None:
        return text("newsdesk.refused", locale, reason=refusal.describe(locale))
    return None


async def decide(
    interaction: discord.Interaction[SavoirBot], item_id: int, approve: bool, reason: str | None = None
) -> None:
    """Approve or reject an item for the moderator who asked (a button or a command), and answer them privately:
    the reload's diff, or why nothing was done."""
    bot, locale = interaction.client, str(interaction.locale)
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        if approve:
            decided = await bot.newsdesk.approve(item_id, interaction.guild_id or 0, who(interaction))
        else:
            decided = await bot.newsdesk.reject(item_id, interaction.guild_id or 0, who(interaction), reason)
    except Exception as error:
        note = refusal_text(error, locale)
        if note is None:
            log.error("deciding on review item %s failed", item_id, exc_info=error)
            bot.command_failures += 1
            note = text("error.internal", locale)
        await interaction.followup.send(clip(note, CONTENT), ephemeral=True)
        return
    await _answer(interaction, decided, approve, locale)


async def _answer(
    interaction: discord.Interaction[SavoirBot], decided: Decided, approve: bool, locale: str
) -> None:
    item = decided.item
    if approve and decided.result is not None:
        note = text("newsdesk.approved", locale, item=item.id)
        await interaction.followup.send(note, embed=render_reload(decided.result, locale), ephemeral=True)
        action = text("newsdesk.audit.approve", "en", item=item.id, file=item.file)
        await record_change(
            interaction.client, interaction, action, decided.result.diff, post=item.message_id is None
        )
    else:
        key = "newsdesk.rejected" if decided.kept else "newsdesk.rejected.gone"
        await interaction.followup.send(text(key, locale, item=item.id), ephemeral=True)
        logging.getLogger("bot.audit").info(
            "review item %s (%s) rejected by %s in guild %s: %s", item.id, item.file, who(interaction),
            interaction.guild_id, item.reason or "no reason given",
        )  # fmt: skip


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    """Approve or Reject under a review message; answered by whichever process is running, after any restart."""

    def __init__(self, action: str, item_id: int, label: str | None = None) -> None:
        approve = action == "approve"
        super().__init__(
            discord.ui.Button(
                label=label or text("newsdesk.button.approve_all" if approve else "newsdesk.button.reject"),
                style=discord.ButtonStyle.success if approve else discord.ButtonStyle.danger,
                custom_id=f"savoir:review:{action}:{item_id}",
            )
        )
        self.action, self.item_id = action, item_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: Any
    ) -> ReviewButton:
        """Rebuilt from a pressed button's custom id."""
        return cls(str(match["action"]), int(match["item"]))

    async def callback(self, interaction: discord.Interaction[SavoirBot]) -> None:  # type: ignore[override]
        """Moderators decide; anyone else is told privately that they may not."""
        if await _refused(interaction):
            return
        await decide(interaction, self.item_id, self.action == "approve")


class DropButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_DROP_TEMPLATE):
    """Leave one proposed fact out of the approval ("drop"), or put it back ("keep"). The id says which, so a
    press repeated, or made on an old copy of the message, asks for the same thing instead of undoing it."""

    def __init__(self, item_id: int, number: int, leave_out: bool = True, locale: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=text(
                    "newsdesk.button.drop" if leave_out else "newsdesk.button.keep", locale, number=number
                ),
                style=discord.ButtonStyle.secondary if leave_out else discord.ButtonStyle.primary,
                custom_id=f"savoir:review:{'drop' if leave_out else 'keep'}:{item_id}:{number}",
            )
        )
        self.item_id, self.number, self.leave_out = item_id, number, leave_out

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: Any
    ) -> DropButton:
        """Rebuilt from a pressed button's custom id."""
        return cls(int(match["item"]), int(match["number"]), match["choice"] == "drop")

    async def callback(self, interaction: discord.Interaction[SavoirBot]) -> None:  # type: ignore[override]
        """Record the choice and redraw the message pressed, and the item's message in the mod-log channel;
        refusals are private."""
        if await _refused(interaction):
            return
        locale, desk = str(interaction.locale), interaction.client.newsdesk
        try:
            item = await desk.choose(self.item_id, interaction.guild_id or 0, self.number, self.leave_out)
        except DecisionRefusedError as error:
            await interaction.response.send_message(text(error.key, locale, **error.values), ephemeral=True)
            return
        guild_locale = str(interaction.guild_locale or "en-US")
        await interaction.response.edit_message(
            embed=render_item(item, guild_locale), view=review_view(item, guild_locale)
        )
        if interaction.message is None or interaction.message.id != item.message_id:
            await desk.show(desk.settle, item)  # the other copy moderators see


async def _refused(interaction: discord.Interaction[SavoirBot]) -> bool:
    """Whether the presser is not a moderator (then told so, privately)."""
    try:
        is_moderator(interaction)
    except NotModeratorError:
        await interaction.response.send_message(
            text("error.not_moderator", str(interaction.locale)), ephemeral=True
        )
        return True
    return False


def review_view(item: ReviewItem, locale: str | None) -> discord.ui.View:
    """Approve and Reject for a pending item, and a button for each new fact where there are a few; nothing
    once it is decided."""
    view = discord.ui.View(timeout=None)
    if item.status != PENDING:
        return view
    proposals = proposals_of(item)
    label = text("newsdesk.button.approve_rest" if item.dropped else "newsdesk.button.approve_all", locale)
    view.add_item(ReviewButton("approve", item.id, label))
    view.add_item(ReviewButton("reject", item.id, text("newsdesk.button.reject", locale)))
    for place, number in enumerate(droppable(proposals)):
        left_out = proposals.items[number - 1].fact_id in item.dropped
        button = DropButton(item.id, number, not left_out, locale)
        button.item.row = 1 + place // 5  # the decision's row first, then five facts a row
        view.add_item(button)
    return view


class ReviewBoard:
    """Posts each queued item to its guild's mod-log channel and edits it when decided."""

    def __init__(self, bot: SavoirBot, desk: NewsDesk) -> None:
        self.bot, self.desk = bot, desk

    def _locale(self, guild_id: int) -> str:
        guild = self.bot.get_guild(guild_id)
        return str(guild.preferred_locale) if guild else "en-US"

    async def _channel(self, guild_id: int, channel_id: int | None) -> discord.abc.Messageable | None:
        channel_id = channel_id or self.bot.countdown.guild(guild_id).mod_log_channel_id
        if channel_id is None:
            return None
        channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        return channel if isinstance(channel, discord.abc.Messageable) else None

    async def post(self, item: ReviewItem) -> None:
        """Show a new item (or an article that went live by itself) in the mod-log channel, once: the nonce makes
        a post repeated after a crash the same message."""
        channel = await self._channel(item.guild_id, None)
        if channel is None:
            log.info(
                "review item %s waits in /facts review list: guild %s has no mod-log channel",
                item.id,
                item.guild_id,
            )
            return
        locale = self._locale(item.guild_id)
        message = await channel.send(
            embed=render_item(item, locale), view=review_view(item, locale), nonce=f"review-{item.id}",
            allowed_mentions=discord.AllowedMentions.none(),
        )  # fmt: skip
        await self.desk.ledger.posted(item.id, message.channel.id, message.id)

    async def settle(self, item: ReviewItem) -> None:
        """Redraw the item's message: its decision without buttons, or (still pending) what it would change now
        and the buttons that go with it."""
        if item.message_id is None or item.channel_id is None:
            return
        channel = await self._channel(item.guild_id, item.channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        locale = self._locale(item.guild_id)
        try:
            await channel.get_partial_message(item.message_id).edit(
                embed=render_item(item, locale), view=review_view(item, locale)
            )
        except discord.NotFound:
            log.info("the review message of item %s is gone; the decision stands", item.id)


def register_buttons(bot: SavoirBot) -> None:
    """Answer every review button ever posted (called once at start)."""
    bot.add_dynamic_items(ReviewButton, DropButton)
