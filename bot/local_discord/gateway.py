"""The local Discord's gateway: HELLO, IDENTIFY -> READY, heartbeats, zlib-stream frames, sessions that
outlive a dropped connection so a RESUME replays what the bot missed, and shards: each session holds one
shard and hears only about the guilds that live on it."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bot.local_discord.guilds import Guild
from bot.local_discord.shards import SHARDING_REQUIRED, ShardRefusedError, ShardTable, parse_shard, shard_of
from bot.local_discord.world import World

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = (
    0, 1, 2, 6, 7, 8, 9, 10, 11,
)  # fmt: skip
REPLAY_LIMIT = 1000


@dataclass
class Connection:
    """One websocket to the bot; frames are zlib-stream compressed when the bot asked for it."""

    ws: web.WebSocketResponse
    transport: asyncio.BaseTransport | None
    compress: bool
    compressor: Any = field(default_factory=zlib.compressobj)

    async def send(self, payload: dict[str, Any]) -> None:
        """Send one gateway payload."""
        data = json.dumps(payload, separators=(",", ":")).encode()
        if self.compress:
            await self.ws.send_bytes(
                self.compressor.compress(data) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
            )
        else:
            await self.ws.send_str(data.decode())


@dataclass
class Session:
    """A gateway session on one shard: its sequence number and the dispatches a RESUME may need to replay."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    sequence: int = 0
    sent: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=REPLAY_LIMIT))
    connection: Connection | None = None
    shard_id: int = 0
    shard_count: int = 1


# The close a session gets when its shard is identified again elsewhere. 4010 ends discord.py's client:
# a resumable code would make the old client RESUME, fail, IDENTIFY and take the shard back, for ever.
REPLACED = (4010, b"Invalid shard: identified again by another session.")


class Gateway:
    """Serves the gateway websocket: READY and GUILD_CREATE for a session's shard, then the dispatches."""

    def __init__(
        self,
        world: World,
        ready: Callable[[Session, list[Guild]], dict[str, Any]],
        heartbeat_interval_ms: int,
        token_ok: Callable[[str], bool],
        max_guilds_per_shard: int | None = None,
    ) -> None:
        self._world = world
        self._ready = ready
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._token_ok = token_ok
        # Discord closes with 4011 a session that would hold more guilds (2,500 there); None: no limit.
        self.max_guilds_per_shard = max_guilds_per_shard
        self.sessions: dict[str, Session] = {}
        self.shards = ShardTable()
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.replaced = 0
        self.refused: list[int] = []  # the close codes of refused IDENTIFYs, oldest first
        self.last_send: float = 0.0
        self._changed = asyncio.Event()
        self._closing: set[asyncio.Task[Any]] = set()

    @property
    def current(self) -> Session | None:
        """The session holding the first guild's shard (with one shard: the bot's session)."""
        return self.shards.holder(self._world.guild_id)

    def session_of(self, guild_id: str) -> Session | None:
        """The session of the shard a guild lives on (None: that shard is not identified)."""
        return self.shards.holder(guild_id)

    def is_connected(self, shard_id: int | None = None) -> bool:
        """Whether a shard (the first guild's by default) is held by a session with an open connection."""
        session = self.current if shard_id is None else self.shards.holders.get(shard_id)
        return session is not None and session.connection is not None and not session.connection.ws.closed

    async def wait_connected(self, shard_id: int | None = None) -> None:
        """Wait until a shard (the first guild's by default) has identified or resumed on an open connection."""
        while not self.is_connected(shard_id):
            await self._changed.wait()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def dispatch(self, event: str, data: dict[str, Any], guild_id: str | None = None) -> float:
        """Send a dispatch about a guild (the first by default) to its shard's session, or, while that session
        is disconnected, keep it for the RESUME; returns when the frame left."""
        session = self.shards.holder(guild_id or self._world.guild_id)
        if session is None:
            raise RuntimeError(f"no bot has identified the shard of guild {guild_id or self._world.guild_id}")
        sent_at = time.perf_counter()
        await self._send_dispatch(session, event, data)
        return sent_at

    def drop(self, shard_id: int | None = None) -> None:
        """Cut a shard's connection (the first guild's by default) without a close frame, as a network
        failure would."""
        session = self.current if shard_id is None else self.shards.holders.get(shard_id)
        if session is not None and session.connection is not None:
            transport = session.connection.transport
            if transport is not None:
                transport.abort()  # type: ignore[attr-defined]
            session.connection = None
            self._notify()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One websocket connection from the bot."""
        ws = web.WebSocketResponse(compress=True, heartbeat=None)
        await ws.prepare(request)
        connection = Connection(ws, request.transport, request.query.get("compress") == "zlib-stream")
        await connection.send({"op": HELLO, "d": {"heartbeat_interval": self._heartbeat_interval_ms}})
        session: Session | None = None
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(message.data)
                op = payload.get("op")
                if op == HEARTBEAT:
                    self.heartbeats += 1
                    await connection.send({"op": HEARTBEAT_ACK})
                elif op == IDENTIFY:
                    session = await self._identify(connection, payload.get("d") or {})
                    if session is None:
                        break
                elif op == RESUME:
                    session = await self._resume(connection, payload.get("d") or {})
                elif op == REQUEST_MEMBERS and session is not None:
                    await self._members_chunk(session, payload.get("d") or {})
        finally:
            if session is not None and session.connection is connection:
                session.connection = None
                self._notify()
        return ws

    def guilds_on(self, shard_id: int, shard_count: int) -> list[Guild]:
        """The guilds living on a shard."""
        return [g for g in self._world.guilds.values() if shard_of(g.id, shard_count) == shard_id]

    async def _identify(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        if not self._token_ok(str(data.get("token", ""))):
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return None
        try:
            shard_id, shard_count = parse_shard(data.get("shard"))
            guilds = self.guilds_on(shard_id, shard_count)
            if self.max_guilds_per_shard is not None and len(guilds) > self.max_guilds_per_shard:
                raise ShardRefusedError(SHARDING_REQUIRED, "Sharding required.")
            session = Session(connection=connection, shard_id=shard_id, shard_count=shard_count)
            pushed = self.shards.claim(session)
        except ShardRefusedError as refused:
            self.refused.append(refused.code)
            await connection.ws.close(code=refused.code, message=refused.reason.encode()[:120])
            return None
        self.identifies += 1
        for old in pushed:
            self.sessions.pop(old.id, None)  # no RESUME into a shard someone else holds now
            if old.connection is not None and not old.connection.ws.closed:
                self.replaced += 1
                code, reason = REPLACED
                task = asyncio.create_task(old.connection.ws.close(code=code, message=reason))
                self._closing.add(task)  # kept until done: the loop holds tasks only weakly
                task.add_done_callback(self._closing.discard)
            old.connection = None
        self.sessions[session.id] = session
        await self._send_dispatch(session, "READY", self._ready(session, guilds))
        for guild in guilds:
            await self._send_dispatch(session, "GUILD_CREATE", guild.payload())
        self._notify()
        return session

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not self._token_ok(str(data.get("token", ""))):
            await connection.send({"op": INVALID_SESSION, "d": False})
            return None
        self.resumes += 1
        session.connection = connection  # the session keeps its shard
        after = int(data.get("seq") or 0)
        for payload in list(session.sent):
            if payload["s"] > after:
                await connection.send(payload)
        await self._send_dispatch(session, "RESUMED", {})
        self._notify()
        return session

    async def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.sequence += 1
        payload = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(payload)
        connection = session.connection
        if connection is not None and not connection.ws.closed:
            await connection.send(payload)

    async def _members_chunk(self, session: Session, data: dict[str, Any]) -> None:
        wanted = data.get("guild_id")
        for guild_id in wanted if isinstance(wanted, list) else [wanted]:
            guild = self._world.guilds.get(str(guild_id))
            if guild is None or shard_of(guild.id, session.shard_count) != session.shard_id:
                continue  # Discord answers only for the guilds of the session's shard
            await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", {
                "guild_id": guild.id, "members": [m.payload() for m in guild.members.values()],
                "chunk_index": 0, "chunk_count": 1, "nonce": data.get("nonce"),
            })  # fmt: skip
