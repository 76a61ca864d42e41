"""Two shows (seeds/emily, seeds/lighthouse) in two processes sharing the seeds: a hand edit in one show is
built nowhere, and changes in each show from each process converge."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.sharding import ShardPlan, shard_of
from tests.conftest import restartable
from tests.shows.conftest import two_shows  # noqa: F401

pytestmark = pytest.mark.postgres


async def _two(stack: contextlib.AsyncExitStack, discord: LocalDiscord, tmp_path: Path, clock: ManualClock,
               dsn: str, seeds: Path) -> list[Any]:  # fmt: skip
    holder = shard_of(int(discord.world.guild_id), 2)
    out = []
    for n, shard in enumerate([holder, 1 - holder]):
        copy = Path(shutil.copytree(seeds, tmp_path / f"copy-{n}"))
        start = await stack.enter_async_context(
            restartable(
                discord,
                tmp_path / f"data-{n}",
                clock,
                seeds=copy,
                database_url=dsn,
                shards=ShardPlan(2, (shard,)),
            )
        )
        out.append((await start()).bot)
    for bot in out:
        await asyncio.wait_for(bot.notices.listening.wait(), 10)
    return out


def _show(bot: Any, key: str) -> Any:
    return next(s for s in bot.shows.all() if s.key == key)


def _ids(show: Any) -> list[str]:
    return sorted(d.id for d in show.facts.facts.dates)


async def test_a_hand_edit_in_one_show_is_built_by_no_process_alone(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    two_shows: Path,  # noqa: F811
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        a, b = await _two(stack, discord, tmp_path, clock, postgres_dsn, two_shows)
        keys = [s.key for s in a.shows.all()]
        x, y = keys[0], keys[1]
        ya, yb = _show(a, y), _show(b, y)
        assert _ids(ya) == _ids(yb)
        # by hand in a's copy of show y: one of its dates suppressed
        gone = _ids(ya)[0]
        corrections = ya.settings.seeds_dir / "corrections.toml"
        old = corrections.read_text(encoding="utf-8") if corrections.exists() else ""
        corrections.write_text(
            old + f'\n[[corrections]]\naction = "suppress"\nfact = "{gone}"\nby = "host"\nreason = "hand"\n',
            encoding="utf-8",
        )
        xa = _show(a, x)
        await xa.facts.reload(xa.settings, clock, by="moderator")  # a /facts reload of show x, in a
        await asyncio.sleep(1)  # time for a stray rebuild anywhere
        assert gone in _ids(ya) and gone in _ids(
            yb
        )  # the edit is built nowhere: the shared seeds are the truth
        assert not corrections.exists() or "hand" not in corrections.read_text(encoding="utf-8")  # set aside:
        assert list((a.shows.seeds.folder / ".not-shared").rglob("corrections.toml"))


async def test_changes_in_each_show_from_each_process_converge(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    two_shows: Path,  # noqa: F811
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        a, b = await _two(stack, discord, tmp_path, clock, postgres_dsn, two_shows)
        x, y = [s.key for s in a.shows.all()][:2]

        async def suppress(bot: Any, key: str, index: int) -> None:
            show = _show(bot, key)
            gone = _ids(show)[index]
            async with show.facts.changing("moderator", clock.now()):
                c = show.settings.seeds_dir / "corrections.toml"
                old = c.read_text(encoding="utf-8") if c.exists() else ""
                c.write_text(
                    old
                    + f'\n[[corrections]]\naction = "suppress"\nfact = "{gone}"\nby = "m"\nreason = "r"\n',
                    encoding="utf-8",
                )
                await show.facts.reload(show.settings, clock, by="moderator")

        await asyncio.gather(suppress(a, x, 0), suppress(b, y, 0), suppress(b, x, -1), suppress(a, y, -1))
        await asyncio.sleep(6)
        for key in (x, y):
            assert _ids(_show(a, key)) == _ids(_show(b, key)), key
        assert len(_ids(_show(a, x))) == len(_ids(_show(b, x)))
