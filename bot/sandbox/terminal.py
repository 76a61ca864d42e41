"""Showing Discord messages in a terminal: embeds as text, <t:...> timestamps as a Discord client shows them
to a member of the given language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import day, plural, text
from bot.local_discord.components import button_rows

_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")
_MENTION = re.compile(r"<(?:#|@&|@!?)\d+>")
_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


def relative(moment: dt.datetime, now: dt.datetime, locale: str | None = None) -> str:
    """ "in 3 days", "2 months ago", "now", as Discord's R style reads."""
    seconds = (moment - now).total_seconds()
    size = abs(seconds)
    if size < 1:
        return text("relative.now", locale)
    unit, length = next((unit, length) for unit, length in _UNITS if size >= length)
    count = round(size / length)
    words = text(f"unit.{unit}" if plural(count, locale) == "one" else f"unit.{unit}s", locale)
    return text("relative.future" if seconds >= 0 else "relative.past", locale, count=count, unit=words)


def timestamp(seconds: int, style: str, zone: ZoneInfo, now: dt.datetime, locale: str | None = None) -> str:
    """One Discord timestamp in a reader's zone and language."""
    moment = dt.datetime.fromtimestamp(seconds, tz=zone)
    clock = moment.strftime("%H:%M")
    if style == "R":
        return relative(moment, now, locale)
    if style == "t":
        return clock
    if style == "T":
        return moment.strftime("%H:%M:%S")
    if style == "d":
        return moment.strftime("%d/%m/%Y")
    if style == "D":
        return day(moment.date(), locale)
    shown = f"{day(moment.date(), locale)} {clock}"
    if style == "F":
        weekday = text(f"weekday.{moment.weekday()}", locale)
        shown = text("date.long", locale, weekday=weekday, date=day(moment.date(), locale), time=clock)
    return f"{shown} {moment.tzname()}"


def show_timestamps(
    words: str,
    zone: ZoneInfo,
    now: dt.datetime,
    locale: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Text with every <t:...> replaced as a Discord client would show it, and <#id>, <@&id> by their names."""
    shown = _TIMESTAMP.sub(lambda m: timestamp(int(m.group(1)), m.group(2) or "f", zone, now, locale), words)
    return _MENTION.sub(lambda m: (names or {}).get(m.group(0), m.group(0)), shown)


def render_message(
    message: dict[str, Any],
    zone: ZoneInfo,
    now: dt.datetime,
    *,
    ephemeral: bool = False,
    locale: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """A message (content, embeds, then its rows of buttons as [ label ]) as indented text."""
    lines: list[str] = []
    if ephemeral:
        lines.append("(only you can see this)")
    if message.get("content"):
        lines.append(str(message["content"]))
    for embed in message.get("embeds") or []:
        if embed.get("author", {}).get("name"):
            lines.append(str(embed["author"]["name"]))
        if embed.get("title"):
            lines.append(f"== {embed['title']} ==")
        if embed.get("description"):
            lines.append(str(embed["description"]))
        for item in embed.get("fields") or []:
            lines.append(f"[{item.get('name')}]")
            lines.extend(f"  {line}" for line in str(item.get("value")).splitlines())
        if (embed.get("footer") or {}).get("text"):
            lines.append(f"-- {embed['footer']['text']}")
    for attachment in message.get("attachments") or []:
        lines.append(f"[file] {attachment.get('filename')} ({int(attachment.get('size') or 0):,} bytes)")
    lines.extend(" ".join(f"[ {label} ]" for label in row) for row in button_rows(message))
    return show_timestamps("\n".join(lines), zone, now, locale, names)


def render_events(events: list[dict[str, Any]], zone: ZoneInfo, names: dict[str, str] | None = None) -> str:
    """A server's scheduled events as its Events list shows them: soonest first, when, where, who made it."""
    if not events:
        return "(no scheduled events in this server)"
    lines = []
    for event in sorted(events, key=lambda e: str(e.get("scheduled_start_time"))):
        start = dt.datetime.fromisoformat(str(event["scheduled_start_time"])).astimezone(zone)
        place = (event.get("entity_metadata") or {}).get("location") or ""
        maker = (names or {}).get(
            f"<@{event.get('creator_id')}>", "the bot" if event.get("creator") else "someone"
        )
        lines.append(f"- {event.get('name')} | {start:%a %d %b %Y %H:%M %Z} | {place} | made by {maker}")
    return "\n".join(lines)
