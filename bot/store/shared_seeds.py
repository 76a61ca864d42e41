"""The seeds folder (articles, show.toml, corrections.toml, the news desk's pending and rejected articles) kept in
PostgreSQL as well, so that every process on every machine builds the same facts. Each process works on its
own copy of the folder: a change takes one lock shared by all processes, brings the copy up to date first and
sends what it changed afterwards; the others are told and bring their copies up to date.

Bringing a copy up to date never loses this process's own work: a file changed here since the last exchange
is kept (it is sent at the end of the change), and a file that was never exchanged is never deleted."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path, PurePosixPath

from bot.store.database import Database, DatabaseUnavailableError

log = logging.getLogger(__name__)

LOCK = 0x5A56_5EED  # the one lock on changes to the seeds, across every process
# Larger files are not articles (an article is at most 2 MB once saved): left on this machine, said in the log.
MAX_FILE_BYTES = 8 * 1024 * 1024
# More files than this in SEEDS_DIR that the shared database lacks: the wrong folder, not an older copy.
MAX_LEFTOVERS = 200


class SeedsBusyError(Exception):
    """Another process is changing the seeds right now (only when asked not to wait)."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(relative: str) -> bool:
    """A path from the database that stays inside the folder: relative, no `..`, no hidden part."""
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and all(p not in ("", ".", "..") and not p.startswith(".") for p in path.parts)


def read_folder(folder: Path) -> dict[str, tuple[str, int]]:
    """Every exchanged file of the folder: relative path -> (digest, size). Hidden names (a file being
    written, a build's own) and links are left out."""
    found: dict[str, tuple[str, int]] = {}
    if not folder.is_dir():
        return found
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root) / name
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(folder).as_posix()
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                log.warning("seeds: %s is %d bytes, more than an article: kept on this machine only", relative, size)
                continue
            found[relative] = (_digest(path.read_bytes()), size)
    return found


def _write(folder: Path, relative: str, content: bytes) -> None:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.pull-{uuid.uuid4().hex[:8]}")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def _move_aside(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _remove(folder: Path, relative: str) -> None:
    (folder / relative).unlink(missing_ok=True)


class SharedSeeds:
    """This process's copy of the seeds folder and its exchanges with the database."""

    def __init__(self, database: Database, folder: Path) -> None:
        self.database = database
        self.folder = folder
        # What the copy and the database agreed on at the last exchange: path -> digest.
        self._agreed: dict[str, str] = {}
        self._exchange = asyncio.Lock()
        # Told after this process sent changes (the bot tells the other processes to fetch them).
        self.sent: Callable[[], Awaitable[object]] | None = None

    async def start(self) -> None:
        """At start, before the facts are built: the first process fills the database from its folder; every
        later one brings its folder up to date from the database."""
        async with self.database.exclusive(LOCK, wait=True):
            held = await self.database.fetchone("SELECT count(*) FROM seed_files")
            if held and int(held[0]) == 0:
                sent = await self._send_and_tell()
                log.info("seeds: the database held no articles; %d files sent from %s", sent, self.folder)
                return
            await self._set_aside_leftovers()
            await self.pull()
            await self._send_and_tell()  # pending articles a stop left unsent

    async def _set_aside_leftovers(self) -> None:
        """Files this copy holds that the database does not, found at start: an older copy's leftovers (an
        article the moderators removed since, say) would make this process build other facts than the rest, so
        they are moved to .not-shared/ (kept, not built, never sent). Articles waiting in pending/ are this
        process's own unsent work (a stop before they were sent): they are sent. Many leftovers mean SEEDS_DIR
        points at the wrong folder: nothing is moved and the start is refused."""
        local = await asyncio.to_thread(read_folder, self.folder)
        stored = {str(row[0]) for row in await self.database.fetch("SELECT path FROM seed_files")}
        leftovers = [path for path in local if path not in stored and "pending" not in path.split("/")]
        if not leftovers:
            return
        if len(leftovers) > MAX_LEFTOVERS:
            raise DatabaseUnavailableError(
                f"SEEDS_DIR ({self.folder}) holds {len(leftovers)} files the shared database does not; with "
                "DATABASE_URL the database's copy is the truth: start on an empty folder"
            )
        aside = self.folder / ".not-shared" / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        for path in leftovers:
            await asyncio.to_thread(_move_aside, self.folder / path, aside / path)
        log.warning(
            "seeds: %d files in %s were not in the shared database (first: %s): moved to %s, not built",
            len(leftovers), self.folder, sorted(leftovers)[0], aside,
        )  # fmt: skip

    @contextlib.asynccontextmanager
    async def holding(self, *, wait: bool = True) -> AsyncIterator[None]:
        """The one lock on changes to the seeds, with the copy brought up to date first and what changed sent
        afterwards (also when the change failed half way: what is on disk here is what the build saw)."""
        async with self.database.exclusive(LOCK, wait=wait) as held:
            if not held:
                raise SeedsBusyError
            await self.pull()
            try:
                yield
            finally:
                await asyncio.shield(self._send_and_tell())

    async def pull(self) -> list[str]:
        """Bring the copy up to date with the database; returns the files written or removed."""
        async with self._exchange:
            rows = await self.database.fetch("SELECT path, digest FROM seed_files")
            stored = {str(path): str(digest) for path, digest in rows if _safe(str(path))}
            local = await asyncio.to_thread(read_folder, self.folder)
            wanted = [
                path for path, digest in stored.items()
                if local.get(path, ("", 0))[0] != digest and not self._changed_here(path, local)
            ]  # fmt: skip
            gone = [
                path for path, digest in self._agreed.items()
                if path not in stored and path in local and local[path][0] == digest
            ]  # fmt: skip
            for start in range(0, len(wanted), 100):
                chunk = wanted[start : start + 100]
                marks = ",".join("?" * len(chunk))
                for path, content in await self.database.fetch(
                    f"SELECT path, content FROM seed_files WHERE path IN ({marks})", chunk  # noqa: S608 (marks only)
                ):
                    await asyncio.to_thread(_write, self.folder, str(path), bytes(content))
            for path in gone:
                await asyncio.to_thread(_remove, self.folder, path)
            for path in gone:
                self._agreed.pop(path, None)
            self._agreed.update({path: stored[path] for path in stored if not self._changed_here(path, local)})
            if wanted or gone:
                log.info("seeds: %d files brought from the database, %d removed", len(wanted), len(gone))
            return [*wanted, *gone]

    def _changed_here(self, path: str, local: dict[str, tuple[str, int]]) -> bool:
        """Whether this process changed the file since the last exchange (its change is sent, not undone)."""
        agreed = self._agreed.get(path)
        return path in local and agreed is not None and local[path][0] != agreed

    async def send(self) -> int:
        """Send what changed here (a new pending article, say), under the lock; returns how many files."""
        async with self.database.exclusive(LOCK, wait=True):
            return await self._send_and_tell()

    async def _send_and_tell(self) -> int:
        count = await self._send()
        if count and self.sent is not None:
            await self.sent()
        return count

    async def _send(self) -> int:
        async with self._exchange:
            local = await asyncio.to_thread(read_folder, self.folder)
            changed = [path for path, (digest, _) in local.items() if self._agreed.get(path) != digest]
            removed = [path for path in self._agreed if path not in local]
            now = dt.datetime.now(dt.UTC).isoformat()
            sent: dict[str, str] = {}
            async with self.database.transaction() as session:
                for path in changed:
                    try:
                        content = await asyncio.to_thread((self.folder / path).read_bytes)
                    except FileNotFoundError:
                        continue  # gone since the folder was read: sent as removed next time
                    sent[path] = _digest(content)
                    await session.execute(
                        "INSERT INTO seed_files (path, content, digest, updated_at) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (path) DO UPDATE SET content = excluded.content, digest = excluded.digest,"
                        " updated_at = excluded.updated_at",
                        (path, content, sent[path], now),
                    )
                for path in removed:
                    await session.execute("DELETE FROM seed_files WHERE path = ?", (path,))
            # Only once the database holds them: a failed exchange is tried again whole.
            self._agreed.update(sent)
            for path in removed:
                self._agreed.pop(path, None)
            if changed or removed:
                log.info("seeds: %d files sent to the database, %d removed", len(changed), len(removed))
            return len(changed) + len(removed)
