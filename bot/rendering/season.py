"""The /season answer: premieres, production, renewal, audience, rankings, story, new cast, sources."""

from __future__ import annotations

import re

import discord

from bot.discord_limits import FIELD_VALUE
from bot.facts.models import DatedFact, Figure
from bot.i18n import CATALOGUES, language_of, text
from bot.queries.seasons import SeasonView
from bot.queries.upcoming import moment_of
from bot.rendering.common import add_sources, bullet_lines, safe, spoiler, when
from bot.rendering.limits import fit


def _premiere(fact: DatedFact, locale: str | None) -> str:
    moment = when(moment_of(fact), locale)
    if fact.part is not None:
        return text("season.part", locale, part=fact.part, when=moment)
    return text("season.whole", locale, when=moment)


def _production(fact: DatedFact, locale: str | None) -> str:
    moment = when(moment_of(fact), locale)
    if fact.place:
        return text("season.production.place", locale, when=moment, place=safe(fact.place))
    return text("season.production.line", locale, when=moment)


_WINDOW = re.compile(r"^first\s+(?:(?P<count>\d+)\s+days|(?P<span>week|month|weekend))$")


def _amount(figure: Figure, locale: str | None) -> str:
    """ "58 million" as the article wrote it; in French the number is written the French way."""
    if language_of(locale) != "fr":
        return safe(figure.text)
    if figure.amount >= 1_000_000 and figure.amount % 100_000 == 0:
        millions = f"{figure.amount / 1_000_000:g}".replace(".", ",")
        return f"{millions} million{'s' if figure.amount >= 2_000_000 else ''} de"
    return f"{figure.amount:,}".replace(",", "\u202f")


def figure_line(figure: Figure, locale: str | None) -> str:
    """An audience figure in the reader's language: its amount, unit and window are the bot's words."""
    unit_key = f"figure.unit.{figure.unit}"
    unit = text(unit_key, locale) if unit_key in CATALOGUES["en"] else safe(figure.unit)
    window = ""
    match = _WINDOW.match(figure.window or "")
    if match:
        span = match.group("span")
        window = text(
            f"figure.window.{span}" if span else "figure.window.days", locale, count=match.group("count")
        )
    elif figure.window:
        window = f"({safe(figure.window)})"
    return text("figure.line", locale, amount=_amount(figure, locale), unit=unit, window=window).strip()


def render_season(view: SeasonView, locale: str | None, *, hide_story: bool = False) -> discord.Embed:
    """Everything known about a season; with hide_story, its story behind spoiler tags."""
    title_key = "season.title.year" if view.year else "season.title"
    embed = discord.Embed(title=text(title_key, locale, number=view.number, year=view.year))

    def field(name_key: str, lines: list[str]) -> None:
        if lines:
            embed.add_field(
                name=text(name_key, locale), value=bullet_lines(lines, FIELD_VALUE, locale), inline=False
            )

    field("season.premieres", [_premiere(f, locale) for f in view.premieres])
    field("season.production", [_production(f, locale) for f in view.productions])
    field(
        "season.renewal",
        [text("season.renewal.line", locale, when=when(moment_of(f), locale)) for f in view.renewals],
    )
    field(
        "season.audience",
        [
            figure_line(f, locale)
            for f in view.figures
        ],
    )  # fmt: skip
    field("season.rankings", [safe(a.text) for a in view.accolades])
    if hide_story:
        field("season.story.spoiler", [spoiler(q.text) for q in view.story])
    else:
        field("season.story", [safe(q.text) for q in view.story])
    field("season.new_cast", [safe(name) for name in view.new_cast])
    if not embed.fields:
        embed.description = text("season.nothing", locale)
    add_sources(embed, view.sources(), locale)
    return fit(embed)


def render_unknown_season(number: int, known: list[int], locale: str | None) -> discord.Embed:
    """A season the store knows nothing about, and the ones it does know."""
    if known:
        description = text("season.unknown", locale, number=number, known=", ".join(map(str, known)))
    else:
        description = text("season.unknown.none", locale, number=number)
    return fit(
        discord.Embed(title=text("season.unknown.title", locale, number=number), description=description)
    )
