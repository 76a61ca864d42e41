"""The calendar feed over HTTP (CALENDAR_PORT, off by default): GET and HEAD /calendar.ics with ETag and
Last-Modified, 304 when the client's copy is current. Public facts only: nothing of any guild's settings."""

from __future__ import annotations

import email.utils
import logging

from aiohttp import web

from bot.calendar_export.service import CalendarFile, CalendarService

log = logging.getLogger(__name__)
PATH = "/calendar.ics"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Clients keep the file but ask each time whether it changed: a 304 costs them and the bot next to nothing.
CACHE_CONTROL = "no-cache"


def not_modified(request: web.BaseRequest, file: CalendarFile) -> bool:
    """Whether the client's copy is this one: If-None-Match decides when sent (weak comparison, as GET allows),
    else If-Modified-Since."""
    tags = request.headers.get("If-None-Match")
    if tags is not None:
        listed = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
        return "*" in listed or file.etag in listed
    since = request.if_modified_since  # None when absent or not an HTTP date
    return since is not None and file.last_modified <= since


def _headers(file: CalendarFile) -> dict[str, str]:
    return {
        "ETag": file.etag,
        "Last-Modified": email.utils.format_datetime(file.last_modified, usegmt=True),
        "Cache-Control": CACHE_CONTROL,
    }


class CalendarFeed:
    """`/calendar.ics` on its own port, started with the bot and stopped with it."""

    def __init__(self, calendars: CalendarService, host: str, port: int) -> None:
        self.calendars, self.host, self.port = calendars, host, port
        self._runner: web.AppRunner | None = None

    def application(self) -> web.Application:
        """The aiohttp application (GET also answers HEAD, without the body)."""
        app = web.Application()
        app.router.add_get(PATH, self._calendar)
        return app

    async def start(self) -> bool:
        """Listen; a port already in use is logged and the bot runs on without the feed (False)."""
        runner = web.AppRunner(self.application(), access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as error:
            log.error("calendar feed not served: cannot listen on %s:%s (%s)", self.host, self.port, error)
            await runner.cleanup()
            return False
        self._runner = runner
        log.info("calendar feed on http://%s:%s%s", self.host, self.port, PATH)
        return True

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _calendar(self, request: web.Request) -> web.Response:
        try:
            file = await self.calendars.current()
        except Exception:
            log.exception("calendar feed: the calendar could not be built for %s", request.remote)
            return web.Response(
                status=503, text="calendar unavailable, try again later\n", headers={"Retry-After": "60"}
            )
        if not_modified(request, file):
            return web.Response(status=304, headers=_headers(file))
        return web.Response(body=file.body, headers={**_headers(file), "Content-Type": CONTENT_TYPE})
