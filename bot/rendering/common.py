"""What every answer shares: escaping article text, saying when something happens, citing sources."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

import discord

from bot.discord_limits import FIELD_VALUE
from bot.facts.models import DatedFact, Document, Source
from bot.i18n import day, language_of, month, text
from bot.queries.upcoming import Moment
from bot.rendering.limits import clip, lines_within

# Invisible characters that change how the text around them reads (right-to-left overrides, isolates, a
# byte-order mark) and private or unassigned code points. Joiners stay: emoji and some scripts need them.
_KEPT_FORMAT = frozenset("\u200c\u200d")


def _visible(words: str) -> str:
    if words.isascii():
        return words
    return "".join(
        char for char in words
        if char in _KEPT_FORMAT or unicodedata.category(char) not in ("Cf", "Co", "Cn", "Cs")
    )  # fmt: skip


def safe(words: str) -> str:
    """Text from an article, shown as written: no markdown, no mentions, no invisible reordering."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(_visible(words)))


# A hidden line is kept well under a field's 1024 characters: a bullet list never has to cut one short, which
# would drop its closing tags and show the rest in the clear.
SPOILER_TEXT = 500


def spoiler(words: str, limit: int = SPOILER_TEXT) -> str:
    """Article text behind Discord spoiler tags, escaped inside (every "|" and "\\" of the article is escaped,
    so none can close the tags early), cut with an ellipsis to fit within limit, tags included."""
    return f"||{clip(safe(words), limit - 4)}||"


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


_LABEL = 80


# Characters that change how a label reads without showing: direction overrides, zero-width, controls.
_INVISIBLE = re.compile("[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _plain_label(label: str) -> str:
    """A label shown as written: no invisible characters, no link syntax, no bare address left clickable."""
    label = _INVISIBLE.sub("", label)
    label = label.replace("[", "\\[").replace("]", "\\]").replace("://", ":\u2060//")
    return label


def masked_link(label: str, url: str | None) -> str:
    """A masked link when the article came from a plain http(s) web address, the label alone otherwise (no
    user@host forms, nothing over 512 characters)."""
    if not url or not url.lower().startswith(("https://", "http://")) or len(url) > 512:
        return label
    try:
        parts = urlsplit(url)
    except ValueError:
        return label
    if not parts.hostname or "@" in parts.netloc or _INVISIBLE.search(url) or any(c.isspace() for c in url):
        return label
    quoted = url.replace("(", "%28").replace(")", "%29").replace(">", "%3E").replace("<", "%3C")
    return f"[{label}](<{quoted}>)"


def article_line(article: Source | Document, locale: str | None, moderator: bool = False) -> str:
    """An article as a reader knows it: outlet (or headline) and publication date, linked when it came
    from an address; the file name when the text names neither, and for moderators always."""
    named = article.outlet or article.headline
    if named:
        label = masked_link(
            _plain_label(safe(named if len(named) <= _LABEL else named[: _LABEL - 1] + "…")), article.url
        )
        if moderator:
            label = f"{label} (`{article.file}`)"
    else:
        label = f"`{article.file}`"
    if article.publication_date:
        return text("source.dated", locale, article=label, date=day(article.publication_date, locale))
    return text("source.undated", locale, article=label)


_TRAILING_ID = re.compile(r"\s*\(\d{5,25}\)\s*$")
_DETERMINER = re.compile(r"^(?:the|a|an|all|any|every|each|their|its|his|her|our|your)\b", re.IGNORECASE)


def corrector_name(by: str) -> str:
    """Who made a correction, as moderators may read it: the name without any Discord id, mention-free."""
    return safe(_TRAILING_ID.sub("", by)) or "?"


def source_line(source: Source, locale: str | None, moderator: bool = False) -> str:
    """One source: its article (see article_line), or a correction; only moderators read who made it."""
    if source.correction_by:
        if not moderator:
            return text("source.correction.member", locale)
        return text("source.correction", locale, by=corrector_name(source.correction_by))
    return article_line(source, locale, moderator)


def audience_words(fact: DatedFact, locale: str | None) -> str:
    """Who a ticket sale is for, framed in the member's language ("the general public", « general public »):
    the article's words, with the determiner the extraction dropped put back where English needs one."""
    audience = safe(fact.audience or "")
    if language_of(locale) == "en" and (not audience[:1].islower() or _DETERMINER.match(audience)):
        return audience
    return text("upcoming.ticket_sale.the", locale, audience=audience)


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
