"""What a rebuild changed: facts added, removed, and changed field by field (before -> after)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from bot.facts.models import FactSet

# Every field of every fact is compared, so a field added to a model is never missed, except where a fact
# comes from (sources change with every new article), its key, and what a season only links to (its dates,
# figures and rankings are compared as facts of their own).
_NOT_COMPARED = {"id", "number", "sources", "date_ids", "figures", "accolades"}


@dataclass(frozen=True)
class Change:
    """One field of one fact that changed."""

    fact_id: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class FactDiff:
    """Facts added, removed and changed between two fact sets, by stable id."""

    added: list[tuple[str, str]]
    removed: list[tuple[str, str]]
    changed: list[Change]

    @property
    def empty(self) -> bool:
        """Whether nothing a member would notice changed."""
        return not (self.added or self.removed or self.changed)


def _plain(value: Any) -> Any:
    """A value as a moderator reads it: quotes by their words, without their sources."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, BaseModel):
        return getattr(value, "text", None) or value.model_dump(exclude={"sources"})
    return value


def _fields(item: BaseModel) -> dict[str, Any]:
    return {
        name: _plain(getattr(item, name)) for name in type(item).model_fields if name not in _NOT_COMPARED
    }


def _facts(facts: FactSet) -> dict[str, tuple[str, dict[str, Any]]]:
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for kind, items in (
        ("cast", facts.credits),
        ("crew", facts.crew),
        ("date", facts.dates),
        ("figure", facts.figures),
    ):
        for item in items:
            found[item.id] = (kind, _fields(item))
    for season in facts.seasons:
        found[f"season-{season.number}"] = ("season", {"number": season.number} | _fields(season))
        for accolade in season.accolades:
            found[accolade.id] = ("accolade", _fields(accolade))
    return found


def _summary(kind: str, fields: dict[str, Any]) -> str:
    if kind == "cast":
        return f"{fields['actor']} as {fields['character']}" if fields["character"] else str(fields["actor"])
    if kind == "crew":
        return f"{fields['name']} ({', '.join(fields['roles'])})"
    if kind == "date":
        return " ".join(str(part) for part in (fields["title"], fields["date"], fields["time"] or "") if part)
    if kind == "season":
        return f"Season {fields['number']}" + (f" ({fields['year']})" if fields["year"] else "")
    if kind == "accolade":
        return str(fields["text"])
    return f"{fields['text']} {fields['unit']}"


def diff_facts(before: FactSet, after: FactSet) -> FactDiff:
    """The difference a moderator should see after a reload."""
    old, new = _facts(before), _facts(after)
    added = [(fact_id, _summary(*new[fact_id])) for fact_id in sorted(set(new) - set(old))]
    removed = [(fact_id, _summary(*old[fact_id])) for fact_id in sorted(set(old) - set(new))]
    changed = [
        Change(fact_id, name, old[fact_id][1][name], value)
        for fact_id in sorted(set(old) & set(new))
        for name, value in new[fact_id][1].items()
        if name != "number" and old[fact_id][1].get(name) != value
    ]
    return FactDiff(added, removed, changed)
