"""Importing an article from an upload or a URL: checked, reduced to its text, saved under seeds/ with a safe
name through a temporary file and a rename, so a half-written file is never read as an article."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import ipaddress
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import aiohttp.abc
from aiohttp.abc import ResolveResult

from bot.facts.documents import MAX_ARTICLE_BYTES, ArticleError, decode_article, too_large
from bot.facts.identity import slug

ACCEPTED = (".txt", ".md", ".html", ".htm")
TIMEOUT_SECONDS = 10.0
MIN_ARTICLE_CHARACTERS = 200


class ImportRefusedError(Exception):
    """An import that cannot be done; the message says why, for the moderator. Nothing was written."""


@dataclass(frozen=True)
class Imported:
    """An article ready to save: its text, and its title and publication date when known."""

    text: str
    title: str | None
    published: dt.date | None
    origin: str
    outlet: str | None = None


def _html_to_article(html: str, origin: str) -> Imported:
    import trafilatura  # imported on use: a second or so, and only moderators import pages

    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    data: dict[str, object] = {}
    if isinstance(document, dict):
        data = document
    elif document is not None:
        data = document.as_dict()
    text = str(data.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARACTERS:
        raise ImportRefusedError(
            f"{origin}: no article found in that page (only {len(text)} characters of text)"
        )
    published = None
    if data.get("date"):
        try:
            published = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    title, outlet = data.get("title"), data.get("sitename")
    return Imported(text, str(title) if title else None, published, origin, str(outlet) if outlet else None)


def article_from_bytes(filename: str, data: bytes, origin: str) -> Imported:
    """An uploaded or downloaded file as an article, or ImportRefusedError saying why not."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ACCEPTED:
        raise ImportRefusedError(
            f"{origin}: only .txt, .md or .html articles can be imported, not {suffix or 'that'}"
        )
    try:
        text = decode_article(data)
    except ArticleError as error:
        raise ImportRefusedError(f"{origin}: {error}") from error
    if suffix in (".html", ".htm") or text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return _html_to_article(text, origin)
    return Imported(text, None, None, origin)


_NOT_PUBLIC = "{host} is not a public address: the bot only fetches public web pages"


def _refused(address: str, allow_loopback: bool) -> bool:
    ip = ipaddress.ip_address(str(address).split("%")[0])
    if ip.is_loopback:
        return not allow_loopback
    return ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified


def _public_address(host: str, allow_loopback: bool) -> None:
    """Refuse hosts that resolve to loopback, private, link-local or reserved addresses (SSRF), with a clear
    reason; the connection itself is guarded again by PublicOnlyResolver."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as error:
        raise ImportRefusedError(f"cannot find the host {host!r}") from error
    if any(_refused(str(address), allow_loopback) for address in addresses):
        raise ImportRefusedError(_NOT_PUBLIC.format(host=host))


class NotPublicError(OSError):
    """A host that resolved to an address the bot must not connect to."""


class PublicOnlyResolver(aiohttp.abc.AbstractResolver):
    """Resolves as usual, then refuses non-public addresses at connection time: a host whose DNS answer
    changes after the first check (rebinding) still cannot reach a private address."""

    def __init__(self, allow_loopback: bool) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allow_loopback = allow_loopback

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The host's addresses, or NotPublicError."""
        found = await self._inner.resolve(host, port, family)
        if any(_refused(item["host"], self._allow_loopback) for item in found):
            raise NotPublicError(f"{host} resolved to a non-public address")
        return found

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


async def article_from_url(
    url: str, *, allow_loopback: bool = False, timeout: float = TIMEOUT_SECONDS
) -> Imported:
    """Download a page (http or https, at most 1 MB, within the timeout) and reduce it to its article."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImportRefusedError("only http:// or https:// addresses can be imported")
    await asyncio.to_thread(_public_address, parts.hostname, allow_loopback)
    try:
        connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver(allow_loopback))
        async with (
            aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)
            ) as session,
            session.get(url, allow_redirects=False) as response,
        ):
            if response.status != 200:
                raise ImportRefusedError(f"{url}: the site answered {response.status}")
            if (response.content_length or 0) > MAX_ARTICLE_BYTES:
                raise ImportRefusedError(f"{url}: {too_large(response.content_length)}")
            data = await response.content.read(MAX_ARTICLE_BYTES + 1)
            if len(data) > MAX_ARTICLE_BYTES:
                raise ImportRefusedError(f"{url}: {too_large(None)}")
            kind = response.content_type
    except aiohttp.ClientConnectorError as error:
        if isinstance(error.os_error, NotPublicError):
            raise ImportRefusedError(_NOT_PUBLIC.format(host=parts.hostname)) from error
        raise ImportRefusedError(f"{url}: could not be downloaded ({error.__class__.__name__})") from error
    except (TimeoutError, aiohttp.ClientError) as error:
        raise ImportRefusedError(f"{url}: could not be downloaded ({error.__class__.__name__})") from error
    name = "page.html" if "html" in kind else Path(parts.path).name or "page.txt"
    return article_from_bytes(name if Path(name).suffix else name + ".txt", data, url)


def _one_line(value: str, limit: int) -> str:
    """A header value: one line, no control characters, so it cannot start another header line."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())[:limit]


def header_lines(article: Imported) -> str:
    """The lines saved above an imported article's text: its date, headline, outlet and address, which the
    article reader shows as its provenance."""
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


def save_article(seeds_dir: Path, article: Imported) -> Path:
    """Write the article under seeds/ with a name made here (never from the user), atomically.

    Its date, headline, outlet and address are written as header lines, which the article reader understands.
    """
    digest = hashlib.sha256(article.text.encode()).hexdigest()[:12]
    stem = "_".join(part for part in ("import", slug(article.title or "")[:40], digest) if part)
    target = seeds_dir / f"{stem}.txt"
    if target.exists():
        raise ImportRefusedError(f"that article is already in seeds/ as {target.name}")
    body = header_lines(article) + article.text
    temporary = seeds_dir / f".{stem}.{uuid.uuid4().hex[:8]}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(body + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target
