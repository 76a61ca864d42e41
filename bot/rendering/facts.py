"""The moderators' /facts replies: what a reload changed, what an import taught, sources, status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import discord

from bot.discord_limits import FIELD_VALUE
from bot.facts.diff import FactDiff
from bot.facts.models import BuildWarning, FactSet
from bot.facts.service import ReloadResult
from bot.i18n import counted, text
from bot.queries.sources import Provenance
from bot.rendering.common import bullet_lines, corrector_name, safe, source_line
from bot.rendering.limits import clip, fit, lines_within

QUOTE = 300


def _shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def add_diff(embed: discord.Embed, diff: FactDiff, locale: str | None) -> None:
    """Fields for facts added, removed and changed."""
    if diff.added:
        lines = [f"`{fact_id}` {safe(summary)}" for fact_id, summary in diff.added]
        embed.add_field(
            name=text("facts.added", locale), value=bullet_lines(lines, FIELD_VALUE, locale), inline=False
        )
    if diff.removed:
        lines = [f"`{fact_id}` {safe(summary)}" for fact_id, summary in diff.removed]
        embed.add_field(
            name=text("facts.removed", locale), value=bullet_lines(lines, FIELD_VALUE, locale), inline=False
        )
    if diff.changed:
        lines = [
            text("facts.change", locale, fact=c.fact_id, field=c.field, before=safe(_shown(c.before)), after=safe(_shown(c.after)))
            for c in diff.changed
        ]  # fmt: skip
        embed.add_field(
            name=text("facts.changed", locale), value=bullet_lines(lines, FIELD_VALUE, locale), inline=False
        )


def add_warnings(embed: discord.Embed, warnings: list[BuildWarning], locale: str | None) -> None:
    """A field with the warnings, one a line, as many as fit."""
    if warnings:
        lines = [safe(warning.describe(locale)) for warning in warnings]
        embed.add_field(
            name=text("facts.warnings", locale), value=bullet_lines(lines, FIELD_VALUE, locale), inline=False
        )


def render_reload(result: ReloadResult, locale: str | None) -> discord.Embed:
    """What a reload changed, and the warnings per file."""
    diff = result.diff
    title = (
        text("facts.reloaded.same", locale)
        if diff.empty
        else text(
            "facts.reloaded.counts",
            locale,
            counts=", ".join(
                counted(f"count.{what}", count, locale)
                for what, count in (
                    ("added", len(diff.added)),
                    ("removed", len(diff.removed)),
                    ("changed", len(diff.changed)),
                )
            ),
        )
    )
    embed = discord.Embed(title=title)
    add_diff(embed, diff, locale)
    add_warnings(embed, result.warnings, locale)
    embed.set_footer(
        text=text("facts.reloaded.footer", locale, documents=result.documents, seconds=result.seconds)
    )
    return fit(embed)


def render_import(file: str, result: ReloadResult, locale: str | None) -> discord.Embed:
    """What an imported article taught the bot."""
    embed = discord.Embed(title=text("facts.imported.title", locale, file=file))
    if result.diff.empty:
        embed.description = text("facts.imported.nothing", locale)
    add_diff(embed, result.diff, locale)
    add_warnings(embed, [w for w in result.warnings if w.file == file], locale)
    return fit(embed)


def render_sources(found: Provenance, locale: str | None) -> discord.Embed:
    """The sentences behind something, newest first, with corrections and who made them."""
    subject = text("sources.season", locale, number=found.season) if found.season else safe(found.subject)
    embed = discord.Embed(title=text("facts.sources.title", locale, subject=subject))
    lines = [
        text("facts.sources.line", locale, sentence=safe(clip(source.sentence, QUOTE)), source=source_line(source, locale, moderator=True))
        for source in found.sources
    ]  # fmt: skip
    embed.description = lines_within(lines, 3500, lambda count: text("about.more", locale, count=count))
    embed.add_field(
        name=text("facts.sources.facts", locale),
        value=clip(", ".join(f"`{i}`" for i in found.fact_ids), FIELD_VALUE) or "—",
        inline=False,
    )
    if found.conflicts:
        conflicts = [safe(w.describe(locale)) for w in found.conflicts]
        embed.add_field(
            name=text("facts.sources.conflicts", locale),
            value=bullet_lines(conflicts, FIELD_VALUE, locale),
            inline=False,
        )
    return fit(embed)


def render_status(
    facts: FactSet, loaded_at: dt.datetime, loaded_by: str | None, locale: str | None
) -> discord.Embed:
    """Counts by kind, articles, the last reload, open warnings."""
    kinds = [d.kind for d in facts.dates]
    embed = discord.Embed(title=text("facts.status.title", locale))
    others = len(kinds) - kinds.count("premiere") - kinds.count("event") - kinds.count("ticket_sale")
    counts = ", ".join(
        counted(f"count.{what}", count, locale)
        for what, count in (("credits", len(facts.credits)), ("crew", len(facts.crew)),
                            ("premieres", kinds.count("premiere")), ("events", kinds.count("event")),
                            ("sales", kinds.count("ticket_sale")), ("others", others), ("figures", len(facts.figures)))
    )  # fmt: skip
    embed.add_field(name=text("facts.status.counts", locale), value=counts, inline=False)
    undated = sum(1 for d in facts.documents if d.publication_date is None)
    embed.add_field(name=text("facts.status.articles", locale),
                    value=counted("facts.status.articles.count", len(facts.documents), locale,
                                  undated=counted("count.undated", undated, locale)),
                    inline=False)  # fmt: skip
    stamp = int(loaded_at.timestamp())
    reload = (
        text("facts.status.reload.value", locale, timestamp=stamp, by=corrector_name(loaded_by))
        if loaded_by
        else text("facts.status.reload.startup", locale, timestamp=stamp)
    )
    embed.add_field(name=text("facts.status.reload", locale), value=reload, inline=False)
    warnings = [safe(w.describe(locale)) for w in facts.warnings]
    embed.add_field(name=text("facts.status.warnings", locale, count=len(warnings)),
                    value=bullet_lines(warnings, FIELD_VALUE, locale) if warnings else text("facts.status.no_warnings", locale),
                    inline=False)  # fmt: skip
    return fit(embed)
