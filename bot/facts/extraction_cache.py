"""Each article's extraction, kept by content and extractor version, so a reload re-extracts only the
articles that changed and runs resolution over the rest.

The cache is derived data beside the fact store: any problem with it (missing, corrupt, unwritable, from
another version) only means extracting again, never a failed build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib
import io
import logging
import pickle
import sqlite3
import zlib
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

_FACTS_PACKAGE = Path(__file__).parent
_SCHEMA = "CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, findings BLOB NOT NULL)"


@functools.cache
def extractor_version() -> str:
    """A digest of the extraction code itself: any change to it makes every cached entry stale."""
    digest = hashlib.sha256()
    for source in sorted(_FACTS_PACKAGE.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cache_path_for(facts_db: Path) -> Path:
    """Where the cache of a fact store lives: beside it."""
    return facts_db.with_name(f"{facts_db.stem}.extraction-cache.db")


@functools.cache
def _allowed_class(module: str, name: str) -> type | None:
    """The class a cache entry may name: the extraction's own data classes and dates, nothing else."""
    if module == "datetime" and name == "date":
        return dt.date
    if module.startswith("bot.facts.") and module.count(".") == 2:
        found = getattr(importlib.import_module(module), name, None)
        if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, tuple)):
            return found
    return None


class _FindingsUnpickler(pickle.Unpickler):
    """Loads only the extraction's own data classes and dates: a tampered cache cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        found = _allowed_class(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not extraction data")
        return found


# An entry is one article's findings: far below this; a larger one is not ours (a decompression bomb).
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def _loads(blob: bytes) -> Any:
    inflater = zlib.decompressobj()
    data = inflater.decompress(blob, MAX_ENTRY_BYTES)
    if inflater.unconsumed_tail:
        raise pickle.UnpicklingError("entry larger than any article's findings")
    return _FindingsUnpickler(io.BytesIO(data)).load()


def _dumps(findings: Any) -> bytes:
    return zlib.compress(pickle.dumps(findings, protocol=5), 1)


class ExtractionCache:
    """Findings by key (show file, article name and bytes, extractor version), in one SQLite file."""

    def __init__(self, path: Path, show_file: bytes) -> None:
        self.path = path
        self._salt = hashlib.sha256(extractor_version().encode() + b"\0" + show_file).digest()
        self._connection: sqlite3.Connection | None = None
        self._used: set[str] = set()
        self._new: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    def __enter__(self) -> ExtractionCache:
        try:
            self._connection = self._open()
        except (sqlite3.Error, OSError) as error:
            log.warning("extraction cache %s unusable, extracting everything: %s", self.path, error)
            self._connection = None
        return self

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(self.path)
            connection.execute(_SCHEMA)
            connection.execute("SELECT count(*) FROM extraction").fetchone()
            return connection
        except sqlite3.OperationalError:
            raise  # locked or busy (another build holds it), not damaged: this build goes without it
        except sqlite3.DatabaseError as error:
            log.warning("extraction cache %s is damaged (%s): starting a new one", self.path, error)
            self.path.unlink(missing_ok=True)
            connection = sqlite3.connect(self.path)
            connection.execute(_SCHEMA)
            return connection

    def key(self, name: str, data: bytes) -> str:
        """The entry for an article with this file name and content."""
        return hashlib.sha256(self._salt + name.encode() + b"\0" + data).hexdigest()

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, findings) when cached (findings may be None: "no facts here"), else (False, None)."""
        self._used.add(key)
        if self._connection is None:
            self.misses += 1
            return False, None
        try:
            row = self._connection.execute("SELECT findings FROM extraction WHERE key = ?", (key,)).fetchone()
            if row is not None:
                self.hits += 1
                return True, _loads(row[0])
        except (
            Exception
        ) as error:  # a damaged or tampered entry, whatever it raises, only costs extracting again
            log.warning("extraction cache entry unreadable, extracting again: %r", error)
        self.misses += 1
        return False, None

    def put(self, key: str, findings: Any) -> None:
        """Remember an article's findings (written when the build ends)."""
        self._used.add(key)
        if self._connection is not None:
            self._new[key] = _dumps(findings)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if kind is None:
                self._save(connection)
        except (sqlite3.Error, OSError) as problem:
            log.warning("extraction cache %s not updated: %s", self.path, problem)
        finally:
            connection.close()

    def _save(self, connection: sqlite3.Connection) -> None:
        """Add the new entries and forget those no article of this build used, in one transaction."""
        with connection:
            connection.executemany(
                "INSERT OR REPLACE INTO extraction (key, findings) VALUES (?, ?)", self._new.items()
            )
            connection.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            connection.execute("DELETE FROM used")
            connection.executemany(
                "INSERT OR IGNORE INTO used (key) VALUES (?)", ((key,) for key in self._used)
            )
            connection.execute("DELETE FROM extraction WHERE key NOT IN (SELECT key FROM used)")
