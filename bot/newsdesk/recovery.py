"""After a crash: a pending item whose file was moved (into seeds/ or seeds/rejected/) gets the decision the move
made, and a pending file nobody recorded (a crash before the record, a lost state database) is queued again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from bot.newsdesk.keys import text_key
from bot.newsdesk.pending_files import digest, pending_dir, pending_files, rejected_dir
from bot.store.newsdesk_ledger import APPROVED, PENDING, REJECTED, ReviewItem

if TYPE_CHECKING:
    from bot.newsdesk.desk import NewsDesk

log = logging.getLogger(__name__)
RECOVERED = "newsdesk.recovered"


def _exists_in(folders: list[Path], name: str) -> Path | None:
    """The first of these folders that holds a file of this name."""
    return next((folder for folder in folders if (folder / name).exists()), None)


async def reconcile(desk: NewsDesk) -> list[Path]:
    """Record the decisions moves made; reload each show an approved article is not in the facts of yet.
    Returns the pending files with no record (queued once the bot is ready: see requeue). An item's file may be
    in any show's folders (its guild may have chosen another show since it was queued)."""
    shows = desk.shows.all()
    seeds = [show.settings.seeds_dir for show in shows]
    changed: set[str] = set()
    pending = await desk.ledger.items(status=PENDING)
    queued = {(item.guild_id, item.file) for item in pending}
    for item in pending:
        if await asyncio.to_thread(_exists_in, [pending_dir(s, item.guild_id) for s in seeds], item.file):
            continue
        now = desk.clock.now()
        approved_in = await asyncio.to_thread(_exists_in, seeds, item.file)
        if approved_in is not None:
            await desk.ledger.decide(item.id, APPROVED, RECOVERED, None, now)
            changed.add(str(approved_in))
        else:
            kept = await asyncio.to_thread(
                _exists_in, [rejected_dir(s, item.guild_id) for s in seeds], item.file
            )
            await desk.ledger.decide(
                item.id, REJECTED, RECOVERED if kept is not None else "newsdesk.file_removed", None, now
            )
        log.warning("review item %s (%s): its file had moved; recorded as decided", item.id, item.file)
    approved = {item.file for item in await desk.ledger.items(status=APPROVED)}
    for show in shows:
        if str(show.settings.seeds_dir) not in changed:
            continue
        here = {name for name in approved if (show.settings.seeds_dir / name).exists()}
        if not {document.file for document in show.facts.facts.documents} >= here:
            with contextlib.suppress(
                Exception
            ):  # a failed reload is logged where it failed; the next one retries
                await show.facts.reload(show.settings, desk.clock, "the bot, after a restart")
    orphans = []
    for folder in seeds:
        orphans += [
            path for path in await asyncio.to_thread(pending_files, folder)
            if (int(path.parent.name), path.name) not in queued
        ]  # fmt: skip
    return orphans


async def requeue(desk: NewsDesk, orphans: list[Path]) -> int:
    """Queue pending files that have no record; returns how many were queued."""
    count = 0
    for path in orphans:
        try:
            async with desk.submitting:
                [proposals] = await desk.proposals_for([path])
                text = (await asyncio.to_thread(path.read_bytes)).decode("utf-8", "replace")
                now = desk.clock.now()
                item = ReviewItem(0, int(path.parent.name), path.name, path.name, RECOVERED, PENDING,
                                  proposals.model_dump_json(), now, digest=await asyncio.to_thread(digest, path))  # fmt: skip
                item.id = await desk.ledger.add_item(item, [text_key(text)], now)
        except Exception:
            log.exception("could not queue %s again", path)
            continue
        await desk.show(desk.post, item)
        count += 1
    return count
