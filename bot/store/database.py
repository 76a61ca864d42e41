"""One way to speak to the state database, whichever it is (SQLite in one process, PostgreSQL shared by many):
the ledgers write portable SQL with `?` placeholders and never see the driver."""

from __future__ import annotations

import abc
import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any, ClassVar

import aiosqlite

Row = tuple[Any, ...]


class DatabaseUnavailableError(Exception):
    """The shared database could not be reached, refused us, or holds a schema newer than this bot."""


Args = Sequence[object]


def unreachable(error: BaseException) -> bool:
    """Whether a failure is the shared database's, not ours: the connection was lost or refused, the server
    is shutting down, or it ran out of disk or connections (PostgreSQL's SQLSTATE classes 08, 57P and 53)."""
    state = str(getattr(error, "sqlstate", "") or "")
    if state.startswith(("08", "57P", "53")):
        return True
    # psycopg's OperationalError without a state: the connection itself failed (or the pool gave up waiting).
    return type(error).__module__.startswith(("psycopg", "psycopg_pool")) and type(error).__name__ in (
        "OperationalError", "PoolTimeout", "PoolClosed",
    )  # fmt: skip


class Session(abc.ABC):
    """Statements run inside one transaction (committed when the `transaction()` block ends without error)."""

    @abc.abstractmethod
    async def fetch(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row a query returns."""

    @abc.abstractmethod
    async def execute(self, sql: str, args: Args = ()) -> int:
        """Run one statement; how many rows it changed."""

    @abc.abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Args]) -> None:
        """Run one statement for each row of arguments."""

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row a query returns, or None."""
        rows = await self.fetch(sql, args)
        return rows[0] if rows else None


class Database(abc.ABC):
    """A state database: every call outside `transaction()` is a transaction of its own, committed."""

    dialect: ClassVar[str]

    @abc.abstractmethod
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Session]:
        """Statements that are committed together or not at all."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Close the connections."""

    @abc.abstractmethod
    def exclusive(self, key: int, *, wait: bool = True) -> contextlib.AbstractAsyncContextManager[bool]:
        """A lock every process sharing the database respects, held while the block runs; yields False when
        `wait` is off and another holds it."""

    async def fetch(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row a query returns."""
        async with self.transaction() as session:
            return await session.fetch(sql, args)

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row a query returns, or None."""
        async with self.transaction() as session:
            return await session.fetchone(sql, args)

    async def execute(self, sql: str, args: Args = ()) -> int:
        """Run and commit one statement; how many rows it changed."""
        async with self.transaction() as session:
            return await session.execute(sql, args)

    async def executemany(self, sql: str, rows: Iterable[Args]) -> None:
        """Run one statement for each row of arguments, all committed together."""
        async with self.transaction() as session:
            await session.executemany(sql, rows)


class _SqliteSession(Session):
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def fetch(self, sql: str, args: Args = ()) -> list[Row]:
        async with self._connection.execute(sql, tuple(args)) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]

    async def execute(self, sql: str, args: Args = ()) -> int:
        cursor = await self._connection.execute(sql, tuple(args))
        return int(cursor.rowcount)

    async def executemany(self, sql: str, rows: Iterable[Args]) -> None:
        await self._connection.executemany(sql, [tuple(row) for row in rows])


class SqliteDatabase(Database):
    """The embedded state database: one aiosqlite connection, one transaction at a time."""

    dialect = "sqlite"

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection
        # One connection holds one transaction: a statement of another task must not land inside it.
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        async with self._lock:
            try:
                yield _SqliteSession(self.connection)
            except BaseException:
                await self.connection.rollback()
                raise
            await self.connection.commit()

    async def close(self) -> None:
        await self.connection.close()

    @contextlib.asynccontextmanager
    async def exclusive(self, key: int, *, wait: bool = True) -> AsyncIterator[bool]:
        yield True  # one process holds the file: its own locks are enough
