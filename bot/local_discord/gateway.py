"""The local Discord's gateway: HELLO, IDENTIFY -> READY, heartbeats, zlib-stream frames, and sessions
that outlive a dropped connection so a RESUME replays what the bot missed."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

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
    """A gateway session: its sequence number and the dispatches a RESUME may need to replay."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    sequence: int = 0
    sent: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=REPLAY_LIMIT))
    connection: Connection | None = None


class Gateway:
    """Serves the gateway websocket; the server hands it the READY and GUILD_CREATE payloads."""

    def __init__(self, ready: Any, guild_create: Any, heartbeat_interval_ms: int, token_ok: Any) -> None:
        self._ready = ready
        self._guild_create = guild_create
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._token_ok = token_ok
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        self.connected = asyncio.Event()
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.last_send: float = 0.0

    async def dispatch(self, event: str, data: dict[str, Any]) -> float:
        """Send (or, while disconnected, keep for the RESUME) a dispatch; returns when the frame left."""
        session = self.current
        if session is None:
            raise RuntimeError("no bot has identified yet")
        session.sequence += 1
        payload = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(payload)
        connection = session.connection
        sent_at = time.perf_counter()
        if connection is not None and not connection.ws.closed:
            await connection.send(payload)
        return sent_at

    def drop(self) -> None:
        """Cut the current connection without a close frame, as a network failure would."""
        session = self.current
        if session is not None and session.connection is not None:
            self.connected.clear()
            transport = session.connection.transport
            if transport is not None:
                transport.abort()  # type: ignore[attr-defined]
            session.connection = None

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
                elif op == REQUEST_MEMBERS:
                    await self._members_chunk(connection, payload.get("d") or {})
        finally:
            if session is not None and session.connection is connection:
                session.connection = None
                self.connected.clear()
        return ws

    async def _identify(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        if not self._token_ok(str(data.get("token", ""))):
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return None
        self.identifies += 1
        session = Session(connection=connection)
        self.sessions[session.id] = session
        self.current = session
        await self._send_dispatch(session, "READY", self._ready(session.id))
        await self._send_dispatch(session, "GUILD_CREATE", self._guild_create())
        self.connected.set()
        return session

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not self._token_ok(str(data.get("token", ""))):
            await connection.send({"op": INVALID_SESSION, "d": False})
            return None
        self.resumes += 1
        session.connection = connection
        self.current = session
        after = int(data.get("seq") or 0)
        for payload in list(session.sent):
            if payload["s"] > after:
                await connection.send(payload)
        await self._send_dispatch(session, "RESUMED", {})
        self.connected.set()
        return session

    async def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.sequence += 1
        payload = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(payload)
        if session.connection is not None:
            await session.connection.send(payload)

    async def _members_chunk(self, connection: Connection, data: dict[str, Any]) -> None:
        session = self.current
        if session is None:
            return
        guild = self._guild_create()
        await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", {
            "guild_id": data.get("guild_id"), "members": guild["members"], "chunk_index": 0, "chunk_count": 1,
            "nonce": data.get("nonce"),
        })  # fmt: skip
