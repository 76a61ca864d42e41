"""The review queue: a new article waits under seeds/pending/ until a moderator approves it (then it is moved
into seeds/ and the facts reloaded) or rejects it (moved to seeds/rejected/, with who and why). An article
that only confirms live facts, or any article in a guild that approves automatically, goes live at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.clock import Clock
from bot.facts.imports import Imported, ImportRefusedError, save_article
from bot.i18n import text
from bot.newsdesk.drops import prepare_suppressions, still_droppable, with_choice
from bot.newsdesk.outcomes import Decided, DecisionRefusedError, Submission, Submitted, as_proposed
from bot.newsdesk.pending_files import (
    digest,
    discard,
    move,
    pending_dir,
    rejected_dir,
    remove_empty,
    replace_into,
)
from bot.newsdesk.proposals import ProposalJob, Proposals, propose
from bot.newsdesk.recovery import reconcile, requeue
from bot.settings import Settings
from bot.shows.registry import Show, Shows
from bot.store.newsdesk_ledger import APPROVED, PENDING, REJECTED, NewsDeskLedger, ReviewItem
from bot.store.notices import nothing_to_tell
from bot.tree import ShowNotChosenError

log = logging.getLogger(__name__)

REASON_LIMIT = 200

Board = Callable[[ReviewItem], Awaitable[None]]


async def _nothing_withdrawn(paths: list[Path]) -> None:
    """Nothing is shared, so nothing to withdraw."""


class NewsDesk:
    """Submits articles to the queue and carries out moderators' decisions; `post` and `settle` (set by the bot)
    show an item in Discord when it is queued and when it is decided."""

    def __init__(self, settings: Settings, shows: Shows, clock: Clock, ledger: NewsDeskLedger) -> None:
        # Each guild's articles go to the show it follows: its pending/ and rejected/ folders and its facts.
        self.settings, self.shows, self.clock, self.ledger = settings, shows, clock, ledger
        self.auto: dict[int, bool] = {}
        self.post: Board | None = None
        self.orphans: list[Path] = []  # pending files with no record, found at start and queued once ready
        self.settle: Board | None = None
        # Drops are toggled one at a time, so two presses never lose one of them.
        self._deciding = asyncio.Lock()
        # One submission at a time: each builds the facts with its article once, and a burst is worked through
        # steadily instead of as many builds at once.
        self.submitting = asyncio.Lock()
        # Told after a moderator changed a setting or the feeds (other processes read them again).
        self.changed: Callable[[], Awaitable[None]] = nothing_to_tell
        # Told after articles were saved in a pending folder outside a change (other processes take them too),
        # and after one shared so was discarded again (it is withdrawn). Both raise what stopped them.
        self.files_changed: Callable[[], Awaitable[object]] = nothing_to_tell
        self.files_withdrawn: Callable[[list[Path]], Awaitable[object]] = _nothing_withdrawn
        # Told of each new article saved in pending/ (shared seeds send it as new, and no change carries it).
        self.file_saved: Callable[[Path], None] = lambda path: None

    async def load(self) -> None:
        """Read the settings and put right what a crash left between a file move and its record."""
        self.auto = await self.ledger.auto_approve()
        self.orphans = await reconcile(self)

    async def reload_settings(self) -> None:
        """Read every guild's auto-approve setting again (another process changed one)."""
        self.auto = await self.ledger.auto_approve()

    async def requeue_orphans(self) -> int:
        """Queue the pending files that had no record at start; returns how many were queued."""
        orphans, self.orphans = self.orphans, []
        return await requeue(self, orphans)

    def guild_show(self, guild_id: int) -> Show:
        """The show a guild's articles are about; ShowNotChosenError when it has not chosen one."""
        show = self.shows.for_guild(guild_id)
        if show is None:
            raise ShowNotChosenError()
        return show

    def scoped_key(self, guild_id: int, key: str) -> str:
        """A seen-key as stored: with several shows, each show remembers its own articles (an article that names
        no show of one guild may still be news to another show's guilds)."""
        show = self.shows.for_guild(guild_id) if self.shows.several else None
        return f"{show.key}/{key}" if show is not None else key

    def _keys(self, submission: Submission) -> list[str]:
        return [self.scoped_key(submission.guild_id, key) for key in submission.all_keys()]

    def show_of_file(self, path: Path) -> Show:
        """The show whose seeds folder holds a pending file (<seeds>/pending/<guild>/<file>)."""
        seeds = path.parent.parent.parent
        return next(
            (show for show in self.shows.all() if show.settings.seeds_dir == seeds), self.shows.first()
        )

    async def _items_show(self, item_ids: list[int], guild_id: int) -> Show:
        """The show whose pending folder holds these items' files: the one they were queued for, even when the
        guild chose another show since (else the guild's show)."""
        item = await self.ledger.item(item_ids[0]) if item_ids else None
        if item is not None:
            for show in self.shows.all():
                if await asyncio.to_thread(
                    (pending_dir(show.settings.seeds_dir, guild_id) / item.file).exists
                ):
                    return show
        return self.guild_show(guild_id)

    def auto_approves(self, guild_id: int) -> bool:
        """Whether the guild lets new articles go live without a moderator's approval."""
        return self.auto.get(guild_id, False)

    async def set_auto_approve(self, guild_id: int, on: bool) -> None:
        """Turn auto-approve on or off for a guild (items already queued still wait for a decision)."""
        await self.ledger.set_auto_approve(guild_id, on, self.clock.now())
        self.auto[guild_id] = on
        await self.changed()

    # -- submitting ----------------------------------------------------------------------------------------

    async def submit(
        self,
        guild_id: int,
        article: Imported,
        *,
        via: str,
        keys: tuple[str, ...] = (),
        remember_empty: bool = False,
    ) -> Submitted:
        """Queue one article (see submit_many); raises what stopped it, leaving seeds/ as it was."""
        [outcome] = await self.submit_many([Submission(guild_id, article, via, keys, remember_empty)])
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def submit_many(self, submissions: list[Submission]) -> list[Submitted | Exception]:
        """Queue articles, or put them live at once (see the module), each its outcome or what refused it (an
        ImportRefusedError, a build's error); whatever fails leaves nothing of that article in seeds/.

        What each would change is worked out in one child process for the whole batch, and those that go live
        at once go live in one reload: a burst from the feeds costs a few builds, not one per article."""
        outcomes: list[Submitted | Exception | None] = [None] * len(submissions)
        items: dict[int, tuple[ReviewItem, Proposals]] = {}
        async with self.submitting:
            saved = await self._save_new(submissions, outcomes)
            try:
                found = await self.proposals_for(list(saved.values()))
            except Exception as error:
                for index, path in saved.items():
                    await asyncio.to_thread(discard, path)
                    outcomes[index] = error
                found = []
            batch = list(zip(saved.items(), found, strict=False))
            # What states nothing is let go first; the rest is shared (several processes) before it is
            # recorded: never a queued item whose article the other processes cannot see.
            for (index, path), proposals in [entry for entry in batch if entry[1].facts == 0]:
                outcomes[index] = await self._record(submissions[index], path, proposals, items, index)
            batch = [entry for entry in batch if entry[1].facts != 0]
            try:
                await self.files_changed()
            except Exception as error:
                log.warning("the shared seeds could not take %d new articles: %s", len(batch), error)
                for (index, path), _ in batch:
                    await asyncio.to_thread(discard, path)
                    outcomes[index] = ImportRefusedError("import.shared_failed")
                batch = []
            for (index, path), proposals in batch:
                try:
                    outcomes[index] = await self._record(submissions[index], path, proposals, items, index)
                except BaseException as error:
                    # Nothing stays in seeds/pending/ that the queue does not hold (here or, withdrawn, shared).
                    await asyncio.shield(asyncio.to_thread(discard, path))
                    try:
                        await asyncio.shield(self.files_withdrawn([path]))
                    except Exception as withdrawal:  # tried again at every later exchange
                        log.warning(
                            "could not withdraw %s from the shared seeds yet: %s", path.name, withdrawal
                        )
                    if not isinstance(error, Exception):
                        raise
                    outcomes[index] = error
        await self._go_live_or_show(items, outcomes)
        return [outcome if outcome is not None else Exception("not submitted") for outcome in outcomes]

    async def _save_new(
        self, submissions: list[Submission], outcomes: list[Submitted | Exception | None]
    ) -> dict[int, Path]:
        """Save each article not seen before under seeds/pending/; a duplicate's outcome is said at once."""
        saved: dict[int, Path] = {}
        texts: dict[str, str] = {}
        for index, submission in enumerate(submissions):
            keys = self._keys(submission)
            # A link whose site failed for a passing reason is being tried again: not a duplicate.
            seen = {
                key: found for key, found in (await self.ledger.seen(keys)).items() if found[0] != "retry"
            }
            if keys[-1] in texts:
                seen[keys[-1]] = (texts[keys[-1]], 1)
            if seen:
                first = next(iter(seen.values()))[0]
                unseen = [key for key in keys if key not in seen]
                if unseen:  # the same text at another address: that address is known from now on too
                    await self.ledger.mark_seen(unseen, first, self.clock.now())
                outcomes[index] = Submitted("duplicate", Proposals(), seen_as=first)
                continue
            try:
                folder = pending_dir(
                    self.guild_show(submission.guild_id).settings.seeds_dir, submission.guild_id
                )
                saved[index] = await asyncio.to_thread(self._save_pending, folder, submission.article)
                self.file_saved(saved[index])
            except Exception as error:
                outcomes[index] = error
                continue
            texts[keys[-1]] = f"queued:{saved[index].name}"
        return saved

    async def _record(
        self, submission: Submission, path: Path, proposals: Proposals,
        items: dict[int, tuple[ReviewItem, Proposals]], index: int,
    ) -> Submitted:  # fmt: skip
        now, keys, article = self.clock.now(), self._keys(submission), submission.article
        if proposals.facts == 0:
            await asyncio.to_thread(discard, path)
            if submission.remember_empty:
                await self.ledger.mark_seen(keys, "no_facts", now)
            return Submitted("no_facts", proposals)
        item = ReviewItem(
            0, submission.guild_id, path.name, article.origin, submission.via, PENDING, proposals.model_dump_json(),
            now, article.title, article.outlet, article.published.isoformat() if article.published else None,
            digest=await asyncio.to_thread(digest, path),
        )  # fmt: skip
        item.id = await self.ledger.add_item(item, keys, now)
        items[index] = (item, proposals)
        return Submitted("queued", proposals, item)

    async def _go_live_or_show(
        self, items: dict[int, tuple[ReviewItem, Proposals]], outcomes: list[Submitted | Exception | None]
    ) -> None:
        """Put live at once what only confirms (or what a guild approves unread), one reload per reason; show
        the rest in Discord for review."""
        groups: dict[tuple[int, str], list[int]] = {}
        for index, (item, proposals) in items.items():
            if proposals.only_confirms or self.auto_approves(item.guild_id):
                why = "newsdesk.auto.confirms" if proposals.only_confirms else "newsdesk.auto.setting"
                groups.setdefault((item.guild_id, why), []).append(index)
        for (guild_id, why), indexes in groups.items():
            try:
                decided = await self.approve_many([items[i][0].id for i in indexes], guild_id, why)
            except Exception:
                # Left in the queue for a moderator (why the reload failed is logged where it failed).
                log.warning(
                    "could not put %d article(s) live at once; they wait for review",
                    len(indexes),
                    exc_info=True,
                )
                continue
            for index, done in zip(indexes, decided, strict=True):
                outcomes[index] = Submitted("live", items[index][1], done.item, done.result)
                items.pop(index)
                await self.show(self.post, done.item)  # said in the mod-log channel, without buttons
        for item, _ in items.values():
            await self.show(self.post, item)

    def _save_pending(self, folder: Path, article: Imported) -> Path:
        """Save under seeds/pending/<guild>/; on any failure the folders made for it go too."""
        made = [parent for parent in (folder.parent, folder) if not parent.exists()]
        try:
            for parent in made:
                parent.mkdir()
            saved = save_article(folder, article)
            if (folder.parent.parent / saved.name).exists():  # already an article of the show
                saved.unlink(missing_ok=True)
                raise ImportRefusedError("import.exists", file=saved.name)
        except BaseException:
            for parent in reversed(made):
                with contextlib.suppress(OSError):
                    parent.rmdir()
            raise
        return saved

    async def proposals_for(self, saved: list[Path]) -> list[Proposals]:
        """What each pending file would change, worked out in one child process."""
        if not saved:
            return []
        shows = [self.show_of_file(path) for path in saved]
        jobs = [
            ProposalJob(show.settings.seeds_dir, path, show.settings.facts_db)
            for show, path in zip(shows, saved, strict=True)
        ]
        # The reload's time limit, and more for a large batch (a few hundredths of a second each on the seeds).
        return await propose(jobs, timeout=self.settings.reload_timeout_seconds * (1 + len(jobs) / 50))

    async def show(self, board: Board | None, item: ReviewItem) -> None:
        """Show an item in Discord through `board` (post or settle); a failure there is logged, never raised."""
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
        [decided] = await self.approve_many([item_id], guild_id, by)
        return decided

    async def approve_many(self, item_ids: list[int], guild_id: int, by: str) -> list[Decided]:
        """Approve several items in one reload: all of them, or (on any failure) none, every file back in
        seeds/pending/."""
        show = await self._items_show(item_ids, guild_id)
        seeds, facts = show.settings.seeds_dir, show.facts
        async with facts.changing(shown_by(by, "en"), self.clock.now()), self._deciding:
            found = [await self._pending_item(item_id, guild_id) for item_id in item_ids]
            moves = [(pending_dir(seeds, guild_id) / item.file, seeds / item.file) for item in found]
            for source, _ in moves:
                if not await asyncio.to_thread(source.exists):
                    raise DecisionRefusedError("newsdesk.file_gone", file=source.name)
            for item, (source, _) in zip(found, moves, strict=True):
                if item.digest is not None and await asyncio.to_thread(digest, source) != item.digest:
                    raise DecisionRefusedError("newsdesk.file_changed", file=item.file)
            dropped = [fact_id for item in found for fact_id in item.dropped]
            suppressions = None
            if dropped:
                reason = text(
                    "newsdesk.dropped.reason", "en", items=", ".join(f"#{item.id}" for item in found)
                )
                suppressions = await asyncio.to_thread(
                    prepare_suppressions, seeds, dropped, by, reason, self.clock.now()
                )
            loaded, done, written = facts.facts, [], False
            try:
                # The suppressions first: after a crash between the two, a left-out fact is still left out.
                if suppressions is not None:
                    written = True
                    await asyncio.to_thread(suppressions.write)
                for source, target in moves:
                    await asyncio.to_thread(move, source, target)
                    done.append((source, target))
                result = await facts.reload(
                    show.settings, self.clock, shown_by(by, "en"), accept=as_proposed(loaded, found, dropped)
                )
            except BaseException as error:
                if facts.facts is loaded:  # not when the facts with them were swapped in before a cancel
                    for source, target in reversed(done):
                        await asyncio.shield(asyncio.to_thread(move, target, source))
                    if written and suppressions is not None:
                        await asyncio.shield(asyncio.to_thread(suppressions.restore))
                if isinstance(error, DecisionRefusedError) and error.key == "newsdesk.stale":
                    await self._propose_again(found, seeds)
                raise
            for source, _ in moves:
                await asyncio.to_thread(remove_empty, source.parent)
            for item in found:
                await self.ledger.decide(item.id, APPROVED, by, None, self.clock.now())
        decisions = []
        for item in found:
            decided = await self.ledger.item(item.id) or item
            await self.show(self.settle, decided)
            decisions.append(Decided(decided, result))
        return decisions

    async def _propose_again(self, found: list[ReviewItem], seeds: Path) -> None:
        """Work out again what pending items would change (the live facts moved since they were queued), keep
        only the left-out facts still offered, and redraw their messages."""
        paths = [pending_dir(seeds, item.guild_id) / item.file for item in found]
        try:
            fresh = await self.proposals_for(paths)
        except Exception:
            log.exception("could not work out again what %d review item(s) would change", len(found))
            return
        for item, proposals in zip(found, fresh, strict=True):
            await self.ledger.reproposed(
                item.id, proposals.model_dump_json(), still_droppable(proposals, item.dropped)
            )
            await self.show(self.settle, await self.ledger.item(item.id) or item)

    async def choose(self, item_id: int, guild_id: int, number: int, leave_out: bool) -> ReviewItem:
        """Leave proposed fact `number` out of a pending item's approval, or put it back in."""
        async with self._deciding:
            item = await self._pending_item(item_id, guild_id)
            dropped = with_choice(
                Proposals.model_validate_json(item.proposals), item.dropped, number, leave_out
            )
            if not await self.ledger.set_dropped(item.id, dropped):
                raise DecisionRefusedError("newsdesk.no_item", item=item_id)
        return await self.ledger.item(item.id) or item

    async def reject(self, item_id: int, guild_id: int, by: str, reason: str | None) -> Decided:
        """Keep the article out of the build: moved to seeds/rejected/, with who and why."""
        reason = " ".join((reason or "").split())[:REASON_LIMIT] or None
        show = await self._items_show([item_id], guild_id)
        async with show.facts.changing(shown_by(by, "en"), self.clock.now()), self._deciding:
            item = await self._pending_item(item_id, guild_id)
            source = pending_dir(show.settings.seeds_dir, guild_id) / item.file
            target = rejected_dir(show.settings.seeds_dir, guild_id) / item.file
            kept = await asyncio.to_thread(source.exists)
            if kept:
                await asyncio.to_thread(replace_into, source, target)
                try:
                    await (
                        show.facts.share_change()
                    )  # shared before it is recorded: never one without the other
                except Exception as error:
                    log.warning(
                        "rejecting #%s: the shared seeds could not take the move (%s)", item.id, error
                    )
                    await asyncio.to_thread(move, target, source)
                    raise DecisionRefusedError("newsdesk.shared_failed") from error
                await asyncio.to_thread(remove_empty, source.parent)
            await self.ledger.decide(item.id, REJECTED, by, reason, self.clock.now())
        decided = await self.ledger.item(item.id) or item
        await self.show(self.settle, decided)
        return Decided(decided, kept=kept)

    async def show_unposted(self) -> None:
        """Post the pending items a crash left without their review message (the nonce keeps it to one)."""
        for item in await self.ledger.items(status=PENDING):
            if item.message_id is None:
                await self.show(self.post, item)


def shown_by(by: str | None, locale: str | None = None) -> str:
    """Who decided, in words: a moderator's name, or what the bot did by itself (a catalogue key)."""
    if by is None:
        return "?"
    return text(by, locale) if by.startswith("newsdesk.") else by
