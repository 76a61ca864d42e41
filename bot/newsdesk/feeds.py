"""One RSS or Atom feed: downloaded as imports download pages, read by feedparser from bytes, as text."""

from __future__ import annotations

import datetime as dt
import html
import html.entities
import io
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
from pydantic import BaseModel, ValidationError

from bot.facts.addresses import checked_url
from bot.facts.children import ChildFailedError, ChildTimeoutError, run_child
from bot.facts.downloads import download
from bot.facts.refusals import ImportRefusedError, shown
from bot.newsdesk.feed_document import IGNORED, MAX_ENTRIES, decoded, from_root, readable

log = logging.getLogger(__name__)

PARSE_SECONDS = 20.0  # a feed read longer than this is refused (its worker is killed)
MAX_FEED_BYTES = 2_000_000  # a feed larger than this is refused

TITLE_CHARACTERS = 300
SUMMARY_CHARACTERS = 2000
ID_CHARACTERS = 500
FEED_TITLE_CHARACTERS = 200
ETAG_CHARACTERS = 500
LAST_MODIFIED_CHARACTERS = 100

# At most this much of an entry's markup is reduced to text: far more than a 2,000-character summary needs.
MARKUP_CHARACTERS = 100_000

_REQUEST_HEADERS = {
    "User-Agent": "Savoir (news desk)",
    "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
    "text/xml;q=0.8, */*;q=0.1",
}
# What feedparser reports for RSS 0.9x, 1.0 and 2.0 and for Atom (not CDF, not "" for anything else).
_VERSIONS = frozenset(
    {"rss090", "rss091n", "rss091u", "rss092", "rss093", "rss094", "rss20", "rss10", "rss"}
    | {"atom01", "atom02", "atom03", "atom10", "atom"}
)
_PARSED_AS = {"content-type": "application/xml; charset=utf-8"}

# Markup reduced to text in linear time: each pattern either matches what it scanned or stops at the next
# "<", so no character is scanned twice (html.parser here is quadratic on inputs such as "<a " repeated).
_HIDDEN = re.compile(
    r"<(script|style|template|noscript|iframe|object|svg|head)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]*)|[!?])[^<>]*>?")
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
})  # fmt: skip
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates can make a title read backwards; surrogates cannot be sent.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_HEADER_VALUE = re.compile(r"[\x20-\x7e]+")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    link: str | None  # absolute http(s), resolved against the feed's address; None when absent or not http(s)
    title: str  # plain text, at most TITLE_CHARACTERS, "" when none
    summary: str  # plain text, at most SUMMARY_CHARACTERS
    entry_id: str | None  # guid or Atom id, at most ID_CHARACTERS
    published: dt.datetime | None  # UTC, from published or else updated; None when absent or impossible


class ReadEntry(BaseModel):
    """An entry as the feed worker reports it, and whether it names the show."""

    link: str | None
    title: str
    summary: str
    entry_id: str | None
    published: dt.datetime | None
    names_show: bool = True


class FeedRead(BaseModel):
    """What the feed worker reports: the feed's title and entries, or why it is refused."""

    title: str | None = None
    entries: list[ReadEntry] = []
    refusal: tuple[str, dict[str, Any]] | None = None
    cut: bool = False  # the feed was read only up to an entry too costly to read (it and the rest left out)


@dataclass(frozen=True)
class FeedFetch:
    """The result of one poll."""

    changed: bool  # False on 304 Not Modified, with no entries
    entries: tuple[FeedEntry, ...]
    etag: str | None  # send as If-None-Match next time
    last_modified: str | None  # send as If-Modified-Since next time
    title: str | None  # the feed's own title, plain text; None on a 304
    names_show: tuple[
        bool, ...
    ] = ()  # for each entry, whether it names the show (when fetch_feed was told it)
    cut: bool = False  # read only up to an entry too costly to read: it and the entries after it are left out


async def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_loopback: bool = False,
    seconds: float = 10.0,
    limit: int = MAX_FEED_BYTES,
    show: Path | None = None,
    parse_seconds: float = PARSE_SECONDS,
) -> FeedFetch:
    """Download the feed (a conditional GET when etag or last_modified is given) and read it in a child process
    (with `show`, a seeds folder, also which entries name its show); ImportRefusedError with a catalogue key on
    every failure."""
    checked = checked_url(url)
    headers = dict(_REQUEST_HEADERS)
    # A validator that cannot be sent back as it came (too long, not plain ASCII) only costs a full download.
    sent_etag = _validator(etag, ETAG_CHARACTERS)
    sent_since = _validator(last_modified, LAST_MODIFIED_CHARACTERS)
    if sent_etag:
        headers["If-None-Match"] = sent_etag
    if sent_since:
        headers["If-Modified-Since"] = sent_since
    page = await download(
        checked, limit=limit, seconds=seconds, allow_loopback=allow_loopback, headers=headers
    )
    new_etag = _validator(page.headers.get("ETag"), ETAG_CHARACTERS)
    new_since = _validator(page.headers.get("Last-Modified"), LAST_MODIFIED_CHARACTERS)
    if page.status == 304:
        # A 304 should repeat the validators (RFC 9110, 15.4.5); when it does not, the ones sent still hold.
        return FeedFetch(False, (), new_etag or sent_etag, new_since or sent_since, None)
    charset = _charset(page.headers.get("Content-Type", ""))
    read = await read_feed(page.data, str(checked), charset=charset, seeds=show, seconds=parse_seconds)
    return FeedFetch(True, read.entries, new_etag, new_since, read.title, read.names_show, cut=read.cut)


class FeedContents(NamedTuple):
    """A feed as read: its title, entries, whether each names the show, and whether it was cut short."""

    title: str | None
    entries: tuple[FeedEntry, ...]
    names_show: tuple[bool, ...]
    cut: bool


async def read_feed(
    data: bytes, url: str, *, charset: str | None, seeds: Path | None, seconds: float = PARSE_SECONDS
) -> FeedContents:
    """The feed's title, its entries and, with `seeds` (whose show.toml names the show), whether each entry names
    the show; ImportRefusedError when it is not a feed, or could not be read within `seconds`."""
    where = shown(url)
    try:
        out = await run_child(
            "bot.newsdesk.feed_worker", [url, charset or "", str(seeds or "")], data, seconds
        )
        read = FeedRead.model_validate_json(out)
    except ChildTimeoutError:
        raise ImportRefusedError("feed.too_slow", url=where, seconds=f"{seconds:g}") from None
    except (ChildFailedError, ValidationError):
        raise ImportRefusedError("feed.not_a_feed", url=where) from None
    if read.refusal is not None:
        raise ImportRefusedError(read.refusal[0], **read.refusal[1])
    entries = tuple(FeedEntry(e.link, e.title, e.summary, e.entry_id, e.published) for e in read.entries)
    return FeedContents(read.title, entries, tuple(e.names_show for e in read.entries), read.cut)


def parse_feed(
    data: bytes, url: str, *, charset: str | None = None
) -> tuple[str | None, tuple[FeedEntry, ...]]:
    """The feed's title and first MAX_ENTRIES entries (CPU work: run it in a thread), or "feed.not_a_feed"."""
    # charset: the one the server named, if any (a byte-order mark and the XML declaration come first).
    refusal = ImportRefusedError("feed.not_a_feed", url=shown(url))
    body = from_root(decoded(data, charset))
    if body is None:
        raise refusal
    document = readable(IGNORED.sub(r"\1x-\2", body))
    try:
        # Bytes in a stream, never bytes alone: given bytes, feedparser first tries them as a file name.
        parsed = feedparser.parse(
            io.BytesIO(document),
            response_headers={**_PARSED_AS, "content-location": url},
            # Entries are reduced to plain text below: feedparser's HTML clean-up (most of its time) is moot.
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as error:  # a bug of feedparser's found by a hostile feed is that feed's refusal
        log.info("feedparser failed on %s: %s", shown(url), shown(repr(error)))
        raise refusal from None
    if parsed.get("version") not in _VERSIONS:
        raise refusal
    entries = tuple(_entry(entry, url) for entry in (parsed.get("entries") or [])[:MAX_ENTRIES])
    # A malformed feed is kept for what the lenient parser found in it, so it must have found something.
    if parsed.get("bozo") and not any(entry.link or entry.title or entry.entry_id for entry in entries):
        raise refusal
    return _field(parsed.get("feed"), "title", FEED_TITLE_CHARACTERS) or None, entries


def _entry(entry: object, base: str) -> FeedEntry:
    summary = _field(entry, "summary", SUMMARY_CHARACTERS)
    contents = _raw(entry, "content")
    if not summary and isinstance(contents, list):  # Atom may give only content
        summary = next((text for content in contents if (text := _plain(content, SUMMARY_CHARACTERS))), "")
    entry_id = _flat(_raw(entry, "id"))[:ID_CHARACTERS]
    return FeedEntry(
        link=_link(_raw(entry, "link"), base),
        title=_field(entry, "title", TITLE_CHARACTERS),
        summary=summary,
        entry_id=entry_id or None,
        published=_when(entry),
    )


def _raw(container: object, key: str) -> object:
    # dict.get, not feedparser's get: that one answers "published" when asked for "updated", with a warning.
    return dict.get(container, key) if isinstance(container, dict) else None


def _field(container: object, key: str, limit: int) -> str:
    """A text construct of feedparser's as plain text: its value, reduced from HTML unless its type says it is
    plain text (feedparser gives no type for a summary it copied from an entry's content, which is HTML)."""
    detail = _raw(container, f"{key}_detail")
    kind = detail.get("type") if isinstance(detail, Mapping) else "text/html"
    return _plain({"value": _raw(container, key), "type": kind}, limit)


def _plain(detail: object, limit: int) -> str:
    """A feedparser {value, type} as at most limit characters of one-line plain text."""
    if not isinstance(detail, Mapping) or not isinstance(detail.get("value"), str):
        return ""
    text: str = detail["value"][:MARKUP_CHARACTERS]
    if "html" in str(detail.get("type", "")):
        text = html.unescape(_TAG.sub(_tag_space, _HIDDEN.sub(" ", text)))
    text = _flat(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tag_space(tag: re.Match[str]) -> str:
    # A tag between words of a paragraph joins them ("<b>Em</b>ily"); one between blocks separates them.
    return "" if (tag.group(1) or "").lower() in _INLINE else " "


def _flat(value: object) -> str:
    """One line of text without control characters."""
    if not isinstance(value, str):
        return ""
    return " ".join(_INVISIBLE.sub("", _CONTROL.sub(" ", value)).split())


def _link(value: object, base: str) -> str | None:
    """An absolute http(s) address that could be fetched, resolved against the feed's own; None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return str(checked_url(urljoin(base, value.strip())))
    except (ImportRefusedError, ValueError):  # javascript:, data:, mailto:, a user@ part, "http://[" ...
        return None


def _when(entry: object) -> dt.datetime | None:
    """published, else updated, as UTC (feedparser's struct_time is UTC); None when neither is a real time."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = _raw(entry, key)
        if not isinstance(parsed, time.struct_time):
            continue
        try:
            return dt.datetime(
                parsed.tm_year, parsed.tm_mon, parsed.tm_mday, parsed.tm_hour, parsed.tm_min, parsed.tm_sec,
                tzinfo=dt.UTC,
            )  # fmt: skip
        except (ValueError, OverflowError):
            continue
    return None


def _validator(value: str | None, limit: int) -> str | None:
    """An ETag or date that can be sent back in a header as it is; None when absent or unusable."""
    value = (value or "").strip()
    return value if len(value) <= limit and _HEADER_VALUE.fullmatch(value) else None


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
