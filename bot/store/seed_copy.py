"""A process's copy of the shared seeds on disk: which files it holds and their digests (remembered by size
and time), writing, removing and setting aside files safely, and the manifest of what was last agreed with
the database (bot/store/shared_seeds.py does the exchanging)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

log = logging.getLogger(__name__)

# Larger files are not articles (an article is at most 2 MB once saved): kept here, never sent or removed.
MAX_FILE_BYTES = 8 * 1024 * 1024
ASIDE = ".not-shared"
MANIFEST = ".shared-seeds.json"  # hidden: never exchanged, never built


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe(relative: str) -> bool:
    """A path from the database that stays inside the folder: relative, no `..`, no hidden part."""
    path = PurePosixPath(relative)
    parts = path.parts
    return (
        bool(relative)
        and not path.is_absolute()
        and all(p not in ("", ".", "..") and not p.startswith(".") for p in parts)
    )


def pending(relative: str) -> bool:
    return "pending" in relative.split("/")


@dataclass
class Folder:
    """What a copy holds: each exchanged file's digest, and the files present but never exchanged (hidden,
    links, too large, a name that is not UTF-8): those are neither sent nor removed anywhere."""

    files: dict[str, str] = field(default_factory=dict)
    kept_out: set[str] = field(default_factory=set)


class Digests:
    """File digests remembered by size and modification time: a fetch over a large, unchanged folder reads
    no file again."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int, str]] = {}

    def read(self, folder: Path) -> Folder:
        found = Folder()
        if not folder.is_dir():
            return found
        for root, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                path = Path(root) / name
                relative = path.relative_to(folder).as_posix()
                try:
                    relative.encode("utf-8")
                except UnicodeEncodeError:
                    log.warning("seeds: a file name that is not UTF-8 is kept here only: %r", relative)
                    continue
                if name.startswith("."):
                    continue
                try:
                    status = path.lstat()
                except FileNotFoundError:
                    continue  # removed while the folder was read
                if path.is_symlink() or not path.is_file() or status.st_size > MAX_FILE_BYTES:
                    found.kept_out.add(relative)
                    continue
                known = self._known.get(relative)
                if known is not None and known[:2] == (status.st_size, status.st_mtime_ns):
                    found.files[relative] = known[2]
                    continue
                try:
                    digest = digest_of(path.read_bytes())
                except (FileNotFoundError, IsADirectoryError):
                    continue
                self._known[relative] = (status.st_size, status.st_mtime_ns, digest)
                found.files[relative] = digest
        return found


def move_aside(folder: Path, relative: str, stamp: str) -> None:
    source = folder / relative
    target = folder / ASIDE / stamp / relative
    if target.exists() or target.is_symlink():
        target = target.with_name(f"{target.name}.{uuid.uuid4().hex[:8]}")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def clear_way(folder: Path, relative: str, stamp: str) -> None:
    """Make room for a file: a folder where it goes, or a file where one of its folders goes, is set aside."""
    parts = PurePosixPath(relative).parts
    for depth in range(1, len(parts)):
        above = PurePosixPath(*parts[:depth]).as_posix()
        if (folder / above).is_file() or (folder / above).is_symlink():
            move_aside(folder, above, stamp)
    path = folder / relative
    if path.is_dir() and not path.is_symlink():
        if any(path.iterdir()):
            move_aside(folder, relative, stamp)
        else:
            path.rmdir()


def write(folder: Path, relative: str, content: bytes, stamp: str) -> None:
    clear_way(folder, relative, stamp)
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".pull-{uuid.uuid4().hex[:12]}"  # short: any legal name leaves room for it
    temporary.write_bytes(content)
    os.replace(temporary, target)


def remove(folder: Path, relative: str) -> None:
    path = folder / relative
    if path.is_file() or path.is_symlink():
        path.unlink(missing_ok=True)
        # Folders it leaves empty go too (pending/<guild>/ after its last article), up to the seeds folder.
        with contextlib.suppress(OSError):
            for parent in path.parents:
                if parent == folder or folder not in parent.parents:
                    break
                parent.rmdir()


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def write_manifest(folder: Path, known: dict[str, str]) -> None:
    """Keep what was agreed beside the copy. A failure (a full disk, a folder in its place) is logged, not
    raised: without it, a differing file is taken for a hand edit and set aside, which loses nothing."""
    temporary = folder / f".manifest-{uuid.uuid4().hex[:8]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(known, sort_keys=True), encoding="utf-8")
        os.replace(temporary, folder / MANIFEST)
    except OSError as error:
        log.warning("seeds: the manifest %s could not be written (%s)", folder / MANIFEST, error)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
