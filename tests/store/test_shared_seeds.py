"""The seeds folder shared through PostgreSQL, copy by copy: filled by the first process, fetched by the others;
a change sent whole or not at all, removals remembered; fetching never undoes a change under way; a restarted,
killed or outdated copy never brings back what was removed or spreads what it alone holds; odd files and
names break nothing; waiting for the lock never starves the ledgers."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import psycopg
import pytest

from bot.store.database import DatabaseUnavailableError
from bot.store.seed_copy import MAX_FILE_BYTES, Digests
from bot.store.shared_seeds import MAX_LEFTOVERS, SeedsBusyError, SharedSeeds
from bot.store.state import StateStore
from tests.conftest import SEEDS

pytestmark = pytest.mark.postgres


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / name))


def files(folder: Path) -> dict[str, str]:
    return Digests().read(folder).files


async def _held(state: StateStore) -> dict[str, bytes]:
    return {str(p): bytes(c) for p, c in await state.database.fetch("SELECT path, content FROM seed_files")}


def _queue(folder: Path, name: str = "x.txt") -> Path:
    (folder / "pending" / "42").mkdir(parents=True, exist_ok=True)
    path = folder / "pending" / "42" / name
    path.write_text("Headline\n\nBody.", encoding="utf-8")
    return path


async def _two(dsn: str, tmp_path: Path) -> tuple[Path, Path, SharedSeeds, SharedSeeds]:
    a, b = _copy(tmp_path, "a"), tmp_path / "b"
    first, second = SharedSeeds(dsn, a), SharedSeeds(dsn, b)
    await first.start()
    await second.start()
    return a, b, first, second


async def test_the_first_process_fills_the_database_and_the_others_fetch_it(dsn: str, tmp_path: Path) -> None:
    _, b, _, _ = await _two(dsn, tmp_path)
    assert files(b) == files(SEEDS) != {}


async def test_a_change_is_sent_and_fetched_with_removals(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    article = sorted(a.glob("*.txt"))[0].name
    async with first.holding():
        (a / "corrections.toml").write_text("# changed by a moderator\n", encoding="utf-8")
        first.mark_new(_queue(a, "new.txt"))  # as the news desk does when it saves one
        (a / article).unlink()
        assert await first.send_new() == 1  # a new pending article goes as new, on the change's own lock
    assert len(await second.fetch()) == 3
    assert (b / "corrections.toml").read_text(encoding="utf-8") == "# changed by a moderator\n"
    assert (b / "pending" / "42" / "new.txt").is_file() and not (b / article).exists()
    assert files(a) == files(b)
    assert await second.fetch() == []
    assert article not in await _held(state)


async def test_a_fetch_waits_for_the_change_under_way_and_never_undoes_it(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a = _copy(tmp_path, "a")
    queued = _queue(a)
    seeds = SharedSeeds(dsn, a)
    await seeds.start()
    async with seeds.holding():  # an approval: pending/42/x.txt moves into the show, then a long reload
        os.replace(queued, a / "x.txt")
        notice = asyncio.create_task(seeds.fetch())  # another process's notice arrives meanwhile
        await asyncio.sleep(0.3)
        assert not notice.done()
    await asyncio.wait_for(notice, 10)
    held = await _held(state)
    assert not queued.exists() and "pending/42/x.txt" not in held and "x.txt" in held


async def test_a_restarted_copy_does_not_bring_back_what_was_removed_meanwhile(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    first.mark_new(_queue(a))
    await first.send_new()
    await second.fetch()
    assert (b / "pending" / "42" / "x.txt").is_file()
    async with first.holding():  # rejected while b was down: pending -> rejected
        (a / "rejected" / "42").mkdir(parents=True)
        os.replace(a / "pending" / "42" / "x.txt", a / "rejected" / "42" / "x.txt")
    restarted = SharedSeeds(dsn, b)
    await restarted.start()
    async with restarted.holding():
        (b / "corrections.toml").write_text("# b's correction\n", encoding="utf-8")
    held = await _held(state)
    assert "pending/42/x.txt" not in held and "rejected/42/x.txt" in held
    assert not (b / "pending" / "42" / "x.txt").exists()


async def test_a_change_cut_short_by_a_kill_leaves_the_article_in_one_place(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a = _copy(tmp_path, "a")
    queued = _queue(a)
    await SharedSeeds(dsn, a).start()
    os.replace(queued, a / "x.txt")  # an approval's move, then SIGKILL before it was sent
    restarted = SharedSeeds(dsn, a)
    await restarted.start()
    async with restarted.holding():
        pass
    held = await _held(state)
    assert "x.txt" not in held and "pending/42/x.txt" in held  # still waiting for review, as its record says
    assert queued.is_file() and not (a / "x.txt").exists()
    assert list((a / ".not-shared").rglob("x.txt"))  # kept aside, not lost


async def test_a_change_whose_lock_was_lost_sends_nothing(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    with pytest.raises(psycopg.Error):
        async with first.holding():
            async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as admin:
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                )
            async with second.holding(wait=False):  # the lock went with the connection: b may change now
                (b / "corrections.toml").write_text("# b's change\n", encoding="utf-8")
            (a / "corrections.toml").write_text("# a's change, lock lost\n", encoding="utf-8")
    assert (await _held(state))["corrections.toml"] == b"# b's change\n"


async def test_a_failed_change_does_not_overwrite_a_later_one_elsewhere(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    with pytest.raises(psycopg.Error):
        async with first.holding():
            (a / "corrections.toml").write_text("# a's change\n", encoding="utf-8")
            async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as admin:
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                )
    async with second.holding():
        (b / "corrections.toml").write_text("# b's later change\n", encoding="utf-8")
    async with first.holding():  # a's next change starts from the shared copy
        pass
    assert (await _held(state))["corrections.toml"] == b"# b's later change\n"
    assert (a / "corrections.toml").read_text(encoding="utf-8") == "# b's later change\n"


async def test_one_change_at_a_time_and_waiting_starves_nothing(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    _, _, first, second = await _two(dsn, tmp_path)
    order: list[str] = []

    async def wait_then(name: str) -> None:
        async with second.holding():
            order.append(name)

    async with first.holding():
        with pytest.raises(SeedsBusyError):
            async with second.holding(wait=False):
                pass
        waiting = [asyncio.create_task(wait_then(f"waiter {n}")) for n in range(6)]
        await asyncio.sleep(0.3)
        assert await state.database.fetch("SELECT 1") == [(1,)]  # the ledgers' pool is not taken by waiters
        order.append("first done")
    await asyncio.wait_for(asyncio.gather(*waiting), 20)
    assert order[0] == "first done" and len(order) == 7


async def test_a_file_swapped_for_a_folder_or_back_is_fetched(dsn: str, tmp_path: Path) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    async with first.holding():
        (a / "notes").write_text("a file first", encoding="utf-8")
    await second.fetch()
    async with first.holding():
        (a / "notes").unlink()
        (a / "notes").mkdir()
        (a / "notes" / "inside.txt").write_text("now a folder", encoding="utf-8")
    await second.fetch()
    assert (b / "notes" / "inside.txt").read_text(encoding="utf-8") == "now a folder"
    async with first.holding():
        shutil.rmtree(a / "notes")
        (a / "notes").write_text("a file again", encoding="utf-8")
    await second.fetch()
    assert (b / "notes").read_text(encoding="utf-8") == "a file again"
    async with second.holding():  # and b can still change
        (b / "corrections.toml").write_text("# b\n", encoding="utf-8")


async def test_odd_names_and_kept_out_files_break_nothing(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    long_name = "é" * 100 + ".txt"  # 205 bytes: legal, and too long for a temporary name built from it
    async with first.holding():
        (a / long_name).write_text("long", encoding="utf-8")
        (a / "with space ü.txt").write_text("spaced", encoding="utf-8")
        os.close(os.open(os.fsencode(a) + b"/\xff-not-utf8.txt", os.O_WRONLY | os.O_CREAT))
    await second.fetch()
    assert (b / long_name).read_text(encoding="utf-8") == "long" and (b / "with space ü.txt").is_file()
    # A file that grows past the limit, or becomes a link, is kept here and removed nowhere.
    async with first.holding():
        (a / "corrections.toml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
        (a / long_name).unlink()
        (a / long_name).symlink_to(a / "show.toml")
    held = await _held(state)
    assert "corrections.toml" in held and long_name in held
    await second.fetch()
    assert (b / "corrections.toml").is_file() and (b / long_name).is_file()


async def test_an_older_copys_leftovers_are_set_aside_and_its_pending_work_sent(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    await SharedSeeds(dsn, _copy(tmp_path, "a")).start()
    b = _copy(tmp_path, "b")
    (b / "000_removed_since.txt").write_text("An article the moderators removed since.", encoding="utf-8")
    (b / "corrections.toml").write_text("# edited by hand while the bot was stopped\n", encoding="utf-8")
    _queue(b, "queued.txt")
    await SharedSeeds(dsn, b).start()
    assert not (b / "000_removed_since.txt").exists()
    assert (b / "corrections.toml").read_bytes() == (SEEDS / "corrections.toml").read_bytes()
    aside = b / ".not-shared"
    assert {p.name for p in aside.rglob("*") if p.is_file()} == {"000_removed_since.txt", "corrections.toml"}
    held = await _held(state)
    assert "pending/42/queued.txt" in held and "000_removed_since.txt" not in held


async def test_the_wrong_folder_is_refused_untouched(dsn: str, tmp_path: Path) -> None:
    empty_db_wrong = tmp_path / "notes"
    (empty_db_wrong / "todo.txt").parent.mkdir(parents=True)
    (empty_db_wrong / "todo.txt").write_text("not a show", encoding="utf-8")
    with pytest.raises(DatabaseUnavailableError, match=r"holds no show\.toml"):
        await SharedSeeds(dsn, empty_db_wrong).start()  # first process on the wrong folder: nothing sent
    await SharedSeeds(dsn, _copy(tmp_path, "a")).start()
    wrong = tmp_path / "home"
    for n in range(MAX_LEFTOVERS + 1):
        (wrong / f"dir{n % 7}").mkdir(parents=True, exist_ok=True)
        (wrong / f"dir{n % 7}" / f"note{n}.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DatabaseUnavailableError, match="holds 201 files the shared database does not"):
        await SharedSeeds(dsn, wrong).start()
    assert len(list(wrong.rglob("*"))) == MAX_LEFTOVERS + 1 + 7  # nothing moved, nothing fetched into it


async def test_paths_from_the_database_stay_inside_the_folder(dsn: str, tmp_path: Path) -> None:
    await SharedSeeds(dsn, _copy(tmp_path, "a")).start()
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as admin:
        for path in ("../escaped.txt", "/tmp/absolute.txt", "pending/../../escaped2.txt", ".hidden"):
            await admin.execute(
                "INSERT INTO seed_files VALUES (%s, %s, 'x', 'now')", (path, b"someone else's")
            )
    b = tmp_path / "b"
    await SharedSeeds(dsn, b).start()
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "escaped2.txt").exists()
    assert not (b / ".hidden").exists() and not await asyncio.to_thread(os.path.exists, "/tmp/absolute.txt")
    assert (b / "show.toml").is_file()
