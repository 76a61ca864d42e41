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


async def reconcile(desk: NewsDesk) -> list[Path]:
    """Record the decisions moves made; reload when an approved article is not in the facts yet. Returns the
    pending files with no record (queued once the bot is ready: see requeue)."""
    seeds, changed = desk.settings.seeds_dir, False
    pending = await desk.ledger.items(status=PENDING)
    queued = {(item.guild_id, item.file) for item in pending}
    for item in pending:
        if await asyncio.to_thread((pending_dir(seeds, item.guild_id) / item.file).exists):
            continue
        now = desk.clock.now()
        if await asyncio.to_thread((seeds / item.file).exists):
            await desk.ledger.decide(item.id, APPROVED, RECOVERED, None, now)
            changed = True
        else:
            kept = await asyncio.to_thread((rejected_dir(seeds, item.guild_id) / item.file).exists)
            await desk.ledger.decide(item.id, REJECTED, RECOVERED if kept else "newsdesk.file_removed", None, now)
        log.warning("review item %s (%s): its file had moved; recorded as decided", item.id, item.file)
    approved = {item.file for item in await desk.ledger.items(status=APPROVED)}
    if changed and not {document.file for document in desk.facts.facts.documents} >= approved:
        with contextlib.suppress(Exception):  # a failed reload is logged where it failed; the next one retries
            await desk.facts.reload(desk.settings, desk.clock, "the bot, after a restart")
    return [
        path for path in await asyncio.to_thread(pending_files, seeds)
        if (int(path.parent.name), path.name) not in queued
    ]  # fmt: skip


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
