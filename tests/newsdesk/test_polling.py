"""Feeds through the real bot on the local Discord, served by a real HTTP server on 127.0.0.1: polling on the
bot's clock, conditional GETs, de-duplication, backoff and broken feeds, and every bad input refused with a reason."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_discord.components import button_rows
from bot.local_run import LocalBot, local_settings, start_local_bot
from bot.newsdesk import poller
from bot.newsdesk.poller import BROKEN_AFTER, PAGE_FETCHES
from tests.conftest import SEEDS

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="2025-01-14T09:00:00Z"></head><body><nav>Home | TV</nav><article>
<h1>{title}</h1><p>{body}</p><p>Fans have waited a long time for this news, and the cast shared photos from the set
in Paris this week, with more to come before the premiere, according to the streamer's announcement.</p>
</article><footer>All rights reserved</footer></body></html>"""


def page(title: str, body: str) -> str:
    return PAGE.format(title=title, body=body)


def item(title: str, link: str | None, summary: str = "") -> str:
    link_line = f"<link>{link}</link>" if link else ""
    return f"<item><title>{title}</title>{link_line}<description>{summary}</description></item>"


def rss(*items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>TV news</title><link>http://x/</link>'
            f"<description>d</description>{''.join(items)}</channel></rss>")  # fmt: skip


@dataclass
class Site:
    """A news site on 127.0.0.1: its feed and pages can be changed by the test; it records what was asked."""

    base: str = ""
    feed: str = ""
    feed_status: int = 200
    pages: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    fetching: int = 0
    most_at_once: int = 0
    slow: float = 0.0
    feed_delay: float = 0.0

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def fixed(body: str, kind: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=body, content_type=kind)

    return handler


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site()

    async def feed(request: web.Request) -> web.StreamResponse:
        state.requests.append((request.path, dict(request.headers)))
        await asyncio.sleep(state.feed_delay)
        if state.feed_status != 200:
            return web.Response(status=state.feed_status)
        etag = f'"{abs(hash(state.feed))}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=state.feed, content_type="application/rss+xml", headers={"ETag": etag})

    async def article(request: web.Request) -> web.StreamResponse:
        state.requests.append((request.path, dict(request.headers)))
        state.fetching += 1
        state.most_at_once = max(state.most_at_once, state.fetching)
        try:
            await asyncio.sleep(state.slow)
            body = state.pages.get(request.match_info["name"])
            return web.Response(text=body, content_type="text/html") if body else web.Response(status=404)
        finally:
            state.fetching -= 1

    async def moved(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("/feed.xml")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/moved.xml", moved)
    app.router.add_get("/a/{name}", article)
    app.router.add_get("/page.html", fixed(page("x", "y"), "text/html"))
    app.router.add_get("/huge.xml", fixed("<rss>" + " " * 3_000_000, "application/rss+xml"))
    app.router.add_get("/broken.xml", fixed("<rss><channel><item><titl", "application/rss+xml"))
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    state.base = f"http://127.0.0.1:{server._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    yield state
    await runner.cleanup()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
async def running(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[LocalBot]:
    """The bot on a copy of seeds/, allowed to fetch from 127.0.0.1, with a mod-log channel."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    settings = local_settings(discord, seeds, tmp_path / "state")
    settings.allow_loopback_imports = True
    bot = await start_local_bot(discord, settings, clock)
    await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
    yield bot
    await bot.stop()


async def after_poll(bot: LocalBot, act: Callable[[], object], timeout: float = 60.0) -> object:
    """Do something that makes the poller look (add a feed, move the clock) and wait for that pass to finish."""
    begun = bot.bot.feeds.started
    result = act()
    if asyncio.iscoroutine(result):
        result = await result
    await bot.bot.feeds.wait_for_pass(begun, timeout)
    return result


def add_feed(discord: LocalDiscord, url: str) -> Callable[[], object]:
    return lambda: discord.slash("/facts feeds add", user="moderator", url=url, timeout=30)


def reviews(discord: LocalDiscord) -> list[dict[str, object]]:
    return [m for m in discord.channel_messages("announcements") if m.get("embeds")]


def headlines(discord: LocalDiscord) -> list[str]:
    return sorted(str(m["embeds"][0]["title"]) for m in reviews(discord))  # type: ignore[index]


NEWS = {
    "renewal": page(
        "Emily in Paris: season 5 date",
        "Emily in Paris season 5 premieres on Thursday, December 18, on Netflix.",
    ),
    "casting": page(
        "Emily in Paris adds a new face",
        "Ines Varga joins the cast of Emily in Paris as Maren Holt, a rival designer.",
    ),
    "other": page("Another show", "Harbour Lights season 2 premieres on March 3."),
}


async def test_a_feed_is_polled_and_each_new_article_is_queued_once(
    discord: LocalDiscord, running: LocalBot, site: Site, clock: ManualClock
) -> None:
    site.pages.update(NEWS)
    site.pages["renewal-copy"] = NEWS["renewal"]
    site.feed = rss(
        item("Emily in Paris sets its season 5 date", f"{site.base}/a/renewal"),
        item("Emily in Paris casting news", f"{site.base}/a/casting?utm_source=rss"),
        item("Harbour Lights returns", f"{site.base}/a/other"),  # does not name the show: never fetched
        item("Emily in Paris: same story, another address", f"{site.base}/a/renewal-copy"),
        item("Emily in Paris: the casting again", f"{site.base}/a/casting"),  # the same link without tracking
        item("Emily in Paris without a link", None),
    )
    reply = await after_poll(running, add_feed(discord, f"{site.base}/feed.xml"))
    assert reply.content.startswith(f"Now reading {site.base}/feed.xml (6 entries in it now)")  # type: ignore[attr-defined]
    assert headlines(discord) == ["Emily in Paris adds a new face", "Emily in Paris: season 5 date"]
    assert all(button_rows(m)[0] == ["Approve all", "Reject"] for m in reviews(discord))
    assert "/a/other" not in site.paths() and site.paths().count("/a/casting") == 1
    listed = await discord.slash("/facts feeds list", user="moderator")
    state = listed.embed["fields"][0]["value"]
    assert (
        state.startswith("Working") and "2 article(s) taken" in state and "an entry without a link" in state
    )

    # Thirty minutes later (give or take the jitter) the feed has not changed: a 304, nothing new.
    await after_poll(running, lambda: clock.advance(dt.timedelta(minutes=40)))
    feed_requests = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert feed_requests[-1].get("If-None-Match") and len(reviews(discord)) == 2
    # A new entry: only it is fetched and queued.
    site.pages["third"] = page(
        "Emily in Paris wraps", "Bram Olufemi joins the cast of Emily in Paris as Corwin Tell, a chef."
    )
    site.feed = rss(
        item("Emily in Paris: a third story", f"{site.base}/a/third"), item("old", f"{site.base}/a/renewal")
    )
    await after_poll(running, lambda: clock.advance(dt.timedelta(minutes=40)))
    assert len(reviews(discord)) == 3 and site.paths().count("/a/renewal") == 1


async def test_a_failing_feed_backs_off_then_is_marked_broken(
    discord: LocalDiscord, running: LocalBot, site: Site, clock: ManualClock
) -> None:
    site.feed = rss()
    await after_poll(running, add_feed(discord, f"{site.base}/feed.xml"))
    site.feed_status = 503
    waits = []
    for _ in range(BROKEN_AFTER):
        [feed] = await running.bot.newsdesk.ledger.feeds()
        waits.append(feed.next_poll_at - clock.now())
        await after_poll(running, lambda feed=feed: clock.set(feed.next_poll_at))  # type: ignore[misc]
    assert waits[2] > waits[1] * 1.5, "each failure waits longer"
    [feed] = await running.bot.newsdesk.ledger.feeds()
    assert feed.broken and feed.failures == BROKEN_AFTER
    listed = await discord.slash("/facts feeds list", user="moderator")
    state = listed.embed["fields"][0]["value"]
    assert state.startswith(f"Broken after {BROKEN_AFTER} failures") and "the site answered 503" in state
    polled = len(site.requests)
    clock.advance(dt.timedelta(days=2))
    await asyncio.sleep(0.3)
    assert len(site.requests) == polled, "a broken feed is no longer polled"
    removed = await discord.slash("/facts feeds remove", user="moderator", url=f"{site.base}/feed.xml")
    assert removed.content.startswith("No longer reading")


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/page.html", "does not serve an RSS or Atom feed"),
        ("/broken.xml", "does not serve an RSS or Atom feed"),
        ("/huge.xml", "too large"),
        ("/moved.xml", "a redirect to /feed.xml"),
        ("/missing.xml", "the site answered 404"),
    ],
)
async def test_bad_feeds_are_refused_with_a_reason(
    discord: LocalDiscord, running: LocalBot, site: Site, path: str, why: str
) -> None:
    reply = await discord.slash("/facts feeds add", user="moderator", url=f"{site.base}{path}", timeout=30)
    assert reply.content.startswith("Not added: ") and why in reply.content
    assert await running.bot.newsdesk.ledger.feeds() == []


async def test_addresses_and_members_are_refused(
    discord: LocalDiscord, running: LocalBot, site: Site
) -> None:
    private = await discord.slash(
        "/facts feeds add", user="moderator", url="http://10.0.0.7/feed.xml", timeout=30
    )
    assert "not a public address" in private.content
    member = await discord.slash("/facts feeds add", user="member", url=f"{site.base}/feed.xml")
    assert member.content.startswith("Only moderators")
    assert await running.bot.newsdesk.ledger.feeds() == []


async def test_bad_entries_are_skipped_with_their_reason(
    discord: LocalDiscord, running: LocalBot, site: Site
) -> None:
    site.pages["empty"] = page(
        "Emily in Paris", "Emily in Paris was mentioned in passing, and nothing else was said."
    )
    site.feed = rss(
        item("Emily in Paris: private", "http://10.1.2.3/a.html"),
        item("Emily in Paris: nothing in it", f"{site.base}/a/empty"),
        item("Emily in Paris: gone", f"{site.base}/a/gone"),
    )
    await after_poll(running, add_feed(discord, f"{site.base}/feed.xml"))
    [feed] = await running.bot.newsdesk.ledger.feeds()
    assert feed.skipped == 3 and feed.taken == 0 and reviews(discord) == []
    seeds = running.bot.settings.seeds_dir
    assert not (seeds / "pending").exists() and not list(seeds.glob("import_*")), (
        "nothing half-written in seeds/"
    )


async def test_a_burst_is_worked_through_a_few_fetches_at_a_time(
    discord: LocalDiscord, running: LocalBot, site: Site
) -> None:
    actors = ["Ines Varga", "Bram Olufemi", "Maren Holt", "Lottie Fenn", "Corwin Tell", "Talia Brook",
              "Oskar Lind", "Yara Sato"]  # fmt: skip
    roles = ["Odette Marchal", "Basile Roux", "Clemence Vidal", "Gaspard Noel", "Aurore Blanc", "Hugo Ferrand",
             "Ines Morel", "Jules Caron"]  # fmt: skip
    count = len(actors)
    site.slow = 0.2
    for number, (actor, role) in enumerate(zip(actors, roles, strict=True)):
        site.pages[f"n{number}"] = page(
            f"Emily in Paris casting {number}",
            f"{actor} joins the cast of Emily in Paris as {role}, a newcomer.",
        )
    site.feed = rss(*(item(f"Emily in Paris news {n}", f"{site.base}/a/n{n}") for n in range(count)))
    await after_poll(running, add_feed(discord, f"{site.base}/feed.xml"), timeout=120)
    assert site.most_at_once <= PAGE_FETCHES
    assert len(reviews(discord)) == count, "one review message per article"
    assert len(await running.bot.newsdesk.ledger.items()) == count


async def test_a_slow_feed_is_taken_but_backs_off(
    discord: LocalDiscord, running: LocalBot, site: Site, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(poller, "SLOW_SECONDS", 2.5)
    site.pages.update(NEWS)
    site.feed = rss(item("Emily in Paris casting news", f"{site.base}/a/casting"))
    await after_poll(running, add_feed(discord, f"{site.base}/feed.xml"))
    site.feed_delay = 3.0
    site.feed = rss(item("Emily in Paris sets its season 5 date", f"{site.base}/a/renewal"))
    await after_poll(running, lambda: clock.advance(dt.timedelta(minutes=40)))
    [feed] = await running.bot.newsdesk.ledger.feeds()
    assert feed.taken == 2, "what a slow feed says is still read"
    assert feed.failures == 1 and feed.problem is not None and feed.problem.key == "newsdesk.feed.slow"
    assert feed.next_poll_at - clock.now() > dt.timedelta(minutes=50), "polled less often"
