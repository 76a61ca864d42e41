"""Why an import was refused: a catalogue key and its values, so the moderator reads it in their language."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from bot.i18n import text

# Values shown inside a reason are clipped: a URL or file name can be as long as Discord lets a member type.
SHOWN_CHARACTERS = 200


def shown(value: str) -> str:
    """A member-given value as it appears in a reason: one line, clipped, no code-span breakers."""
    flat = " ".join(value.split()).replace("`", "'")
    flat = flat.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate cannot reach Discord
    return flat if len(flat) <= SHOWN_CHARACTERS else flat[: SHOWN_CHARACTERS - 1] + "…"


class ImportRefusedError(Exception):
    """An import that cannot be done; nothing was written. `key` names the reason in the catalogues."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    def describe(self, locale: str | None) -> str:
        """The reason in the moderator's language."""
        return text(self.key, locale, **self.values)

    def __str__(self) -> str:
        return self.describe("en")

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuilt from its key and values (keyword arguments do not survive the default pickling)."""
        return (_rebuild, (self.key, self.values))


def _rebuild(key: str, values: dict[str, object]) -> ImportRefusedError:
    return ImportRefusedError(key, **values)


_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


# SQLite's own words for the same failures, when the fact store cannot be written.
_SQLITE_FULL = {sqlite3.SQLITE_FULL}
_SQLITE_READ_ONLY = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


def failure_refusal(error: BaseException) -> ImportRefusedError | None:
    """A failure of the host (disk full, read-only, a write that failed) in a moderator's words; None when it
    is not one (then it is ours, and logged)."""
    if isinstance(error, ImportRefusedError):
        return error
    if isinstance(error, OSError):
        return write_refusal(error)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code in _SQLITE_FULL:
            return ImportRefusedError("import.disk_full")
        if code in _SQLITE_READ_ONLY:
            return ImportRefusedError("import.store_read_only")
    return None


def write_refusal(error: OSError) -> ImportRefusedError:
    """What a failed write to seeds/ means to a moderator: the disk is full, seeds/ is read-only, or else the
    system's own words."""
    if error.errno in _DISK_FULL:
        return ImportRefusedError("import.disk_full")
    folder = f"{Path(str(error.filename)).parent.name}/" if error.filename else "seeds/"
    if error.errno in _READ_ONLY:
        return ImportRefusedError("import.read_only", folder=shown(folder))
    return ImportRefusedError(
        "import.write_failed", folder=shown(folder), why=error.strerror or error.__class__.__name__
    )
