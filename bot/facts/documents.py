"""Reading articles from seeds/: rejecting bad files, finding the publication date, dropping site
boilerplate, and splitting the text into sentences that keep their place in the file."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from bot.facts.calendar import find_publication_date
from bot.facts.implied_date import implied_date
from bot.facts.provenance import find_provenance

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 1_000_000

# Lines that are site furniture, not the article.
_BOILERPLATE = re.compile(
    r"^(?:continue reading(?: below)?\W*|back to all news|link copied(?: to clipboard)?|recommended videos?"
    r"|sorry, no results were found for.*|advertisement|skip to (?:main )?content|share(?: this)?(?: article)?"
    r"|(?:photo(?:graph)?s?|image|credit|pictured|source)\s*:.*|(?:photo|image)s? (?:by|courtesy|credit).*"
    r"|this article (?:originally )?appeared on.*|sign up for .*newsletter.*|subscribe.*|click here.*"
    r"|(?:read more|see also|also read|related|more)\s*:.*|read more\W*|watch(?: the)? (?:trailer|video)\W*|follow us.*|related\W*|tags?:.*)$",
    re.IGNORECASE,
)
# A bare sidebar heading ("Related:", "See also"): the bulleted lines right after it are other stories.
_SIDEBAR = re.compile(
    r"^[^\w\s]{0,3}\s*(?:related(?:\s+(?:stories|articles|coverage|reading))?|see also|also read|read more|more|also on"
    r"|keep reading|don['’]t miss|popular|recommended|trending|you might also like)"
    r"(?:\s+(?:on|from|at)\s+[^:]{1,40})?\s*[:>»]*\s*$",
    re.IGNORECASE,
)
# Under a sidebar's heading, a line that reads as a headline: short, no closing full stop.
_HEADLINE_LIKE = re.compile(r"^(?:\S+\s+){0,19}\S+$")
_BULLET = re.compile(r"^\s*(?:[•*·▪►>-]|[-–—]\s)")
# A heading after which the page lists other stories: everything below it is dropped.
_OTHER_STORIES = re.compile(
    r"^(?:more (?:from|on|news|stories)\b.*|related (?:articles|stories|news|posts|coverage)\W*"
    r"|you (?:may|might) also like\W*|read next\W*|recommended(?: for you| reading)?\W*|trending(?: now)?\W*"
    r"|most (?:popular|read)\W*|latest news\W*|more like this\W*|up next\W*|what to watch next\W*)$",
    re.IGNORECASE,
)
# The heading of the readers' comments under a post: what follows is readers' talk and rumour, not the article.
_COMMENTS = re.compile(
    r"^[^\w\s]{0,3}\s*(?:(?:\d[\d,.]*k?\s+|top\s+|reader\s+|readers['’]\s+|latest\s+)?comments?(?:\s*\(\d[\d,]*\))?"
    r"|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:discussion|conversation)|\d[\d,]*\s+(?:responses|replies)"
    r"|what\s+(?:readers|you)\s+(?:are\s+)?sa(?:y|ying|id))\s*[:\]]?\s*$",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "st", "mr", "mrs", "ms", "dr", "jr", "sr", "vs", "etc", "no", "inc", "ltd", "co", "mt", "ft", "a.m", "p.m",
    "e.g", "i.e", "u.s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A boundary starts only where a run of . ! ? starts: tried at every character of a long run, the pattern would
# read the rest of the run each time (quadratic), and a match can only begin at the run's first character anyway.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"”’)\]]*\s+")
# A run of white space this long is layout (a table, a column), not a space between two words: it ends the
# sentence. Inside a sentence, a long run is read again from each place a pattern tries it: at best slow.
LONG_SPACE = 16
_LONG_SPACE = re.compile(rf"\s{{{LONG_SPACE},}}")


class ArticleError(Exception):
    """A file in seeds/ that cannot be read as an article; the reason is shown to whoever loaded it, in their
    language (`key` and `values` name it in the catalogues; `str()` is the English text)."""

    def __init__(self, key: str, **values: str | int) -> None:
        from bot.i18n.en import MESSAGES  # a plain dict: no Discord import in the build's workers

        self.key = key
        self.values = values
        super().__init__(MESSAGES[key].format(**values))

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuilt from its key and values (keyword arguments do not survive the default pickling)."""
        return (_article_error, (self.key, self.values))


def _article_error(key: str, values: dict[str, str | int]) -> ArticleError:
    return ArticleError(key, **values)


class Sentence(NamedTuple):
    """A sentence of an article, with its offset in the article's text and the paragraph it belongs to."""

    text: str
    start: int
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An article's text, publication date and sentences (boilerplate dropped)."""

    file: str
    text: str
    publication_date: dt.date | None
    sentences: tuple[Sentence, ...]
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None
    # An undated article's time as its own weekday-dated mentions fix it: yearless dates are read against it.
    implied_date: dt.date | None = None
    # The writer starts sentences in small letters, as some fan posts do: names and places may be too.
    small_starts: bool = False


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case text without accents, for matching names and titles ("Michèle" ~ "michele")."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def too_large(size: int | None) -> ArticleError:
    """Why an article of this many bytes (None: more than the limit, size unknown) is refused."""
    if size is None:
        return ArticleError("article.too_large_unknown", limit=MAX_ARTICLE_BYTES)
    return ArticleError("article.too_large", size=size, limit=MAX_ARTICLE_BYTES)


def decode_article(data: bytes) -> str:
    """The text of an article file, or ArticleError saying why it is not one."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(len(data))
    if b"\x00" in data:
        raise ArticleError("article.binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError("article.not_utf8", offset=error.start) from error
    if not text.strip():
        raise ArticleError("article.empty")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ArticleError("article.binary")
    return text


# The first letter after each full stop: its case says whether the writer capitalises sentences.
_LETTER_AFTER_STOP = re.compile(r"(?<![.!?])[.!?]+[\"”’)\]]*\s+([^\W\d_])")


def lower_case_voice(text: str) -> bool:
    """Whether the writer starts sentences in lower case ("so. i did the thing."), as some fan posts do: most
    full stops are followed by a small letter."""
    letters = "".join(_LETTER_AFTER_STOP.findall(text))
    small = sum(1 for letter in letters if letter.islower())
    return small >= 3 and small > len(letters) - small


def _split_sentences(line: str, offset: int, paragraph: int, small_starts: bool = False) -> list[Sentence]:
    if len(line) < LONG_SPACE:
        return _split_piece(line, offset, paragraph, small_starts)
    sentences: list[Sentence] = []
    begin = 0
    for gap in _LONG_SPACE.finditer(line):
        sentences += _split_piece(line[begin : gap.start()], offset + begin, paragraph, small_starts)
        begin = gap.end()
    return sentences + _split_piece(line[begin:], offset + begin, paragraph, small_starts)


def _split_piece(line: str, offset: int, paragraph: int, small_starts: bool = False) -> list[Sentence]:
    sentences: list[Sentence] = []
    begin = 0
    for match in _BOUNDARY.finditer(line):
        following = line[match.end() : match.end() + 1]
        if not following or not (
            following.isupper()
            or following.isdigit()
            or following in "\"“‘'("
            or (small_starts and following.islower())
        ):
            continue
        last = (
            line[max(begin, line.rfind(" ", begin, match.start()) + 1) : match.start() + 1]
            .rstrip(".!?")
            .lstrip("([\"“‘'")
            .lower()
        )
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or _INITIALS.match(last):
            continue  # "(Mr. Roe)", "J. Roe", "J.K. Roe"
        sentences.append(_sentence(line, begin, match.end(), offset, paragraph))
        begin = match.end()
    if line[begin:].strip():
        sentences.append(_sentence(line, begin, len(line), offset, paragraph))
    return [sentence for sentence in sentences if sentence.text]


def _sentence(line: str, begin: int, end: int, offset: int, paragraph: int) -> Sentence:
    chunk = line[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    return Sentence(chunk.strip(), offset + begin + lead, paragraph)


def article_sentences(
    text: str,
    header: tuple[int, int] | None,
    header_lines: frozenset[int] = frozenset(),
    small_starts: bool | None = None,
) -> tuple[Sentence, ...]:
    """The article's sentences, without boilerplate lines, the publication header, the import's header
    lines, or the stories after an "other stories" heading."""
    sentences: list[Sentence] = []
    offset = 0
    sidebar = False
    if small_starts is None:
        small_starts = lower_case_voice(text)
    for paragraph, line in enumerate(text.splitlines(keepends=True)):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        if paragraph in header_lines:
            continue
        if header is not None and start <= header[0] < start + len(body):
            # Keep whatever follows the header on the same line ("date 2023-02-01 From Lyon ...").
            cut = header[1] - start
            body, start = body[cut:], start + cut
        stripped = body.strip()
        if not stripped:
            continue
        if _OTHER_STORIES.match(stripped) or (len(sentences) >= 3 and _COMMENTS.match(line.strip())):
            break
        if sidebar and (
            _BULLET.match(stripped)
            or (_HEADLINE_LIKE.match(stripped) and not stripped.endswith((".", "!", "?", ":")))
            or re.match(r"^\d{1,2}[.)]\s", stripped)
        ):
            continue  # a headline of another story, listed under "Related:" (bulleted, numbered or bare)
        sidebar = _SIDEBAR.match(stripped) is not None
        if sidebar or _BOILERPLATE.match(stripped):
            continue
        sentences.extend(_split_sentences(body, start, paragraph, small_starts))
    return tuple(sentences)


def read_article_bytes(path: Path) -> bytes:
    """An article file's bytes; ArticleError says why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ArticleError("article.unreadable", reason=str(error.strerror)) from error


def read_article(path: Path) -> Article:
    """Read one article file; ArticleError says why it cannot be used."""
    return parse_article(path.name, read_article_bytes(path))


def parse_article(name: str, data: bytes) -> Article:
    """An article file's content as an Article; ArticleError says why it cannot be used."""
    text = decode_article(data)
    found = find_publication_date(text)
    published, header = (found[0], (found[1], found[2])) if found else (None, None)
    origin = find_provenance(text)
    small_starts = lower_case_voice(text)
    sentences = article_sentences(text, header, origin.header_lines, small_starts)
    return Article(
        name,
        text,
        published,
        sentences,
        origin.headline,
        origin.outlet,
        origin.url,
        implied_date(sentence.text for sentence in sentences) if published is None else None,
        small_starts,
    )


def article_files(seeds_dir: Path) -> list[Path]:
    """The article files in seeds/, in name order, skipping hidden and temporary files."""
    return sorted(
        path
        for path in seeds_dir.iterdir()
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith((".", "~"))
    )
