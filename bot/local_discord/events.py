"""The local Discord's scheduled event routes (/guilds/{g}/scheduled-events[/{e}]), per guild, refused the way
Discord refuses them: Manage Events missing is 403 50013, a guild at its limit of events is 400 30038."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.local_discord.guilds import MANAGE_EVENTS, Guild
from bot.local_discord.world import World

JSON_HEADERS = {"Content-Type": "application/json"}
# Discord holds at most this many scheduled or active events in a guild.
MAX_SCHEDULED_EVENTS = 100


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=json.dumps(data).encode(), status=status, headers=JSON_HEADERS)


def event_problems(body: dict[str, Any]) -> list[str]:
    """What Discord checks beyond the schema: an external event needs a location and an end."""
    if body.get("entity_type") != 3:
        return []
    problems = []
    if not (body.get("entity_metadata") or {}).get("location"):
        problems.append("entity_metadata.location is required for an external event")
    if not body.get("scheduled_end_time"):
        problems.append("scheduled_end_time is required for an external event")
    return problems


class ScheduledEvents:
    """Handlers for the scheduled event routes; `events` holds every guild's events by id."""

    def __init__(
        self,
        world: World,
        needs_token: Callable[[web.Request], web.Response | None],
        validate: Callable[[web.Request, str, list[str]], web.Response | None],
        body: Callable[[web.Request], Any],
    ) -> None:
        self.world = world
        self._needs_token = needs_token
        self._body = body  # the JSON body the server's middleware read
        self._validate = validate  # the OpenAPI check of the route, plus the problems given
        self.events: dict[str, dict[str, Any]] = {}
        self.limit = MAX_SCHEDULED_EVENTS  # tests lower it to play a server at its limit

    def _guild(self, request: web.Request) -> Guild | web.Response:
        guild = self.world.guilds.get(request.match_info["guild"])
        if guild is None:
            return _json({"message": "Unknown Guild", "code": 10004}, status=404)
        return guild

    def _belongs(self, event: dict[str, Any], guild: Guild) -> bool:
        # An event a test put in by hand without a guild_id belongs to the first guild.
        return str(event.get("guild_id") or self.world.guild_id) == guild.id

    def _of(self, guild: Guild) -> list[dict[str, Any]]:
        return [e for e in self.events.values() if self._belongs(e, guild)]

    def _refused(self, request: web.Request) -> Guild | web.Response:
        """The guild, or Discord's refusal: no bot token, no such guild, or no Manage Events there."""
        denied = self._needs_token(request)
        if denied is not None:
            return denied
        guild = self._guild(request)
        if isinstance(guild, Guild) and not guild.permissions_of(guild.bot_user) & MANAGE_EVENTS:
            return _json({"message": "Missing Permissions", "code": 50013}, status=403)
        return guild

    async def list(self, request: web.Request) -> web.Response:
        """GET: a guild's events."""
        denied = self._needs_token(request)
        guild = self._guild(request)
        if denied is not None or isinstance(guild, web.Response):
            return denied or guild  # type: ignore[return-value]
        return _json(self._of(guild))

    async def create(self, request: web.Request) -> web.Response:
        """POST: a new event, unless the guild holds its limit of scheduled or active ones."""
        guild = self._refused(request)
        if isinstance(guild, web.Response):
            return guild
        body = dict(self._body(request) or {})
        invalid = self._validate(request, "/guilds/{guild_id}/scheduled-events", event_problems(body))
        if invalid:
            return invalid
        if sum(1 for e in self._of(guild) if e.get("status") in (1, 2)) >= self.limit:
            return _json({"message": "Maximum number of guild scheduled events reached (100)", "code": 30038},
                         status=400)  # fmt: skip
        event = {
            **body, "id": self.world.ids.next(), "guild_id": guild.id, "creator_id": self.world.application_id,
            "status": 1, "user_count": 0, "channel_id": None, "entity_id": None, "creator": guild.bot_user.user(),
        }  # fmt: skip
        self.events[event["id"]] = event
        return _json(event)

    def _event(self, request: web.Request) -> dict[str, Any] | web.Response:
        """The event a request names, or Discord's refusal (no access, or not an event of that guild)."""
        guild = self._refused(request)
        if isinstance(guild, web.Response):
            return guild
        event = self.events.get(request.match_info["event"])
        if event is None or not self._belongs(event, guild):
            return _json({"message": "Unknown Guild Scheduled Event", "code": 10070}, status=404)
        return event

    async def edit(self, request: web.Request) -> web.Response:
        """PATCH: change the fields sent."""
        event = self._event(request)
        if isinstance(event, web.Response):
            return event
        invalid = self._validate(
            request, "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", []
        )
        if invalid:
            return invalid
        event.update(self._body(request) or {})
        return _json(event)

    async def delete(self, request: web.Request) -> web.Response:
        """DELETE: the event is gone."""
        event = self._event(request)
        if isinstance(event, web.Response):
            return event
        del self.events[event["id"]]
        return web.Response(status=204)
