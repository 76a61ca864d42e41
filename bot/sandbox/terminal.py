"""Showing Discord messages in a terminal: embeds as text, <t:...> timestamps as a Discord client shows them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")


_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


def relative(moment: dt.datetime, now: dt.datetime) -> str:
    """ "in 3 days", "2 months ago", "now", as Discord's R style reads."""
    seconds = (moment - now).total_seconds()
    size = abs(seconds)
    if size < 1:
        return "now"
    unit, length = next((unit, length) for unit, length in _UNITS if size >= length)
    count = round(size / length)
    words = f"{count} {unit}{'' if count == 1 else 's'}"
    return f"in {words}" if seconds >= 0 else f"{words} ago"


def timestamp(seconds: int, style: str, zone: ZoneInfo, now: dt.datetime) -> str:
    """One Discord timestamp in a reader's zone."""
    moment = dt.datetime.fromtimestamp(seconds, tz=zone)
    if style == "R":
        return relative(moment, now)
    formats = {
        "t": "%H:%M", "T": "%H:%M:%S", "d": "%d/%m/%Y", "D": "%-d %B %Y", "f": "%-d %B %Y %H:%M",
        "F": "%A, %-d %B %Y %H:%M",
    }  # fmt: skip
    shown = moment.strftime(formats.get(style, formats["f"]))
    return shown if style in "tTdD" else f"{shown} {moment.tzname()}"


def show_timestamps(text: str, zone: ZoneInfo, now: dt.datetime) -> str:
    """Text with every <t:...> replaced as a Discord client would show it."""
    return _TIMESTAMP.sub(lambda m: timestamp(int(m.group(1)), m.group(2) or "f", zone, now), text)


def render_message(
    message: dict[str, Any], zone: ZoneInfo, now: dt.datetime, *, ephemeral: bool = False
) -> str:
    """A message (content and embeds) as indented text."""
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
    return show_timestamps("\n".join(lines), zone, now)


def render_choices(choices: list[dict[str, Any]]) -> str:
    """Autocomplete choices, one a line."""
    return "\n".join(f"  {choice.get('name')}" for choice in choices) or "  (no suggestions)"
