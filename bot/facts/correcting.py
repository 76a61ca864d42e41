"""Writing a moderator's correction to seeds/corrections.toml: checked against the current facts first,
in the same format a host admin writes by hand, through a temporary file and a rename, then rebuilt; on any
failure the file is put back as it was."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.clock import Clock
from bot.facts.corrections import apply_corrections, check_values
from bot.facts.models import FactSet
from bot.facts.seed_files import CORRECTIONS_FILE, Correction, CorrectionsFile, CorrectionValue, SeedFileError
from bot.facts.service import FactService, ReloadResult, why_not_written
from bot.settings import Settings

log = logging.getLogger(__name__)

_NUMBERS = {"season", "part", "amount"}
_LISTS = {"roles", "affiliations", "aliases", "actor_aliases", "character_aliases"}


class CorrectionRefusedError(Exception):
    """A correction that cannot apply; a catalogue key and its values (or, from the models, their own words)
    say why, in the moderator's language. Nothing was written."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(key)

    def describe(self, locale: str | None) -> str:
        """Why, in the moderator's language."""
        from bot.i18n import text  # the catalogues import discord: only where a refusal is worded
        from bot.i18n.en import MESSAGES as ENGLISH

        if self.key in ENGLISH:
            return text(self.key, locale, **self.values)
        return " ".join(self.key.split())[:300]  # the models' own words (English)

    def __str__(self) -> str:
        return self.describe("en")


# What a field's value must look like, said in the moderator's language when the models refuse it.
_SHAPES = {
    "date": ("date", "correct.date"),
    "time": ("time", "correct.time"),
    "timezone": ("time zone", "correct.zone"),
}


def _refusal_of(error: SeedFileError, correction: Correction) -> CorrectionRefusedError:
    """A build's refusal of a correction, in the moderator's language: by its key, by the shape the one field
    set must have, or (the models' own words) framed as a value that does not fit."""
    if error.key is not None:
        return CorrectionRefusedError(error.key, **error.values)
    if len(correction.set) == 1:
        ((field, value),) = correction.set.items()
        said, key = _SHAPES.get(field, ("", ""))
        if said and said in error.reason:
            return CorrectionRefusedError(key, value=_shown(value))
    return CorrectionRefusedError("correct.other", reason=_shown(error.reason))


class CorrectionNotWrittenError(Exception):
    """corrections.toml could not be written (disk full, read-only); `why` is the catalogue key of the reason."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _shown(value: object) -> str:
    return " ".join(str(value).split()).replace("`", "'")[:100]


def typed_value(field: str, value: str) -> CorrectionValue:
    """A value typed in Discord, as the field needs it: a number, a list, text, or nothing (written "" in
    corrections.toml, which has no null, and read back as nothing)."""
    value = value.strip()
    if value.lower() in ("", "none", "null", "-"):
        return [] if field in _LISTS else ""
    if field in _NUMBERS:
        try:
            return int(value)
        except ValueError as error:  # also a number of thousands of digits
            raise CorrectionRefusedError(
                "correct.number", field=_shown(field), value=_shown(value)
            ) from error
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


def correction_block(correction: Correction) -> str:
    """A correction as corrections.toml holds it."""
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


def make_correction(
    action: str, fact: str, by: str, reason: str | None, values: dict[str, CorrectionValue] | None = None
) -> Correction:
    """A correction from a command's options, or CorrectionRefusedError saying what is wrong with them."""
    try:
        return Correction.model_validate(
            {"action": action, "fact": fact.strip(), "set": values or {}, "by": by, "reason": reason}
        )
    except ValidationError as error:
        raise CorrectionRefusedError(str(error.errors()[0]["msg"]).removeprefix("Value error, ")) from error


def check_correction(facts: FactSet, correction: Correction) -> FactSet:
    """Refuse a correction naming no known fact, or one whose values do not fit the models the store is written
    from (nothing is written); returns the facts as they will be with it."""
    try:
        check_values(correction)  # values first: an id that is not even valid text is refused as such
    except SeedFileError as error:
        raise _refusal_of(error, correction) from error
    if correction.fact and correction.fact not in {fact.id for fact in facts.sourced_facts()}:
        raise CorrectionRefusedError("correct.unknown_fact", fact=_shown(correction.fact))
    # Corrections replace facts in these lists and reassign seasons' fields, never change a fact in place: a
    # copy of the lists and seasons is enough (a deep copy of 1,000 articles' facts would take seconds).
    trial = facts.model_copy(
        update={
            "credits": list(facts.credits),
            "crew": list(facts.crew),
            "dates": list(facts.dates),
            "figures": list(facts.figures),
            "seasons": [season.model_copy() for season in facts.seasons],
            "warnings": [],
        }
    )
    try:
        apply_corrections(trial, [correction])
    except SeedFileError as error:
        raise _refusal_of(error, correction) from error
    if trial.warnings:
        first = trial.warnings[0]
        if first.key is not None:
            raise CorrectionRefusedError(first.key, **first.values)
        raise CorrectionRefusedError(first.message)
    return trial


def _fact(facts: FactSet, fact_id: str) -> Any:
    return next((fact for fact in facts.sourced_facts() if fact.id == fact_id), None)


@dataclass(frozen=True)
class PreparedCorrection:
    """A checked correction and corrections.toml before and after it (None: there was no file)."""

    path: Path
    correction: Correction
    expected: FactSet
    before: str | None
    after: str

    def in_effect(self, facts: FactSet) -> None:
        """Refuse a rebuilt fact set in which the correction does not show (the articles changed meanwhile)."""
        fact_id = self.correction.fact or ""
        found = _fact(facts, fact_id)
        if self.correction.action == "suppress":
            ok = found is None
        else:
            expected = _fact(self.expected, fact_id) if self.correction.action == "fix" else None
            ok = found is not None and all(
                getattr(found, key) == getattr(expected, key) for key in self.correction.set if expected
            )
        if not ok:
            raise CorrectionRefusedError(
                f"{fact_id} is not what it was in the facts in use (the articles changed since the last reload): "
                "reload, then try again"
            )

    def restore(self) -> None:
        """Put corrections.toml back as it was, unless it already is."""
        try:
            now = self.path.read_text(encoding="utf-8") if self.path.exists() else None
        except (OSError, UnicodeDecodeError):
            now = ""
        if now == self.before:
            return
        if now != self.after:
            log.warning(
                "%s changed by hand during a correction; putting back the copy from before it", self.path
            )
        if self.before is None:
            self.path.unlink(missing_ok=True)
        else:
            replace_text(self.path, self.before)


def appended_corrections(seeds_dir: Path, corrections: list[Correction]) -> tuple[Path, str | None, str]:
    """corrections.toml, its text now (None: no file) and with `corrections` appended, checked to read back
    exactly as given. Raises CorrectionRefusedError; nothing is written."""
    path = seeds_dir / CORRECTIONS_FILE
    try:
        before = path.read_text(encoding="utf-8") if path.exists() else None
    except UnicodeDecodeError as error:
        raise CorrectionRefusedError(f"{CORRECTIONS_FILE} is not UTF-8 text: fix it by hand first") from error
    except OSError as error:
        raise CorrectionRefusedError(f"{CORRECTIONS_FILE} cannot be read ({error.strerror})") from error
    after = (before or "").rstrip("\n") + "\n" + "".join(correction_block(c) for c in corrections)
    try:
        written = CorrectionsFile.model_validate(tomllib.loads(after)).corrections
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise CorrectionRefusedError(
            f"{CORRECTIONS_FILE} is already broken ({str(error).splitlines()[0]}): fix it by hand first"
        ) from error
    wanted = [c.model_dump() for c in corrections]
    if len(written) < len(corrections) or [c.model_dump() for c in written[-len(corrections) :]] != wanted:
        raise CorrectionRefusedError("that value cannot be written to corrections.toml as it is")
    return path, before, after


def prepare_correction(seeds_dir: Path, facts: FactSet, correction: Correction) -> PreparedCorrection:
    """Check a correction against the facts in use and the file as it will be: the new text must read back
    with this correction last, exactly as checked. Raises CorrectionRefusedError; nothing is written."""
    expected = check_correction(facts, correction)
    path, before, after = appended_corrections(seeds_dir, [correction])
    return PreparedCorrection(path, correction, expected, before, after)


async def save_and_apply(
    service: FactService, settings: Settings, clock: Clock, correction: Correction
) -> ReloadResult:
    """Check a correction, append it to corrections.toml and rebuild, all under the lock on changes.

    It either completes (on disk and loaded) or leaves corrections.toml, the store and the facts in memory as
    they were, whatever fails (cancellation included). Raises CorrectionRefusedError, CorrectionNotWrittenError,
    or what the reload raises.
    """
    async with service.changing(correction.by, clock.now()):
        stamped = correction.model_copy(
            update={"at": clock.now().astimezone(dt.UTC).isoformat(timespec="seconds")}
        )
        loaded = service.facts
        prepared = await asyncio.to_thread(prepare_correction, settings.seeds_dir, loaded, stamped)
        writing = asyncio.ensure_future(asyncio.to_thread(replace_text, prepared.path, prepared.after))
        try:
            try:
                await asyncio.shield(writing)
            except OSError as error:
                log.warning("could not write %s: %s", prepared.path, error)
                raise CorrectionNotWrittenError(why_not_written(error)) from error
            return await service.reload(settings, clock, correction.by, accept=prepared.in_effect)
        except BaseException:
            with contextlib.suppress(BaseException):
                await writing  # a write under way finishes before it is undone
            # Not when the facts with it were stored and swapped in just before a cancel: then it stays.
            if service.facts is loaded:
                _undo(prepared.restore)
            raise


def _undo(restore: Callable[[], None]) -> None:
    try:
        restore()
    except Exception:
        log.exception("could not put %s back as it was", CORRECTIONS_FILE)


def replace_text(path: Path, text: str) -> None:
    """Write a file whole, through a temporary file and a rename; a failure leaves the file as it was."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
