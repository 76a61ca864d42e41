"""Applying moderators' corrections (seeds/corrections.toml) to a freshly extracted fact set."""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.facts.identity import short_hash, slug
from bot.facts.models import (
    STORED_INTEGER,
    BuildWarning,
    CastCredit,
    CrewCredit,
    DatedFact,
    FactSet,
    Figure,
    Source,
)
from bot.facts.seed_files import CORRECTIONS_FILE, Correction, CorrectionValue, SeedFileError

_FIELDS: dict[type[BaseModel], set[str]] = {
    CastCredit: {"actor", "character", "actor_aliases", "character_aliases"},
    CrewCredit: {"name", "roles", "affiliations", "aliases", "is_company"},
    DatedFact: {
        "title",
        "season",
        "part",
        "date",
        "precision",
        "time",
        "timezone",
        "place",
        "venue",
        "city",
        "audience",
        "event_id",
    },
    Figure: {"season", "amount", "text", "unit", "window"},
}


def correction_source(correction: Correction) -> Source:
    """The provenance a correction leaves on the facts it touches."""
    line = f" (line {correction.line})" if correction.line else ""
    return Source(
        file=CORRECTIONS_FILE,
        sentence=(correction.reason or f"{correction.action} by {correction.by}") + line,
        start=0,
        end=0,
        correction_by=correction.by,
    )


def _fail(correction: Correction, reason: str, key: str | None = None, **values: object) -> SeedFileError:
    return SeedFileError(CORRECTIONS_FILE, correction.line, reason, key, values)


# Limits on what one correction may hold, whoever wrote it (a moderator in Discord or a host admin by hand).
MAX_VALUE = 200
MAX_REASON = 500
MAX_FACT_ID = 100
MAX_ITEMS = 25
NUMBER_RANGES = {"season": (0, 999), "part": (0, 99), "amount": (0, 10**15)}
YEARS = (1900, 2199)

# Zero-width joiners: emoji sequences and some scripts need them; every other format character is refused.
_JOINERS = frozenset("\u200c\u200d")

# A problem: its catalogue key and values.
Problem = tuple[str, dict[str, object]]


def _text_problem(name: str, value: str, limit: int, lines: bool = False) -> Problem | None:
    if len(value) > limit:
        return "correction.too_long", {"name": name, "length": len(value), "limit": limit}
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "correction.surrogate", {"name": name}
    allowed = "\n\t" if lines else ""
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in allowed for c in value):
        return "correction.control", {"name": name}
    if any(unicodedata.category(c) in ("Cf", "Co", "Cn") and c not in _JOINERS for c in value):
        return "correction.invisible", {
            "name": name
        }  # a right-to-left override would reorder what members read
    return None


def _value_problem(key: str, value: CorrectionValue) -> Problem | None:
    if isinstance(value, bool):
        return "correction.boolean", {"name": key}
    if isinstance(value, int):
        low, high = NUMBER_RANGES.get(key, (-STORED_INTEGER, STORED_INTEGER))
        return None if low <= value <= high else ("correction.range", {"name": key, "low": low, "high": high})
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return "correction.items", {"name": key, "count": len(value), "limit": MAX_ITEMS}
        return next((p for item in value if (p := _text_problem(key, str(item), MAX_VALUE))), None)
    if isinstance(value, str):
        year = value[:4]
        if key == "date" and year.isascii() and year.isdigit() and not YEARS[0] <= int(year) <= YEARS[1]:
            return "correction.year", {"value": value, "low": YEARS[0], "high": YEARS[1]}
        return _text_problem(key, value, MAX_VALUE)
    return None


def check_values(correction: Correction) -> None:
    """Refuse (SeedFileError, with the line) a correction holding what no fact may hold: text that is too
    long, not valid text or with control characters, numbers out of range."""
    checks = [
        _text_problem("fact", correction.fact or "", MAX_FACT_ID),
        _text_problem("by", correction.by, MAX_VALUE),
        _text_problem("reason", correction.reason or "", MAX_REASON, lines=True),
        _text_problem("at", correction.at or "", MAX_VALUE),
        *(_text_problem("field name", key, MAX_VALUE) for key in correction.set),
        *(_value_problem(key, value) for key, value in correction.set.items()),
    ]
    problem = next((check for check in checks if check), None)
    if problem:
        from bot.i18n.en import MESSAGES  # a plain dict: the build's workers never import Discord

        key, values = problem
        raise _fail(correction, MESSAGES[key].format(**values), key, **values)


def _lists(facts: FactSet) -> list[list[Any]]:
    return [facts.credits, facts.crew, facts.dates, facts.figures]


def _find(facts: FactSet, fact_id: str) -> tuple[list[Any], int] | None:
    for items in _lists(facts):
        for index, item in enumerate(items):
            if item.id == fact_id:
                return items, index
    return None


def _validated(correction: Correction, model: type[BaseModel], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "set"
        raise _fail(correction, f"{where}: {str(first['msg']).removeprefix('Value error, ')}") from error


def _fix(facts: FactSet, correction: Correction) -> bool:
    found = _find(facts, correction.fact or "")
    if found is None:
        return False
    items, index = found
    current = items[index]
    allowed = _FIELDS[type(current)]
    unknown = sorted(set(correction.set) - allowed)
    if unknown:
        raise _fail(
            correction,
            f"cannot set {', '.join(unknown)} on {current.id} (allowed: {', '.join(sorted(allowed))})",
        )
    data = current.model_dump() | _values(correction)
    if isinstance(current, DatedFact) and {"date", "time", "timezone"} & set(correction.set):
        data["time_source"] = "article" if data.get("time") else None
        data["weekday_warning"] = None
    data["sources"] = [*current.sources, correction_source(correction)]
    items[index] = _validated(correction, type(current), data)
    return True


def _values(correction: Correction) -> dict[str, Any]:
    """The fields a correction sets; "" means none (TOML has no null)."""
    return {key: None if value == "" else value for key, value in correction.set.items()}


def _add(facts: FactSet, correction: Correction) -> None:
    values: dict[str, Any] = _values(correction)
    source = correction_source(correction)
    if correction.kind == "credit":
        actor = str(values.get("actor", ""))
        values.setdefault(
            "id",
            f"cast-{slug(actor)}" + (f"-{slug(str(values['character']))}" if values.get("character") else ""),
        )
        values.setdefault("character", None)
        credit = _validated(correction, CastCredit, values | {"sources": [source]})
        facts.credits = [c for c in facts.credits if c.id != credit.id] + [credit]
    elif correction.kind == "crew":
        values.setdefault("id", f"crew-{slug(str(values.get('name', '')))}")
        member = _validated(correction, CrewCredit, values | {"sources": [source]})
        facts.crew = [c for c in facts.crew if c.id != member.id] + [member]
    else:
        title = str(values.get("title", ""))
        # A title with no letters or digits to slug ("🎉🎉🎉") still gets an id of its own.
        values.setdefault("id", f"{correction.kind}-{slug(title) or short_hash(title)}")
        fact = _validated(
            correction,
            DatedFact,
            values
            | {
                "kind": correction.kind,
                "sources": [source],
                "time_source": "article" if values.get("time") else None,
            },
        )
        facts.dates = sorted(
            [d for d in facts.dates if d.id != fact.id] + [fact], key=lambda d: (d.date, d.id)
        )


def apply_corrections(facts: FactSet, corrections: list[Correction]) -> None:
    """Apply corrections in file order; a correction naming a fact that no longer exists becomes a warning.

    A correction whose values are invalid raises SeedFileError: the build stops and the previous store stays.
    """
    for correction in corrections:
        check_values(correction)
        if correction.action == "add":
            _add(facts, correction)
        elif correction.action == "fix":
            if not _fix(facts, correction):
                facts.warnings.append(
                    BuildWarning.of(
                        "warning.fix_unknown",
                        CORRECTIONS_FILE,
                        line=correction.line,
                        fact=correction.fact or "",
                    )
                )
        else:
            found = _find(facts, correction.fact or "")
            if found is None:
                facts.warnings.append(
                    BuildWarning.of(
                        "warning.suppress_unknown",
                        CORRECTIONS_FILE,
                        line=correction.line,
                        fact=correction.fact or "",
                    )
                )
                continue
            items, index = found
            del items[index]
    suppressed = {c.fact for c in corrections if c.action == "suppress"}
    for season in facts.seasons:
        season.date_ids = [fact_id for fact_id in season.date_ids if fact_id not in suppressed]
        season.figures = [figure for figure in season.figures if figure.id not in suppressed]
