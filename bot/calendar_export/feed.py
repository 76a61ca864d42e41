"""The calendar feed over HTTP (CALENDAR_PORT, off by default): GET and HEAD /calendar.ics with ETag and
Last-Modified, 304 when the client's copy is current. Public facts only: nothing of any guild's settings."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.calendar_export.service import CalendarFile, CalendarService

log = logging.getLogger(__name__)
PATH = "/calendar.ics"
# With several shows, which show's calendar: /calendar.ics?show=<key> (the key is the show's seeds folder).
SHOW_PARAMETER = "show"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Clients keep the file but ask each time whether it changed: a 304 costs them and the bot next to nothing.
CACHE_CONTROL = "no-cache"
MAX_CONNECTIONS = 256
LIFETIME = 15.0


class _Closed(asyncio.Protocol):
    """A connection over the limit: closed as soon as it is made."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


class _Guarded(asyncio.Protocol):
    """aiohttp's handler for one connection, counted while open and closed after `lifetime` seconds."""

    def __init__(
        self, handler: Any, open_now: set[object], loop: asyncio.AbstractEventLoop, lifetime: float
    ) -> None:
        self.handler, self.open_now, self.loop, self.lifetime = handler, open_now, loop, lifetime

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.open_now.add(self)
        self.loop.call_later(self.lifetime, transport.close)
        self.handler.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        return self.handler.eof_received()  # type: ignore[no-any-return]

    def pause_writing(self) -> None:
        self.handler.pause_writing()

    def resume_writing(self) -> None:
        self.handler.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.open_now.discard(self)
        self.handler.connection_lost(exc)


class _NoTraceback(logging.Filter):
    """aiohttp logs a malformed request with its traceback: one line is enough, and a flood stays small."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        return True


logging.getLogger("aiohttp.server").addFilter(_NoTraceback())


def not_modified(request: web.BaseRequest, file: CalendarFile) -> bool:
    """Whether the client's copy is this one: If-None-Match decides when sent (weak comparison, as GET allows),
    else If-Modified-Since."""
    tags = request.headers.getall("If-None-Match", [])
    if tags:
        listed = {tag.strip().removeprefix("W/") for header in tags for tag in header.split(",")}
        return "*" in listed or file.etag in listed
    if len(request.headers.getall("If-Modified-Since", [])) != 1:
        return False  # none, or several: not a date the client holds
    since = request.if_modified_since  # None when not an HTTP date
    # A date later than now is no date the client could have had the file at (RFC 9110): ignored.
    return since is not None and file.last_modified <= since <= dt.datetime.now(dt.UTC)


def _headers(file: CalendarFile) -> dict[str, str]:
    return {
        "ETag": file.etag,
        "Last-Modified": email.utils.format_datetime(file.last_modified, usegmt=True),
        "Cache-Control": CACHE_CONTROL,
    }


class CalendarFeed:
    """`/calendar.ics` on its own port, started with the bot and stopped with it: one show's calendar, or with
    several each show's at `/calendar.ics?show=<key>` (plain `/calendar.ics` then serves none)."""

    def __init__(
        self, calendars: CalendarService | Mapping[str, CalendarService], host: str, port: int
    ) -> None:
        self.calendars = dict(calendars) if isinstance(calendars, Mapping) else {"": calendars}
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        self._handlers: set[object] = set()
        self.max_connections, self.lifetime = MAX_CONNECTIONS, LIFETIME

    def application(self) -> web.Application:
        """The aiohttp application (GET also answers HEAD, without the body)."""
        app = web.Application()
        app.router.add_get(PATH, self._calendar)
        return app

    async def start(self) -> bool:
        """Listen; a port already in use is logged and the bot runs on without the feed (False).

        The feed is public: at most MAX_CONNECTIONS at once (more are closed at once), each for at most
        LIFETIME seconds (a calendar download takes far less), so slow or idle clients can neither hold the
        process's files nor keep the bot from Discord."""
        runner = web.AppRunner(self.application(), access_log=None)
        await runner.setup()
        server, loop, handlers = runner.server, asyncio.get_running_loop(), self._handlers

        def protocol() -> asyncio.BaseProtocol:
            if server is None or len(handlers) >= self.max_connections:
                return _Closed()
            return _Guarded(server(), handlers, loop, self.lifetime)

        try:
            self._listener = await loop.create_server(protocol, self.host, self.port, reuse_address=True)
        except OSError as error:
            log.error("calendar feed not served: cannot listen on %s:%s (%s)", self.host, self.port, error)
            await runner.cleanup()
            return False
        self._runner = runner
        log.info("calendar feed on http://%s:%s%s", self.host, self.port, PATH)
        return True

    async def stop(self) -> None:
        """Stop listening."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _chosen(self, request: web.Request) -> CalendarService | None:
        """The show the request asks for (`?show=<key>`); with one show, that one whatever is asked."""
        if len(self.calendars) == 1:
            return next(iter(self.calendars.values()))
        return self.calendars.get(request.query.get(SHOW_PARAMETER, ""))

    async def _calendar(self, request: web.Request) -> web.Response:
        calendars = self._chosen(request)
        if calendars is None:
            shows = ", ".join(f"?{SHOW_PARAMETER}={key}" for key in sorted(self.calendars))
            return web.Response(status=404, text=f"no such show: ask for one of {shows}\n")
        try:
            file = await calendars.current()
        except Exception:
            log.exception("calendar feed: the calendar could not be built for %s", request.remote)
            return web.Response(
                status=503, text="calendar unavailable, try again later\n", headers={"Retry-After": "60"}
            )
        if not_modified(request, file):
            return web.Response(status=304, headers=_headers(file))
        return web.Response(body=file.body, headers={**_headers(file), "Content-Type": CONTENT_TYPE})
