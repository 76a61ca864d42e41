"""What every answer shares: escaping article text, saying when something happens, citing sources."""

from __future__ import annotations

import datetime as dt

import discord

from bot.discord_limits import FIELD_VALUE
from bot.facts.models import DatedFact, Source
from bot.i18n import day, month, text
from bot.queries.upcoming import Moment
from bot.rendering.limits import lines_within


def safe(words: str) -> str:
    """Text from an article, shown as written: no markdown, no mentions."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(words))


def fact_title(fact: DatedFact, locale: str | None) -> str:
    """A dated fact's title in the member's language ("Season 4 Part 1", "Saison 4, partie 1")."""
    if fact.kind == "premiere" and fact.season is not None:
        if fact.part is not None:
            return text("title.season.part", locale, season=fact.season, part=fact.part)
        return text("title.season", locale, season=fact.season)
    return safe(fact.title)


def when(moment: Moment, locale: str | None) -> str:
    """When a moment is: a Discord timestamp each member sees in their own zone, or the day, month or year."""
    fact = moment.fact
    if moment.exact:
        return text("when.exact", locale, timestamp=int(moment.start.timestamp()))
    if fact.precision == "day":
        midday = int((moment.start + dt.timedelta(hours=12)).timestamp())
        return text("when.day", locale, date=day(dt.date.fromisoformat(fact.date), locale), timestamp=midday)
    if fact.precision == "month":
        year, number = map(int, fact.date.split("-"))
        return text("when.vague", locale, date=month(year, number, locale))
    return text("when.vague", locale, date=fact.date)


def source_line(source: Source, locale: str | None) -> str:
    """One source: the article and its publication date, or who made the correction."""
    if source.correction_by:
        return text("source.correction", locale, by=safe(source.correction_by))
    if source.publication_date:
        return text("source.dated", locale, file=source.file, date=day(source.publication_date, locale))
    return text("source.undated", locale, file=source.file)


def add_sources(embed: discord.Embed, sources: list[Source], locale: str | None) -> None:
    """A Sources field, as many articles as fit."""
    if sources:
        lines = [source_line(source, locale) for source in sources]
        more = lines_within(lines, FIELD_VALUE, lambda count: text("about.more", locale, count=count))
        embed.add_field(name=text("sources", locale), value=more, inline=False)


def bullet_lines(items: list[str], limit: int, locale: str | None) -> str:
    """Items one a line, as many as fit in limit."""
    return lines_within(
        [f"• {item}" for item in items], limit, lambda count: text("about.more", locale, count=count)
    )
