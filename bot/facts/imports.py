"""Importing an article from an upload or a URL: checked, reduced to its text, saved under seeds/ with a safe
name through a temporary file and a rename, so a half-written file is never read as an article."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.facts.addresses import NotPublicError, PublicOnlyResolver, checked_url
from bot.facts.children import ChildFailedError, ChildTimeoutError, run_child
from bot.facts.documents import MAX_ARTICLE_BYTES, ArticleError, decode_article
from bot.facts.downloads import download
from bot.facts.identity import slug
from bot.facts.provenance import find_provenance
from bot.facts.refusals import ImportRefusedError, shown, write_refusal

__all__ = [
    "ImportRefusedError",
    "Imported",
    "NotPublicError",
    "PublicOnlyResolver",
    "article_from_bytes",
    "article_from_url",
    "save_article",
]  # fmt: skip

log = logging.getLogger(__name__)

ACCEPTED = (".txt", ".md", ".html", ".htm")
DOWNLOAD_SECONDS = 10.0
EXTRACT_SECONDS = 20.0
MIN_ARTICLE_CHARACTERS = 200
_TEMPORARY = ".import-"  # + the writing process's id: a temporary file a killed bot left is recognised


@dataclass(frozen=True)
class Imported:
    """An article ready to save: its text, its title and publication date when known, and for a text file
    the bytes as uploaded (saved unchanged)."""

    text: str
    title: str | None
    published: dt.date | None
    origin: str
    original: bytes | None = None
    outlet: str | None = None

    def body(self) -> bytes:
        """What is written under seeds/: the upload byte for byte, or the page's text after header lines
        (date, headline, outlet, address) that the article reader shows as its provenance."""
        if self.original is not None:
            return self.original
        return (header_lines(self) + self.text).encode("utf-8")


def _one_line(value: str, limit: int) -> str:
    """A header value: one line, no control characters, so it cannot start another header line."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())[:limit]


def header_lines(article: Imported) -> str:
    """The lines saved above an imported page's text: its date, headline, outlet and address."""
    lines = []
    if article.published is not None:
        lines.append(f"date {article.published.isoformat()}")
    for key, value, limit in (
        ("title", article.title, 200),
        ("outlet", article.outlet, 60),
        ("url", article.origin if article.origin.lower().startswith(("https://", "http://")) else None, 2000),
    ):
        cleaned = _one_line(value, limit) if value else ""
        if cleaned:
            lines.append(f"{key} {cleaned}")
    return "".join(f"{line}\n" for line in lines)


class _Extracted(BaseModel):
    """What the HTML worker reports."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    sitename: str | None = None


def _too_large(origin: str, size: int) -> ImportRefusedError:
    return ImportRefusedError("import.too_large", origin=origin, size=size, limit=MAX_ARTICLE_BYTES)


async def article_from_bytes(
    filename: str, data: bytes, origin: str, *, extract_seconds: float = EXTRACT_SECONDS
) -> Imported:
    """An uploaded or downloaded file as an article, or ImportRefusedError saying why not. An HTML page is
    read in a child process, abandoned after extract_seconds."""
    origin = shown(origin)
    suffix = Path(filename).suffix.lower()
    if suffix not in ACCEPTED:
        raise ImportRefusedError("import.kind", origin=origin, suffix=shown(suffix or filename))
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(origin, len(data))
    try:
        text = await asyncio.to_thread(decode_article, data)  # a megabyte of checks: off the event loop
    except ArticleError as error:
        raise ImportRefusedError(
            "import.unreadable", origin=origin, reason_key=error.key, **error.values
        ) from None
    if suffix in (".html", ".htm") or text.lstrip()[:20].lower().startswith(("<!doctype html", "<html")):
        return await _html_to_article(text, origin, extract_seconds)
    if find_provenance(text).header_lines:
        # Header lines (title, outlet, url) are what the bot writes for a page it read itself; from a file or a
        # plain-text page they would let anyone put a link of their choosing under members' sources.
        raise ImportRefusedError("import.header", origin=origin)
    return Imported(text, None, None, origin, original=data)


async def _html_to_article(html: str, origin: str, seconds: float) -> Imported:
    found = await _extract_in_child(html, origin, seconds)
    text = (found.text or "").strip()
    if len(text) < MIN_ARTICLE_CHARACTERS:
        raise ImportRefusedError("import.no_article", origin=origin, count=len(text))
    published = None
    if found.date:
        with contextlib.suppress(ValueError):
            published = dt.date.fromisoformat(found.date[:10])
    return Imported(text, found.title, published, origin, outlet=found.sitename)


async def _extract_in_child(html: str, origin: str, seconds: float) -> _Extracted:
    """Run trafilatura in a child process, killed at the time limit."""
    try:
        out = await run_child("bot.facts.html_worker", [], html.encode("utf-8"), seconds)
    except ChildTimeoutError:
        log.warning("reading the HTML of %s took over %g s: abandoned", origin, seconds)
        raise ImportRefusedError("import.html.timeout", origin=origin, seconds=f"{seconds:g}") from None
    except ChildFailedError as error:
        log.warning("the HTML worker failed on %s (exit %s): %s", origin, error.returncode, error.errors)
        raise ImportRefusedError("import.html.failed", origin=origin) from None
    try:
        return _Extracted.model_validate_json(out)
    except ValidationError:
        log.warning("the HTML worker answered nonsense for %s: %r", origin, out[:200])
        raise ImportRefusedError("import.html.failed", origin=origin) from None


async def article_from_url(
    url: str,
    *,
    allow_loopback: bool = False,
    download_seconds: float = DOWNLOAD_SECONDS,
    extract_seconds: float = EXTRACT_SECONDS,
) -> Imported:
    """Download a page (http or https, public addresses only, at most MAX_ARTICLE_BYTES, within
    download_seconds) and reduce it to its article."""
    checked = checked_url(url)
    page = await download(
        checked, limit=MAX_ARTICLE_BYTES, seconds=download_seconds, allow_loopback=allow_loopback
    )
    name = "page.html" if "html" in page.content_type else checked.name or "page.txt"
    name = name if Path(name).suffix else name + ".txt"
    return await article_from_bytes(name, page.data, str(checked), extract_seconds=extract_seconds)


def _remove_abandoned(seeds_dir: Path) -> None:
    """Temporary files of an import whose process is gone (killed mid-write): never articles, only clutter."""
    for path in seeds_dir.glob(f"{_TEMPORARY}*.tmp"):
        pid = path.name.removeprefix(_TEMPORARY).split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def save_article(seeds_dir: Path, article: Imported) -> Path:
    """Write the article under seeds/ with a name made here (never from the user), atomically: on any
    failure nothing of it stays in seeds/. What is written passes the check every build makes.

    A page's date, headline, outlet and address are written as header lines, which the article reader
    understands; an upload is written as it came.
    """
    body = article.body()
    if len(body) > MAX_ARTICLE_BYTES:
        raise _too_large(article.origin, len(body))
    try:
        decode_article(body)
    except ArticleError as error:
        raise ImportRefusedError(
            "import.unreadable", origin=article.origin, reason_key=error.key, **error.values
        ) from None
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    stem = "_".join(part for part in ("import", slug(article.title or "")[:40], digest) if part)
    target = seeds_dir / f"{stem}.txt"
    if target.exists():
        raise ImportRefusedError("import.exists", file=target.name)
    _remove_abandoned(seeds_dir)
    temporary = seeds_dir / f"{_TEMPORARY}{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        with temporary.open("xb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _discard(temporary)
        log.warning("could not save an import in %s: %s", seeds_dir, error)
        raise write_refusal(error) from error
    except BaseException:
        _discard(temporary)
        raise
    return target


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
