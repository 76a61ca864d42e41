"""Which of Discord's shards this process holds, and so which guilds are its own to post in."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Discord's own cap on shards a bot may ask for in one identify session start window is far above this; a
# larger number here is a typo, not a plan.
MAX_SHARDS = 4096


def shard_of(guild_id: int, count: int) -> int:
    """The shard a guild's events arrive on (Discord's formula)."""
    return (guild_id >> 22) % count


@dataclass(frozen=True)
class ShardPlan:
    """The shard count of the whole bot and the shard ids this process runs."""

    count: int
    ids: tuple[int, ...]

    @classmethod
    def parse(cls, count: int, ids: str | None) -> ShardPlan:
        """From `--shard-count N --shard-ids 0,1` (every shard when no ids are given); ValueError in words."""
        if not 1 <= count <= MAX_SHARDS:
            raise ValueError(f"--shard-count must be between 1 and {MAX_SHARDS}, not {count}")
        if ids is None or not ids.strip():
            return cls(count, tuple(range(count)))
        parts = [part for part in ids.replace(" ", "").split(",") if part]
        # Plain digits only: int() would also take "1_0" (10) and other scripts' digits.
        if not all(re.fullmatch(r"[0-9]{1,6}", part) for part in parts):
            raise ValueError(f"--shard-ids takes numbers separated by commas, not {ids!r}")
        chosen = sorted({int(part) for part in parts})
        wrong = [shard for shard in chosen if not 0 <= shard < count]
        if wrong or not chosen:
            raise ValueError(f"--shard-ids must lie between 0 and {count - 1} (got {ids!r})")
        return cls(count, tuple(chosen))

    def owns(self, guild_id: int) -> bool:
        """Whether this process holds the guild's shard."""
        return shard_of(guild_id, self.count) in self.ids
