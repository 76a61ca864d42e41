"""The shared seeds through real bots: a manifest that cannot be written after a send still tells the truth;
an import whose send waits too long is refused whole, never half queued; a hand edit is never answered from
by one process alone; an auto-approved import reaches the other process."""

from __future__ import annotations

import asyncio
import contextlib
import errno
from pathlib import Path
from typing import Any

import psycopg
import pytest

import bot.store.shared_seeds as shared_seeds
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from tests.store.test_shared_seeds_bots import NEW, _bots, _pending

pytestmark = pytest.mark.postgres


async def _held(bot: Any) -> dict[str, bytes]:
    return {
        str(p): bytes(c) for p, c in await bot.state.database.fetch("SELECT path, content FROM seed_files")
    }


async def test_a_manifest_write_failing_after_the_commit_tells_the_truth(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Disk full (or any OSError) writing .shared-seeds.json right after the send committed: the change is in the
    database and the others were told; this process must not say 'nothing changed' and answer from old facts."""
    async with contextlib.AsyncExitStack() as stack:
        (_, first), (_, other) = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, other = first.bot, other.bot
        gone = first.facts.facts.dates[0].id
        original = shared_seeds.write_manifest
        calls = {"n": 0}

        def full_disk(folder: Path, known: dict[str, str]) -> None:
            if folder == tmp_path / "seeds-0":
                calls["n"] += 1
                if calls["n"] == 2:  # the one right after the send's commit
                    raise OSError(errno.ENOSPC, "No space left on device")
            original(folder, known)

        changed = asyncio.Event()
        other.facts.listeners.append(changed.set)
        monkeypatch.setattr(shared_seeds, "write_manifest", full_disk)
        reply = await discord.slash(
            "/facts suppress", user="moderator", options={"fact": gone, "reason": "wrong"}, timeout=60
        )
        monkeypatch.setattr(shared_seeds, "write_manifest", original)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), 10)
        here = gone in {d.id for d in first.facts.facts.dates}
        there = gone in {d.id for d in other.facts.facts.dates}
        shared = gone.encode() in (await _held(first))["corrections.toml"]
        print(
            "reply:", reply.content, "| kept here:", here, "| kept there:", there, "| in db:", shared, calls
        )
        assert here == there == (not shared), (reply.content, here, there, shared)


async def test_an_import_whose_send_waits_too_long_is_not_half_queued(
    discord: LocalDiscord,
    tmp_path: Path,
    clock: ManualClock,
    postgres_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """send_new after the article was recorded in the queue: the lock busy (another process's long change) or the
    database gone. The member must not be told it failed while it is queued, nor the article left unshared."""
    async with contextlib.AsyncExitStack() as stack:
        (_, first), (_, other) = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, other = first.bot, other.bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        monkeypatch.setattr(shared_seeds, "LOCK_WAIT_SECONDS", 1)
        async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as holder:
            await holder.execute(
                "SELECT pg_advisory_lock(%s)", (shared_seeds.LOCK,)
            )  # a long change elsewhere
            reply = await discord.slash(
                "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
            )
        items = await first.newsdesk.ledger.items(status="pending")
        held = [p for p in await _held(first) if p.startswith("pending/")]
        print(
            "reply:",
            reply.content,
            "| queued:",
            [i.id for i in items],
            "| shared:",
            held,
            "| local:",
            _pending(tmp_path / "seeds-0"),
        )
        again = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        print(
            "retried:",
            again.content,
            "| posted:",
            [i.message_id for i in await first.newsdesk.ledger.items(status="pending")],
        )
        queued = reply.content.startswith("Queued")
        assert queued == bool(items), (reply.content, items)
        assert bool(items) == bool(held), ("queued but not shared", items, held)


async def test_a_hand_edit_is_not_answered_from_by_one_process_only(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    """A hand edit in a running copy; a moderator's change in another process; this process rebuilds on the
    notice, building its unshared hand edit: the two processes answer from different facts, for as long as
    this process makes no change of its own."""
    async with contextlib.AsyncExitStack() as stack:
        (_, first), (_, other) = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, other = first.bot, other.bot
        before = {d.id for d in first.facts.facts.dates}
        article = sorted((tmp_path / "seeds-0").glob("*.txt"))[0]
        article.write_text(article.read_text(encoding="utf-8") + "\n" + NEW, encoding="utf-8")  # by hand
        gone = sorted(before)[-1]
        rebuilt = asyncio.Event()
        first.facts.listeners.append(rebuilt.set)
        # the moderator acts in the other process (its shard); send it from there
        async with other.facts.changing("moderator", clock.now()):
            corrections = tmp_path / "seeds-1" / "corrections.toml"
            corrections.write_text(
                corrections.read_text(encoding="utf-8")
                + f'\n[[corrections]]\naction = "suppress"\nfact = "{gone}"\nby = "m"\nreason = "x"\n',
                encoding="utf-8",
            )
            await other.facts.reload(other.settings, clock, by="moderator")
        await asyncio.wait_for(rebuilt.wait(), 30)
        await asyncio.sleep(3)
        here = sorted(d.id for d in first.facts.facts.dates)
        there = sorted(d.id for d in other.facts.facts.dates)
        print("here - there:", set(here) - set(there), "there - here:", set(there) - set(here))
        assert here == there


async def test_auto_approved_import_reaches_the_other_process(
    discord: LocalDiscord, tmp_path: Path, clock: ManualClock, postgres_dsn: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        (_, first), (_, other) = await _bots(stack, discord, tmp_path, clock, postgres_dsn, 2)
        first, other = first.bot, other.bot
        await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
        r = await discord.slash("/facts review auto", user="moderator", options={"on": True})
        await asyncio.sleep(1)
        assert other.newsdesk.auto_approves(int(discord.world.guild_id)), r.content
        changed = asyncio.Event()
        other.facts.listeners.append(changed.set)
        # a notice handled by the importing process in the middle of it
        original = first.facts.reload

        async def with_a_notice(*args: Any, **kwargs: Any) -> Any:
            task = asyncio.create_task(first._fetch_seeds())
            await asyncio.sleep(0.2)
            tasks.append(task)
            return await original(*args, **kwargs)

        tasks: list[asyncio.Task[None]] = []
        first.facts.reload = with_a_notice
        reply = await discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", NEW.encode())
        )
        first.facts.reload = original
        await asyncio.gather(*tasks)
        await asyncio.wait_for(changed.wait(), 30)
        await asyncio.sleep(2)
        held = await _held(first)
        print("reply:", reply.content)
        assert [p for p in held if p.startswith("pending/")] == []
        assert _pending(tmp_path / "seeds-0") == _pending(tmp_path / "seeds-1") == []
        assert sorted(d.id for d in first.facts.facts.dates) == sorted(d.id for d in other.facts.facts.dates)
        assert len(first.facts.facts.documents) == len(other.facts.facts.documents)
        assert await first.newsdesk.ledger.items(status="pending") == []
