"""The sandbox's news site (--feed FILE): FILE's folder served on 127.0.0.1 for the session, `{base}` in each text
file replaced by the site's address, with ETags so the bot's conditional GETs get their 304s."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from bot.sandbox.session import Session

FEED_POLL_SECONDS = 120.0  # a poll that queues many articles builds the facts once for each

TYPES = {".xml": "application/rss+xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
         ".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}  # fmt: skip


class FeedSite:
    """A folder on a loopback address; files are read at each request, so editing the feed mid-session works."""

    def __init__(self, feed: Path) -> None:
        self.feed = feed.resolve()
        self.folder = self.feed.parent
        self.base = ""
        self._runner: web.AppRunner | None = None

    @property
    def feed_url(self) -> str:
        """The feed's address on the site."""
        return f"{self.base}/{self.feed.name}"

    async def start(self) -> None:
        """Serve the folder on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_get("/{name}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = (self.folder / name).resolve()
        if path.parent != self.folder or not path.is_file():  # only the folder's own files, never ../
            raise web.HTTPNotFound()
        data = path.read_bytes()
        if path.suffix.lower() in TYPES and not TYPES[path.suffix.lower()].startswith("application/octet"):
            data = data.replace(b"{base}", self.base.encode())
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        kind = TYPES.get(path.suffix.lower(), "application/octet-stream")
        return web.Response(body=data, content_type=kind, headers={"ETag": etag})


async def follow_feed(session: Session, url: str) -> None:
    """--feed: the guild follows the served feed (as its moderator would), with review messages in #general
    unless a mod-log channel is already set."""
    server, bot = session.server, session.bot
    if bot.countdown.guild(int(server.world.guild_id)).mod_log_channel_id is None:
        await server.slash("/facts log", user="moderator", options={"channel": "#general"})
        session.say("(--feed: review messages go to #general; choose another channel with /facts log)")
    begun = bot.feeds.started
    session.say(f"> /facts feeds add url:{url}   (--feed, as the moderator)")
    reply = await server.slash("/facts feeds add", user="moderator", options={"url": url}, timeout=30)
    session.show_reply(reply)
    await feeds_polled(session, begun)
    session.show_posts()


async def feeds_polled(session: Session, begun: int) -> None:
    """Let a poll of the feeds that a line set off (a feed added, the clock moved) finish, so what it queued
    shows under the line."""
    bot = session.bot
    feeds = await bot.newsdesk.ledger.feeds()
    now = session.clock.now()
    if bot.feeds.started > begun or any(not f.broken and f.next_poll_at <= now for f in feeds):
        try:
            await bot.feeds.wait_for_pass(begun, FEED_POLL_SECONDS)
        except TimeoutError:
            session.fail(f"the feeds were still being read after {FEED_POLL_SECONDS:.0f} s")
