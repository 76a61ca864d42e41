"""A pending article whose removal was sent and then restored in the same change (an approval undone after its
commit; a withdrawal sent on the change's lock mid-approval) is sent back by the change: the database and
every copy keep the article the ledger still queues, and the owner's next start keeps it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.store.shared_seeds import SharedSeeds
from bot.store.state import StateStore
from tests.store.test_shared_seeds import _held, _queue, _two, files

pytestmark = pytest.mark.postgres


class Undone(Exception):
    pass


async def test_approval_undone_after_its_commit_keeps_the_pending_article_shared(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    queued = _queue(a, "x.txt")
    first.mark_new(queued)
    assert await first.send_new() == 1
    await second.fetch()
    assert (b / "pending" / "42" / "x.txt").is_file()
    # An approval: the move, the commit before the swap, then the swap fails or is cancelled: the move is undone
    # (desk.approve_many: `for source, target in reversed(done): move(target, source)`).
    with pytest.raises(Undone):
        async with first.holding() as change:
            os.replace(queued, a / "x.txt")
            await change.commit()
            os.replace(a / "x.txt", queued)
            raise Undone
    held = await _held(state)
    # The ledger still queues x.txt; the article must still be shared as pending.
    await second.fetch()
    problems = []
    if "pending/42/x.txt" not in held:
        problems.append("database lost pending/42/x.txt")
    if not (b / "pending" / "42" / "x.txt").is_file():
        problems.append("other copy lost pending/42/x.txt")
    # The owner restarts before any new submission calls send_new.
    again = SharedSeeds(dsn, a)
    await again.start()
    if not queued.is_file():
        problems.append(
            "owner's restart set aside its queued article: "
            + str(sorted(p.relative_to(a).as_posix() for p in (a / ".not-shared").rglob("*") if p.is_file()))
        )
    assert not problems, problems


async def test_withdraw_during_an_approval_in_the_same_process(
    dsn: str, tmp_path: Path, state: StateStore
) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    queued = _queue(a, "x.txt")
    first.mark_new(queued)
    assert await first.send_new() == 1
    await second.fetch()
    with pytest.raises(Undone):
        async with first.holding():
            os.replace(queued, a / "x.txt")  # approval of x under way (reload running)
            # Meanwhile the feed: y saved, shared on the change's lock, its record fails: discarded, withdrawn.
            y = _queue(a, "y.txt")
            y.write_text("Other\n\nBody two.", encoding="utf-8")
            first.mark_new(y)
            assert await first.send_new() == 1
            y.unlink()
            await first.withdraw([y])
            os.replace(a / "x.txt", queued)  # the approval's reload fails: undone
            raise Undone
    held = await _held(state)
    await second.fetch()
    problems = []
    if "pending/42/x.txt" not in held:
        problems.append("withdraw sent x.txt's removal (the approval's move) and the undo never re-sent it")
    if not (b / "pending" / "42" / "x.txt").is_file():
        problems.append("other copy lost the queued x.txt")
    assert files(a).get("pending/42/x.txt") is not None
    assert not problems, problems
