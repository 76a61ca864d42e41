"""One RSS or Atom feed: downloaded as imports download pages, read by feedparser from bytes, as text."""

from __future__ import annotations

import codecs
import datetime as dt
import html
import html.entities
import io
import logging
import re
import time
import xml.parsers.expat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
from pydantic import BaseModel, ValidationError

from bot.facts.addresses import checked_url
from bot.facts.children import ChildFailedError, ChildTimeoutError, run_child
from bot.facts.downloads import download
from bot.facts.refusals import ImportRefusedError, shown

log = logging.getLogger(__name__)

PARSE_SECONDS = 20.0  # a feed read longer than this is refused (its worker is killed)
MAX_FEED_BYTES = 2_000_000  # a feed larger than this is refused
MAX_ENTRIES = 200  # only the first entries are kept: feeds list the newest first

TITLE_CHARACTERS = 300
SUMMARY_CHARACTERS = 2000
ID_CHARACTERS = 500
FEED_TITLE_CHARACTERS = 200
ETAG_CHARACTERS = 500
LAST_MODIFIED_CHARACTERS = 100

# What feedparser's time grows with besides size: a feed is read up to the entry where it passes one of these.
# Elements: 25 to 50 µs each (a 200-entry feed has thousands, tens of thousands with XHTML content).
MAX_ELEMENTS = 30_000
# Attributes of one element: feedparser looks each one up among all the others.
MAX_ATTRIBUTES = 100
# Namespace prefixes declared: an element in a namespace feedparser does not know looks through them all.
MAX_PREFIXES = 100
# Characters of xml:base values: every element joins its parent's base with its own.
BASE_CHARACTERS = 4000
# Pieces of blank text in a row (expat gives one a line, one a character reference): feedparser takes those
# that open an XHTML content off the front of a list one at a time.
BLANK_PIECES = 1000
# Prefixes used but never declared (media:, dc:) are declared in a repair; more than this many, not.
UNDECLARED_PREFIXES = 20
# A feed expat rejects even once repaired is read by feedparser's lenient parser, which costs 5 to 15 µs a
# character, and more on some hostile input: only this much of it is read, which holds the newest entries.
LENIENT_CHARACTERS = 64_000
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
_ROOTS = frozenset({"rss", "rdf", "feed"})  # rss, rdf:RDF (RSS 0.90 and 1.0), Atom's feed

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    # No mark, but "<" in a wide encoding (XML 1.0 appendix F).
    (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"),
)  # fmt: skip
_DECLARED = re.compile(rb"\s*<\?xml\s[^>]{0,200}?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# Codecs a feed may not choose: punycode and idna decode in quadratic time, the escape codecs and UTF-7 turn
# plain bytes into characters markup checks never saw.
_REFUSED_CODECS = frozenset({"punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7"})
# Not allowed in XML 1.0 (expat stops at the first one), and never wanted in text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_SPACE = re.compile(r"\S")
_SUBSET_END = re.compile(r"\]\s*>")
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
# feedparser reads this prolog, never the feed's own: no DOCTYPE, so no entity or DTD ever reaches a parser.
_PROLOG = '<?xml version="1.0" encoding="utf-8"?>\n'
# The same, for a feed only the lenient parser can read: "--" in a comment stops feedparser's strict parser
# at once (XML forbids it, SGML does not), instead of after reading up to the feed's own error.
_LENIENT_PROLOG = _PROLOG + "<!-- -- -->\n"
# A CDATA section (left alone), a character reference, an entity reference, or a bare "&".
_ENTITY = re.compile(
    r"<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|&(?:#(?P<number>[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});|(?P<name>[A-Za-z][A-Za-z0-9]{0,31});|(?P<bare>))",
    re.DOTALL,
)
_PREFIX_USED = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
_PREFIX_DECLARED = re.compile(r"\sxmlns:([A-Za-z_][\w.-]*)\s*=")
# Elements feedparser handles in quadratic time: it searches an author's text for an e-mail address with a
# pattern that backtracks over a run of letters (20,000 letters: 3.5 s), and it adds a category or keyword
# only after comparing it with every one before. Entries here carry neither: renamed, feedparser ignores them.
_IGNORED = re.compile(
    r"(</?(?:[A-Za-z_][\w.-]*:)?)"
    r"(author|creator|publisher|managingeditor|webmaster|owner|category|keywords|tags|subject)(?=[\s/>])",
    re.IGNORECASE,
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


@dataclass(frozen=True)
class FeedFetch:
    """The result of one poll."""

    changed: bool  # False on 304 Not Modified, with no entries
    entries: tuple[FeedEntry, ...]
    etag: str | None  # send as If-None-Match next time
    last_modified: str | None  # send as If-Modified-Since next time
    title: str | None  # the feed's own title, plain text; None on a 304
    names_show: tuple[bool, ...] = ()  # for each entry, whether it names the show (when fetch_feed was told it)


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
    title, entries, names = await read_feed(
        page.data, str(checked), charset=charset, seeds=show, seconds=parse_seconds
    )
    return FeedFetch(True, entries, new_etag, new_since, title, names)


async def read_feed(
    data: bytes, url: str, *, charset: str | None, seeds: Path | None, seconds: float = PARSE_SECONDS
) -> tuple[str | None, tuple[FeedEntry, ...], tuple[bool, ...]]:
    """The feed's title, its entries and, with `seeds` (whose show.toml names the show), whether each entry names
    the show; ImportRefusedError when it is not a feed, or could not be read within `seconds`."""
    where = shown(url)
    try:
        out = await run_child("bot.newsdesk.feed_worker", [url, charset or "", str(seeds or "")], data, seconds)
        read = FeedRead.model_validate_json(out)
    except ChildTimeoutError:
        raise ImportRefusedError("feed.too_slow", url=where, seconds=f"{seconds:g}") from None
    except (ChildFailedError, ValidationError):
        raise ImportRefusedError("feed.not_a_feed", url=where) from None
    if read.refusal is not None:
        raise ImportRefusedError(read.refusal[0], **read.refusal[1])
    entries = tuple(FeedEntry(e.link, e.title, e.summary, e.entry_id, e.published) for e in read.entries)
    return read.title, entries, tuple(e.names_show for e in read.entries)


def parse_feed(
    data: bytes, url: str, *, charset: str | None = None
) -> tuple[str | None, tuple[FeedEntry, ...]]:
    """The feed's title and first MAX_ENTRIES entries (CPU work: run it in a thread), or "feed.not_a_feed"."""
    # charset: the one the server named, if any (a byte-order mark and the XML declaration come first).
    refusal = ImportRefusedError("feed.not_a_feed", url=shown(url))
    body = _from_root(_decoded(data, charset))
    if body is None:
        raise refusal
    document = _readable(_IGNORED.sub(r"\1x-\2", body))
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


def _decoded(data: bytes, charset: str | None) -> str:
    """The text of the feed: a byte-order mark first, then the XML declaration, then the server's charset,
    then UTF-8; Windows-1252 when none of them fits."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return data.decode(codec, "replace").removeprefix("\ufeff")
    declared = _DECLARED.match(data[:300])
    for label in (declared.group(1).decode("ascii") if declared else None, charset, "utf-8"):
        named = _ascii_codec(label)
        if named is not None:
            try:
                return data.decode(named)
            except UnicodeError:
                continue
    return data.decode("windows-1252", "replace")


def _ascii_codec(label: str | None) -> str | None:
    """The codec a label names, when it is a text encoding that writes markup as ASCII does."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        usable = name not in _REFUSED_CODECS and "<?xml '\"=>".encode(name) == b"<?xml '\"=>"
    except (LookupError, UnicodeError, ValueError):
        return None
    return name if usable else None


def _from_root(text: str) -> str | None:
    """The feed from its root element on (its prolog is not kept); None when there is no root element or it is
    not rss, rdf:RDF or feed (an HTML page, plain text, another XML document)."""
    text = _NOT_XML.sub("", text)
    at = 0
    while True:  # past the XML declaration, comments, processing instructions and the DOCTYPE
        found = _NOT_SPACE.search(text, at)
        at = found.start() if found else len(text)
        if text.startswith("<?", at):
            end = text.find("?>", at)
            at = end + 2 if end >= 0 else -1
        elif text.startswith("<!--", at):
            end = text.find("-->", at)
            at = end + 3 if end >= 0 else -1
        elif text.startswith("<!", at):
            close, subset = text.find(">", at), text.find("[", at)
            if 0 <= subset < close:
                end_of_subset = _SUBSET_END.search(text, subset)
                at = end_of_subset.end() if end_of_subset else -1
            else:
                at = close + 1 if close >= 0 else -1
        else:
            break
        if at < 0:
            return None
    root = _ROOT.match(text, at)
    if root is None or root.group(1).lower() not in _ROOTS:
        return None
    return text[at:]


class _Cut(Exception):
    """Where to end a feed: a byte offset (of a start tag, or of text), and the elements open there."""

    def __init__(self, at: int, open_elements: list[str]) -> None:
        super().__init__(at)
        self.at = at
        self.open_elements = open_elements


class _Budget:
    """Stops expat (_Cut) before entry MAX_ENTRIES + 1, or before the one where a count passes its limit."""

    def __init__(self, parser: xml.parsers.expat.XMLParserType) -> None:
        self._parser = parser
        self._open: list[str] = []
        # Where the entry being read starts, and the elements open there.
        self._entry: tuple[int, list[str]] | None = None
        self._entries = self._elements = self._base = self._blank = 0
        self._prefixes: set[str] = set()

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """An element starts: count it, its attributes, the prefixes it declares and its xml:base."""
        here = self._parser.CurrentByteIndex
        # rss > channel > item, rdf:RDF > item, feed > entry
        if len(self._open) <= 2 and name.rpartition(":")[2].lower() in ("item", "entry"):
            self._entries += 1
            if self._entries > MAX_ENTRIES:
                raise _Cut(here, self._open[:])
            self._entry = (here, self._open[:])
        self._elements += 1
        for attribute, value in attributes.items():
            attribute = attribute.lower()
            if attribute == "xmlns" or attribute.startswith("xmlns:"):
                self._prefixes.add(attribute)
            elif attribute in ("xml:base", "base"):  # feedparser takes either
                self._base += len(value)
        if (
            self._elements > MAX_ELEMENTS or len(attributes) > MAX_ATTRIBUTES
            or len(self._prefixes) > MAX_PREFIXES or self._base > BASE_CHARACTERS
        ):  # fmt: skip
            self._cut(here)
        self._open.append(name)
        self._blank = 0

    def end(self, _name: str) -> None:
        """An element ends."""
        self._open.pop()
        if self._entry is not None and len(self._open) == len(self._entry[1]):
            self._entry = None
        self._blank = 0

    def text(self, data: str) -> None:
        """A piece of text: count it if it is blank."""
        self._blank = 0 if data.strip() else self._blank + 1
        if self._blank > BLANK_PIECES:
            self._cut(self._parser.CurrentByteIndex)

    def _cut(self, here: int) -> None:
        # Before the entry being read (never half an entry), else here.
        raise _Cut(*(self._entry or (here, self._open[:])))


def _readable(body: str) -> bytes:
    """What feedparser reads: the feed behind our prolog, within _Budget; repaired if expat rejects it; and if
    expat still does, the start of it only, for the lenient parser."""
    document = _bounded(body)
    if _well_formed(document):
        return document
    # The commonest faults repaired (HTML entities, a bare "&", an undeclared media: or dc:), the strict
    # parser reads the whole feed after all.
    document = _bounded(_repaired(body))
    if _well_formed(document):
        return document
    kept = document.decode(errors="replace")[len(_PROLOG) :]  # nothing when the budget stopped at the root
    return (_LENIENT_PROLOG + _first_entries(kept)).encode()


def _repaired(body: str) -> str:
    """The feed with HTML entities as character references, bare "&" as "&amp;", and prefixes of element names
    that no xmlns declares declared on the root element."""
    body = _ENTITY.sub(_entity, body)
    missing = set(_PREFIX_USED.findall(body)) - set(_PREFIX_DECLARED.findall(body)) - {"xml", "xmlns"}
    root = _ROOT.match(body)
    if not missing or len(missing) > UNDECLARED_PREFIXES or root is None:
        return body
    declarations = "".join(f' xmlns:{prefix}="urn:x-undeclared:{prefix}"' for prefix in sorted(missing))
    return body[: root.end()] + declarations + body[root.end() :]


def _bounded(body: str) -> bytes:
    """The feed behind our prolog, or its start up to where _Budget stops it, with the elements open there
    closed."""
    data = (_PROLOG + body).encode()
    parser = xml.parsers.expat.ParserCreate()  # names as written, to close them as written
    budget = _Budget(parser)
    parser.StartElementHandler = budget.start
    parser.EndElementHandler = budget.end
    parser.CharacterDataHandler = budget.text
    try:
        parser.Parse(data, True)
    except _Cut as cut:
        return data[: cut.at] + "".join(f"</{name}>" for name in reversed(cut.open_elements)).encode()
    except xml.parsers.expat.ExpatError:
        pass  # not well-formed: see _well_formed
    return data


def _well_formed(data: bytes) -> bool:
    """Would feedparser's strict parser (expat, with namespaces) read it to the end?"""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return False
    return True


def _entity(found: re.Match[str]) -> str:
    """A reference XML knows, unchanged; an HTML entity as character references; a character XML forbids as
    U+FFFD; any other "&" as text."""
    number, name, bare = found.group("number"), found.group("name"), found.group("bare")
    if number is not None:
        code = int(number[1:], 16) if number[0] in "xX" else int(number)
        allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
        return found.group(0) if allowed and code not in (0xFFFE, 0xFFFF) else "&#65533;"
    if bare is not None:
        return "&amp;"
    if name is None or name in ("amp", "lt", "gt", "quot", "apos"):
        return found.group(0)  # a CDATA section, or one of XML's own
    characters = html.entities.html5.get(f"{name};")
    return "".join(f"&#{ord(c)};" for c in characters) if characters else f"&amp;{name};"


def _first_entries(body: str) -> str:
    """The start of a malformed feed that the lenient parser reads: whole entries up to LENIENT_CHARACTERS."""
    if len(body) <= LENIENT_CHARACTERS:
        return body
    ends = [
        found + len(tag)
        for tag in ("</item>", "</entry>")
        if (found := body.rfind(tag, 0, LENIENT_CHARACTERS)) >= 0
    ]
    return body[: max(ends, default=LENIENT_CHARACTERS)]


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
