"""Where a fact comes from: the sentences behind a person, a character, a season, a fact id or a date, and the
warnings that say sources disagree about it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts.models import BuildWarning, FactSet, Source
from bot.queries.people import PeopleIndex
from bot.queries.seasons import season_view

_SEASON = re.compile(r"^(?:season|saison|s)?\s*(\d{1,2})$", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


@dataclass(frozen=True)
class Provenance:
    """What a query names, the sentences that support it, and the conflicts reported about it."""

    subject: str
    fact_ids: list[str]
    sources: list[Source]
    conflicts: list[BuildWarning]
    season: int | None = None  # the subject is this season (named in the reader's language)


def _unique(sources: list[Source]) -> list[Source]:
    # One line per sentence of an article: two facts drawn from one sentence cite it once.
    seen: dict[tuple[str, str, str | None], Source] = {}
    for source in sources:
        seen.setdefault((source.file, " ".join(source.sentence.split()), source.correction_by), source)
    return sorted(seen.values(), key=lambda s: (s.correction_by is None, s.publication_date is None,
                                               -(s.publication_date.toordinal() if s.publication_date else 0)))  # fmt: skip


def provenance(facts: FactSet, people: PeopleIndex, query: str) -> Provenance | None:
    """The sources behind what the query names, or None when it names nothing known."""
    typed = query.strip()
    by_id = {fact.id: fact for fact in facts.sourced_facts()}
    if typed in by_id:
        return _of(facts, typed, [typed])
    season = _SEASON.match(typed)
    if season:
        view = season_view(facts, int(season.group(1)))
        if view is None:
            return None
        ids = [f.id for f in (*view.premieres, *view.productions, *view.renewals)] + [
            f.id for f in view.figures
        ]
        quotes = [s for q in view.story for s in q.sources] + [s for a in view.accolades for s in a.sources]
        found = _of(facts, f"Season {view.number}", ids)
        return Provenance(found.subject, ids, _unique(found.sources + quotes), found.conflicts, view.number)
    if _DAY.match(typed):
        ids = [d.id for d in facts.dates if d.date.startswith(typed)]
        return _of(facts, typed, ids) if ids else None
    lookup = people.lookup(typed)
    if lookup.entry is None:
        return None
    entry = lookup.entry
    ids = [c.id for c in entry.credits] + ([entry.crew.id] if entry.crew else [])
    found = _of(facts, entry.name, ids)
    about = [s for quote in entry.about() for s in quote.sources]
    return Provenance(found.subject, ids, _unique(found.sources + about), found.conflicts)


def _of(facts: FactSet, subject: str, ids: list[str]) -> Provenance:
    by_id = {fact.id: fact for fact in facts.sourced_facts()}
    sources = [source for fact_id in ids if fact_id in by_id for source in by_id[fact_id].sources]
    conflicts = [w for w in facts.warnings if any(fact_id in w.message for fact_id in ids)]
    return Provenance(subject, ids, _unique(sources), conflicts)
