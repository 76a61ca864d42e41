"""Keeping embeds inside Discord's documented limits, however long the facts grow."""

from __future__ import annotations

from collections.abc import Callable

import discord

from bot.discord_limits import DESCRIPTION, EMBED_TOTAL, FIELD_NAME, FIELD_VALUE, FIELDS, FOOTER, TITLE

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """Text cut to at most limit characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def lines_within(lines: list[str], limit: int, more: Callable[[int], str]) -> str:
    """As many whole lines as fit in limit; when some do not, a last line more(count left out)."""
    if len("\n".join(lines)) <= limit:
        return "\n".join(lines)
    kept: list[str] = []
    used = 0
    for line in lines:
        after = len(lines) - len(kept) - 1
        room = limit - (len(more(after)) + 1 if after else 0)
        if used + len(line) > room:
            if not kept:  # one line longer than the whole room: show as much of it as fits
                kept.append(clip(line, room))
            break
        kept.append(line)
        used += len(line) + 1
    left = len(lines) - len(kept)
    return clip("\n".join([*kept, more(left)] if left else kept), limit)


def fit(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields until the embed's total fits; clip every part to its own limit first."""
    if embed.title:
        embed.title = clip(embed.title, TITLE)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION)
    fields = embed.fields[:FIELDS]
    embed.clear_fields()
    for item in fields:
        embed.add_field(
            name=clip(item.name or "\u200b", FIELD_NAME), value=clip(item.value or "\u200b", FIELD_VALUE),
            inline=item.inline,
        )  # fmt: skip
    if embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    while len(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and embed.description:
        embed.description = clip(
            embed.description, max(1, len(embed.description) - (len(embed) - EMBED_TOTAL))
        )
    return embed
