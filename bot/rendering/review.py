"""The news desk in Discord: a review item (what an article would change), the queue, and the feeds."""

from __future__ import annotations

import discord
from pydantic import ValidationError

from bot.discord_limits import CONTENT, DESCRIPTION, FIELD_VALUE
from bot.i18n import text
from bot.newsdesk.desk import shown_by
from bot.newsdesk.proposals import Proposal, Proposals
from bot.rendering.common import masked_link, safe
from bot.rendering.limits import clip, fit, lines_within
from bot.store.newsdesk_ledger import APPROVED, PENDING, Feed, ReviewItem

QUOTE = 280
COLOURS = {PENDING: discord.Colour.gold(), APPROVED: discord.Colour.green()}


def proposals_of(item: ReviewItem) -> Proposals:
    """An item's stored proposals (none when the stored text cannot be read: the decision is still possible)."""
    try:
        return Proposals.model_validate_json(item.proposals)
    except ValidationError:
        return Proposals()


def _proposal_line(number: int, proposal: Proposal, locale: str | None, left_out: bool = False) -> str:
    if proposal.action == "change":
        what = "; ".join(
            text("newsdesk.change", locale, field=safe(field), before=safe(before), after=safe(after))
            for field, before, after in proposal.changes
        )
        head = f"{number}. ✏️ `{proposal.fact_id}` {what}"
    elif proposal.action == "add":
        head = f"{number}. ➕ `{proposal.fact_id}` {safe(proposal.summary)}"
    else:
        head = f"{number}. ➖ `{proposal.fact_id}` {safe(proposal.summary)}"
    if left_out:
        head = f"~~{head}~~ {text('newsdesk.left_out', locale)}"
    if proposal.sentence:
        head += f"\n> {safe(clip(proposal.sentence, QUOTE))}"
    return head


def _origin(item: ReviewItem, locale: str | None) -> str:
    if item.via == "import":
        return text("newsdesk.via.import", locale)
    if item.via.startswith("newsdesk."):
        return text(item.via, locale)
    return text("newsdesk.via.feed", locale, feed=masked_link(safe(clip(item.via, 100)), item.via))


def render_item(item: ReviewItem, locale: str | None) -> discord.Embed:
    """One article in the queue: headline, outlet, date, link, each proposed fact with its sentence, and the
    decision once made."""
    proposals = proposals_of(item)
    embed = discord.Embed(
        title=clip(safe(item.headline or item.file), 256),
        colour=COLOURS.get(item.status, discord.Colour.red()),
    )
    if item.origin.lower().startswith(("https://", "http://")) and len(item.origin) <= 512:
        embed.url = item.origin
    lines = [
        _proposal_line(number, proposal, locale, proposal.fact_id in item.dropped)
        for number, proposal in enumerate(proposals.items, 1)
    ]
    if proposals.confirms:
        lines.append(text("newsdesk.confirms", locale, count=proposals.confirms))
    embed.description = lines_within(
        lines or [text("newsdesk.nothing_new", locale)], DESCRIPTION - 100,
        lambda count: text("about.more", locale, count=count),
    )  # fmt: skip
    if item.outlet:
        embed.add_field(name=text("newsdesk.outlet", locale), value=safe(clip(item.outlet, 100)))
    if item.published:
        embed.add_field(name=text("newsdesk.published", locale), value=item.published)
    embed.add_field(name=text("newsdesk.from", locale), value=clip(_origin(item, locale), FIELD_VALUE))
    if item.status != PENDING:
        moment = int((item.decided_at or item.created_at).timestamp())
        key = "newsdesk.decided.approved" if item.status == APPROVED else "newsdesk.decided.rejected"
        decision = text(key, locale, by=safe(shown_name(shown_by(item.decided_by, locale))), timestamp=moment)
        if item.reason:
            decision += "\n" + text("newsdesk.reason", locale, reason=safe(item.reason))
        embed.add_field(
            name=text("newsdesk.decision", locale), value=clip(decision, FIELD_VALUE), inline=False
        )
    embed.set_footer(text=text("newsdesk.footer", locale, item=item.id, file=item.file))
    return fit(embed)


def shown_name(by: str) -> str:
    """A recorded moderator ("Name (id)") as shown in a channel: the name, never the id."""
    name, _, rest = by.rpartition(" (")
    return name if name and rest.rstrip(")").isdigit() else by


def render_queue(items: list[ReviewItem], auto_approve: bool, locale: str | None) -> str:
    """The pending items, oldest first, one a line, and the auto-approve setting."""
    head = text("newsdesk.queue.auto_on" if auto_approve else "newsdesk.queue.auto_off", locale)
    if not items:
        return f"{head}\n{text('newsdesk.queue.empty', locale)}"
    lines = [
        text("newsdesk.queue.line", locale, item=item.id, title=safe(clip(item.headline or item.file, 80)),
             count=len(proposals_of(item).items), timestamp=int(item.created_at.timestamp()))
        for item in items
    ]  # fmt: skip
    body = lines_within(lines, CONTENT - len(head) - 1, lambda count: text("about.more", locale, count=count))
    return f"{head}\n{body}"


def _feed_state(feed: Feed, locale: str | None) -> str:
    if feed.broken:
        state = text("newsdesk.feed.broken", locale, count=feed.failures)
    elif feed.failures:
        state = text("newsdesk.feed.failing", locale, count=feed.failures)
    else:
        state = text("newsdesk.feed.ok", locale)
    parts = [state]
    if feed.problem is not None:
        parts.append(
            text(
                "newsdesk.feed.problem",
                locale,
                reason=safe(text(feed.problem.key, locale, **feed.problem.values)),
            )
        )
    if feed.last_polled_at is not None:
        parts.append(text("newsdesk.feed.polled", locale, timestamp=int(feed.last_polled_at.timestamp())))
    if not feed.broken:
        parts.append(text("newsdesk.feed.next", locale, timestamp=int(feed.next_poll_at.timestamp())))
    parts.append(text("newsdesk.feed.counts", locale, taken=feed.taken, skipped=feed.skipped))
    if feed.last_skip is not None:
        why = text(feed.last_skip.key, locale, **feed.last_skip.values)
        parts.append(text("newsdesk.feed.last_skip", locale, reason=safe(why)))
    return "\n".join(parts)


def render_feeds(feeds: list[Feed], locale: str | None) -> discord.Embed:
    """The guild's feeds with how polling goes: working, failing or broken, and why."""
    embed = discord.Embed(title=text("newsdesk.feeds.title", locale), colour=discord.Colour.blurple())
    if not feeds:
        embed.description = text("newsdesk.feeds.none", locale)
    for feed in feeds[:25]:
        embed.add_field(
            name=clip(feed.url, 256), value=clip(_feed_state(feed, locale), FIELD_VALUE), inline=False
        )
    if len(feeds) > 25:
        embed.set_footer(text=text("about.more", locale, count=len(feeds) - 25))
    return fit(embed)
