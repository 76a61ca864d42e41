"""The seeds folder shared through PostgreSQL: the first process fills the database, the others fetch it; a
change is sent and fetched; a copy never loses its own unsent work; one change at a time across processes;
and through the real bot, a moderator's change in one process reaches the facts of another on its own copy."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.sharding import ShardPlan, shard_of
from bot.store.database import DatabaseUnavailableError
from bot.store.shared_seeds import MAX_FILE_BYTES, MAX_LEFTOVERS, SeedsBusyError, SharedSeeds, read_folder
from bot.store.state import StateStore
from tests.conftest import SEEDS, restartable

pytestmark = pytest.mark.postgres


@pytest.fixture
async def state(postgres_dsn: str) -> AsyncIterator[StateStore]:
    store = await StateStore.open_postgres(postgres_dsn)
    yield store
    await store.close()


def _copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(SEEDS, folder)
    return folder


async def test_the_first_process_fills_the_database_and_the_others_fetch_it(state: StateStore, tmp_path: Path) -> None:
    first = SharedSeeds(state.database, _copy(tmp_path, "a"))
    await first.start()
    empty = tmp_path / "b"
    second = SharedSeeds(state.database, empty)
    await second.start()
    assert read_folder(empty) == read_folder(SEEDS) != {}


async def test_a_change_is_sent_and_fetched_with_removals(state: StateStore, tmp_path: Path) -> None:
    a, b = _copy(tmp_path, "a"), tmp_path / "b"
    first, second = SharedSeeds(state.database, a), SharedSeeds(state.database, b)
    await first.start()
    await second.start()
    article = sorted(a.glob("*.txt"))[0].name
    async with first.holding():
        (a / "corrections.toml").write_text("# changed by a moderator\n", encoding="utf-8")
        (a / "pending" / "42").mkdir(parents=True)
        (a / "pending" / "42" / "new.txt").write_text("Headline\n\nBody.", encoding="utf-8")
        (a / article).unlink()
    assert len(await second.pull()) == 3
    assert (b / "corrections.toml").read_text(encoding="utf-8") == "# changed by a moderator\n"
    assert (b / "pending" / "42" / "new.txt").is_file() and not (b / article).exists()
    assert read_folder(a) == read_folder(b)
    assert await second.pull() == []  # nothing more to fetch


async def test_a_copy_keeps_its_own_unsent_work(state: StateStore, tmp_path: Path) -> None:
    a, b = _copy(tmp_path, "a"), tmp_path / "b"
    first, second = SharedSeeds(state.database, a), SharedSeeds(state.database, b)
    await first.start()
    await second.start()
    (b / "corrections.toml").write_text("# b's change, not sent yet\n", encoding="utf-8")
    (b / "only-here.txt").write_text("never exchanged", encoding="utf-8")
    async with first.holding():
        (a / "corrections.toml").write_text("# a's change\n", encoding="utf-8")
    await second.pull()
    assert (b / "corrections.toml").read_text(encoding="utf-8") == "# b's change, not sent yet\n"
    assert (b / "only-here.txt").is_file()
    async with second.holding():  # b's own change goes out at the end of its change, the later one wins
        pass
    await first.pull()
    assert (a / "corrections.toml").read_text(encoding="utf-8") == "# b's change, not sent yet\n"
    assert (a / "only-here.txt").read_text(encoding="utf-8") == "never exchanged"


async def test_one_change_at_a_time_across_processes(state: StateStore, postgres_dsn: str, tmp_path: Path) -> None:
    other_state = await StateStore.open_postgres(postgres_dsn)
    try:
        first = SharedSeeds(state.database, _copy(tmp_path, "a"))
        second = SharedSeeds(other_state.database, tmp_path / "b")
        await first.start()
        await second.start()
        order: list[str] = []
        async with first.holding():
            with pytest.raises(SeedsBusyError):
                async with second.holding(wait=False):
                    pass
            waiting = asyncio.create_task(_hold(second, order))
            await asyncio.sleep(0.3)
            order.append("first done")
        await asyncio.wait_for(waiting, 10)
        assert order == ["first done", "second in"]
    finally:
        await other_state.close()


async def _hold(seeds: SharedSeeds, order: list[str]) -> None:
    async with seeds.holding():
        order.append("second in")


async def test_what_is_not_an_article_stays_here_and_nothing_lands_outside(
    state: StateStore, postgres_dsn: str, tmp_path: Path
) -> None:
    a, b = _copy(tmp_path, "a"), tmp_path / "b"
    (a / ".building.candidate").write_text("a build's own file", encoding="utf-8")
    (a / "huge.bin").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    os.symlink("/etc/hostname", a / "link.txt")
    first = SharedSeeds(state.database, a)
    await first.start()
    held = {str(row[0]) for row in await state.database.fetch("SELECT path FROM seed_files")}
    assert not {".building.candidate", "huge.bin", "link.txt"} & held
    async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as admin:
        for path in ("../escaped.txt", "/tmp/absolute.txt", "pending/../../escaped2.txt", ".hidden"):
            await admin.execute(
                "INSERT INTO seed_files VALUES (%s, %s, 'x', 'now')", (path, b"written by someone else")
            )
    second = SharedSeeds(state.database, b)
    await second.start()
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "escaped2.txt").exists()
    assert not (b / ".hidden").exists() and not await asyncio.to_thread(os.path.exists, "/tmp/absolute.txt")
    assert (b / "show.toml").is_file()


async def test_a_moderators_change_reaches_a_process_on_another_copy(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    guild = int(discord.world.guild_id)
    holder = shard_of(guild, 2)
    async with contextlib.AsyncExitStack() as stack:
        bots = []
        # The first process has the articles; the second starts on an empty folder, as on another machine.
        for shard, seeds in ((holder, _copy(tmp_path, "seeds-a")), (1 - holder, tmp_path / "seeds-b")):
            starting = restartable(discord, tmp_path / f"data-{shard}", clock, seeds=seeds,
                                   database_url=postgres_dsn, shards=ShardPlan(2, (shard,)))  # fmt: skip
            start = await stack.enter_async_context(starting)
            bots.append((await start()).bot)
        first, other = bots
        for bot in bots:
            await asyncio.wait_for(bot.notices.listening.wait(), 10)
        assert [d.id for d in other.facts.facts.dates] == [d.id for d in first.facts.facts.dates] != []
        gone = first.facts.facts.dates[0].id
        changed = asyncio.Event()
        other.facts.listeners.append(changed.set)
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "a wrong date"}, timeout=30
        )
        assert gone not in [d.id for d in first.facts.facts.dates], reply.content
        await asyncio.wait_for(changed.wait(), 30)  # told, it rebuilt from the seeds the first one left
        assert gone not in [d.id for d in other.facts.facts.dates]
        corrections = (tmp_path / "seeds-b" / "corrections.toml").read_text(encoding="utf-8")
        assert gone in corrections and "a wrong date" in corrections


async def test_an_older_copys_leftovers_are_set_aside_and_its_unsent_pending_work_is_sent(
    state: StateStore, tmp_path: Path
) -> None:
    first = SharedSeeds(state.database, _copy(tmp_path, "a"))
    await first.start()
    b = _copy(tmp_path, "b")
    (b / "000_removed_since.txt").write_text("An article the moderators removed since.", encoding="utf-8")
    (b / "pending" / "7").mkdir(parents=True)
    (b / "pending" / "7" / "queued.txt").write_text("Queued here, not sent before a stop.", encoding="utf-8")
    second = SharedSeeds(state.database, b)
    await second.start()
    assert not (b / "000_removed_since.txt").exists()  # not built here when no other process builds it
    [aside] = list((b / ".not-shared").glob("*/000_removed_since.txt"))
    assert aside.read_text(encoding="utf-8") == "An article the moderators removed since."
    held = {str(row[0]) for row in await state.database.fetch("SELECT path FROM seed_files")}
    assert "pending/7/queued.txt" in held and "000_removed_since.txt" not in held


async def test_the_wrong_folder_is_refused_and_left_as_it_is(state: StateStore, tmp_path: Path) -> None:
    await SharedSeeds(state.database, _copy(tmp_path, "a")).start()
    wrong = tmp_path / "home"
    for n in range(MAX_LEFTOVERS + 1):
        (wrong / f"dir{n % 7}").mkdir(parents=True, exist_ok=True)
        (wrong / f"dir{n % 7}" / f"note{n}.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DatabaseUnavailableError, match="holds 201 files the shared database does not"):
        await SharedSeeds(state.database, wrong).start()
    assert len(list(wrong.rglob("*"))) == MAX_LEFTOVERS + 1 + 7  # nothing moved, nothing fetched into it
