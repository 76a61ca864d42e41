"""The seeds folder (articles, show.toml, corrections.toml, the news desk's pending and rejected articles) kept in
PostgreSQL, so that every process on every machine builds the same facts. The database is the truth; each
process's SEEDS_DIR is its working copy.

A change (an import, a correction, a review decision, a reload) holds one lock shared by every process, on a
connection of its own: it first makes the copy equal to the database, then works on the files, then sends
exactly what differs, on the lock's own connection (so a change whose lock was lost cannot send anything), and
a file it removed leaves a tombstone, so no copy brings it back. Other processes fetch the change under the
same lock, briefly, and rebuild outside it. An article saved in pending/ outside a change is this process's
own new file: sent at once, never overwritten or removed by a fetch."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import psycopg

from bot.store.database import DatabaseUnavailableError
from bot.store.notices import CHANNEL
from bot.store.seed_copy import (
    ASIDE,
    Digests,
    digest_of,
    move_aside,
    pending,
    read_manifest,
    remove,
    safe,
    write,
)
from bot.store.seed_copy import (
    write_manifest as write_manifest,  # re-exported: tests put a failing one in its place
)

log = logging.getLogger(__name__)

LOCK = 0x5A56_5EED  # the one lock on changes to the seeds, across every process
# More files than this in SEEDS_DIR that the shared database lacks: the wrong folder, not an older copy.
MAX_LEFTOVERS = 200
# A change waits this long for another process's change to end before it is refused as busy.
LOCK_WAIT_SECONDS = 60


class SeedsBusyError(Exception):
    """Another process is changing the seeds (not waited for, or for longer than LOCK_WAIT_SECONDS)."""


Connection = psycopg.AsyncConnection[tuple[object, ...]]


class SeedsChange:
    """One change under the processes' lock: `commit()` sends what differs from the database."""

    def __init__(self, seeds: SharedSeeds, connection: Connection) -> None:
        self._seeds, self._connection = seeds, connection
        self.sent = 0

    async def commit(self) -> None:
        """Send what this change did to the files, on the lock's own connection: all of it or, when the lock
        or the database was lost, nothing (and the caller's change fails)."""
        self.sent += await self._seeds._send_exchange(self._connection)


class SharedSeeds:
    """This process's copy of the seeds folder and its exchanges with the database."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.folder = folder
        self._digests = Digests()
        # One exchange with the database at a time in this process (a fetch, a send), each short.
        self._exchange = asyncio.Lock()
        # The lock's connection while a change of this process holds it: new pending articles saved meanwhile
        # are sent on it (another connection would wait for the lock this process holds).
        self._holder: Connection | None = None
        # The notice a send commits with (pg_notify in its transaction: told exactly when the change is in).
        self.notice: Callable[[], str] | None = None
        # Files fetched and not built since (fetched by a change that rebuilt another show, or none): the bot
        # rebuilds once a fetch or a change leaves some (see `fetched`).
        self.unbuilt: set[str] = set()
        self.fetches = (
            0  # fetches that brought files to build: a rebuild begun before the last one is not enough
        )
        self.fetched: Callable[[], Awaitable[object]] | None = None
        # New pending articles saved outside a change, not sent yet; and articles to withdraw from the database.
        self._new: set[str] = set()
        self._withdrawing: set[str] = set()
        # Each file's digest in the database at this copy's last exchange, kept beside it (MANIFEST): a file
        # that differs from it was edited here; one equal to it that the database changed is just outdated.
        self._known: dict[str, str] = {}

    # -- the lock ----------------------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _locked(self, *, wait: bool) -> AsyncIterator[Connection]:
        """The processes' lock, on a connection of its own (a pool's connections stay free for the ledgers);
        released with it, also when this process dies."""
        connection: Connection = await psycopg.AsyncConnection.connect(self.url, autocommit=True)
        try:
            if wait:
                await connection.execute(f"SET lock_timeout = '{LOCK_WAIT_SECONDS}s'")
                try:
                    await connection.execute("SELECT pg_advisory_lock(%s)", (LOCK,))
                except psycopg.errors.LockNotAvailable as error:
                    raise SeedsBusyError from error
            else:
                row = await (await connection.execute("SELECT pg_try_advisory_lock(%s)", (LOCK,))).fetchone()
                if not (row and row[0]):
                    raise SeedsBusyError
            yield connection
        finally:
            await connection.close()  # the lock goes with the connection

    @contextlib.asynccontextmanager
    async def holding(self, *, wait: bool = True) -> AsyncIterator[SeedsChange]:
        """A change: the lock, the copy made equal to the database, the block, then what differs sent (unless
        the block sent it already with `commit()`, or failed after restoring the files). When the block
        failed, a failure of that last send is logged, not raised over the block's own reason."""
        async with self._locked(wait=wait) as connection:
            async with self._exchange:
                await self._fetch(connection)
            change = SeedsChange(self, connection)
            self._holder = connection
            try:
                yield change
            except BaseException:
                with contextlib.suppress(Exception):
                    await asyncio.shield(self._send_exchange(connection))
                raise
            else:
                await asyncio.shield(self._send_exchange(connection))
            finally:
                self._holder = None
        if self.unbuilt and self.fetched is not None:
            await self.fetched()

    async def _send_exchange(self, connection: Connection) -> int:
        async with self._exchange:
            return await self._send(connection)

    # -- exchanges ---------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """At start, before the facts are built: the first process fills the database from its folder (which
        must hold a show); every later one makes its folder a copy of the database. What the folder held
        that the database does not is set aside in .not-shared/ (an older copy's leftovers, a file edited while
        the bot was stopped), except new pending articles, which are sent; a folder with hundreds of unknown
        files is refused untouched (SEEDS_DIR points at the wrong folder)."""
        async with self._locked(wait=True) as connection, self._exchange:
            stored, tombs = await self._stored(connection)
            local = await asyncio.to_thread(self._digests.read, self.folder)
            if not stored and not tombs:
                if not any(path == "show.toml" or path.endswith("/show.toml") for path in local.files):
                    raise DatabaseUnavailableError(
                        f"the shared database holds no articles yet and SEEDS_DIR ({self.folder}) holds no show.toml:"
                        " start the first process on the real seeds folder"
                    )
                sent = await self._send(connection) + await self._send(connection, mode="start")
                log.info("seeds: the database held no articles; %d files sent from %s", sent, self.folder)
                return
            unknown = [p for p in local.files if p not in stored and not (pending(p) and p not in tombs)]
            if len(unknown) > MAX_LEFTOVERS:
                raise DatabaseUnavailableError(
                    f"SEEDS_DIR ({self.folder}) holds {len(unknown)} files the shared database does not; with "
                    "DATABASE_URL the database's copy is the truth: start on an empty folder"
                )
            self._known = await asyncio.to_thread(read_manifest, self.folder)
            # Edited while the bot was stopped (or never exchanged): set aside. Only outdated: fetched below.
            edited = [
                p for p, digest in local.files.items() if p in stored and stored[p] != digest and self._known.get(p) != digest
            ]  # fmt: skip
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            for path in [*unknown, *edited]:
                await asyncio.to_thread(move_aside, self.folder, path, stamp)
            if unknown or edited:
                log.warning(
                    "seeds: %d files of %s differed from the shared database or were not in it (first: %s): "
                    "kept in %s/%s, not built", len(unknown) + len(edited), self.folder, sorted([*unknown, *edited])[0],
                    ASIDE, stamp,
                )  # fmt: skip
            await self._fetch(connection)
            await self._send(connection, mode="start")
            self.unbuilt.clear()  # the facts are built from this copy right after

    async def fetch(self) -> list[str]:
        """Another process sent a change: make the copy equal to the database (under the lock, briefly);
        returns the files written or removed."""
        async with self._locked(wait=True) as connection, self._exchange:
            return await self._fetch(connection)

    async def send_new(self) -> int:
        """Send the pending articles saved here since the last exchange (nothing else): on the lock of a change
        this process holds, or under the lock."""
        if self._holder is not None:
            return await self._send_exchange_new(self._holder)
        async with self._locked(wait=True) as connection:
            return await self._send_exchange_new(connection)

    async def _send_exchange_new(self, connection: Connection) -> int:
        async with self._exchange:
            return await self._send(connection, mode="new")

    def mark_new(self, path: Path) -> None:
        """A new article saved in pending/ outside a change: sent by send_new (a change leaves it alone)."""
        with contextlib.suppress(ValueError):  # outside this copy: not a shared file
            relative = path.relative_to(self.folder).as_posix()
            self._new.add(relative)
            self._withdrawing.discard(relative)  # saved again after a withdrawal that had not gone through

    async def withdraw(self, paths: list[Path]) -> int:
        """Withdraw these articles, shared and then discarded here (their record failed). When that fails, every
        later send withdraws them, and no fetch brings them back meanwhile."""
        self._withdrawing |= {path.relative_to(self.folder).as_posix() for path in paths}
        self._new -= self._withdrawing
        return await self.send_new()

    def built(self, since: int) -> None:
        """The facts were rebuilt from this copy, begun after fetch number `since`: what was fetched until
        then is in them (a later fetch is not)."""
        if self.fetches == since:
            self.unbuilt.clear()

    async def _stored(self, connection: Connection) -> tuple[dict[str, str], set[str]]:
        rows = await (await connection.execute("SELECT path, digest FROM seed_files")).fetchall()
        tombs = await (await connection.execute("SELECT path FROM seed_removed")).fetchall()
        return (
            {str(path): str(digest) for path, digest in rows if safe(str(path))},
            {str(row[0]) for row in tombs if safe(str(row[0]))},
        )

    async def _fetch(self, connection: Connection) -> list[str]:
        """Make the copy equal to the database: files written where they differ, removed where it holds a
        tombstone, and whatever was changed here by hand set aside (.not-shared/); this process's new pending
        articles stay (they are sent)."""
        stored, tombs = await self._stored(connection)
        local = await asyncio.to_thread(self._digests.read, self.folder)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        wanted: list[str] = []
        aside: list[str] = []
        for path, digest in stored.items():
            mine = local.files.get(path)
            if mine == digest or path in local.kept_out or path in self._withdrawing:
                continue
            if mine is not None and mine != self._known.get(path):
                aside.append(path)  # edited by hand here (or restored from a backup): never built, never sent
            wanted.append(path)
        gone: list[str] = []
        for path, mine in local.files.items():
            if path in stored:
                continue
            if pending(path) and (path in self._new or path not in self._known):
                continue  # this process's own new article, waiting to be sent (even under a name once removed)
            # Removed elsewhere and untouched here: removed. Anything else the database lacks (added or edited by
            # hand, restored from a backup): set aside, so that no process builds what the others do not.
            (gone if path in tombs and mine == self._known.get(path) else aside).append(path)
        for path in aside:
            await asyncio.to_thread(move_aside, self.folder, path, stamp)
        if aside:
            log.warning("seeds: %d files edited here by hand (first: %s) are not the shared ones: kept in %s/%s, "
                        "not built; change the seeds through the bot", len(aside), aside[0], ASIDE, stamp)  # fmt: skip
        for path in gone:  # first: a folder emptied here may be where a fetched file goes
            await asyncio.to_thread(remove, self.folder, path)
        for start in range(0, len(wanted), 100):
            chunk = wanted[start : start + 100]
            cursor = await connection.execute(
                "SELECT path, content FROM seed_files WHERE path = ANY(%s)", (chunk,)
            )
            for found, content in await cursor.fetchall():
                data = content if isinstance(content, bytes) else bytes(memoryview(content))  # type: ignore[arg-type]
                await asyncio.to_thread(write, self.folder, str(found), data, stamp)
        if wanted or gone:
            log.info("seeds: %d files fetched from the database, %d removed", len(wanted), len(gone))
        self._known = dict(stored)
        await asyncio.to_thread(write_manifest, self.folder, self._known)
        to_build = {
            path for path in (*wanted, *gone, *aside) if not {"pending", "rejected"} & set(path.split("/"))
        }
        if to_build:
            self.unbuilt |= to_build
            self.fetches += 1
        return [*wanted, *gone, *(path for path in aside if path not in wanted)]

    async def _send(self, connection: Connection, *, mode: str = "change") -> int:
        """Send what differs from the database, in one transaction: files added or changed, and files removed
        (each leaving a tombstone). A "change" sends all of it but the new articles other tasks saved in pending/
        (marked new: one of them may yet be discarded); "new" sends those; "start" sends pending articles the
        database never had (a stop left them unsent). Every send also withdraws what a withdrawal left."""
        stored, tombs = await self._stored(connection)
        local = await asyncio.to_thread(self._digests.read, self.folder)
        differs = [path for path, digest in local.files.items() if stored.get(path) != digest]
        if mode == "change":
            changed = [path for path in differs if path not in self._new]
            removed = [p for p in stored if p not in local.files and p not in local.kept_out]
        elif mode == "new":
            changed = [path for path in differs if path in self._new]
            removed = []
        else:
            changed = [p for p in differs if p not in stored and pending(p) and p not in tombs]
            removed = []
        removed += [p for p in self._withdrawing if p in stored and p not in removed and p not in local.files]
        self._withdrawing &= set(stored)  # nothing left to withdraw of what the database no longer holds
        if not changed and not removed:
            return 0
        now = dt.datetime.now(dt.UTC).isoformat()
        async with connection.transaction():
            for path in changed:
                try:
                    content = await asyncio.to_thread((self.folder / path).read_bytes)
                except (FileNotFoundError, IsADirectoryError):
                    continue  # gone since the folder was read: sent as removed next time
                await connection.execute(
                    "INSERT INTO seed_files (path, content, digest, updated_at) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (path) DO UPDATE SET content = excluded.content, digest = excluded.digest,"
                    " updated_at = excluded.updated_at",
                    (path, content, digest_of(content), now),
                )
                await connection.execute("DELETE FROM seed_removed WHERE path = %s", (path,))
            for path in removed:
                await connection.execute("DELETE FROM seed_files WHERE path = %s", (path,))
                await connection.execute(
                    "INSERT INTO seed_removed VALUES (%s, %s) ON CONFLICT (path) DO UPDATE SET removed_at = %s",
                    (path, now, now),
                )
            if self.notice is not None:  # delivered when this commits, not before, and not lost after
                await connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self.notice()))
        for path in changed:
            self._known[path] = local.files[path]
            self._new.discard(path)
        for path in removed:
            self._known.pop(path, None)
        self._withdrawing -= set(removed)
        await asyncio.to_thread(write_manifest, self.folder, self._known)
        log.info("seeds: %d files sent to the database, %d removed", len(changed), len(removed))
        return len(changed) + len(removed)
