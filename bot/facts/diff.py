"""What a rebuild changed: facts added, removed, and changed field by field (before -> after)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.facts.models import FactSet

# The fields a member would notice, per kind of fact; sources and aliases change with every new article.
_SHOWN: dict[str, tuple[str, ...]] = {
    "cast": ("actor", "character"),
    "crew": ("name", "roles", "affiliations"),
    "date": ("title", "date", "time", "timezone", "place", "audience"),
    "figure": ("season", "text", "unit", "window"),
}


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


def _facts(facts: FactSet) -> dict[str, tuple[str, dict[str, Any]]]:
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for kind, items in (
        ("cast", facts.credits),
        ("crew", facts.crew),
        ("date", facts.dates),
        ("figure", facts.figures),
    ):
        for item in items:
            found[item.id] = (kind, {name: getattr(item, name) for name in _SHOWN[kind]})
    return found


def _summary(kind: str, fields: dict[str, Any]) -> str:
    if kind == "cast":
        return f"{fields['actor']} as {fields['character']}" if fields["character"] else str(fields["actor"])
    if kind == "crew":
        return f"{fields['name']} ({', '.join(fields['roles'])})"
    if kind == "date":
        return " ".join(str(part) for part in (fields["title"], fields["date"], fields["time"] or "") if part)
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
        if old[fact_id][1][name] != value
    ]
    return FactDiff(added, removed, changed)
