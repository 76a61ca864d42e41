"""The local Discord: an aiohttp server on 127.0.0.1 that answers discord.py's REST calls and gateway,
checks every body the bot sends, records it, plays the users (slash commands, autocomplete), and can
misbehave the way Discord does (429, 403, a deleted channel, a dropped connection)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import discord
import yarl
from aiohttp import BodyPartReader, web

from bot.local_discord import checks
from bot.local_discord.components import find_button, pressed
from bot.local_discord.events import ScheduledEvents
from bot.local_discord.gateway import Gateway, Session
from bot.local_discord.guilds import Guild
from bot.local_discord.roles import MemberRoles
from bot.local_discord.world import Channel, Member, World

if TYPE_CHECKING:
    from bot.local_discord.openapi import SpecValidator

log = logging.getLogger(__name__)

API = "/api/v10"
EPHEMERAL = 1 << 6
KEPT_INTERACTIONS = 10_000
# Discord returns the first message for a repeated nonce "in the past few minutes"; here, five.
NONCE_MEMORY = 300.0
JSON_HEADERS = {"Content-Type": "application/json"}  # exactly: discord.py reads "; charset=utf-8" as text
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
BODY: web.RequestKey[Any] = web.RequestKey(
    "body", object
)  # the parsed JSON body, read once by the middleware
ARRIVED: web.RequestKey[float] = web.RequestKey("arrived", float)  # perf_counter when the request came in
# The files a multipart request carried beside its payload_json: (filename, content type, bytes).
FILES: web.RequestKey[list[tuple[str, str, bytes]]] = web.RequestKey("files", list)

# Option types (https://discord.com/developers/docs/interactions/application-commands).
(
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    STRING,
    INTEGER,
    BOOLEAN,
    USER,
    CHANNEL,
    ROLE,
    MENTIONABLE,
    NUMBER,
    ATTACHMENT,
) = range(1, 12)


class UnknownCommandError(LookupError):
    """A slash command or option the bot never registered."""


class NoReplyError(TimeoutError):
    """The bot did not answer an interaction in time."""


@dataclass(frozen=True)
class Upload:
    """A file a member attaches to a slash command."""

    filename: str
    data: bytes
    content_type: str = "text/plain"


@dataclass
class Call:
    """One request the bot made."""

    method: str
    path: str
    route: str
    body: Any
    status: int = 0


@dataclass
class Reply:
    """What the bot answered to one interaction: the message (after any deferral), or autocomplete choices."""

    kind: str
    message: dict[str, Any]
    ephemeral: bool
    latency: float
    followups: list[dict[str, Any]] = field(default_factory=list)

    @property
    def content(self) -> str:
        """The message text ("" when there is none)."""
        return str(self.message.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        """The message's embeds."""
        return list(self.message.get("embeds") or [])

    @property
    def embed(self) -> dict[str, Any]:
        """The first embed; a KeyError-free {} when there is none."""
        return self.embeds[0] if self.embeds else {}

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices."""
        return list(self.message.get("choices") or [])

    def text(self) -> str:
        """Everything readable in the reply, for assertions: content, titles, descriptions, fields, footers."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for item in embed.get("fields") or []:
                parts += [item.get("name") or "", item.get("value") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(part for part in parts if part)


@dataclass
class _Pending:
    """An interaction sent to the bot and not yet fully answered."""

    id: str
    token: str
    channel_id: str
    kind: int = 2
    sent_at: float = 0.0
    answered_at: float = 0.0
    callback: dict[str, Any] | None = None
    original: dict[str, Any] | None = None
    # A button's interaction: the message the button is on, which a type-7 answer or an edit of @original changes.
    source: dict[str, Any] | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    answered: asyncio.Event = field(default_factory=asyncio.Event)
    finished: asyncio.Event = field(default_factory=asyncio.Event)


def default_spec_path() -> Path | None:
    """$DISCORD_API_SPEC, or ../shared/discord-api-spec/openapi.json beside this clone, if it exists."""
    configured = os.environ.get("DISCORD_API_SPEC")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "discord-api-spec" / "openapi.json")
    return next((path for path in candidates if path.is_file()), None)


def _spec_path(spec_path: Path | bool | None) -> Path | None:
    if spec_path is True:
        return default_spec_path()
    return spec_path or None


def _load_spec(spec_path: Path | bool | None) -> SpecValidator | None:
    """The OpenAPI check, when the spec file and the validator library (a development extra) are both here."""
    path = _spec_path(spec_path)
    if path is None:
        return None
    try:
        from bot.local_discord.openapi import spec_validator
    except ImportError:
        log.info("OpenAPI check skipped: jsonschema is not installed (pip install 'savoir[dev]')")
        return None
    return spec_validator(path)


class LocalDiscord:
    """A local Discord for one bot: start it, point discord.py at it, then drive users and read what the bot sent."""

    def __init__(
        self,
        world: World | None = None,
        *,
        spec_path: Path | bool | None = True,
        heartbeat_interval_ms: int = 41_250,
        token: str = "local-token",
        recommended_shards: int = 1,
        max_guilds_per_shard: int | None = None,
    ) -> None:
        self.world = world or World()
        self.spec = _load_spec(spec_path)
        self.token = token
        self.recommended_shards = recommended_shards  # GET /gateway/bot's `shards`
        self.gateway = Gateway(
            self.world, self._ready, heartbeat_interval_ms, self._token_ok, max_guilds_per_shard
        )
        self.calls: list[Call] = []
        self.unexpected: list[Call] = []
        self.violations: list[str] = []
        # Synced commands by guild id (None: global), each by name.
        self.commands_by_guild: dict[str | None, dict[str, dict[str, Any]]] = {}
        self.syncs: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.events = ScheduledEvents(self.world, self._needs_bot_token, self._validate, lambda r: r[BODY])
        self.member_roles = MemberRoles(self.world, self._bot_route, self._member_updated)
        # (channel, nonce) -> (when on this server's clock, the first message); oldest first
        self._nonces: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        self._clock_moved = 0.0
        self._rate_limits: list[list[Any]] = []
        self._pending: dict[str, _Pending] = {}
        self._message_posted = asyncio.Condition()
        self._uploads: dict[str, bytes] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._saved_routes: tuple[str, yarl.URL] | None = None

    # -- life ------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self._me),
            ("GET", "/oauth2/applications/@me", self._application),
            ("GET", "/gateway", self._gateway_info),
            ("GET", "/gateway/bot", self._gateway_info),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("GET", "/applications/{app}/guilds/{guild}/commands", self._get_commands),
            ("PUT", "/applications/{app}/guilds/{guild}/commands", self._put_commands),
            ("POST", "/interactions/{interaction}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app}/{token}", self._followup),
            ("GET", "/webhooks/{app}/{token}/messages/@original", self._get_original),
            ("PATCH", "/webhooks/{app}/{token}/messages/@original", self._edit_original),
            ("DELETE", "/webhooks/{app}/{token}/messages/@original", self._delete_original),
            ("POST", "/channels/{channel}/messages", self._channel_message),
            ("PATCH", "/channels/{channel}/messages/{message}", self._edit_channel_message),
            ("GET", "/channels/{channel}", self._get_channel),
            ("GET", "/guilds/{guild}/scheduled-events", self.events.list),
            ("POST", "/guilds/{guild}/scheduled-events", self.events.create),
            ("PATCH", "/guilds/{guild}/scheduled-events/{event}", self.events.edit),
            ("DELETE", "/guilds/{guild}/scheduled-events/{event}", self.events.delete),
            ("PUT", "/guilds/{guild}/members/{user}/roles/{role}", self.member_roles.add),
            ("DELETE", "/guilds/{guild}/members/{user}/roles/{role}", self.member_roles.remove),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, API + path, handler)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = cast(asyncio.Server, site._server)  # a started TCP site listens on one socket
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening and give discord.py its real addresses back."""
        self.restore_discord_py()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> LocalDiscord:
        await self.start()
        self.point_discord_py_here()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The REST base, as discord.py's Route.BASE."""
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        """The gateway websocket address."""
        return f"ws://127.0.0.1:{self.port}/"

    def point_discord_py_here(self) -> None:
        """Make every discord.py client in this process talk to this server (until stop())."""
        if self._saved_routes is None:
            self._saved_routes = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = self.base_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    def restore_discord_py(self) -> None:
        """Give discord.py back the addresses it had."""
        if self._saved_routes is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved_routes
            self._saved_routes = None

    def _token_ok(self, token: str) -> bool:
        return token.removeprefix("Bot ") == self.token

    def _ready(self, session: Session, guilds: list[Guild]) -> dict[str, Any]:
        return {
            "v": 10, "user": self.world.bot_user.user(), "guilds": [{"id": g.id, "unavailable": True} for g in guilds],
            "session_id": session.id, "resume_gateway_url": self.gateway_url, "private_channels": [],
            "relationships": [], "presences": [], "application": {"id": self.world.application_id, "flags": 0},
            "shard": [session.shard_id, session.shard_count], "user_settings": {}, "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
        }  # fmt: skip

    @property
    def commands(self) -> dict[str, dict[str, Any]]:
        """The commands a member of the first guild sees: the global ones and that guild's, by name."""
        return self.commands_for(self.world.guild_id)

    def commands_for(self, guild_id: str) -> dict[str, dict[str, Any]]:
        """The commands a member of a guild sees: the global ones and that guild's, by name."""
        return {**self.commands_by_guild.get(None, {}), **self.commands_by_guild.get(guild_id, {})}

    @property
    def scheduled_events(self) -> dict[str, dict[str, Any]]:
        """Every guild's scheduled events, by id (tests may add or change them)."""
        return self.events.events

    @property
    def max_scheduled_events(self) -> int:
        """How many scheduled or active events a guild may hold (Discord: 100)."""
        return self.events.limit

    @max_scheduled_events.setter
    def max_scheduled_events(self, limit: int) -> None:
        self.events.limit = limit

    def clock(self) -> float:
        """This Discord's own clock, in seconds: real monotonic time plus every advance_clock()."""
        return time.monotonic() + self._clock_moved

    def advance_clock(self, seconds: float) -> None:
        """Move this Discord's clock forward (it forgets a nonce five minutes after it first saw it)."""
        self._clock_moved += seconds

    # -- faults ----------------------------------------------------------------------------------------

    def rate_limit(self, method: str, path_prefix: str, times: int = 1, retry_after: float = 0.05) -> None:
        """Answer the next `times` matching requests with 429 and retry_after, as Discord does."""
        self._rate_limits.append([method.upper(), path_prefix, times, retry_after])

    def forbid(self, channel: str) -> None:
        """Make posting in a channel answer 403 Missing Permissions."""
        self.world.channel(channel).forbidden = True

    def delete_channel(self, channel: str) -> None:
        """Make a channel answer 404 Unknown Channel."""
        self.world.channel(channel).deleted = True

    def drop_connection(self, shard_id: int | None = None) -> None:
        """Cut a shard's gateway connection (the first guild's shard by default); the bot should RESUME and
        get what it missed."""
        self.gateway.drop(shard_id)

    # -- middleware and helpers ----------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/":
            return await handler(request)
        request[ARRIVED] = time.perf_counter()  # before reading: a bigger body is not the bot's time
        body, files = await _read_body(request)
        route = request.match_info.route.resource.canonical if request.match_info.route.resource else ""
        call = Call(request.method, request.path, route.removeprefix(API), body)
        self.calls.append(call)
        for limit in self._rate_limits:
            method, prefix, times, retry_after = limit
            if times > 0 and request.method == method and request.path.removeprefix(API).startswith(prefix):
                limit[2] -= 1
                call.status = 429
                return _json(
                    {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
                    status=429, headers={"Via": "1.1 google", "Retry-After": str(retry_after)},
                )  # fmt: skip
        try:
            request[BODY], request[FILES] = body, files
            response = await handler(request)
        except web.HTTPNotFound:
            call.status = 404
            self.unexpected.append(call)
            log.warning("unexpected call %s %s", request.method, request.path)
            return _json({"message": "404: Not Found", "code": 0}, status=404)
        call.status = response.status
        return response

    def _needs_bot_token(self, request: web.Request) -> web.Response | None:
        if not self._token_ok(request.headers.get("Authorization", "")):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return None

    def _bot_route(self, request: web.Request, route: str) -> web.Response | None:
        """The bot token, then the body against the route's schema: the refusal, or None."""
        return self._needs_bot_token(request) or self._validate(request, route, [])

    async def _member_updated(self, guild: Guild, member: Member) -> None:
        if self.gateway.session_of(guild.id) is not None:
            await self.gateway.dispatch(
                "GUILD_MEMBER_UPDATE", {**member.payload(), "guild_id": guild.id}, guild.id
            )

    async def update_role(
        self,
        name: str,
        *,
        permissions: int | None = None,
        position: int | None = None,
        guild: str | None = None,
    ) -> None:
        """A server admin edits a role (its permissions, its place in the list) in a guild (the first by
        default); the bot hears of it on that guild's shard."""
        found = self.world.guild_of(guild)
        role = found.role(name)
        role.permissions = role.permissions if permissions is None else permissions
        role.position = role.position if position is None else position
        if self.gateway.session_of(found.id) is not None:
            await self.gateway.dispatch(
                "GUILD_ROLE_UPDATE", {"guild_id": found.id, "role": role.payload()}, found.id
            )

    def _validate(self, request: web.Request, route: str, problems: list[str]) -> web.Response | None:
        body = request[BODY]
        if self.spec is not None:
            problems = problems + self.spec.errors(request.method, route, body)
        if not problems:
            return None
        for problem in problems:
            self.violations.append(f"{request.method} {route}: {problem}")
        errors = {"_errors": [{"code": "BASE_TYPE_INVALID", "message": problem} for problem in problems]}
        return _json({"code": 50035, "message": "Invalid Form Body", "errors": errors}, status=400)

    def _message(
        self,
        channel_id: str,
        body: dict[str, Any],
        *,
        kind: int = 0,
        files: list[tuple[str, str, bytes]] | None = None,
    ) -> dict[str, Any]:
        now = dt.datetime.now(dt.UTC).isoformat()
        attachments = []
        for filename, content_type, data in files or []:
            upload_id = self.world.ids.next()
            self._uploads[upload_id] = data  # served at its url, as Discord's CDN serves an attachment
            url = f"http://127.0.0.1:{self.port}/attachments/{upload_id}/{filename}"
            attachments.append({
                "id": upload_id, "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": content_type, "ephemeral": bool(int(body.get("flags") or 0) & EPHEMERAL),
            })  # fmt: skip
        guild = self.world.guild_of_channel(channel_id) or self.world.guild
        return {
            "id": self.world.ids.next(), "channel_id": channel_id, "guild_id": guild.id,
            "author": self.world.bot_user.user(), "content": body.get("content") or "",
            "embeds": body.get("embeds") or [], "timestamp": now, "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": attachments, "pinned": False,
            "type": kind, "flags": int(body.get("flags") or 0), "components": body.get("components") or [],
            "nonce": body.get("nonce"), "allowed_mentions": body.get("allowed_mentions"),
        }  # fmt: skip

    # -- REST: identity and commands -----------------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        return self._needs_bot_token(request) or _json(self.world.bot_user.user())

    async def _application(self, request: web.Request) -> web.Response:
        owner = self.world.member(self.world.owner_id).user()
        return self._needs_bot_token(request) or _json({
            "id": self.world.application_id, "name": "Savoir", "icon": None, "description": "", "summary": "",
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "0" * 64, "flags": 0,
            "owner": owner, "team": None, "rpc_origins": [], "type": None, "hook": True,
            "approximate_guild_count": len(self.world.guilds), "bot": self.world.bot_user.user(),
        })  # fmt: skip

    async def _gateway_info(self, request: web.Request) -> web.Response:
        return _json({"url": self.gateway_url, "shards": self.recommended_shards, "session_start_limit": {
            "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})  # fmt: skip

    async def _get_commands(self, request: web.Request) -> web.Response:
        return _json(list(self.commands_by_guild.get(request.match_info.get("guild"), {}).values()))

    async def _put_commands(self, request: web.Request) -> web.Response:
        denied = self._needs_bot_token(request)
        if denied:
            return denied
        guild = request.match_info.get("guild")
        route = "/applications/{application_id}" + ("/guilds/{guild_id}" if guild else "") + "/commands"
        invalid = self._validate(request, route, checks.check_commands(request[BODY]))
        if invalid:
            return invalid
        self.syncs.append(self.calls[-1])
        synced = self.commands_by_guild[
            guild
        ] = {}  # a bulk overwrite: the guild's (or global) set is replaced
        echoed = []
        for command in request[BODY]:
            stored = {
                **command, "id": self.world.ids.next(), "application_id": self.world.application_id,
                "version": self.world.ids.next(), "guild_id": guild, "type": command.get("type", 1),
            }  # fmt: skip
            synced[command["name"]] = stored
            echoed.append(stored)
        return _json(echoed)

    # -- REST: interaction replies -------------------------------------------------------------------------

    def _pending_for(self, token: str) -> _Pending | web.Response:
        for pending in reversed(self._pending.values()):
            if pending.token == token:
                return pending
        return _json({"message": "Unknown Webhook", "code": 10015}, status=404)

    async def _callback(self, request: web.Request) -> web.Response:
        answered_at = request[ARRIVED]
        pending = self._pending.get(request.match_info["interaction"])
        if pending is None or pending.token != request.match_info["token"]:
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        if pending.callback is not None:
            return _json({"message": "Interaction has already been acknowledged.", "code": 40060}, status=400)
        body = request[BODY]
        invalid = self._validate(
            request,
            "/interactions/{interaction_id}/{interaction_token}/callback",
            checks.check_callback(body),
        )
        if invalid:
            return invalid  # refused: the interaction is still unanswered, as on Discord
        pending.callback, pending.answered_at = body, answered_at
        kind = body.get("type")
        data = body.get("data") or {}
        response: dict[str, Any] = {
            "interaction": {
                "id": pending.id, "type": pending.kind, "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
            },
            "resource": {"type": kind},
        }  # fmt: skip
        if kind == 4:
            pending.original = self._message(pending.channel_id, data, kind=20, files=request[FILES])
            response["interaction"]["response_message_id"] = pending.original["id"]
            response["resource"]["message"] = pending.original
        elif kind == 7 and pending.source is not None:
            _edit(pending.source, data)
            response["resource"]["message"] = pending.source
        pending.answered.set()
        if kind not in (5, 6):  # a deferral is finished by its followup or edit
            pending.finished.set()
        return _json(response)

    async def _followup(self, request: web.Request) -> web.Response:
        pending = self._pending_for(request.match_info["token"])
        if isinstance(pending, web.Response):
            return pending
        body = request[BODY]
        invalid = self._validate(
            request, "/webhooks/{webhook_id}/{webhook_token}", checks.check_message(body)
        )
        if invalid:
            return invalid  # refused: not an answer, as on Discord
        message = self._message(pending.channel_id, body, kind=20, files=request[FILES])
        pending.followups.append(message)
        pending.finished.set()
        return _json(message)

    async def _get_original(self, request: web.Request) -> web.Response:
        pending = self._pending_for(request.match_info["token"])
        if isinstance(pending, web.Response):
            return pending
        if pending.original is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        return _json(pending.original)

    async def _edit_original(self, request: web.Request) -> web.Response:
        pending = self._pending_for(request.match_info["token"])
        if isinstance(pending, web.Response):
            return pending
        body = request[BODY]
        invalid = self._validate(
            request, "/webhooks/{webhook_id}/{webhook_token}/messages/@original", checks.check_message(body)
        )
        if invalid:
            return invalid
        if pending.original is None and pending.source is not None:
            # A button's deferred update: @original is the message the button is on.
            _edit(pending.source, body)
            pending.finished.set()
            return _json(pending.source)
        base = pending.original or self._message(pending.channel_id, {}, kind=20)
        pending.original = {
            **base,
            **{k: v for k, v in body.items() if k in ("content", "embeds", "components")},
        }
        pending.original["edited_timestamp"] = dt.datetime.now(dt.UTC).isoformat()
        pending.finished.set()
        return _json(pending.original)

    async def _delete_original(self, request: web.Request) -> web.Response:
        pending = self._pending_for(request.match_info["token"])
        if isinstance(pending, web.Response):
            return pending
        pending.original = None
        return web.Response(status=204)

    # -- REST: channels and events --------------------------------------------------------------------------

    def _channel_or_error(self, request: web.Request) -> Channel | web.Response:
        try:
            channel = self.world.channel(request.match_info["channel"])
        except KeyError:
            channel = None
        if channel is None or channel.deleted:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        return channel

    async def _get_channel(self, request: web.Request) -> web.Response:
        denied = self._needs_bot_token(request)
        found = self._channel_or_error(request)
        if denied or isinstance(found, web.Response):
            return denied or found  # type: ignore[return-value]
        return _json(found.payload((self.world.guild_of_channel(found.id) or self.world.guild).id))

    async def _channel_message(self, request: web.Request) -> web.Response:
        denied = self._needs_bot_token(request)
        found = self._channel_or_error(request)
        if denied or isinstance(found, web.Response):
            return denied or found  # type: ignore[return-value]
        if found.forbidden:
            return _json({"message": "Missing Permissions", "code": 50013}, status=403)
        body = request[BODY]
        invalid = self._validate(request, "/channels/{channel_id}/messages", checks.check_message(body))
        if invalid:
            return invalid
        nonce = body.get("nonce")
        now = self.clock()
        while self._nonces and now - next(iter(self._nonces.values()))[0] >= NONCE_MEMORY:
            self._nonces.pop(next(iter(self._nonces)))  # forgotten, as Discord forgets them
        if nonce is not None and body.get("enforce_nonce") and (found.id, str(nonce)) in self._nonces:
            return _json(self._nonces[(found.id, str(nonce))][1])
        message = self._message(found.id, body, files=request[FILES])
        if nonce is not None:
            self._nonces.pop((found.id, str(nonce)), None)
            self._nonces[(found.id, str(nonce))] = (now, message)
        self.messages.setdefault(found.id, []).append(message)
        async with self._message_posted:
            self._message_posted.notify_all()
        return _json(message)

    async def _edit_channel_message(self, request: web.Request) -> web.Response:
        denied = self._needs_bot_token(request)
        found = self._channel_or_error(request)
        if denied or isinstance(found, web.Response):
            return denied or found  # type: ignore[return-value]
        wanted = request.match_info["message"]
        message = next((m for m in self.messages.get(found.id, []) if m["id"] == wanted), None)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        body = request[BODY]
        invalid = self._validate(
            request, "/channels/{channel_id}/messages/{message_id}", checks.check_message({**message, **body})
        )
        if invalid:
            return invalid
        _edit(message, body)
        return _json(message)

    def attachment_data(self, attachment_id: str) -> bytes | None:
        """The bytes of a file the bot attached, as a member's client downloads them."""
        return self._uploads.get(attachment_id)

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self._uploads.get(request.match_info["id"])
        if data is None:
            return _json({"message": "404: Not Found", "code": 0}, status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    # -- playing the users -----------------------------------------------------------------------------------

    async def wait_until_connected(self, timeout: float = 10.0, shard_id: int | None = None) -> None:
        """Wait until a bot has identified (or resumed) a shard (the first guild's by default) and holds an
        open gateway connection for it."""
        await asyncio.wait_for(self.gateway.wait_connected(shard_id), timeout)

    def channel_messages(self, channel: str, guild: str | None = None) -> list[dict[str, Any]]:
        """What the bot posted in a channel (a name in `guild`, by default the first guild, or any id), oldest
        first."""
        found = self.world.guild_of(guild).channel(channel) if guild else self.world.channel(channel)
        return list(self.messages.get(found.id, []))

    async def wait_for_messages(
        self, channel: str, count: int, timeout: float = 5.0, guild: str | None = None
    ) -> list[dict[str, Any]]:
        """Wait until a channel holds at least `count` messages from the bot."""

        async def enough() -> None:
            async with self._message_posted:
                await self._message_posted.wait_for(
                    lambda: len(self.channel_messages(channel, guild)) >= count
                )

        await asyncio.wait_for(enough(), timeout)
        return self.channel_messages(channel, guild)

    def command_names(self) -> list[str]:
        """Every synced command as typed, groups expanded ("/facts reload")."""
        names = []
        for command in self.commands.values():
            subcommands = [
                o for o in command.get("options") or [] if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)
            ]
            if not subcommands:
                names.append(f"/{command['name']}")
            for option in subcommands:
                inner = [o for o in option.get("options") or [] if o.get("type") == SUB_COMMAND]
                if option["type"] == SUB_COMMAND_GROUP and inner:
                    names += [f"/{command['name']} {option['name']} {sub['name']}" for sub in inner]
                else:
                    names.append(f"/{command['name']} {option['name']}")
        return sorted(names)

    def command_options(self, command: str, guild: str | None = None) -> list[dict[str, Any]]:
        """The options a typed command takes ("/cast" -> [name]), as a guild (the first by default) sees it."""
        _, _, options = self._resolve_command(command, self.world.guild_of(guild).id)
        return options

    def _resolve_command(
        self, command: str, guild_id: str
    ) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
        words = command.strip().lstrip("/").split()
        commands = self.commands_for(guild_id)
        if not words or words[0] not in commands:
            raise UnknownCommandError(f"unknown command /{' '.join(words)}")
        definition = commands[words[0]]
        path: list[str] = []
        options: list[dict[str, Any]] = definition.get("options") or []
        for word in words[1:]:
            nested = next((o for o in options if o["name"] == word and o.get("type") in (1, 2)), None)
            if nested is None:
                raise UnknownCommandError(f"/{words[0]} has no subcommand {word!r}")
            path.append(word)
            options = nested.get("options") or []
        if any(o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in options):
            choices = ", ".join(o["name"] for o in options)
            raise UnknownCommandError(f"/{' '.join(words)} needs a subcommand: {choices}")
        return definition, path, options

    def _option_value(
        self, option: dict[str, Any], value: Any, resolved: dict[str, dict[str, Any]], guild: Guild
    ) -> Any:
        kind = option.get("type")
        if kind == ATTACHMENT:
            if not isinstance(value, Upload):
                raise UnknownCommandError(f"option {option['name']!r} takes an Upload(filename, data)")
            upload_id = self.world.ids.next()
            self._uploads[upload_id] = value.data
            filename = Path(value.filename).name.replace(
                " ", "_"
            )  # as Discord keeps it: no folders, no spaces
            url = f"http://127.0.0.1:{self.port}/attachments/{upload_id}/{filename}"
            resolved.setdefault("attachments", {})[upload_id] = {
                "id": upload_id, "filename": filename, "size": len(value.data), "url": url, "proxy_url": url,
                "content_type": value.content_type, "ephemeral": False,
            }  # fmt: skip
            return upload_id
        if kind == INTEGER:
            return int(value)
        if kind == NUMBER:
            return float(value)
        if kind == BOOLEAN:
            return value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1", "on")
        if kind == CHANNEL:
            channel = guild.channel(str(value))
            resolved.setdefault("channels", {})[channel.id] = {
                **channel.payload(guild.id), "permissions": str(guild.permissions_of(guild.bot_user))
            }  # fmt: skip
            return channel.id
        if kind == ROLE:
            role = guild.role(str(value))
            resolved.setdefault("roles", {})[role.id] = role.payload()
            return role.id
        if kind in (USER, MENTIONABLE):
            member = guild.member(str(value))
            resolved.setdefault("users", {})[member.id] = member.user()
            resolved.setdefault("members", {})[member.id] = {
                k: v for k, v in member.payload(guild.permissions_of(member)).items() if k != "user"
            }
            return member.id
        return str(value)

    def _command_data(
        self, command: str, values: dict[str, Any], guild: Guild, focused: str | None = None
    ) -> dict[str, Any]:
        definition, path, declared = self._resolve_command(command, guild.id)
        resolved: dict[str, dict[str, Any]] = {}
        options = []
        for name, value in values.items():
            option = next((o for o in declared if o["name"] == name), None)
            if option is None:
                known = ", ".join(o["name"] for o in declared) or "none"
                raise UnknownCommandError(f"{command} has no option {name!r} (options: {known})")
            converted = str(value) if name == focused else self._option_value(option, value, resolved, guild)
            entry: dict[str, Any] = {"name": name, "type": option["type"], "value": converted}
            if name == focused:
                entry["focused"] = True
            options.append(entry)
        missing = [o["name"] for o in declared if o.get("required") and o["name"] not in values]
        if missing and focused is None:
            raise UnknownCommandError(f"{command} needs {', '.join(missing)}")
        # "/facts reload" nests as [reload: SUB_COMMAND]; "/a b c" as [b: SUB_COMMAND_GROUP [c: SUB_COMMAND]].
        for depth, word in reversed(list(enumerate(path))):
            kind = SUB_COMMAND if depth == len(path) - 1 else SUB_COMMAND_GROUP
            options = [{"name": word, "type": kind, "options": options}]
        data: dict[str, Any] = {
            "id": definition["id"],
            "name": definition["name"],
            "type": 1,
            "options": options,
        }
        if definition.get("guild_id"):
            data["guild_id"] = definition["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _interaction(
        self, kind: int, data: dict[str, Any], member: Member, channel: Channel, locale: str, guild: Guild
    ) -> dict[str, Any]:
        permissions = guild.permissions_of(member)
        bot_permissions = guild.permissions_of(guild.bot_user)
        member.locale = locale
        return {
            "id": self.world.ids.next(), "application_id": self.world.application_id, "type": kind,
            "token": f"tok-{self.world.ids.next()}", "version": 1, "guild_id": guild.id,
            "channel_id": channel.id, "channel": {**channel.payload(guild.id), "permissions": str(permissions)},
            "member": member.payload(permissions), "app_permissions": str(bot_permissions), "locale": locale,
            "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": guild.id},
            "context": 0, "attachment_size_limit": 26_214_400, "data": data,
            "guild": {"id": guild.id, "locale": "en-US", "features": []},
        }  # fmt: skip

    @staticmethod
    def _member(user: str | Member, guild: Guild) -> Member:
        if isinstance(user, Member):
            return guild.members.get(user.id, user)
        return guild.member(user)

    def _where(self, guild: str | None, channel: str) -> tuple[Guild, Channel]:
        """The guild and channel a member acts in: `channel` of `guild`; without a guild, the channel's (a
        channel id of any guild, or a name in the first guild)."""
        if guild is None:
            found = self.world.channel(channel)
            return self.world.guild_of_channel(found.id) or self.world.guild, found
        where = self.world.guild_of(guild)
        return where, where.channel(channel)

    async def _answered(
        self, payload: dict[str, Any], timeout: float, what: str, source: dict[str, Any] | None = None
    ) -> _Pending:
        """Send an interaction and wait until the bot has answered it in full (through any deferral)."""
        pending = _Pending(
            payload["id"], payload["token"], payload["channel_id"], payload["type"], source=source
        )
        self._pending[pending.id] = pending
        try:
            pending.sent_at = await self.gateway.dispatch("INTERACTION_CREATE", payload, payload["guild_id"])
            await asyncio.wait_for(pending.finished.wait(), timeout)
        except TimeoutError as error:
            state = "deferred and never followed up" if pending.callback else "never answered"
            refused = f"; Discord refused: {self.violations[-1]}" if self.violations else ""
            raise NoReplyError(f"{what}: the bot {state} within {timeout:.0f}s{refused}") from error
        finally:
            # Discord keeps a token valid for 15 minutes: remember recent interactions for late followups.
            while len(self._pending) > KEPT_INTERACTIONS:
                self._pending.pop(next(iter(self._pending)))
        return pending

    async def slash(
        self,
        command: str,
        *,
        user: str | Member = "member",
        locale: str = "en-US",
        in_channel: str = "general",
        guild: str | None = None,
        timeout: float = 5.0,
        options: dict[str, Any] | None = None,
        **more_options: Any,
    ) -> Reply:
        """A member runs a slash command (in `in_channel` of `guild`, by default the first guild); returns the
        bot's reply, waiting through a deferral. The INTERACTION_CREATE goes to that guild's shard.

        Options come as keywords (`name="Odile"`) or, for names that clash with these keywords, in `options`.
        """
        where, channel = self._where(guild, in_channel)
        data = self._command_data(command, {**(options or {}), **more_options}, where)
        payload = self._interaction(2, data, self._member(user, where), channel, locale, where)
        pending = await self._answered(payload, timeout, command)
        callback = pending.callback or {}
        if pending.followups:
            message = pending.followups[-1]
        elif pending.original is not None:
            message = pending.original
        else:
            message = {**(callback.get("data") or {}), "choices": None}
        flags = int(message.get("flags") or (callback.get("data") or {}).get("flags") or 0)
        kind = {4: "message", 5: "deferred"}.get(int(callback.get("type") or 0), "invalid")
        return Reply(
            kind, message, bool(flags & EPHEMERAL), pending.answered_at - pending.sent_at, pending.followups
        )

    def messages_with_buttons(self) -> list[dict[str, Any]]:
        """Every message posted in a channel, oldest first (each channel's in turn), then interaction replies."""
        posted = [m for messages in self.messages.values() for m in messages]
        originals = [p.original for p in self._pending.values() if p.original is not None]
        followups = [m for p in self._pending.values() for m in p.followups]
        return sorted([*posted, *originals, *followups], key=lambda m: int(m["id"]))

    async def press(
        self,
        button: str,
        *,
        user: str | Member = "member",
        locale: str = "en-US",
        message: dict[str, Any] | None = None,
        timeout: float = 5.0,
    ) -> Reply:
        """A member presses a button (by label or custom id) on `message`, or on the newest message that has
        it; returns the bot's answer. NoButtonError when no message has such a button."""
        found, item = find_button([message] if message else self.messages_with_buttons(), button)
        where, channel = self._where(None, str(found["channel_id"]))  # the guild of the button's message
        payload = self._interaction(3, pressed(item), self._member(user, where), channel, locale, where)
        payload["message"] = found
        pending = await self._answered(payload, timeout, f"the button {button!r}", source=found)
        callback = pending.callback or {}
        if pending.followups:
            answer = pending.followups[-1]
        else:
            answer = pending.original or dict(callback.get("data") or {})
        flags = int(answer.get("flags") or (callback.get("data") or {}).get("flags") or 0)
        kind = {4: "message", 5: "deferred", 6: "deferred_update", 7: "update"}.get(
            int(callback.get("type") or 0), "invalid"
        )
        return Reply(
            kind, answer, bool(flags & EPHEMERAL), pending.answered_at - pending.sent_at, pending.followups
        )

    async def autocomplete(
        self,
        command: str,
        option: str,
        value: str,
        *,
        user: str | Member = "member",
        locale: str = "en-US",
        in_channel: str = "general",
        guild: str | None = None,
        timeout: float = 3.0,
        **others: Any,
    ) -> Reply:
        """A member types into an option (in `in_channel` of `guild`, by default the first guild); returns the
        choices the bot offered."""
        where, channel = self._where(guild, in_channel)
        data = self._command_data(command, {**others, option: value}, where, focused=option)
        payload = self._interaction(4, data, self._member(user, where), channel, locale, where)
        pending = await self._answered(payload, timeout, f"{command} {option} (autocomplete)")
        callback = pending.callback or {}
        return Reply(
            "autocomplete", dict(callback.get("data") or {}), False, pending.answered_at - pending.sent_at
        )


def _edit(message: dict[str, Any], body: dict[str, Any]) -> None:
    """Change a posted message in place, as an edit does: only the fields sent."""
    message.update({k: v for k, v in body.items() if k in ("content", "embeds", "components")})
    message["edited_timestamp"] = dt.datetime.now(dt.UTC).isoformat()


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={**JSON_HEADERS, **(headers or {})}
    )


async def _read_body(request: web.Request) -> tuple[Any, list[tuple[str, str, bytes]]]:
    """The JSON body (a multipart request's payload_json), and the files a multipart request carried."""
    if not request.can_read_body:
        return None, []
    if request.content_type == "multipart/form-data":
        body: Any = None
        files: list[tuple[str, str, bytes]] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                body = json.loads(await part.text())
            elif part.filename:
                # As Discord keeps a name: no folders, no spaces.
                name = Path(part.filename).name.replace(" ", "_")
                files.append(
                    (name, part.headers.get("Content-Type", "application/octet-stream"), await part.read())
                )
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []
