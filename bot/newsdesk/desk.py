"""The review queue: a new article waits under seeds/pending/ until a moderator approves it (then it is moved
into seeds/ and the facts reloaded) or rejects it (moved to seeds/rejected/, with who and why). An article
that only confirms live facts, or any article in a guild that approves automatically, goes live at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.clock import Clock
from bot.facts.imports import Imported, ImportRefusedError, save_article
from bot.facts.service import FactService, ReloadResult
from bot.i18n import text
from bot.newsdesk.keys import text_key
from bot.newsdesk.proposals import ProposalJob, Proposals, propose
from bot.settings import Settings
from bot.store.newsdesk_ledger import APPROVED, PENDING, REJECTED, NewsDeskLedger, ReviewItem

log = logging.getLogger(__name__)

PENDING_DIR, REJECTED_DIR = "pending", "rejected"
REASON_LIMIT = 200

Outcome = Literal["queued", "live", "no_facts", "duplicate"]


class DecisionRefusedError(Exception):
    """A decision that cannot be made: a catalogue key and its values; nothing changed."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted article."""

    outcome: Outcome
    proposals: Proposals
    item: ReviewItem | None = None
    result: ReloadResult | None = None
    seen_as: str | None = None  # for a duplicate: what became of it the first time


@dataclass(frozen=True)
class Decided:
    """A decision made on a review item, and the reload it caused (approvals)."""

    item: ReviewItem
    result: ReloadResult | None = None


Board = Callable[[ReviewItem], Awaitable[None]]


def pending_dir(seeds_dir: Path, guild_id: int) -> Path:
    """Where a guild's pending articles wait (outside the build: it reads only seeds/ itself)."""
    return seeds_dir / PENDING_DIR / str(guild_id)


def rejected_dir(seeds_dir: Path, guild_id: int) -> Path:
    """Where a guild's rejected articles are kept (outside the build), for a moderator to read again."""
    return seeds_dir / REJECTED_DIR / str(guild_id)


def _move(source: Path, target: Path) -> None:
    """Move a file, never over another (a file already there is an article of its own)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise ImportRefusedError("import.exists", file=target.name)
    os.replace(source, target)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # A rename is durable once its folder is: after a power cut the article is in one place, not none.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


class NewsDesk:
    """Submits articles to the queue and carries out moderators' decisions; `post` and `settle` (set by the bot)
    show an item in Discord when it is queued and when it is decided."""

    def __init__(self, settings: Settings, facts: FactService, clock: Clock, ledger: NewsDeskLedger) -> None:
        self.settings, self.facts, self.clock, self.ledger = settings, facts, clock, ledger
        self.auto: dict[int, bool] = {}
        self.post: Board | None = None
        self.settle: Board | None = None
        # One submission at a time: each builds the facts with its article once, and a burst is worked through
        # steadily instead of as many builds at once.
        self._submitting = asyncio.Lock()

    async def load(self) -> None:
        """Read the settings and put right what a crash left between a file move and its record."""
        self.auto = await self.ledger.auto_approve()
        await self.reconcile()

    def auto_approves(self, guild_id: int) -> bool:
        """Whether the guild lets new articles go live without a moderator's approval."""
        return self.auto.get(guild_id, False)

    async def set_auto_approve(self, guild_id: int, on: bool) -> None:
        """Turn auto-approve on or off for a guild (items already queued still wait for a decision)."""
        await self.ledger.set_auto_approve(guild_id, on, self.clock.now())
        self.auto[guild_id] = on

    # -- submitting ----------------------------------------------------------------------------------------

    async def submit(
        self, guild_id: int, article: Imported, *, via: str, by: str, keys: list[str] = [],  # noqa: B006 (read only)
        remember_empty: bool = False,
    ) -> Submitted:
        """Queue an article (or put it live at once, see the module); raises ImportRefusedError and what a build
        raises, leaving seeds/ as it was. `keys` (its link's) are remembered with its text's, so it is taken once;
        an article that states no fact is remembered only when `remember_empty` (a feed's, not a moderator's)."""
        async with self._submitting:
            keys = [*keys, text_key(article.text)]
            # A link whose site failed for a passing reason is being tried again: not a duplicate.
            seen = {key: found for key, found in (await self.ledger.seen(keys)).items() if found[0] != "retry"}
            if seen:
                first = next(iter(seen.values()))[0]
                unseen = [key for key in keys if key not in seen]
                if unseen:  # the same text at another address: that address is known from now on too
                    await self.ledger.mark_seen(unseen, first, self.clock.now())
                return Submitted("duplicate", Proposals(), seen_as=first)
            folder = pending_dir(self.settings.seeds_dir, guild_id)
            saved = await asyncio.to_thread(self._save_pending, folder, article)
            try:
                proposals = await self._proposals(saved)
                now = self.clock.now()
                if proposals.facts == 0:
                    await asyncio.to_thread(_discard, saved)
                    if remember_empty:
                        await self.ledger.mark_seen(keys, "no_facts", now)
                    return Submitted("no_facts", proposals)
                item = ReviewItem(
                    0, guild_id, saved.name, article.origin, via, PENDING, proposals.model_dump_json(), now,
                    article.title, article.outlet, article.published.isoformat() if article.published else None,
                )  # fmt: skip
                item.id = await self.ledger.add_item(item, keys, now)
            except BaseException:
                # Nothing stays in seeds/pending/ that the queue does not hold.
                await asyncio.shield(asyncio.to_thread(_discard, saved))
                raise
        if proposals.only_confirms or self.auto_approves(guild_id):
            why = "newsdesk.auto.confirms" if proposals.only_confirms else "newsdesk.auto.setting"
            try:
                decided = await self.approve(item.id, guild_id, why)
            except Exception:
                # Left in the queue for a moderator (the reload that failed is logged where it failed).
                log.warning("could not put article %s live at once; it waits for review", item.file, exc_info=True)
                await self._show(self.post, item)
                return Submitted("queued", proposals, item)
            await self._show(self.post, decided.item)  # said in the mod-log channel, without buttons
            return Submitted("live", proposals, decided.item, decided.result)
        await self._show(self.post, item)
        return Submitted("queued", proposals, item)

    def _save_pending(self, folder: Path, article: Imported) -> Path:
        """Save under seeds/pending/<guild>/; on any failure the folders made for it go too."""
        made = [parent for parent in (folder.parent, folder) if not parent.exists()]
        try:
            for parent in made:
                parent.mkdir()
            saved = save_article(folder, article)
            if (self.settings.seeds_dir / saved.name).exists():
                saved.unlink(missing_ok=True)
                raise ImportRefusedError("import.exists", file=saved.name)
        except BaseException:
            for parent in reversed(made):
                with contextlib.suppress(OSError):
                    parent.rmdir()
            raise
        return saved

    async def _proposals(self, saved: Path) -> Proposals:
        job = ProposalJob(self.settings.seeds_dir, saved, self.settings.facts_db)
        return await propose(job, timeout=self.settings.reload_timeout_seconds)

    async def _show(self, board: Board | None, item: ReviewItem) -> None:
        if board is None:
            return
        try:
            await board(item)
        except Exception:  # Discord being down never undoes a decision: the item is in /facts review list
            log.exception("could not show review item %s in guild %s", item.id, item.guild_id)

    # -- deciding ------------------------------------------------------------------------------------------

    async def _pending_item(self, item_id: int, guild_id: int) -> ReviewItem:
        item = await self.ledger.item(item_id)
        if item is None or item.guild_id != guild_id:
            raise DecisionRefusedError("newsdesk.no_item", item=item_id)
        if item.status != PENDING:
            raise DecisionRefusedError(
                f"newsdesk.already.{item.status}", item=item_id, by=item.decided_by or "?",
                timestamp=int((item.decided_at or item.created_at).timestamp()),
            )  # fmt: skip
        return item

    async def approve(self, item_id: int, guild_id: int, by: str) -> Decided:
        """Move the article into seeds/ and reload; on any failure the file goes back and the item stays pending.
        Two moderators at once: the second is told who decided first (DecisionRefusedError)."""
        async with self.facts.changing(shown_by(by, "en"), self.clock.now()):
            item = await self._pending_item(item_id, guild_id)
            source = pending_dir(self.settings.seeds_dir, guild_id) / item.file
            target = self.settings.seeds_dir / item.file
            if not await asyncio.to_thread(source.exists):
                raise DecisionRefusedError("newsdesk.file_gone", file=item.file)
            await asyncio.to_thread(_move, source, target)
            loaded = self.facts.facts
            try:
                result = await self.facts.reload(self.settings, self.clock, shown_by(by, "en"))
            except BaseException:
                if self.facts.facts is loaded:  # not when the facts with it were swapped in before a cancel
                    await asyncio.shield(asyncio.to_thread(_move, target, source))
                raise
            await self.ledger.decide(item.id, APPROVED, by, None, self.clock.now())
        decided = await self.ledger.item(item.id) or item
        await self._show(self.settle, decided)
        return Decided(decided, result)

    async def reject(self, item_id: int, guild_id: int, by: str, reason: str | None) -> Decided:
        """Keep the article out of the build: moved to seeds/rejected/, with who and why."""
        reason = " ".join((reason or "").split())[:REASON_LIMIT] or None
        async with self.facts.changing(shown_by(by, "en"), self.clock.now()):
            item = await self._pending_item(item_id, guild_id)
            source = pending_dir(self.settings.seeds_dir, guild_id) / item.file
            target = rejected_dir(self.settings.seeds_dir, guild_id) / item.file
            if await asyncio.to_thread(source.exists):
                await asyncio.to_thread(_replace_into, source, target)
            await self.ledger.decide(item.id, REJECTED, by, reason, self.clock.now())
        decided = await self.ledger.item(item.id) or item
        await self._show(self.settle, decided)
        return Decided(decided)

    async def show_unposted(self) -> None:
        """Post the pending items a crash left without their review message (the nonce keeps it to one)."""
        for item in await self.ledger.items(status=PENDING):
            if item.message_id is None:
                await self._show(self.post, item)

    # -- after a crash ---------------------------------------------------------------------------------------

    async def reconcile(self) -> None:
        """Pending items whose file a crash left moved (into seeds/ or seeds/rejected/) get the decision the move
        made; pending files nobody queued (a crash before the record, a lost state database) are queued again."""
        seeds, changed = self.settings.seeds_dir, False
        queued = {(item.guild_id, item.file) for item in await self.ledger.items(status=PENDING)}
        for item in await self.ledger.items(status=PENDING):
            waiting = pending_dir(seeds, item.guild_id) / item.file
            if await asyncio.to_thread(waiting.exists):
                continue
            now = self.clock.now()
            if await asyncio.to_thread((seeds / item.file).exists):
                await self.ledger.decide(item.id, APPROVED, "newsdesk.recovered", None, now)
                changed = True
            else:
                gone = (rejected_dir(seeds, item.guild_id) / item.file).exists()
                why = "newsdesk.recovered" if gone else "newsdesk.file_removed"
                await self.ledger.decide(item.id, REJECTED, why, None, now)
            log.warning("review item %s (%s): its file had moved; recorded as decided", item.id, item.file)
        if changed and not {doc.file for doc in self.facts.facts.documents} >= {
            item.file for item in await self.ledger.items(status=APPROVED)
        }:
            with contextlib.suppress(Exception):
                await self.facts.reload(self.settings, self.clock, shown_by("newsdesk.recovered", "en"))
        self._orphans = [
            path for path in await asyncio.to_thread(_pending_files, seeds)
            if (int(path.parent.name), path.name) not in queued
        ]  # fmt: skip

    async def requeue_orphans(self) -> int:
        """Queue the pending files that had no record at start (see reconcile); returns how many were queued."""
        count = 0
        for path in getattr(self, "_orphans", []):
            guild_id = int(path.parent.name)
            try:
                async with self._submitting:
                    proposals = await self._proposals(path)
                    data = await asyncio.to_thread(path.read_bytes)
                    text = data.decode("utf-8", "replace")
                    now = self.clock.now()
                    item = ReviewItem(0, guild_id, path.name, path.name, "newsdesk.recovered", PENDING,
                                      proposals.model_dump_json(), now)  # fmt: skip
                    item.id = await self.ledger.add_item(item, [text_key(text)], now)
            except Exception:
                log.exception("could not queue %s again", path)
                continue
            await self._show(self.post, item)
            count += 1
        self._orphans = []
        return count


def _discard(path: Path) -> None:
    """Remove a pending file, and its guild's folder and pending/ when that leaves them empty."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.exception("could not remove %s", path)
    for folder in (path.parent, path.parent.parent):
        with contextlib.suppress(OSError):
            folder.rmdir()  # refused while the folder holds anything


def _replace_into(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)  # a rejected copy of the same name is the same article: replaced
    _sync_folder(target.parent)


def _pending_files(seeds_dir: Path) -> list[Path]:
    root = seeds_dir / PENDING_DIR
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir() if folder.is_dir() and folder.name.isdigit()
        for path in folder.iterdir() if path.is_file() and path.suffix == ".txt"
    )  # fmt: skip


def shown_by(by: str | None, locale: str | None = None) -> str:
    """Who decided, in words: a moderator's name, or what the bot did by itself (a catalogue key)."""
    if by is None:
        return "?"
    return text(by, locale) if by.startswith("newsdesk.") else by
