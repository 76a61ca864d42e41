"""An article's publication date: a labelled header, a short dateline or byline near the top, a wire dateline."""

from __future__ import annotations

import datetime as dt
import re

from bot.facts.date_mentions import DateMention, find_dates
from bot.facts.date_resolution import resolve

_LABELLED = re.compile(
    r"^[ \t\W]*(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated"
    r"|first\s+published)\s*:?\s+",
    re.IGNORECASE | re.MULTILINE,
)


# A wire dateline opening a paragraph: "PORT TALBOT, Wales — March 9, 2031 — The streamer said ...",
# "PORT TALBOT, Wales (March 9, 2031) – ...", or the date alone before the dash. Capitalized place words, at most four, then the date, then a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z'’.-]*(?:[ \t]+[A-Z][A-Z'’.-]*){0,3}(?:,[ \t]+[A-Z][\w.]{1,12})?[ \t]*(?:[—–-]{1,2}|\())?[ \t]*",
    re.MULTILINE,
)
# "NEW YORK, March 10, 2025 – ...": the date after the place and a comma.
_DATELINE_COMMA = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.-]*(?:[ \t]+[A-Z][A-Z'’.-]*){0,3}(?:,[ \t]+[A-Z][\w.]{1,12})?,[ \t]+", re.MULTILINE
)
_DASH_AFTER = re.compile(r"\)?[ \t]*(?:[—–]|--?)[ \t]*")


def _dateline(head: str) -> tuple[dt.date, int, int] | None:
    """A wire dateline at the start of one of the first paragraphs, and the span to drop with it."""
    offset = 0
    for seen, line in enumerate(head.splitlines(keepends=True)):
        if seen > 20:
            break
        for pattern in (_DATELINE, _DATELINE_COMMA):
            lead = pattern.match(line)
            if lead is None:
                continue
            found = first_full_date(line[lead.end() : lead.end() + 40])
            if found is not None and found[1].start == 0:
                date_end = lead.end() + found[1].end
                dash = _DASH_AFTER.match(line, date_end)
                if dash is not None and dash.end() > date_end:
                    return found[0], offset, offset + dash.end()
        offset += len(line)
    return None


# A byline's furniture: "Posted by admin | Mar 5, 2031 | News, Season 4 | 12 comments".
_SEPARATORS = frozenset({"|", "·", "•", "–", "—", "-", "/"})
_BYLINE = re.compile(r"\b(?:posted|published|updated|by)\b", re.IGNORECASE)


def first_full_date(text: str) -> tuple[dt.date, DateMention] | None:
    """The first date in text that states day, month and year."""
    for mention in find_dates(text):
        if mention.year is not None and mention.day is not None and mention.month is not None:
            resolved = resolve(mention, None)
            if resolved is not None:
                return resolved.date, mention
    return None


_PAGE_WORDS = frozenset(
    {"on", "at", "am", "pm", "a.m", "p.m", "min", "mins", "read", "comments", "updated", "and"}
)


_A_FACT_LINE = re.compile(
    r"^\s*(?:[-•*·▪]\s|\d{1,2}[.)]\s)|.*\b(?:[Ss]eason|[Ss]eries|[Pp]art|[Ee]pisode|[Vv]olume|[Ff]inale|[Pp]remiere)\s*\d"
)


def _dates_the_page(line: str, mention: DateMention, words: list[str]) -> bool:
    """Whether a short line's date is the page's ("March 12, 2026 9:00am PT", "By Jane Roe | Oct 2, 2025"),
    not a fact in a short sentence ("- Season 1 premiered February 18, 2022"): the date opens the line, or a
    byline holds it, or little else is written around it."""
    if _A_FACT_LINE.match(line) and not _BYLINE.search(line):
        return False  # "- Season 2: September 17, 2021": a list of the show's dates, not the page's
    around = [
        word.strip("()[]{},.;:!?\"'“”‘’")
        for word in (line[: mention.start] + " " + line[mention.end :]).split()
    ]
    prose = [word for word in around if word[:1].islower() and word not in _PAGE_WORDS]
    return _BYLINE.search(line) is not None or len(prose) <= 2


def find_publication_date(text: str) -> tuple[dt.date, int, int] | None:
    """The article's publication date and the span of its header, or None when the article does not say.

    A labelled header ("date 2023-02-01", "Published 5 Jan 2023") wins; otherwise a short dateline near the
    top ("07 March 2031", "March 9, 2031", "21.04.2031") or a byline ("Posted by X | Mar 5, 2031 | News");
    else a wire dateline opening a paragraph ("PARIS — March 9, 2023 — ..."). Never today's date.
    """
    head = text[:3000]
    for label in _LABELLED.finditer(head):
        window = head[label.end() : label.end() + 40]
        found = first_full_date(window)
        if found is not None and found[1].start <= 12:
            return found[0], label.start(), label.end() + found[1].end
    offset = 0
    seen = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            seen += 1
            if seen > 15:
                break
            words = [word for word in stripped.split() if word not in _SEPARATORS]
            if len(words) <= 12 or (len(words) <= 20 and _BYLINE.search(stripped)):
                found = first_full_date(line)
                if found is not None and _dates_the_page(line, found[1], words):
                    return found[0], offset + found[1].start, offset + found[1].end
        offset += len(line)
    return _dateline(head)
