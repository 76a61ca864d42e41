"""The /cast answer: a character and who plays them, or a person and every role they have, with sources."""

from __future__ import annotations

import discord

from bot.discord_limits import DESCRIPTION, FIELD_VALUE
from bot.i18n import text
from bot.queries.people import Entry, Lookup
from bot.rendering.common import add_sources, bullet_lines, safe
from bot.rendering.limits import fit


def label(entry: Entry, locale: str | None) -> str:
    """How an entry is offered (autocomplete, several matches): a character and its actors, or a person and
    their roles, crew roles in the reader's language."""
    if entry.kind == "character":
        return entry.label
    roles = [c.character for c in entry.credits if c.character]
    roles += [text(f"role.{role}", locale) for role in (entry.crew.roles if entry.crew else [])]
    return f"{entry.name} - {', '.join(roles)}" if roles else entry.name


def render_lookup(lookup: Lookup, query: str, locale: str | None) -> discord.Embed:
    """The answer to /cast: one entry, the candidates when ambiguous, or what is closest when nothing fits."""
    if lookup.entry is not None:
        if lookup.entry.kind == "character":
            return render_character(lookup.entry, locale)
        return render_person(lookup.entry, locale)
    shown = safe(query.strip())
    if lookup.candidates:
        embed = discord.Embed(
            title=text("cast.ambiguous.title", locale, query=shown),
            description=text("cast.ambiguous.description", locale)
            + "\n"
            + bullet_lines([safe(label(e, locale)) for e in lookup.candidates], DESCRIPTION - 200, locale),
        )
        return fit(embed)
    if lookup.closest:
        names = ", ".join(f"**{safe(name)}**" for name in lookup.closest)
        description = text("cast.none.closest", locale, names=names)
    else:
        description = text("cast.none.nothing", locale)
    return fit(discord.Embed(title=text("cast.none.title", locale, query=shown), description=description))


def render_character(entry: Entry, locale: str | None) -> discord.Embed:
    """A character: who plays them, what the articles say about them, and where that comes from."""
    actors = ", ".join(f"**{safe(credit.actor)}**" for credit in entry.credits)
    embed = discord.Embed(title=safe(entry.name), description=text("cast.played_by", locale, actors=actors))
    about = [safe(quote.text) for quote in entry.about()]
    if about:
        embed.add_field(
            name=text("cast.says", locale), value=bullet_lines(about, FIELD_VALUE, locale), inline=False
        )
    add_sources(embed, entry.sources(), locale)
    return fit(embed)


def render_person(entry: Entry, locale: str | None) -> discord.Embed:
    """A person (or company): every role in the cast and behind the show, and where that comes from."""
    embed = discord.Embed(title=safe(entry.name))
    roles = [
        safe(c.character) if c.character else text("cast.as.unnamed.role", locale) for c in entry.credits
    ]
    if roles:
        embed.add_field(
            name=text("cast.as", locale), value=bullet_lines(roles, FIELD_VALUE, locale), inline=False
        )
    if entry.crew is not None:
        jobs = ", ".join(text(f"role.{role}", locale) for role in entry.crew.roles)
        if entry.crew.affiliations:
            jobs = text(
                "cast.crew.of", locale, roles=jobs, affiliations=", ".join(map(safe, entry.crew.affiliations))
            )
        embed.add_field(name=text("cast.crew", locale), value=jobs, inline=False)
    add_sources(embed, entry.sources(), locale)
    return fit(embed)
