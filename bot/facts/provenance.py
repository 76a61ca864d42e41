"""Where an article comes from, as a reader would tell: its headline, its outlet and its address.

An import writes them as header lines (`title ...`, `outlet ...`, `url ...`, beside `date ...`); other
articles are read as a person reads a copied page: the headline is the first title-like line above the
body, the outlet is what a wire dateline, a copyright line or an "originally appeared" line names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# The header lines an import writes at the top of a saved article.
HEADER_KEYS = ("date", "title", "outlet", "url")
_HEADER = re.compile(r"^(date|title|outlet|url) (\S.{0,2000})$")
_HEAD_LINES = 14

_WIRE = re.compile(
    r"^[A-Z][A-Z.' -]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*\((?P<outlet>[A-Z][A-Za-z&.' ]{0,30}[A-Za-z.])\)\s*[—–-]"
)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[A-Z][\w&'’. -]{1,60}?)"
    r"(?:,?\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|Corp\.?|PLC)\b.*|\.?\s*all rights reserved.*|\.)?\s*$",
    re.IGNORECASE,
)
_APPEARED = re.compile(
    r"^(?:this (?:article|story) (?:originally |first )?(?:appeared|was published) (?:on|in)"
    r"|originally (?:published|appeared) (?:on|in|by))\s+(?P<outlet>[A-Z][\w&'’. -]{1,50}?)\.?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|words by|written by|posted by|story by)\s+\S", re.IGNORECASE)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}[:/.]\d{1,2}|\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\b(?:\d{1,4}|[ap]\.?m\.?)\b",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:home|menu|search|subscribe|sign (?:in|up)|log ?in|newsletters?|share|advertisement|skip to.*"
    r"|back to .*|trending|latest|news|tv|television|entertainment|movies|streaming|culture|features?"
    r"|cookies?.*|we use cookies.*|accept.*|close|exclusive|breaking|updated?:?.*|published:?.*|posted:?.*|listen.*"
    r"|watch.*|photos?:.*|image:.*|credit:.*|courtesy.*|getty.*|netflix$|tags?:.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Provenance:
    """An article's headline, outlet and address where the text gives them; which leading lines are the
    import's header (title, outlet, url: not article text; a `date` line is read by the date finder)."""

    headline: str | None = None
    outlet: str | None = None
    url: str | None = None
    header_lines: frozenset[int] = frozenset()


def _header(lines: list[str]) -> tuple[dict[str, str], frozenset[int], int]:
    found: dict[str, str] = {}
    skip: set[int] = set()
    index = 0
    for index, line in enumerate(lines[: len(HEADER_KEYS)]):
        match = _HEADER.match(line.strip())
        if match is None or match.group(1) in found:
            return found, frozenset(skip), index
        found[match.group(1)] = match.group(2).strip()
        if match.group(1) != "date":
            skip.add(index)
    return found, frozenset(skip), index + 1 if found else 0


_AGO = re.compile(
    r"\s+(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\s*$", re.IGNORECASE
)
_PAGE_TITLE = re.compile(r"^(?P<headline>.{12,}?)\s+[|–—]\s+(?P<outlet>[A-Z][\w&'’. ]{1,40})$")


def _clean(value: str, limit: int = 200) -> str | None:
    value = _AGO.sub("", " ".join(value.split())).strip(" |-–—:")
    return value[:limit] if value else None


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 4 <= len(words) <= 30 or len(line) > 220:
        return False
    if _FURNITURE.match(line) or _BYLINE.match(line) or _HEADER.match(line):
        return False
    if line.count("|") >= 2 or line.count("•") >= 2 or line.count(" · ") >= 2:
        return False  # a menu or a breadcrumb
    if len(words) <= 5 and any(mark in line for mark in (" · ", " | ", " • ", " › ", " > ")):
        return False  # a section label
    if line.endswith((".", ",", ";")) and not line.endswith(("...", "…")) and len(words) > 8:
        return False  # a body sentence
    if _DATEISH.search(line) and len(words) <= 8 and not any(word[:1].isupper() for word in words[1:3]):
        return False
    if line.isupper() and len(words) <= 5:
        return False  # a section label
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return capitalised >= 2


def _is_body(line: str) -> bool:
    words = line.split()
    return len(words) >= 25 or (len(words) >= 12 and line.rstrip().endswith((".", "”", '"')))


def _outlet(lines: list[str]) -> str | None:
    for line in lines[: _HEAD_LINES * 3]:
        match = _WIRE.match(line.strip())
        if match:
            return _clean(match.group("outlet"), 60)
    for line in reversed(lines):
        stripped = line.strip()
        for pattern in (_COPYRIGHT, _APPEARED):
            match = pattern.match(stripped)
            if match and len(match.group("outlet").split()) <= 6:
                return _clean(match.group("outlet"), 60)
    return None


def host_of(url: str) -> str | None:
    """The site's name from an address ("www.example.com/x" -> "example.com")."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def find_provenance(text: str) -> Provenance:
    """The headline, outlet and address of an article's text, each None when the text does not say."""
    lines = text.splitlines()
    header, skip, first_body_line = _header(lines)
    headline = _clean(header["title"]) if "title" in header else None
    url = header.get("url")
    outlet = _clean(header["outlet"], 60) if "outlet" in header else None
    if headline is None:
        seen = 0
        for line in lines[first_body_line:]:
            stripped = line.strip()
            if not stripped:
                continue
            seen += 1
            if seen > _HEAD_LINES or _is_body(stripped):
                break
            if _looks_like_headline(stripped):
                headline = _clean(stripped)
                break
    if headline is not None and outlet is None:
        titled = _PAGE_TITLE.match(headline)  # a page title: "Headline | Outlet"
        if titled and len(titled.group("outlet").split()) <= 4:
            headline, outlet = titled.group("headline"), titled.group("outlet")
    if outlet is None:
        outlet = _outlet(lines) or (host_of(url) if url else None)
    return Provenance(headline, outlet, url, skip)
