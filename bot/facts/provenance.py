"""Where an article comes from, as a reader would tell: its headline, its outlet and its address.

An import writes them as header lines (`title ...`, `outlet ...`, `url ...`, beside `date ...`); other
articles are read as a person reads a copied page: the headline is the first title-like line above the
body, the outlet is what a wire dateline, a copyright line or an "originally appeared" line names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.facts.publication_date import first_full_date

# The header lines an import writes at the top of a saved article.
HEADER_KEYS = ("date", "title", "outlet", "url")
_HEADER = re.compile(r"^(date|title|outlet|url) (\S.{0,2000})$")
_HEAD_LINES = 14
_STORY_WORD = re.compile(r"\b[a-z]{3,}\b")

_WIRE = re.compile(
    # ("NEW YORK, May 12 (Meridian News Service) —": the dateline may carry the day)
    r"^[A-Z][A-Z.' -]{1,40}(?:,\s*[A-Z][A-Za-z0-9.' ]{1,30})?\s*\((?P<outlet>[A-Z][A-Za-z&.' ]{0,30}[A-Za-z.])\)\s*[—–-]"
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
# "Headline | Outlet": a browser tab's title. Dashes are left alone: headlines use them for their own clauses.
_PAGE_TITLE = re.compile(r"^(?P<headline>.{12,}?)\s+\|\s+(?P<outlet>[A-Z][\w&'’. ]{1,40})$")
# A cookie or consent notice: never the headline or the masthead, and not the article's body either.
_CONSENT = re.compile(
    r"\b(?:cookies?|your privacy|value your privacy|consent|accept all|reject all|manage (?:preferences|options))\b",
    re.IGNORECASE,
)
# Site paths ("TV › Netflix › Drama") and a masthead's tagline ("a fan blog", "est. 2019").
_BREADCRUMB = re.compile(r"\s(?:›|>|»|/)\s")
_TAGLINE = re.compile(
    r"\b(?:fan (?:blog|site|page|account|zine)|est\.?\s*\d{4}|your (?:#1|daily|number one|home for)|unofficial)\b",
    re.IGNORECASE,
)
# What follows a masthead on its line: a section ("— TV", "| Arts & Entertainment") or a tagline.
_MASTHEAD_TAIL = re.compile(r"\s+(?:[|·•]|[—–]|-{1,2})\s+")
_DATE_WORD = re.compile(
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?"
    r"|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|[ap]m|[a-z]?[ecmp][sd]?t|bst|gmt|utc|cet|cest|st|nd|rd|th|at|on|posted|published|updated|min|mins"
    r"|minutes?|read|reading|time|by",
    re.IGNORECASE,
)
# Corporate words after a brand in a copyright line: the brand is what readers know.
_CORPORATE_TAIL = re.compile(r"(?:,\s+an?\s+.*|\s+(?:Media\s+Group|Media|Group|Publishing|Digital))$")


_SECTION_WORDS = frozenset(
    {"", "tv", "news", "television", "entertainment", "film", "films", "movies", "culture", "arts", "reviews",
     "review", "showbiz", "streaming", "features", "opinion", "latest", "breaking", "exclusive", "music", "media",
     "celebrity", "home", "lifestyle", "and", "the"}
)  # fmt: skip


def _clean(value: str, limit: int = 200) -> str | None:
    value = _AGO.sub("", " ".join(value.split())).strip(" |-–—:")
    return value[:limit] if value else None


def _is_date_line(line: str) -> bool:
    """A line that only says when ("Monday 28 March 2022, 07:00 BST", "Posted 11/29/2023 · 4 min read")."""
    tokens = re.findall(r"[^\W\d_]+|\d+", line)
    if not tokens or len(tokens) > 14 or not any(token.isdigit() for token in tokens):
        return False
    dated = sum(1 for token in tokens if token.isdigit() or _DATE_WORD.fullmatch(token))
    return dated >= 0.7 * len(tokens)


def _masthead_with_section(line: str) -> bool:
    """ "THE DAILY PAPER — Arts & Entertainment", "Pop Notes — TV": a name and its section, not a headline."""
    parts = _MASTHEAD_TAIL.split(line, maxsplit=1)
    return len(parts) == 2 and len(parts[0].split()) <= 4 and len(parts[1].split()) <= 3


def _looks_like_headline(line: str, *, sentence_case: bool = False) -> bool:
    """Whether a top line reads as a headline; `sentence_case` admits one written like a sentence ("Show
    season two review: a slow burn"), for a line that a byline or a date line follows."""
    words = line.split()
    if not 4 <= len(words) <= 30 or len(line) > 220:
        return False
    if _FURNITURE.match(line) or _BYLINE.match(line) or _HEADER.match(line) or _CONSENT.search(line):
        return False
    if (
        _BREADCRUMB.search(line)
        or _TAGLINE.search(line)
        or _is_date_line(line)
        or _masthead_with_section(line)
    ):
        return False
    if line.count("|") >= 2 or line.count("•") >= 2 or line.count(" · ") >= 2:
        return False  # a menu
    if unicodedata.category(line[0]) == "So" or words[0].casefold() == "menu":
        return False  # a menu behind its icon
    if len(words) <= 5 and any(mark in line for mark in (" · ", " | ", " • ")):
        return False  # a section label
    if (
        line.endswith((".", ",", ";"))
        and not _INITIALS_AT_END.search(line)
        and not line.endswith(("...", "…"))
        and len(words) > 8
    ):
        return False  # a body sentence
    if _DATEISH.search(line) and len(words) <= 8 and not any(word[:1].isupper() for word in words[1:3]):
        return False
    if line.isupper() and len(words) <= 5:
        return False  # a section label
    capitalised = sum(1 for word in words if (bare := word.lstrip("'\"‘“(")[:1]).isupper() or bare.isdigit())
    return capitalised >= (1 if sentence_case else 2)


_RELEASE_LABELS = frozenset({"press release", "news release", "for immediate release", "media release"})
_LOOKS_LIKE_OUTLET = re.compile(
    r"^[^a-z]*$|^The\s|\b(?:Daily|Weekly|Times|News|Post|Press|Wire|Report|Review|Ledger|Gazette|Journal|Magazine|Guide|Guides"
    r"|Dispatch|Column|Desk|Tribune|Herald|Observer|Courier|Insider|Digest|Reporter|Chronicle|Standard|Mirror|Sun|Star"
    r"|Express|Telegraph|Online|Media|Network|Radio|TV|Television|Entertainment|Culture|Buzz|Feed|Hub|Central|Nation|World"
    r"|Blog|Zine|Notes|Line|Beat|Scoop|Watch)\b"
)
_RELEASE_LABEL = re.compile(r"(?i)(?:press|news|media)\s+release\s+[—–|-]\s+\S")
_MENU = re.compile(r"\|.*\|")
_BY_NAME = re.compile(r"\b[Bb]y\s+[A-Z]")


def _under_the_name(line: str) -> bool:
    """A byline or date line, however dressed: "By Jane Roe | Oct 2, 2025", "January 15, 2026 | TV |
    Reporting by Jane Roe", "Jane Roe, TV critic · 22 January 2026"."""
    if _is_byline_or_date(line) or _BY_NAME.search(line):
        return True
    return len(line.split()) <= 16 and first_full_date(line) is not None


def _dated_tail(line: str) -> bool:
    """ "Continental Press — April 28, 2026": a name whose own line ends with the date."""
    parts = _MASTHEAD_TAIL.split(line, maxsplit=1)
    return len(parts) == 2 and _is_date_line(parts[1])


def _is_byline_or_date(line: str) -> bool:
    return (
        bool(_BYLINE.match(line))
        or _is_date_line(line)
        or line.casefold().startswith(("posted ", "published "))
    )


def _masthead(line: str) -> str | None:
    """The publication's name when a page's first line is its masthead ("The Daily Paper", "POP NOTES | TV",
    "THE FAN PAGE 🐝 a fan blog"); None for anything else."""
    cut = next((index for index, char in enumerate(line) if unicodedata.category(char) == "So"), len(line))
    parts = _MASTHEAD_TAIL.split(line[:cut], maxsplit=1)
    name = parts[0].strip()
    if name.casefold() in _RELEASE_LABELS:
        # "PRESS RELEASE — HBO": the label, then whose release it is
        name = parts[1].strip() if len(parts) == 2 and len(parts[1].split()) <= 4 else ""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or any(mark in name for mark in ':?!.,;"“”'):
        return None
    if _FURNITURE.match(name) or _BYLINE.match(name) or _is_date_line(name) or _BREADCRUMB.search(name):
        return None
    if not all(
        word[:1].isupper() or word[:1].isdigit() or word in {"&", "of", "the", "by", "and"} for word in words
    ):
        return None
    if all(word.casefold().strip("&") in _SECTION_WORDS for word in words):
        return None  # "TV NEWS", "Arts & Culture": a section's label, not the publication's name
    return name


def _ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does (not on initials: "... as Cameras Roll in L.A.")."""
    stripped = line.rstrip()
    return stripped.endswith((".", "”", '"')) and not _INITIALS_AT_END.search(stripped)


_INITIALS_AT_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$|\b(?:Jr|Sr|St|Mr|Mrs|Ms|Dr)\.$")


def _is_body(line: str) -> bool:
    words = line.split()
    ends_sentence = _ends_sentence(line)
    return len(words) >= 40 or (len(words) >= 12 and ends_sentence) or (len(words) >= 25 and ends_sentence)


def _wire(lines: list[str]) -> str | None:
    for line in lines[: _HEAD_LINES * 3]:
        match = _WIRE.match(line.strip())
        if match and _STORY_WORD.search(line, match.end()):  # not "TITLE (Streamly) — Wednesday, April 8"
            return _clean(match.group("outlet"), 60)
    return None


def _credited(lines: list[str]) -> str | None:
    """The outlet a copyright or "originally appeared" line names, without corporate words."""
    for line in reversed(lines):
        stripped = line.strip()
        for pattern in (_COPYRIGHT, _APPEARED):
            match = pattern.match(stripped)
            if match and len(match.group("outlet").split()) <= 6:
                return _clean(_CORPORATE_TAIL.sub("", match.group("outlet").strip()), 60)
    return None


def host_of(url: str) -> str | None:
    """The site's name from an address ("www.example.com/x" -> "example.com")."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def _page_top(lines: list[str]) -> tuple[str | None, str | None]:
    """The headline and the masthead of a copied page, read from its top lines as a reader would."""
    top: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped or _CONSENT.search(stripped) or stripped.startswith("["):
            continue  # blank lines, cookie notices and their buttons
        if len(top) >= _HEAD_LINES or _is_body(stripped):
            break
        top.append(stripped)
    headline: str | None = None
    at = -1
    for index, line in enumerate(top):
        following = top[index + 1 : index + 3]
        if following and _TAGLINE.search(following[0]) and _masthead(line) is not None:
            continue  # a masthead over its tagline
        # (or a name and the date: "Transatlantic News Service | Tuesday, March 3, 2026")
        byline_next = any(_is_byline_or_date(after) or _dated_tail(after) for after in following)
        if _looks_like_headline(line, sentence_case=byline_next):
            headline, at = _clean(line), index
            break
    masthead = _masthead(top[0]) if top and headline is not None and at > 0 else None
    if masthead is None and headline is not None:
        # The name under the headline, over its byline or date: "Headline / Screen Ledger / By Jane Roe | ...".
        under = top[at + 1 : at + 3]
        if len(under) == 2 and _MENU.search(under[1]) and not _under_the_name(under[1]):
            under = [under[0], *top[at + 3 : at + 4]]  # a menu between the name and the byline
        if (
            under
            and not _is_byline_or_date(under[0])
            and (
                (len(under) == 2 and _under_the_name(under[1]))
                or _dated_tail(under[0])
                or _RELEASE_LABEL.match(under[0]) is not None
            )
        ):
            # "Screen Ledger / By Jane Roe | ...", "POP DISPATCH / January 15, 2026 | TV", "Wire — April 28, 2026"
            named = _masthead(_BREADCRUMB.split(under[0], maxsplit=1)[0])
            # A name under the headline may be the author's ("Pat Writer"): only a publication's looks is taken.
            looks = named is not None and (_LOOKS_LIKE_OUTLET.search(named) or _RELEASE_LABEL.match(under[0]))
            masthead = named if looks else None
    if masthead is None and headline is not None:
        masthead = _after_the_byline(top[at + 1 : at + 4])
    if masthead is None and top and _BREADCRUMB.search(top[0]):
        masthead = _breadcrumb_root(top[0])
    return headline, masthead


# A writer's title after the outlet's name: "Meridian Wire Entertainment Writer".
_WRITER_TITLE = re.compile(
    r"\s+(?:(?:Senior|Chief|Staff|Entertainment|TV|Television|Film|Culture|Arts|Contributing)\s+)*"
    r"(?:Writer|Reporter|Correspondent|Editor|Critic)$"
)


def _after_the_byline(under: list[str]) -> str | None:
    """ "Headline / By Jane Roe / Meridian Press / May 14, 2025": a publication's name between the byline and
    the date ("Screenline | TV": a name with its section)."""
    if len(under) < 3 or not _BYLINE.match(under[0]) or not _under_the_name(under[2]):
        return None
    named = _masthead(_WRITER_TITLE.sub("", under[1]))
    if named is None or _BY_NAME.search(under[1]) or first_full_date(under[1]) is not None:
        return None
    return named if _LOOKS_LIKE_OUTLET.search(named) or _masthead_with_section(under[1]) else None


def _breadcrumb_root(line: str) -> str | None:
    """ "COUCH REPORT > TV > Netflix": a site's path whose first step is its name, the rest its sections."""
    steps = [step.strip() for step in _BREADCRUMB.split(line)]
    named = _masthead(steps[0])
    # In capitals, as a masthead is set ("Fan Guides › Television" may be a wiki's own section)
    if named is None or len(steps) > 5 or not (named.isupper() or _BRAND.fullmatch(named)):
        return None
    return named


# One word with capitals inside, as brands are written ("PopReel"), not a section's plain word.
_BRAND = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)+")


def _spelled_out(abbreviation: str, lines: list[str]) -> str:
    """A wire's initials ("(MWS)") as the page spells the name out ("Meridian Wire Service"), if it does."""
    if not (abbreviation.isupper() and abbreviation.isalpha() and len(abbreviation) <= 5):
        return abbreviation
    size = len(abbreviation)
    for line in lines[: _HEAD_LINES * 2]:
        # a run of capitalised words whose initials spell it: "Transatlantic News Service | Tuesday, ..."
        for run in _CAPITAL_RUN.finditer(line):
            words = run.group(0).split()
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if "".join(word[0] for word in window) == abbreviation:
                    return " ".join(window)
    return abbreviation


_CAPITAL_RUN = re.compile(r"[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){1,7}")


_RELEASE_MARK = re.compile(
    r"(?i)\b(?:for\s+immediate\s+release|press\s+release|news\s+release|media\s+contacts?|press\s+contacts?"
    r"|press\s+site)\b"
)
_ABOUT = re.compile(r"^(?:About|ABOUT)\s+(?P<company>[^\W\d_\"“'‘][^\"“”:.!?]{0,40}?)\s*$")


def _released_by(lines: list[str]) -> str | None:
    """A press release's issuer: the last "About X" heading of its boilerplate ("About "Show"" comes first, in
    quotes; "About STARZ", the company, closes it), on a page that says it is a release."""
    if not any(_RELEASE_MARK.search(line) for line in lines):
        return None
    companies = [found.group("company") for line in lines if (found := _ABOUT.match(line.strip()))]
    if not companies or len(companies[-1].split()) > 5:
        return None
    return _clean(companies[-1], 60)


def find_provenance(text: str) -> Provenance:
    """The headline, outlet and address of an article's text, each None when the text does not say."""
    lines = text.splitlines()
    header, skip, first_body_line = _header(lines)
    headline = _clean(header["title"]) if "title" in header else None
    url = header.get("url")
    outlet = _clean(header["outlet"], 60) if "outlet" in header else None
    masthead = None
    if headline is None:
        headline, masthead = _page_top(lines[first_body_line:])
    if headline is not None and outlet is None:
        titled = _PAGE_TITLE.match(headline)  # a page title: "Headline | Outlet"
        if titled and len(titled.group("outlet").split()) <= 4 and len(titled.group("headline").split()) >= 4:
            headline, outlet = titled.group("headline"), titled.group("outlet")
    if outlet is None:
        credited = _credited(lines)
        if masthead is not None and credited is not None and masthead.casefold() == credited.casefold():
            masthead = credited  # the same name, as the page spells it in running text
        wire = _wire(lines)
        outlet = (
            masthead
            or (wire and _spelled_out(wire, lines))
            or credited
            or _released_by(lines)
            or (host_of(url) if url else None)
        )
    return Provenance(headline, outlet, url, skip)
