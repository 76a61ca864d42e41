"""The news desk's files: where pending and rejected articles wait, and moving them so that a crash leaves each
in one place (renames, never copies, with the folder synced)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path

from bot.facts.imports import ImportRefusedError

log = logging.getLogger(__name__)

PENDING_DIR, REJECTED_DIR = "pending", "rejected"


def pending_dir(seeds_dir: Path, guild_id: int) -> Path:
    """Where a guild's pending articles wait (outside the build: it reads only seeds/ itself)."""
    return seeds_dir / PENDING_DIR / str(guild_id)


def rejected_dir(seeds_dir: Path, guild_id: int) -> Path:
    """Where a guild's rejected articles are kept (outside the build), for a moderator to read again."""
    return seeds_dir / REJECTED_DIR / str(guild_id)


def move(source: Path, target: Path) -> None:
    """Move a file, never over another (a file already there is an article of its own)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise ImportRefusedError("import.exists", file=target.name)
    os.replace(source, target)
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    # A rename is durable once its folder is: after a power cut the article is in one place, not none.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def remove_empty(folder: Path) -> None:
    """A guild's pending folder and pending/ itself, once emptied."""
    for each in (folder, folder.parent):
        with contextlib.suppress(OSError):
            each.rmdir()  # refused while the folder holds anything


def discard(path: Path) -> None:
    """Remove a pending file, and its guild's folder and pending/ when that leaves them empty."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.exception("could not remove %s", path)
    for folder in (path.parent, path.parent.parent):
        with contextlib.suppress(OSError):
            folder.rmdir()  # refused while the folder holds anything


def replace_into(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)  # a rejected copy of the same name is the same article: replaced
    sync_folder(target.parent)


def pending_files(seeds_dir: Path) -> list[Path]:
    root = seeds_dir / PENDING_DIR
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir() if folder.is_dir() and folder.name.isdigit()
        for path in folder.iterdir() if path.is_file() and path.suffix == ".txt"
    )  # fmt: skip
