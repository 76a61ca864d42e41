"""Whether an SQLite file on disk can be trusted, asked off the event loop: SQLite's own quick check."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

# What SQLite's journals leave beside a database file.
SIDECARS = ("-journal", "-wal", "-shm")
SHOWN_PROBLEMS = 3


def _quick_check(path: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        rows = db.execute("PRAGMA quick_check").fetchall()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    return "; ".join(problems[:SHOWN_PROBLEMS]) or None


async def damage(path: Path) -> str | None:
    """What SQLite's quick check finds wrong with a database file (None: nothing). Linear in the file's size.
    Raises FileNotFoundError when there is no file, sqlite3.Error when SQLite cannot read it at all."""
    if not await asyncio.to_thread(path.is_file):
        raise FileNotFoundError(path)
    return await asyncio.to_thread(_quick_check, path)


def remove_sidecars(path: Path) -> None:
    """Remove the journal files beside a database that is replaced whole (a stale journal would otherwise be
    played back into the new file)."""
    for suffix in SIDECARS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
