"""The /upcoming answer: what lies ahead soonest first, with timestamps each member reads in their own zone."""

from __future__ import annotations

import discord

from bot.discord_limits import DESCRIPTION
from bot.facts.models import Source
from bot.i18n import text
from bot.queries.people import articles_newest_first
from bot.queries.upcoming import Kind, Moment, Upcoming
from bot.rendering.common import add_sources, audience_words, fact_title, safe, when
from bot.rendering.limits import fit, lines_within


def line(moment: Moment, locale: str | None) -> str:
    """One premiere, event or ticket sale."""
    fact = moment.fact
    title = fact_title(fact, locale)
    at = when(moment, locale)
    if fact.kind == "ticket_sale":
        audience = audience_words(fact, locale)
        if fact.time and fact.city:
            local = text("when.local", locale, time=fact.time, city=safe(fact.city))
            return text(
                "upcoming.ticket_sale.local", locale, title=title, audience=audience, when=at, local=local
            )
        return text("upcoming.ticket_sale", locale, title=title, audience=audience, when=at)
    if fact.kind == "event":
        if fact.place:
            return text("upcoming.event", locale, title=title, place=safe(fact.place), when=at)
        return text("upcoming.event.nowhere", locale, title=title, when=at)
    return text("upcoming.premiere", locale, title=title, when=at)


def render_upcoming(result: Upcoming, kind: Kind | None, locale: str | None) -> discord.Embed:
    """What lies ahead; when nothing does, say so and show the most recent past dates, marked as past."""
    kind_name = text(f"kind.{kind}", locale) if kind else None
    title = (
        text("upcoming.title.kind", locale, kind=kind_name) if kind_name else text("upcoming.title", locale)
    )
    more = lambda count: text("upcoming.more", locale, count=count)  # noqa: E731
    if result.ahead:
        body = lines_within([line(m, locale) for m in result.ahead], DESCRIPTION, more)
        shown = result.ahead
    elif result.past:
        heading = (
            text("upcoming.nothing.kind", locale, kind=kind_name)
            if kind_name
            else text("upcoming.nothing", locale)
        )
        # A past line whose timestamp already reads "8 days ago" needs no "(past)" after it.
        past = [
            line(m, locale)
            if ":R>" in when(m, locale)
            else text("upcoming.past.line", locale, line=line(m, locale))
            for m in result.past
        ]
        body = heading + "\n" + lines_within(past, DESCRIPTION - len(heading) - 1, more)
        shown = result.past
    else:
        body, shown = text("upcoming.none", locale), []
    embed = discord.Embed(title=title, description=body)
    sources: list[Source] = [source for moment in shown for source in moment.fact.sources]
    add_sources(embed, articles_newest_first(sources), locale)
    return fit(embed)
