"""Feeds from real servers on 127.0.0.1, read by feedparser as plain-text entries: RSS and Atom, conditional
GETs, and hostile servers and feeds refused, or read harmlessly and in bounded time."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gzip
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yarl
from aiohttp import web

from bot.facts.downloads import download
from bot.facts.refusals import ImportRefusedError
from bot.newsdesk.feed_document import MAX_ENTRIES
from bot.newsdesk.feeds import MAX_FEED_BYTES, FeedEntry, FeedFetch, fetch_feed, parse_feed

UTC = dt.UTC
RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="/style.xsl" type="text/xsl"?>
<rss version="2.0"><channel><title>Emily &amp; <![CDATA[news]]></title>
<item><title>&lt;b&gt;Season 5&lt;/b&gt; is &lt;i&gt;confirmed&lt;/i&gt; &amp;amp; dated</title>
<link>/news/1?a=1&amp;b=2</link><description><![CDATA[<p>Netflix <b>confirmed</b> it.</p>
<script>alert("x")</script><style>p{}</style><p>Paris &amp; Rome.</p>]]></description>
<guid isPermaLink="false">tag:example.com,2025:1</guid><pubDate>Tue, 10 Jun 2025 10:30:00 +0200</pubDate>
</item><item><title>Second</title><link>javascript:alert(1)</link>
<pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate></item>
</channel></rss>"""
RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>RDF news</title><link>https://example.com/</link>
<description>d</description></channel>
<item rdf:about="https://example.com/r/1"><title>Casting news</title><link>https://example.com/r/1</link>
<description>Kate Walsh returns.</description><dc:date>2025-06-10T08:30:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &lt;i&gt;news&lt;/i&gt;</title>
<id>urn:f</id><updated>2025-06-12T08:30:00Z</updated>
<entry><title>First</title><link rel="alternate" href="entries/1"/><id>urn:uuid:1</id>
<updated>2025-06-11T08:30:00+02:00</updated><published>2025-06-10T08:30:00-05:00</published>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>XHTML</em> summary</div>
</summary></entry><entry><title>Second</title><link href="data:text/html,hi"/><id>urn:uuid:2</id>
<updated>2025-06-12T08:30:00Z</updated><content type="html">&lt;p&gt;Content only&lt;/p&gt;</content></entry>
</feed>"""
ETAG, MODIFIED = '"v1-abc"', "Tue, 10 Jun 2025 10:00:00 GMT"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def rss(*items: str) -> bytes:
    return f'<rss version="2.0"><channel><title>T</title>{"".join(items)}</channel></rss>'.encode()


def item(title: str, link: str = "https://example.com/a", extra: str = "") -> str:
    return f"<item><title>{title}</title><link>{link}</link>{extra}</item>"


@dataclass
class Site:
    """A server on 127.0.0.1 that answers each path as told and remembers every request."""

    base: str
    handlers: dict[str, Handler] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def serve(self, path: str, body: bytes, content_type: str = "application/rss+xml", **headers: str) -> str:
        async def answer(_: web.Request) -> web.Response:
            return web.Response(body=body, content_type=content_type, headers=headers)

        self.handlers[path] = answer
        return self.base + path


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    """An empty Site: each test says what its paths answer."""
    app = web.Application()
    served = Site("")

    async def dispatch(request: web.Request) -> web.StreamResponse:
        served.seen.append((request.path, dict(request.headers)))
        if request.path not in served.handlers:
            raise web.HTTPNotFound()
        return await served.handlers[request.path](request)

    app.router.add_route("*", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    served.base = f"http://127.0.0.1:{tcp._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    yield served
    await runner.cleanup()


async def refused(url: str, **options: object) -> ImportRefusedError:
    with pytest.raises(ImportRefusedError) as caught:
        await fetch_feed(url, allow_loopback=True, **options)  # type: ignore[arg-type]
    return caught.value


# -- the three formats ------------------------------------------------------------------------------------


async def test_rss_2_is_read_as_plain_text_entries(site: Site) -> None:
    fetched = await fetch_feed(site.serve("/feeds/main.xml", RSS2), allow_loopback=True)
    assert fetched.changed and fetched.title == "Emily & news"
    first = FeedEntry(
        f"{site.base}/news/1?a=1&b=2", "Season 5 is confirmed & dated", "Netflix confirmed it. Paris & Rome.",
        "tag:example.com,2025:1", dt.datetime(2025, 6, 10, 8, 30, tzinfo=UTC),
    )  # fmt: skip
    assert fetched.entries == (first, FeedEntry(None, "Second", "", None, None))  # javascript:, 31 February
    ((_, headers),) = site.seen
    assert headers["User-Agent"] == "Savoir (news desk)" and "application/rss+xml" in headers["Accept"]


async def test_rss_1_is_read(site: Site) -> None:
    fetched = await fetch_feed(site.serve("/rdf", RSS1, "application/rdf+xml"), allow_loopback=True)
    assert fetched.title == "RDF news"
    link, when = "https://example.com/r/1", dt.datetime(2025, 6, 10, 8, 30, tzinfo=UTC)
    assert fetched.entries == (FeedEntry(link, "Casting news", "Kate Walsh returns.", link, when),)


async def test_atom_is_read_with_links_resolved_against_the_feed(site: Site) -> None:
    url = site.serve("/feeds/atom.xml", ATOM, "application/atom+xml")
    fetched = await fetch_feed(url, allow_loopback=True)
    assert fetched.title == "Atom news"
    assert fetched.entries == (
        FeedEntry(f"{site.base}/feeds/entries/1", "First", "An XHTML summary", "urn:uuid:1",
                  dt.datetime(2025, 6, 10, 13, 30, tzinfo=UTC)),  # published, not updated
        FeedEntry(None, "Second", "Content only", "urn:uuid:2", dt.datetime(2025, 6, 12, 8, 30, tzinfo=UTC)),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/a/b?x=1&amp;y=2#top", "https://news.example.com/a/b?x=1&y=2#top"),
        ("../up", "https://news.example.com/up"),
        ("//cdn.example.com/x", "https://cdn.example.com/x"),
        ("HTTP://Example.COM/Case", "http://example.com/Case"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt&#x3a;alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("mailto:editor@example.com", None),
        ("ftp://example.com/file", None),
        ("http://user:pw@example.com/", None),
        ("http://exa mple.com/", None),
        ("", None),
    ],
)
def test_only_http_links_are_kept(link: str, expected: str | None) -> None:
    _, (entry,) = parse_feed(rss(item("x", link)), "https://news.example.com/feeds/rss")
    assert entry.link == expected


def test_markup_and_controls_become_one_line_of_plain_text() -> None:
    title = (
        "&lt;h1&gt;Big&lt;/h1&gt;&lt;b&gt;Em&lt;/b&gt;ily\t\x07\u202eevil &amp;eacute; &lt;!-- hidden --&gt;"
    )
    summary = (
        "<![CDATA[<div>one<br>two</div><!-- <p>gone</p> --><noscript>no</noscript>3 &lt; 4 <p>" + "é" * 3000
    )
    _, (entry,) = parse_feed(
        rss(item(title, extra=f"<description>{summary}]]></description>")), "https://e.x/"
    )
    assert entry.title == "Big Emily evil é"
    assert entry.summary.startswith("one two 3 < 4 éé") and len(entry.summary) == 2000
    assert entry.summary.endswith("…")
    _, (long,) = parse_feed(
        rss(item("word " * 100, extra=f'<guid isPermaLink="false">{"g" * 600}</guid>')), "https://e.x/"
    )
    assert len(long.title) == 300 and long.entry_id == "g" * 500


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("<pubDate>Tue, 10 Jun 2025 23:30:00 -0500</pubDate>", dt.datetime(2025, 6, 11, 4, 30, tzinfo=UTC)),
        ("<pubDate>10 Jun 2025 10:00 GMT</pubDate>", dt.datetime(2025, 6, 10, 10, 0, tzinfo=UTC)),
        ("<dc:date>2025-06-10T10:00:00+01:00</dc:date>", dt.datetime(2025, 6, 10, 9, 0, tzinfo=UTC)),
        ("<pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate>", None),
        ("<pubDate>yesterday</pubDate>", None),
        ("<pubDate>Tue, 10 Jun 99999 10:00:00 GMT</pubDate>", None),
        ("", None),
    ],
)
def test_dates_are_utc_or_none(date: str, expected: dt.datetime | None) -> None:
    # dc: is never declared: the repair declares it, as for the feeds that forget to
    _, (entry,) = parse_feed(rss(item("x", extra=date)), "https://e.x/")
    assert entry.published == expected


# -- conditional GET ----------------------------------------------------------------------------------------


async def test_a_conditional_get_answered_304_is_unchanged(site: Site) -> None:
    async def conditional(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        if request.headers.get("If-Modified-Since") == MODIFIED:
            return web.Response(status=304)
        return web.Response(body=RSS1, headers={"ETag": ETAG, "Last-Modified": MODIFIED})

    site.handlers["/feed"] = conditional
    url = f"{site.base}/feed"
    first = await fetch_feed(url, allow_loopback=True)
    assert first.changed and len(first.entries) == 1 and (first.etag, first.last_modified) == (ETAG, MODIFIED)
    by_etag = await fetch_feed(url, etag=first.etag, allow_loopback=True)
    assert by_etag == FeedFetch(False, (), ETAG, None, None)
    by_date = await fetch_feed(url, last_modified=first.last_modified, allow_loopback=True)
    assert by_date == FeedFetch(False, (), None, MODIFIED, None)  # nothing repeated: what was sent holds
    stale = await fetch_feed(url, etag='"v0"', allow_loopback=True)
    assert stale.changed and stale.entries == first.entries
    sent = [(headers.get("If-None-Match"), headers.get("If-Modified-Since")) for _, headers in site.seen]
    assert sent == [(None, None), (ETAG, None), (None, MODIFIED), ('"v0"', None)]


async def test_validators_that_cannot_be_sent_back_are_dropped(site: Site) -> None:
    url = site.serve("/feed", RSS1, ETag="x" * 501, **{"Last-Modified": "x" * 101})
    fetched = await fetch_feed(url, etag="a\u2028b", last_modified="x" * 101, allow_loopback=True)
    assert fetched.changed and (fetched.etag, fetched.last_modified) == (None, None)
    ((_, headers),) = site.seen
    assert "If-None-Match" not in headers and "If-Modified-Since" not in headers


async def test_a_304_nobody_asked_for_is_still_refused_for_imports(site: Site) -> None:
    async def not_modified(_: web.Request) -> web.Response:
        return web.Response(status=304)

    site.handlers["/page"] = not_modified
    with pytest.raises(ImportRefusedError) as caught:
        await download(yarl.URL(f"{site.base}/page"), limit=1000, seconds=5, allow_loopback=True)
    assert caught.value.key == "import.net.status" and caught.value.values["status"] == 304


# -- what is not a feed -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Hello</p></body></html>",
        b"\n  <html><body><rss version='2.0'><channel><item><title>x</title></item></channel></rss></body>",
        b"",
        b"   \n\t",
        b"<rss version='2.0'><channel><title>Broken</ti",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>x</title><entry><",
        b"just some text",
        b"<?xml version='1.0'?><urlset><url><loc>https://example.com/</loc></url></urlset>",
        b"/dev/zero",  # feedparser given these bytes alone would open that file and read it forever
        b"\xff\xfe\x00\x00" + "<html>".encode("utf-32-le"),
    ],
)
async def test_what_is_not_a_feed_is_refused(site: Site, body: bytes) -> None:
    error = await refused(site.serve("/feed", body, "text/html"))
    assert error.key == "feed.not_a_feed"
    assert str(error) == f"{site.base}/feed: that address does not serve an RSS or Atom feed"


async def test_a_body_naming_a_local_feed_file_is_not_read_from_disk(site: Site, tmp_path: Path) -> None:
    local = tmp_path / "secret.xml"
    local.write_bytes(RSS2)
    error = await refused(site.serve("/feed", str(local).encode()))
    assert error.key == "feed.not_a_feed"


async def test_feeds_with_recoverable_errors_are_read(site: Site) -> None:
    broken = rss(
        item("Caf&eacute; &amp; bar&nbsp;news", "https://e.x/1?a=1&b=2", "<media:content url='x'/><br>"),
        item("AT&T", "https://e.x/2"),
    )
    fetched = await fetch_feed(site.serve("/broken", broken), allow_loopback=True)
    assert [(entry.title, entry.link) for entry in fetched.entries] == [
        ("Café & bar news", "https://e.x/1?a=1&b=2"),
        ("AT&T", "https://e.x/2"),
    ]
    # Repaired, not left to the lenient parser (which reads only the start): all of a long feed is read.
    words = "<description>" + "words " * 150 + "</description>"
    faulty = rss(*[item("News&nbsp;&amp; more", extra="<media:thumbnail url='x'/>" + words)] * 150)
    fetched = await fetch_feed(site.serve("/long", faulty), allow_loopback=True)
    assert [entry.title for entry in fetched.entries] == ["News & more"] * 150


async def test_entries_are_kept_up_to_the_limit_and_none_is_fine(site: Site) -> None:
    many = rss(*(item(f"News {number}", f"https://e.x/{number}") for number in range(MAX_ENTRIES + 50)))
    fetched = await fetch_feed(site.serve("/feed", many), allow_loopback=True)
    assert len(fetched.entries) == MAX_ENTRIES == 200
    assert (fetched.entries[0].title, fetched.entries[-1].title) == ("News 0", "News 199")
    empty = await fetch_feed(site.serve("/empty", rss()), allow_loopback=True)
    assert empty.changed and empty.title == "T" and empty.entries == ()


# -- hostile servers ----------------------------------------------------------------------------------------


async def _chunked(request: web.Request, data: bytes) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    with contextlib.suppress(ConnectionError):
        for start in range(0, len(data), 65536):
            await response.write(data[start : start + 65536])
        await response.write_eof()
    return response


async def test_feeds_over_the_limit_are_refused(site: Site) -> None:
    huge = rss(item("x" * (MAX_FEED_BYTES + 1)))
    site.handlers["/chunked"] = lambda request: _chunked(request, huge)
    site.serve("/bomb", gzip.compress(b" " * 30_000_000), **{"Content-Encoding": "gzip"})
    assert (await refused(site.serve("/sized", huge))).key == "import.too_large"
    assert (await refused(f"{site.base}/chunked")).key == "import.too_large.unknown"
    assert (await refused(f"{site.base}/bomb")).key == "import.too_large.unknown"
    assert (await refused(site.serve("/small", RSS1), limit=len(RSS1) - 1)).key == "import.too_large"


async def test_a_redirect_is_refused_naming_where_it_goes(site: Site) -> None:
    async def moved(_: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("http://169.254.169.254/latest/meta-data")

    site.handlers["/old"] = moved
    error = await refused(f"{site.base}/old")
    assert error.key == "import.net.redirect" and error.values["status"] == 301
    assert error.values["location"] == "http://169.254.169.254/latest/meta-data"
    assert [path for path, _ in site.seen] == ["/old"]


async def test_a_server_that_stalls_is_cut_off(site: Site) -> None:
    async def stall(_: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(body=RSS1)

    site.handlers["/slow"] = stall
    began = time.monotonic()
    error = await refused(f"{site.base}/slow", seconds=0.5)
    assert error.key == "import.net.timeout" and time.monotonic() - began < 3


async def test_private_addresses_are_refused_without_connecting(site: Site) -> None:
    for url in ("http://10.0.0.1/feed.xml", site.serve("/feed", RSS1), "http://[::1]/feed.xml"):
        with pytest.raises(ImportRefusedError) as caught:
            await fetch_feed(url, allow_loopback=False)
        assert caught.value.key == "import.url.not_public"
    assert site.seen == []
    with pytest.raises(ImportRefusedError) as caught:
        await fetch_feed("file:///etc/passwd")
    assert caught.value.key == "import.url.scheme"


# -- hostile feeds ------------------------------------------------------------------------------------------

LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))


async def test_entities_and_external_references_are_never_expanded_or_fetched(site: Site) -> None:
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "{site.base}/rss.dtd" [<!ENTITY lol0 "lol">{LAUGHS}
  <!ENTITY xxe SYSTEM "{site.base}/leak"><!ENTITY % remote SYSTEM "{site.base}/remote.dtd"> %remote;]>
<?xml-stylesheet type="text/xsl" href="{site.base}/style.xsl"?>
<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>&lol9;</title>
<item><title>&xxe;</title><link>{site.base}/article</link><description>&lol9; &lol5;</description>
<xi:include href="{site.base}/include"/></item></channel></rss>"""
    site.serve("/leak", b"SECRET")
    began = time.monotonic()
    fetched = await fetch_feed(site.serve("/feed", feed.encode()), allow_loopback=True)
    assert time.monotonic() - began < 2
    # The DOCTYPE never reaches a parser: its entities stay as the text they are written as.
    assert fetched.title == "&lol9;"
    assert fetched.entries == (FeedEntry(f"{site.base}/article", "&xxe;", "&lol9; &lol5;", None, None),)
    assert [path for path, _ in site.seen] == ["/feed"], "nothing but the feed itself was requested"


def _fill(head: str, piece: str, tail: str = "", size: int = MAX_FEED_BYTES) -> bytes:
    return (head + piece * ((size - len(head) - len(tail)) // len(piece)) + tail).encode()


OPEN = '<rss version="2.0"><channel><item><title>t</title>'
CLOSE = "</item></channel></rss>"
ATOM_OPEN = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>t</title><content type='xhtml'>"
# Each of these costs feedparser itself minutes or hours (quadratic); read here in about a second at most.
HOSTILE = {
    "newlines before the root": _fill("<?xml version='1.0'?>", "\n", OPEN + CLOSE),
    "a comment of newlines": _fill("<!--", "\n", "-->" + OPEN + CLOSE),
    "many attributes": (OPEN + "<x " + " ".join(f"a{n}='1'" for n in range(180_000)) + "/>" + CLOSE).encode(),
    "nested xml:base": (OPEN + "<x xml:base='ab/'>" * 90_000 + "</x>" * 90_000 + CLOSE).encode(),
    "namespaces": (
        OPEN + "".join(f"<x xmlns='u' xmlns:p{n}='u{n}'/>" for n in range(60_000)) + CLOSE
    ).encode(),
    "unclosed tags": _fill(OPEN + "<br>", "<a "),
    "tiny elements": _fill(OPEN, "<y/>", CLOSE),
    "escaped markup": _fill(OPEN + "<description>", "&lt;a ", "</description>" + CLOSE),
    "a long author": _fill(OPEN + "<dc:creator>", "a", "</dc:creator>" + CLOSE),
    "keywords": (
        OPEN + "<itunes:keywords>" + ",".join(map(str, range(300_000))) + "</itunes:keywords>" + CLOSE
    ).encode(),
    "categories": (OPEN + "".join(f"<category>{n}</category>" for n in range(29_000)) + CLOSE).encode(),
    "blank lines in XHTML": _fill(ATOM_OPEN, "\n", "<div>x</div></content></entry></feed>"),
    "a long author, malformed": (OPEN + "<br><author>" + "a" * 60_000 + "</author>" + CLOSE).encode(),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_feeds_are_read_in_bounded_time(name: str) -> None:
    began = time.process_time()
    with contextlib.suppress(ImportRefusedError):
        parse_feed(HOSTILE[name], "https://e.x/feed")
    assert time.process_time() - began < 5, "about a second here; a quadratic stage takes minutes"


def test_a_large_ordinary_feed_is_read_quickly() -> None:
    html = "<p>Emily <b>returns</b> to Paris &amp; Rome.</p>" * 40
    entry = item("Emily in Paris season 5 news", extra=f"<description><![CDATA[{html}]]></description>")
    data = rss(*[entry] * 900)
    assert 1_500_000 < len(data) <= MAX_FEED_BYTES
    began = time.process_time()
    _, entries = parse_feed(data, "https://e.x/feed")
    assert len(entries) == MAX_ENTRIES and time.process_time() - began < 3
