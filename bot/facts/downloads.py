"""Downloading a page for an import: the whole body (chunked or not, compressed or not) up to a size limit,
refused past it, and one time limit over everything from the DNS look-up to the last byte."""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import aiohttp
import yarl

from bot.facts.addresses import NotPublicError, PublicOnlyResolver, check_host
from bot.facts.refusals import ImportRefusedError, shown

log = logging.getLogger(__name__)

_HEADERS = {"User-Agent": "Savoir (article import)", "Accept-Encoding": "gzip, deflate"}


@dataclass(frozen=True)
class Page:
    """A downloaded page: its bytes (decompressed), media type, status and headers (a 304 has no bytes)."""

    data: bytes
    content_type: str
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


class _Decoder:
    """Undoes a Content-Encoding a few bytes at a time, never producing more than asked for: a small
    compressed body cannot expand past the limit in memory."""

    def __init__(self, encoding: str, url: str) -> None:
        self.encoding = encoding.strip().lower()
        self._zlib: zlib._Decompress | None = None
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding not in ("", "identity", "deflate"):
            raise ImportRefusedError("import.net.encoding", url=url, encoding=shown(encoding))
        self._url = url

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self.encoding == "deflate" and self._zlib is None:
            # "deflate" is meant to be zlib-wrapped; some servers send it raw.
            raw = not chunk or (chunk[0] & 0x0F) != 8
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        if self._zlib is None:
            return chunk
        out = bytearray()
        data = self._zlib.unconsumed_tail + chunk
        try:
            while True:
                out += self._zlib.decompress(data, room - len(out))
                if not (self._zlib.eof and self._zlib.unused_data and self.encoding != "deflate"):
                    break
                # A gzip body may hold several members, one after the other: each is part of the page.
                data, self._zlib = self._zlib.unused_data, zlib.decompressobj(16 + zlib.MAX_WBITS)
                if len(out) >= room:
                    break  # no room left: the caller refuses the page as too large
        except zlib.error:
            raise ImportRefusedError("import.net.damaged", url=self._url) from None
        return bytes(out)

    def finish(self) -> None:
        if self._zlib is not None and not self._zlib.eof:
            raise ImportRefusedError("import.net.cut_short", url=self._url)


_CONDITIONS = frozenset({"if-none-match", "if-modified-since"})


async def download(
    url: yarl.URL,
    *,
    limit: int,
    seconds: float,
    allow_loopback: bool,
    headers: Mapping[str, str] | None = None,
) -> Page:
    """The page at url (already checked by checked_url), or ImportRefusedError saying why not."""
    # headers go with the usual ones; with If-None-Match or If-Modified-Since among them, a 304 is a Page too.
    where = shown(str(url))
    try:
        async with asyncio.timeout(seconds):
            return await _download(url, where, limit, allow_loopback, headers or {})
    except TimeoutError:
        raise ImportRefusedError("import.net.timeout", url=where, seconds=f"{seconds:g}") from None
    except aiohttp.ClientSSLError:
        raise ImportRefusedError("import.net.tls", url=where) from None
    except aiohttp.ClientConnectorError as error:
        if isinstance(error.os_error, NotPublicError):
            raise ImportRefusedError("import.url.not_public", host=shown(url.raw_host or "")) from None
        raise ImportRefusedError("import.net.unreachable", url=where) from None
    except (aiohttp.ClientPayloadError, aiohttp.ServerDisconnectedError):
        raise ImportRefusedError("import.net.cut_short", url=where) from None
    except aiohttp.InvalidURL:
        raise ImportRefusedError("import.url.invalid") from None
    except aiohttp.ClientResponseError as error:  # what the server sent cannot be parsed as HTTP
        log.info("download of %s failed: %s", where, shown(str(error.message)))
        raise ImportRefusedError("import.net.garbled", url=where) from None
    except (aiohttp.ClientError, OSError, ValueError) as error:
        log.info("download of %s failed: %s", where, shown(repr(error)))  # clipped: it can quote the body
        raise ImportRefusedError("import.net.failed", url=where, why=error.__class__.__name__) from None


async def _download(
    url: yarl.URL, where: str, limit: int, allow_loopback: bool, headers: Mapping[str, str]
) -> Page:
    await asyncio.to_thread(check_host, url.raw_host or "", allow_loopback)
    connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver(allow_loopback))
    timeout = aiohttp.ClientTimeout(total=None)
    async with (
        aiohttp.ClientSession(connector=connector, auto_decompress=False, headers=_HEADERS) as session,
        session.get(url, allow_redirects=False, timeout=timeout, headers=dict(headers)) as response,
    ):
        # Before the redirects: a 304 may carry a Location, and it only means "not modified" when asked.
        if response.status == 304 and _CONDITIONS & {name.lower() for name in headers}:
            return Page(b"", response.content_type, status=304, headers=response.headers)
        if 300 <= response.status < 400 and response.headers.get("Location"):
            location = shown(response.headers["Location"])
            raise ImportRefusedError(
                "import.net.redirect", url=where, status=response.status, location=location
            )
        if response.status != 200:
            raise ImportRefusedError("import.net.status", url=where, status=response.status)
        declared = response.content_length
        if declared is not None and declared > limit:
            raise ImportRefusedError("import.too_large", origin=where, size=declared, limit=limit)
        decoder = _Decoder(response.headers.get("Content-Encoding", ""), where)
        body = bytearray()
        while chunk := await response.content.readany():
            body += decoder.feed(chunk, limit + 1 - len(body))
            if len(body) > limit:
                raise ImportRefusedError("import.too_large.unknown", origin=where, limit=limit)
        decoder.finish()
        return Page(bytes(body), response.content_type, headers=response.headers)
