"""/facts feeds and /facts review: moderators choose the feeds the bot reads, and decide what it learned."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.client import SavoirBot
from bot.discord_limits import CHOICE_TEXT, CHOICES, CONTENT
from bot.facts.addresses import checked_url
from bot.facts.refusals import ImportRefusedError, failure_refusal
from bot.i18n import text
from bot.i18n.commands import command_text
from bot.newsdesk.board import ReviewButton, decide
from bot.newsdesk.feeds import fetch_feed
from bot.newsdesk.poller import MAX_FEEDS
from bot.rendering.limits import clip
from bot.rendering.review import render_feeds, render_item, render_queue
from bot.store.newsdesk_ledger import Feed
from bot.tree import NotModeratorError
from cogs._moderators import is_moderator

log = logging.getLogger(__name__)
SHOWN_ITEMS = 5  # review items shown with their buttons under /facts review list (5 rows of buttons at most)


class Feeds(app_commands.Group):
    """/facts feeds: the feeds this server's news desk reads."""

    def __init__(self, bot: SavoirBot) -> None:
        super().__init__(name=command_text("newsdesk.feeds.command"),
                         description=command_text("newsdesk.feeds.description"))  # fmt: skip
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot]) -> bool:  # type: ignore[override]
        """Moderators only, as every /facts subcommand."""
        return is_moderator(interaction)

    @app_commands.command(name=command_text("newsdesk.feeds.add.command"),
                          description=command_text("newsdesk.feeds.add.description"))  # fmt: skip
    @app_commands.rename(url=command_text("newsdesk.feeds.url"))
    @app_commands.describe(url=command_text("newsdesk.feeds.url.description"))
    async def add(self, interaction: discord.Interaction[SavoirBot], url: app_commands.Range[str, 1, 2000]) -> None:
        """Follow a feed: it is fetched once now, and only an RSS or Atom feed is accepted."""
        locale, guild_id, settings = str(interaction.locale), interaction.guild_id or 0, self.bot.settings
        await interaction.response.defer(ephemeral=True, thinking=True)
        known = await self.bot.newsdesk.ledger.feeds(guild_id)
        try:
            address = str(checked_url(url))
            if any(feed.url == address for feed in known):
                raise ImportRefusedError("newsdesk.feeds.already", url=address)
            if len(known) >= MAX_FEEDS:
                raise ImportRefusedError("newsdesk.feeds.too_many", limit=MAX_FEEDS)
            fetched = await fetch_feed(
                address, allow_loopback=settings.allow_loopback_imports, seconds=settings.import_download_seconds
            )
        except Exception as error:
            refusal = failure_refusal(error)
            if refusal is None:
                log.error("checking the feed %s failed", url, exc_info=error)
                refusal = ImportRefusedError("import.internal")
            note = text("newsdesk.feeds.refused", locale, reason=refusal.describe(locale))
            await interaction.followup.send(clip(note, CONTENT), ephemeral=True)
            return
        now = self.bot.clock.now()
        try:
            added = await self.bot.newsdesk.ledger.add_feed(Feed(guild_id, address, interaction.user.id, now, now))
        except Exception as error:  # the state database could not be written (a full disk, read-only)
            refusal = failure_refusal(error)
            if refusal is None:
                raise
            note = text("newsdesk.feeds.refused", locale, reason=refusal.describe(locale))
            await interaction.followup.send(clip(note, CONTENT), ephemeral=True)
            return
        if not added:  # another moderator added it a moment ago
            note = text("newsdesk.feeds.refused", locale, reason=text("newsdesk.feeds.already", locale, url=address))
            await interaction.followup.send(clip(note, CONTENT), ephemeral=True)
            return
        self.bot.feeds.wake()
        note = text("newsdesk.feeds.added", locale, url=address, count=len(fetched.entries))
        if self.bot.countdown.guild(guild_id).mod_log_channel_id is None:
            note += "\n" + text("newsdesk.feeds.no_log", locale)
        await interaction.followup.send(clip(note, CONTENT), ephemeral=True)

    @app_commands.command(name=command_text("newsdesk.feeds.remove.command"),
                          description=command_text("newsdesk.feeds.remove.description"))  # fmt: skip
    @app_commands.rename(url=command_text("newsdesk.feeds.url"))
    @app_commands.describe(url=command_text("newsdesk.feeds.url.description"))
    async def remove(self, interaction: discord.Interaction[SavoirBot], url: app_commands.Range[str, 1, 2000]) -> None:
        """Stop following a feed (articles already queued stay in the queue)."""
        locale, guild_id = str(interaction.locale), interaction.guild_id or 0
        feeds = await self.bot.newsdesk.ledger.feeds(guild_id)
        wanted = next((feed.url for feed in feeds if feed.url in (url.strip(), _address(url))), None)
        if wanted is None or not await self.bot.newsdesk.ledger.remove_feed(guild_id, wanted):
            await interaction.response.send_message(text("newsdesk.feeds.unknown", locale), ephemeral=True)
            return
        await interaction.response.send_message(text("newsdesk.feeds.removed", locale, url=wanted), ephemeral=True)

    @remove.autocomplete("url")
    async def suggest_feed(self, interaction: discord.Interaction[SavoirBot], typed: str) -> list[app_commands.Choice[str]]:
        """The server's feeds containing what is typed (nothing for members)."""
        try:
            is_moderator(interaction)
        except NotModeratorError:
            return []
        feeds = await self.bot.newsdesk.ledger.feeds(interaction.guild_id or 0)
        found = [feed.url for feed in feeds if typed.strip().lower() in feed.url.lower() and len(feed.url) <= CHOICE_TEXT]
        return [app_commands.Choice(name=address, value=address) for address in found[:CHOICES]]

    @app_commands.command(name=command_text("newsdesk.feeds.list.command"),
                          description=command_text("newsdesk.feeds.list.description"))  # fmt: skip
    async def list_feeds(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Each feed: working, failing or broken and why, when polled, what was taken and skipped."""
        feeds = await self.bot.newsdesk.ledger.feeds(interaction.guild_id or 0)
        embed = render_feeds(feeds, str(interaction.locale))
        await interaction.response.send_message(embed=embed, ephemeral=True)


def _address(url: str) -> str:
    try:
        return str(checked_url(url))
    except ImportRefusedError:
        return url.strip()


class Review(app_commands.Group):
    """/facts review: what the news desk learned and waits for a moderator to approve."""

    def __init__(self, bot: SavoirBot) -> None:
        super().__init__(name=command_text("newsdesk.review.command"),
                         description=command_text("newsdesk.review.description"))  # fmt: skip
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot]) -> bool:  # type: ignore[override]
        """Moderators only, as every /facts subcommand."""
        return is_moderator(interaction)

    @app_commands.command(name=command_text("newsdesk.review.list.command"),
                          description=command_text("newsdesk.review.list.description"))  # fmt: skip
    async def list_items(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """The pending articles, oldest first; the oldest few with their Approve and Reject buttons."""
        locale, guild_id = str(interaction.locale), interaction.guild_id or 0
        items = await self.bot.newsdesk.ledger.items(guild_id)
        content = render_queue(items, self.bot.newsdesk.auto_approves(guild_id), locale)
        shown = items[:SHOWN_ITEMS]
        view = discord.ui.View(timeout=None)
        for row, item in enumerate(shown):  # one row an item: its own Approve and Reject, with its number
            approve = "newsdesk.button.approve_rest" if item.dropped else "newsdesk.button.approve_all"
            for action, key in (("approve", approve), ("reject", "newsdesk.button.reject")):
                button = ReviewButton(action, item.id, f"{text(key, locale)} #{item.id}")
                button.item.row = row
                view.add_item(button)
        embeds = [render_item(item, locale) for item in shown]
        while embeds and sum(len(embed) for embed in embeds) > 6000:
            embeds.pop()
        await interaction.response.send_message(clip(content, CONTENT), embeds=embeds,
                                                view=view if shown else discord.utils.MISSING, ephemeral=True)  # fmt: skip

    @app_commands.command(name=command_text("newsdesk.review.approve.command"),
                          description=command_text("newsdesk.review.approve.description"))  # fmt: skip
    @app_commands.rename(item=command_text("newsdesk.review.item"))
    @app_commands.describe(item=command_text("newsdesk.review.item.description"))
    async def approve(self, interaction: discord.Interaction[SavoirBot], item: app_commands.Range[int, 1, 2**53 - 1]) -> None:
        """Make an article's facts live (the diff is the answer)."""
        await decide(interaction, item, approve=True)

    @app_commands.command(name=command_text("newsdesk.review.reject.command"),
                          description=command_text("newsdesk.review.reject.description"))  # fmt: skip
    @app_commands.rename(item=command_text("newsdesk.review.item"), reason=command_text("newsdesk.review.reason"))
    @app_commands.describe(item=command_text("newsdesk.review.item.description"),
                           reason=command_text("newsdesk.review.reason.description"))  # fmt: skip
    async def reject(
        self, interaction: discord.Interaction[SavoirBot], item: app_commands.Range[int, 1, 2**53 - 1],
        reason: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:  # fmt: skip
        """Keep an article out of the facts, with why."""
        await decide(interaction, item, approve=False, reason=reason)

    @app_commands.command(name=command_text("newsdesk.review.auto.command"),
                          description=command_text("newsdesk.review.auto.description"))  # fmt: skip
    @app_commands.rename(on=command_text("newsdesk.review.auto.on"))
    @app_commands.describe(on=command_text("newsdesk.review.auto.on.description"))
    async def auto(self, interaction: discord.Interaction[SavoirBot], on: bool) -> None:
        """Let new articles go live without review (off by default), or ask for review again."""
        await self.bot.newsdesk.set_auto_approve(interaction.guild_id or 0, on)
        key = "newsdesk.auto.set_on" if on else "newsdesk.auto.set_off"
        await interaction.response.send_message(text(key, str(interaction.locale)), ephemeral=True)


async def setup(bot: SavoirBot) -> None:
    """Load the extension: the two groups join /facts (loaded before this, in name order)."""
    facts = bot.get_cog("Facts")
    group = getattr(facts, "app_command", None)
    if not isinstance(group, app_commands.Group):
        raise RuntimeError("cogs.newsdesk needs cogs.facts loaded first")
    group.add_command(Feeds(bot))
    group.add_command(Review(bot))
