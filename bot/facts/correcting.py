"""Writing a moderator's correction to seeds/corrections.toml: checked against the current facts first,
in the same format a host admin writes by hand, through a temporary file and a rename."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from pathlib import Path
from typing import Any

from bot.facts.corrections import apply_corrections
from bot.facts.models import FactSet
from bot.facts.seed_files import CORRECTIONS_FILE, Correction, CorrectionValue, SeedFileError

_NUMBERS = {"season", "part", "amount"}
_LISTS = {"roles", "affiliations", "aliases", "actor_aliases", "character_aliases"}


class CorrectionRefusedError(Exception):
    """A correction that cannot apply; `key` and its values say why, in the moderator's language. Nothing was
    written."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(key)

    def describe(self, locale: str | None) -> str:
        """Why, in the moderator's language."""
        from bot.i18n import text  # the catalogues import discord: only where a refusal is worded

        return text(self.key, locale, **self.values)

    def __str__(self) -> str:
        return self.describe("en")


def _shown(value: object) -> str:
    return " ".join(str(value).split()).replace("`", "'")[:100]


def typed_value(field: str, value: str) -> CorrectionValue:
    """A value typed in Discord, as the field needs it: a number, a list, text, or nothing."""
    value = value.strip()
    if value.lower() in ("", "none", "null", "-"):
        return None
    if field in _NUMBERS:
        try:
            return int(value)
        except ValueError as error:
            raise CorrectionRefusedError("correct.number", field=_shown(field), value=_shown(value)) from error
    if field in _LISTS:
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _toml(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string: JSON's escapes are TOML's


def _block(correction: Correction) -> str:
    lines = ["", "[[corrections]]", f"action = {_toml(correction.action)}"]
    if correction.fact:
        lines.append(f"fact = {_toml(correction.fact)}")
    if correction.kind:
        lines.append(f"kind = {_toml(correction.kind)}")
    if correction.set:
        pairs = ", ".join(f"{key} = {_toml(value)}" for key, value in correction.set.items())
        lines.append(f"set = {{ {pairs} }}")
    lines.append(f"by = {_toml(correction.by)}")
    if correction.at:
        lines.append(f"at = {_toml(correction.at)}")
    if correction.reason:
        lines.append(f"reason = {_toml(correction.reason)}")
    return "\n".join(lines) + "\n"


def check_correction(facts: FactSet, correction: Correction) -> None:
    """Refuse a correction naming no known fact, or one whose values do not fit (nothing is written)."""
    if correction.fact and correction.fact not in {fact.id for fact in facts.sourced_facts()}:
        raise CorrectionRefusedError("correct.unknown_fact", fact=_shown(correction.fact))
    trial = facts.model_copy(deep=True)
    trial.warnings = []
    try:
        apply_corrections(trial, [correction])
    except SeedFileError as error:
        if "date" in (correction.set or {}):
            raise CorrectionRefusedError("correct.date", value=_shown(correction.set["date"])) from error
        raise CorrectionRefusedError("correct.other", reason=_shown(error.reason)) from error
    if trial.warnings:
        raise CorrectionRefusedError("correct.other", reason=_shown(trial.warnings[0].message))


def write_correction(seeds_dir: Path, facts: FactSet, correction: Correction, now: dt.datetime) -> str:
    """Append a checked correction to corrections.toml; returns the file's previous text, to put back if
    the reload that follows fails."""
    stamped = correction.model_copy(update={"at": now.astimezone(dt.UTC).isoformat(timespec="seconds")})
    check_correction(facts, stamped)
    path = seeds_dir / CORRECTIONS_FILE
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    replace_text(path, before.rstrip("\n") + "\n" + _block(stamped))
    return before


def replace_text(path: Path, text: str) -> None:
    """Write a file whole, through a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
