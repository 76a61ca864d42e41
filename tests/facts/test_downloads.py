"""Downloads for imports against real servers on 127.0.0.1: the whole body whatever the transfer encoding,
refused past the size limit, one time limit over the whole transfer, servers that lie about their length."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import shutil
import ssl
import subprocess
import time
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.facts.documents import MAX_ARTICLE_BYTES
from bot.facts.imports import ImportRefusedError, article_from_url

SENTENCE = b"Emily in Paris season 5 premieres on Thursday, August 14 in Rome and Paris. "


def body_of(size: int) -> bytes:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


async def _chunked(
    request: web.Request, data: bytes, chunk: int = 8192, pause: float = 0.0
) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    with contextlib.suppress(ConnectionError):
        for start in range(0, len(data), chunk):
            await response.write(data[start : start + chunk])
            if pause:
                await asyncio.sleep(pause)
        await response.write_eof()
    return response


async def plain(request: web.Request) -> web.Response:
    return web.Response(body=body_of(int(request.match_info["size"])), content_type="text/plain")


async def chunked(request: web.Request) -> web.StreamResponse:
    return await _chunked(request, body_of(int(request.match_info["size"])))


async def gzipped(request: web.Request) -> web.Response:
    data = gzip.compress(body_of(int(request.match_info["size"])))
    return web.Response(body=data, headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})


async def deflated(request: web.Request) -> web.Response:
    data = zlib.compress(body_of(int(request.match_info["size"])))
    return web.Response(body=data, headers={"Content-Type": "text/plain", "Content-Encoding": "deflate"})


async def bomb(_: web.Request) -> web.Response:
    data = gzip.compress(b"\0" * (20 * 1024 * 1024))  # 20 MB of zeros in about 20 KB
    return web.Response(body=data, headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})


async def thirteen_mb(request: web.Request) -> web.StreamResponse:
    return await _chunked(request, b"x" * (13 * 1024 * 1024), chunk=65536)


async def dribble(request: web.Request) -> web.StreamResponse:
    return await _chunked(request, body_of(2000), chunk=1, pause=0.05)


async def slow_start(_: web.Request) -> web.Response:
    await asyncio.sleep(30)
    return web.Response(text="late")


async def brotli(_: web.Request) -> web.Response:
    return web.Response(body=b"\x1b\x00", headers={"Content-Type": "text/plain", "Content-Encoding": "br"})


async def redirect(_: web.Request) -> web.Response:
    raise web.HTTPFound("http://169.254.169.254/latest/meta-data")


async def missing(_: web.Request) -> web.Response:
    raise web.HTTPNotFound()


@pytest.fixture
async def site() -> AsyncIterator[str]:
    """An aiohttp server on 127.0.0.1 with well-behaved and hostile pages."""
    app = web.Application()
    for path, handler in [
        ("/plain/{size}", plain), ("/chunked/{size}", chunked), ("/gzip/{size}", gzipped),
        ("/deflate/{size}", deflated), ("/bomb", bomb), ("/13mb", thirteen_mb), ("/dribble", dribble),
        ("/slow", slow_start), ("/br", brotli), ("/redirect", redirect), ("/missing", missing),
    ]:  # fmt: skip
        app.router.add_get(path, handler)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    served = web.TCPSite(runner, "127.0.0.1", 0)
    await served.start()
    port = served._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@contextlib.asynccontextmanager
async def raw_server(answer: bytes, then_wait: float = 0.0) -> AsyncIterator[str]:
    """A server on 127.0.0.1 that sends exactly these bytes whatever is asked, then closes: HTTP as a
    lying server writes it."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        with contextlib.suppress(ConnectionError):
            await writer.drain()
            await asyncio.sleep(then_wait)
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/page.txt"
    finally:
        server.close()
        await server.wait_closed()


async def fetch(url: str, seconds: float = 10.0) -> bytes:
    article = await article_from_url(url, allow_loopback=True, download_seconds=seconds)
    return article.body()


@pytest.mark.parametrize("kind", ["plain", "chunked", "gzip", "deflate"])
@pytest.mark.parametrize("size", [100_000, 250_000, 500_000, 999_000, 999_999, MAX_ARTICLE_BYTES])
async def test_the_whole_page_is_read_whatever_the_transfer(site: str, kind: str, size: int) -> None:
    assert await fetch(f"{site}/{kind}/{size}") == body_of(size)


@pytest.mark.parametrize("kind", ["plain", "chunked", "gzip", "deflate"])
async def test_one_byte_past_the_limit_is_refused(site: str, kind: str) -> None:
    with pytest.raises(ImportRefusedError, match="too large"):
        await fetch(f"{site}/{kind}/{MAX_ARTICLE_BYTES + 1}")


async def test_a_chunked_13_mb_body_is_refused_not_cut(site: str) -> None:
    with pytest.raises(ImportRefusedError, match="too large"):
        await fetch(f"{site}/13mb")


async def test_a_compression_bomb_is_refused_without_expanding_it(site: str) -> None:
    with pytest.raises(ImportRefusedError, match="too large"):
        await fetch(f"{site}/bomb")


async def test_a_dribbling_server_is_cut_off_at_the_time_limit(site: str) -> None:
    began = time.monotonic()
    with pytest.raises(ImportRefusedError, match=r"timed out \(the whole download must take less than 1 s\)"):
        await fetch(f"{site}/dribble", seconds=1.0)
    assert time.monotonic() - began < 3, "one limit over the whole transfer, not per read"


async def test_a_server_that_never_answers_is_cut_off(site: str) -> None:
    with pytest.raises(ImportRefusedError, match="timed out"):
        await fetch(f"{site}/slow", seconds=0.5)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/br", "compressed as br, which the bot cannot read"),
        ("/redirect", "the site answered 302, a redirect to http://169.254.169.254/latest/meta-data"),
        ("/missing", "the site answered 404"),
    ],
)
async def test_answers_that_are_not_a_page(site: str, path: str, why: str) -> None:
    with pytest.raises(ImportRefusedError, match=why):
        await fetch(f"{site}{path}")


async def test_a_length_larger_than_the_limit_is_refused_before_reading() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000000\r\n\r\n"
    async with raw_server(head + body_of(1000), then_wait=30) as url:
        with pytest.raises(ImportRefusedError, match=r"too large \(5,000,000 bytes"):
            await fetch(url, seconds=5)


async def test_a_body_shorter_than_its_length_is_refused() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 500000\r\n\r\n"
    async with raw_server(head + body_of(300_000)) as url:
        with pytest.raises(ImportRefusedError, match="the connection ended before the whole page arrived"):
            await fetch(url)


async def test_a_body_longer_than_its_length_is_never_read_past_it() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n\r\n"
    async with raw_server(head + body_of(2_000_000)) as url:
        try:
            # The extra bytes are a second, invalid answer: refused when they arrive with the body.
            assert await fetch(url) == body_of(400)
        except ImportRefusedError as refused:
            assert refused.key == "import.net.garbled"


async def test_a_length_and_chunks_at_once_are_refused() -> None:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    async with raw_server(head + b"5\r\nhello\r\n0\r\n\r\n") as url:
        with pytest.raises(ImportRefusedError, match="the site's answer is not valid HTTP"):
            await fetch(url)


async def test_a_truncated_gzip_body_is_refused() -> None:
    data = gzip.compress(body_of(50_000))[:-100]
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
    )
    async with raw_server(head + data) as url:
        with pytest.raises(ImportRefusedError, match="the connection ended before the whole page arrived"):
            await fetch(url)


async def test_a_closed_port_is_unreachable() -> None:
    async with raw_server(b"") as url:
        pass  # closed now
    with pytest.raises(ImportRefusedError, match="the site could not be reached"):
        await fetch(url)


def _self_signed(folder: Path) -> ssl.SSLContext:
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        capture_output=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip("openssl cannot make a certificate here")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


async def test_a_certificate_that_cannot_be_verified_is_named(tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("no openssl here")
    app = web.Application()
    app.router.add_get("/{size}", plain)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    served = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=_self_signed(tmp_path))
    await served.start()
    port = served._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        with pytest.raises(ImportRefusedError, match="the site's certificate could not be verified"):
            await fetch(f"https://127.0.0.1:{port}/1000")
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("members", [2, 7, 300])
async def test_a_gzip_body_of_several_members_is_read_whole(members: int) -> None:
    body = body_of(300_000)
    step = -(-len(body) // members)
    data = b"".join(gzip.compress(body[start : start + step]) for start in range(0, len(body), step))
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
    )
    async with raw_server(head + data) as url:
        assert await fetch(url) == body


async def test_many_small_gzip_members_cannot_expand_past_the_limit() -> None:
    member = gzip.compress(b"\0" * 1_000_000)  # each about 1 KB, a megabyte when read
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
    )
    async with raw_server(head + member * 50) as url:
        with pytest.raises(ImportRefusedError, match="too large"):
            await fetch(url)


async def test_garbage_after_a_gzip_member_is_refused_as_damaged() -> None:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
    )
    async with raw_server(head + gzip.compress(body_of(10_000)) + b"not gzip at all") as url:
        with pytest.raises(ImportRefusedError):
            await fetch(url)
