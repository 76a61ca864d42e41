"""Discord's sharding rules for the local gateway: which shard a guild lives on, which IDENTIFY `shard` is
valid, and which session holds each shard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot import sharding

if TYPE_CHECKING:
    from bot.local_discord.gateway import Session

# Gateway close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011


class ShardRefusedError(Exception):
    """An IDENTIFY the gateway refuses, with the close code and reason Discord would send."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason


def shard_of(guild_id: str | int, shard_count: int) -> int:
    """The shard a guild lives on, as Discord computes it (the bot's own formula, for the payloads' string ids)."""
    return sharding.shard_of(int(guild_id), shard_count)


def parse_shard(value: Any) -> tuple[int, int]:
    """IDENTIFY's `shard` as (shard_id, shard_count): (0, 1) when absent; ShardRefusedError 4010 when invalid."""
    if value is None:
        return 0, 1
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(part, int) and not isinstance(part, bool) for part in value)
    ):
        raise ShardRefusedError(INVALID_SHARD, "Invalid shard.")
    shard_id, shard_count = value
    if shard_count < 1 or not 0 <= shard_id < shard_count:
        raise ShardRefusedError(INVALID_SHARD, "Invalid shard.")
    return shard_id, shard_count


def _live(session: Session) -> bool:
    return session.connection is not None and not session.connection.ws.closed


@dataclass
class ShardTable:
    """Which session holds each shard; every session shares one shard count."""

    count: int = 1
    holders: dict[int, Session] = field(default_factory=dict)

    def claim(self, session: Session) -> list[Session]:
        """Give `session` its shard. Returns the sessions it pushes out: the shard's previous holder (a shard
        identified again, e.g. by another process after a crash), or, when the count changes while no other
        shard is connected (the bot resharded), every old session. ShardRefusedError 4010 when the count
        differs from that of a shard still connected."""
        pushed: list[Session] = []
        if session.shard_count != self.count:
            others = [s for shard, s in self.holders.items() if shard != session.shard_id and _live(s)]
            if others:
                raise ShardRefusedError(
                    INVALID_SHARD,
                    f"Invalid shard: count {session.shard_count}, connected shards use {self.count}.",
                )
            pushed = list(self.holders.values())
            self.holders = {}
            self.count = session.shard_count
        previous = self.holders.get(session.shard_id)
        if previous is not None and previous is not session and previous not in pushed:
            pushed.append(previous)
        self.holders[session.shard_id] = session
        return pushed

    def holder(self, guild_id: str) -> Session | None:
        """The session of the shard a guild lives on (None: no session holds it)."""
        return self.holders.get(shard_of(guild_id, self.count))
