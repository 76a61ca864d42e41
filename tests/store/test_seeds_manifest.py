"""The manifest beside a copy: a hand edit of a file removed elsewhere is set aside, a new pending article at
a name once removed survives a fetch, a manifest that is a folder breaks nothing, a lost manifest sets aside
only real edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.store.seed_copy import MANIFEST
from bot.store.shared_seeds import SharedSeeds
from tests.store.test_shared_seeds import _queue, _two

pytestmark = pytest.mark.postgres


def _everywhere(folder: Path, text: str) -> bool:
    return any(
        p.is_file() and text in p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*")
    )


async def test_a_hand_edit_of_a_file_removed_elsewhere_is_kept_aside(dsn: str, tmp_path: Path) -> None:
    """A edits an article by hand; B removes that article. A's fetch does not delete the edit silently: it is
    set aside, as every hand edit of a shared copy is."""
    a, b, first, second = await _two(dsn, tmp_path)
    article = sorted(b.glob("*.txt"))[0].name
    (a / article).write_text(
        (a / article).read_text(encoding="utf-8") + "\nHAND EDIT by the host admin\n", encoding="utf-8"
    )
    async with second.holding():
        (b / article).unlink()  # a moderator removes it in another process
    await first.fetch()
    assert _everywhere(a, "HAND EDIT by the host admin"), "the hand edit was deleted without a trace"


async def test_a_new_pending_article_at_a_tombstoned_path_survives_a_fetch(dsn: str, tmp_path: Path) -> None:
    """The docstring: 'An article saved in pending/ outside a change is this process's own new file: ...
    never overwritten or removed by a fetch.' A path that once held a pending article (tombstone) is reused."""
    a, b, first, second = await _two(dsn, tmp_path)
    first.mark_new(_queue(a, "x.txt"))
    await first.send_new()
    await second.fetch()
    async with second.holding():  # b rejects it: pending -> rejected, tombstone for pending/42/x.txt
        (b / "rejected" / "42").mkdir(parents=True)
        os.replace(b / "pending" / "42" / "x.txt", b / "rejected" / "42" / "x.txt")
    await first.fetch()
    again = _queue(a, "x.txt")  # saved again here (not sent yet: proposals are being worked out)
    await first.fetch()  # any notice from a third process meanwhile
    assert again.is_file(), "this process's new pending article was removed by a fetch"


async def test_a_manifest_that_is_a_folder_breaks_no_fetch(dsn: str, tmp_path: Path) -> None:
    a, b, first, second = await _two(dsn, tmp_path)
    (a / MANIFEST).unlink()
    (a / MANIFEST).mkdir()
    async with second.holding():
        (b / "corrections.toml").write_text("# b\n", encoding="utf-8")
    await first.fetch()
    assert (a / "corrections.toml").read_text(encoding="utf-8") == "# b\n"


async def test_a_manifest_deleted_while_stopped_sets_aside_only_edits(dsn: str, tmp_path: Path) -> None:
    """Manifest lost (or from another machine) + an outdated copy: an outdated file is not a hand edit."""
    a, b, first, _second = await _two(dsn, tmp_path)
    async with first.holding():
        (a / "corrections.toml").write_text("# a moderator's correction\n", encoding="utf-8")
    (b / MANIFEST).unlink()  # b stopped before fetching; its manifest lost (a backup without hidden files)
    restarted = SharedSeeds(dsn, b)
    await restarted.start()
    assert (b / "corrections.toml").read_text(encoding="utf-8") == "# a moderator's correction\n"
    aside = list((b / ".not-shared").rglob("*")) if (b / ".not-shared").exists() else []
    # informational: how much an outdated copy without its manifest sets aside
    print("set aside:", [p.name for p in aside if p.is_file()])
