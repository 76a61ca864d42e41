"""Leaving out some of an article's new facts: a moderator drops a proposed fact before approving, and the
approval writes a suppression for it to corrections.toml (so it stays out across every rebuild)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.facts.correcting import appended_corrections, make_correction, replace_text
from bot.newsdesk.proposals import Proposals

# A fact of its own button only where there are a few: five rows of five buttons at most, one for the decision.
MAX_DROP_BUTTONS = 10


def droppable(proposals: Proposals) -> list[int]:
    """The numbers (from 1, as listed) of the proposed facts that may be left out one by one: new credits, dates
    and figures, when there are at most MAX_DROP_BUTTONS proposals (changes, removals and seasons go with the
    article as a whole)."""
    if len(proposals.items) > MAX_DROP_BUTTONS:
        return []
    return [
        number for number, item in enumerate(proposals.items, 1) if item.action == "add" and item.suppressible
    ]


def with_choice(proposals: Proposals, dropped: list[str], number: int, leave_out: bool) -> list[str]:
    """The dropped fact ids once proposal `number` is left out (or put back). Setting, never flipping: two
    moderators pressing the same button, or one pressing an old copy of it, ask for the same thing."""
    if number not in droppable(proposals):
        return dropped
    fact_id = proposals.items[number - 1].fact_id
    kept = [other for other in dropped if other != fact_id]
    return [*kept, fact_id] if leave_out else kept


def still_droppable(proposals: Proposals, dropped: list[str]) -> list[str]:
    """The dropped fact ids that new proposals still offer to leave out (a fact now live is not one)."""
    offered = {proposals.items[number - 1].fact_id for number in droppable(proposals)}
    return [fact_id for fact_id in dropped if fact_id in offered]


@dataclass(frozen=True)
class Suppressions:
    """corrections.toml before and after the suppressions of the dropped facts (None: there was no file)."""

    path: Path
    before: str | None
    after: str

    def write(self) -> None:
        """Write the file with the suppressions."""
        replace_text(self.path, self.after)

    def restore(self) -> None:
        """Put the file back as it was."""
        if self.before is None:
            self.path.unlink(missing_ok=True)
        else:
            replace_text(self.path, self.before)


def prepare_suppressions(
    seeds_dir: Path, fact_ids: list[str], by: str, reason: str, at: dt.datetime
) -> Suppressions:
    """corrections.toml with a suppression for each dropped fact appended, checked to read back as written;
    CorrectionRefusedError when the file is already broken (nothing is written here)."""
    corrections = [
        make_correction("suppress", fact_id, by, reason).model_copy(
            update={"at": at.astimezone(dt.UTC).isoformat(timespec="seconds")}
        )
        for fact_id in fact_ids
    ]
    path, before, after = appended_corrections(seeds_dir, corrections)
    return Suppressions(path, before, after)
