"""The /about embed: what the bot is, how many facts it knows, from which articles, loaded when."""

from __future__ import annotations

import datetime as dt

import discord

from bot import __version__
from bot.discord_limits import FIELD_VALUE
from bot.facts.models import FactSet
from bot.i18n import counted, text
from bot.rendering.common import article_line
from bot.rendering.limits import fit, lines_within


def render_about(
    facts: FactSet, loaded_at: dt.datetime, locale: str | None, *, chosen: bool = False
) -> discord.Embed:
    """The /about embed for a member's locale; `chosen` when the show is the one this server chose among
    several (the embed then says so, and how to change it)."""
    show = discord.utils.escape_markdown(facts.show_title)
    embed = discord.Embed(
        title=text("about.title", locale), description=text("about.description", locale, show=show)
    )
    if chosen:
        embed.add_field(
            name=text("about.follows", locale),
            value=text("about.follows.value", locale, show=show),
            inline=False,
        )
    embed.add_field(
        name=text("about.facts", locale),
        value=", ".join(
            counted(f"count.{what}", count, locale)
            for what, count in (
                ("credits", len(facts.credits)),
                ("crew", len(facts.crew)),
                ("dates", len(facts.dates)),
                ("figures", len(facts.figures)),
            )
        ),
        inline=False,
    )
    articles = [article_line(document, locale) for document in facts.documents]
    if articles:
        embed.add_field(
            name=counted("about.articles.count", len(articles), locale),
            value=lines_within(articles, FIELD_VALUE, lambda count: text("about.more", locale, count=count)),
            inline=False,
        )
    loaded = f"{discord.utils.format_dt(loaded_at, 'F')} ({discord.utils.format_dt(loaded_at, 'R')})"
    embed.add_field(name=text("about.loaded", locale), value=loaded, inline=False)
    embed.set_footer(text=text("about.footer", locale, version=__version__))
    return fit(embed)
