"""What a pending article would change if approved: the facts with it built beside the live ones (in a child
process, as reloads are), compared fact by fact, each change with the sentence it comes from."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from bot.facts.build import build_fact_set
from bot.facts.diff import diff_facts
from bot.facts.documents import article_files
from bot.facts.extraction_cache import cache_path_for
from bot.facts.models import FactSet, Source
from bot.facts.worker import in_worker
from bot.store.facts import read_fact_store

SHOWN_VALUE = 200


class Proposal(BaseModel):
    """One fact the article adds, changes or (by changing what the articles say together) removes."""

    fact_id: str
    action: Literal["add", "change", "remove"]
    summary: str
    sentence: str | None = None
    changes: list[tuple[str, str, str]] = []  # field, before, after (as a moderator reads them)
    # A fact a correction can suppress (a credit, a date, a figure), not a season made of other facts.
    suppressible: bool = False


class Proposals(BaseModel):
    """What approving an article would do: its proposals, and how many of its facts only confirm live ones."""

    items: list[Proposal] = []
    facts: int = 0  # facts this article states (new or already live)
    confirms: int = 0  # of which already live, unchanged

    @property
    def only_confirms(self) -> bool:
        """Whether the article states facts and every one of them is already live as it says."""
        return self.facts > 0 and not self.items


@dataclass(frozen=True)
class ProposalJob:
    """What the child process needs: seeds/, the pending article, and the live store beside its cache."""

    seeds_dir: Path
    pending: Path
    live_store: Path


def shown_value(value: Any) -> str:
    """A fact's field as a review shows it: one line, clipped."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def _sources(facts: FactSet) -> dict[str, list[Source]]:
    found: dict[str, list[Source]] = {fact.id: list(fact.sources) for fact in facts.sourced_facts()}
    for season in facts.seasons:
        found[f"season-{season.number}"] = list(getattr(season, "sources", []) or [])
        for accolade in season.accolades:
            found[accolade.id] = list(getattr(accolade, "sources", []) or [])
    return found


def _sentence(sources: list[Source], file: str) -> str | None:
    mine = [source for source in sources if source.file == file] or sources
    return shown_value(mine[0].sentence) if mine else None


def compare(live: FactSet, candidate: FactSet, file: str) -> Proposals:
    """What candidate (the live articles plus `file`) changes against live, and what `file` only confirms."""
    diff = diff_facts(live, candidate)
    sources = _sources(candidate)
    suppressible = {fact.id for fact in candidate.sourced_facts()}
    items = [
        Proposal(fact_id=fact_id, action="add", summary=shown_value(summary), sentence=_sentence(sources[fact_id], file),
                 suppressible=fact_id in suppressible)
        for fact_id, summary in diff.added
    ]  # fmt: skip
    changed: dict[str, list[tuple[str, str, str]]] = {}
    for change in diff.changed:
        changed.setdefault(change.fact_id, []).append(
            (change.field, shown_value(change.before), shown_value(change.after))
        )
    items += [
        Proposal(fact_id=fact_id, action="change", summary=fact_id, sentence=_sentence(sources.get(fact_id, []), file),
                 changes=fields)
        for fact_id, fields in changed.items()
    ]  # fmt: skip
    items += [
        Proposal(fact_id=fact_id, action="remove", summary=shown_value(summary))
        for fact_id, summary in diff.removed
    ]
    stated = {fact_id for fact_id, found in sources.items() if any(source.file == file for source in found)}
    touched = {item.fact_id for item in items}
    return Proposals(items=items, facts=len(stated), confirms=len(stated - touched))


def _propose_in_child(jobs: list[ProposalJob]) -> list[Proposals]:
    """Runs in a separate process: for each pending article, build the facts with it beside the live articles and
    compare with the live store (read once). One process for a whole batch: starting one costs a second, a
    comparison over the seeds a few hundredths."""
    if not jobs:
        return []
    live, _, _ = asyncio.run(read_fact_store(jobs[0].live_store))
    found = []
    for job in jobs:
        paths = [path for path in article_files(job.seeds_dir) if path.name != job.pending.name]
        candidate = build_fact_set(
            job.seeds_dir, only=[*paths, job.pending], cache=cache_path_for(job.live_store)
        )
        found.append(compare(live, candidate, job.pending.name))
    return found


async def propose(jobs: list[ProposalJob], *, timeout: float) -> list[Proposals]:
    """What approving each pending article would change (one process for them all, abandoned after `timeout`);
    raises what a build raises (SeedFileError, the worker's time limit), and nothing else changes."""
    return await in_worker(_propose_in_child, jobs, timeout=timeout)
