"""A feed's bytes made into a document feedparser can read in bounded time: decoded, cut to its root element (no
prolog, DOCTYPE or entity ever reaches a parser), repaired where common mistakes would stop the strict parser,
and cut before the entry where what feedparser's time grows with (elements, attributes, prefixes) passes a limit."""

from __future__ import annotations

import codecs
import html
import html.entities
import re
import xml.parsers.expat

MAX_ENTRIES = 200  # only the first entries are kept: feeds list the newest first

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
IGNORED = re.compile(
    r"(</?(?:[A-Za-z_][\w.-]*:)?)"
    r"(author|creator|publisher|managingeditor|webmaster|owner|category|keywords|tags|subject)(?=[\s/>])",
    re.IGNORECASE,
)


def decoded(data: bytes, charset: str | None) -> str:
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


def from_root(text: str) -> str | None:
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

    def __init__(self, at: int, open_elements: list[str], over_budget: bool = False) -> None:
        super().__init__(at)
        self.at = at
        self.open_elements = open_elements
        self.over_budget = over_budget  # cut for what feedparser's time grows with, not at MAX_ENTRIES


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
        raise _Cut(*(self._entry or (here, self._open[:])), over_budget=True)


# Where the last documents were cut for being too costly to read (the feed worker reads one feed a process, and
# reports a cut so that the entries left out are not lost without a word).
CUTS: list[int] = []


def readable(body: str) -> bytes:
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
        if cut.over_budget:
            CUTS.append(cut.at)
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
