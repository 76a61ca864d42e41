"""Reading seeds/show.toml and seeds/corrections.toml into validated models, with file and line on errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.facts.models import known_zone

SHOW_FILE = "show.toml"
CORRECTIONS_FILE = "corrections.toml"

# Strict: a hand-edited `season = true` or `season = 4.5` is refused, not read as 1 or 4.
CorrectionValue = StrictStr | StrictInt | list[StrictStr] | None


class SeedFileError(Exception):
    """A show or corrections file that cannot be used: the build stops and the previous store stays."""

    def __init__(
        self,
        file: str,
        line: int | None,
        reason: str,
        key: str | None = None,
        values: dict[str, object] | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        # The reason's catalogue key and values, where it has one (a moderator's command words it in their language).
        self.key = key
        self.values = values or {}
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuilt from its fields: the build runs in another process and its errors come back pickled."""
        return (SeedFileError, (self.file, self.line, self.reason, self.key, self.values))


class ShowInfo(BaseModel):
    """The show: its title, the other spellings articles use, and the service that releases it."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    aliases: list[str] = []
    service: str = Field(min_length=1)


class ReleaseDefaults(BaseModel):
    """When a premiere announced without a time goes out."""

    model_config = ConfigDict(extra="forbid")

    time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: str
    # The home market (ISO 3166 code, e.g. "US"): a date stated only for another country is not the premiere.
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not known_zone(value):  # not a folder ("America"), "localtime", a path
            raise ValueError(f"unknown time zone {value!r} (use an IANA name like America/Los_Angeles)")
        return value


class ShowConfig(BaseModel):
    """seeds/show.toml."""

    model_config = ConfigDict(extra="forbid")

    show: ShowInfo
    release: ReleaseDefaults

    def titles(self) -> list[str]:
        """The title and its aliases."""
        return [self.show.title, *self.show.aliases]


class Correction(BaseModel):
    """One moderator override: add a fact, fix fields of one, or suppress one."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["add", "fix", "suppress"]
    fact: str | None = None
    kind: (
        Literal["credit", "crew", "premiere", "production_start", "renewal", "event", "ticket_sale"] | None
    ) = None
    set: dict[str, CorrectionValue] = {}
    by: str = "a moderator"
    reason: str | None = None
    at: str | None = None
    line: int | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _complete(self) -> Correction:
        if self.action == "add" and (self.kind is None or not self.set):
            raise ValueError("an 'add' correction needs `kind` and the fact's fields in `set`")
        if self.action == "fix" and (self.fact is None or not self.set):
            raise ValueError("a 'fix' correction needs `fact` (a fact id) and the fields to change in `set`")
        if self.action == "suppress" and self.fact is None:
            raise ValueError("a 'suppress' correction needs `fact` (a fact id)")
        return self


class CorrectionsFile(BaseModel):
    """seeds/corrections.toml."""

    model_config = ConfigDict(extra="forbid")

    corrections: list[Correction] = []


def _parse_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SeedFileError(path.name, None, "file is missing") from error
    except UnicodeDecodeError as error:
        raise SeedFileError(path.name, None, "not UTF-8 text") from error
    try:
        return text, tomllib.loads(text)
    except RecursionError as error:
        raise SeedFileError(path.name, None, "invalid TOML: nested too deeply") from error
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        if match:
            line: int | None = int(match.group(1))
        elif "end of document" in str(error):
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        else:
            line = None
        reason = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "", str(error))
        raise SeedFileError(path.name, line, f"invalid TOML: {reason}") from error


def _table_lines(text: str, header: str) -> list[int]:
    """Line numbers where each `[[header]]` array-of-tables entry starts."""
    pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(header)}[ \t]*\]\]", re.MULTILINE)
    return [text.count("\n", 0, match.start()) + 1 for match in pattern.finditer(text)]


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _describe(error: ValidationError) -> tuple[tuple[str | int, ...], str]:
    first = error.errors()[0]
    location = tuple(first["loc"])
    path = ".".join(str(part) for part in location) or "(top level)"
    message = str(first["msg"]).removeprefix("Value error, ")
    return location, f"{path}: {message}"


def config_bytes(seeds_dir: Path) -> bytes:
    """show.toml as it is on disk (what cached extractions depend on); empty when it cannot be read."""
    try:
        return (seeds_dir / SHOW_FILE).read_bytes()
    except OSError:
        return b""


def load_show(seeds_dir: Path) -> ShowConfig:
    """Read and validate seeds/show.toml."""
    path = seeds_dir / SHOW_FILE
    text, data = _parse_toml(path)
    try:
        return ShowConfig.model_validate(data)
    except ValidationError as error:
        location, message = _describe(error)
        key = str(location[-1]) if location else ""
        raise SeedFileError(path.name, _key_line(text, key) if key else None, message) from error


def load_corrections(seeds_dir: Path) -> list[Correction]:
    """Read and validate seeds/corrections.toml; a missing file means no corrections."""
    path = seeds_dir / CORRECTIONS_FILE
    if not path.exists():
        return []
    text, data = _parse_toml(path)
    try:
        parsed = CorrectionsFile.model_validate(data)
    except ValidationError as error:
        location, message = _describe(error)
        line = None
        if len(location) >= 2 and location[0] == "corrections" and isinstance(location[1], int):
            starts = _table_lines(text, "corrections")
            line = starts[location[1]] if location[1] < len(starts) else None
        raise SeedFileError(path.name, line, message) from error
    starts = _table_lines(text, "corrections")
    for index, correction in enumerate(parsed.corrections):
        correction.line = starts[index] if index < len(starts) else None
    return parsed.corrections
