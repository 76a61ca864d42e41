"""The state database in PostgreSQL (DATABASE_URL=postgresql://...), shared by every bot process: a small
connection pool, the ledgers' portable SQL turned into psycopg's, and versioned migrations."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import AsyncIterator, Iterable

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import AsyncConnectionPool

from bot.store.database import Args, Database, DatabaseUnavailableError, Row, Session
from bot.store.postgres_schema import MIGRATIONS

log = logging.getLogger(__name__)
# Every process takes this lock while it migrates, so two starting at once never apply a step twice.
MIGRATION_LOCK = 0x5A56_0117
CONNECT_SECONDS = 10.0
# How long a statement waits for a connection (the server gone): then the member is told, not left waiting.
WAIT_SECONDS = 5.0


@functools.lru_cache(maxsize=512)
def psycopg_sql(sql: str) -> str:
    """The ledgers' `?` placeholders as psycopg's `%s`; a literal `%` doubled (psycopg reads `%` everywhere),
    a `?` inside a quoted string kept."""
    out: list[str] = []
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
            out.append(char)
        elif char == "%":
            out.append("%%")
        elif char == "?" and not quoted:
            out.append("%s")
        else:
            out.append(char)
    return "".join(out)


def said(error: BaseException, url: str) -> str:
    """An error's first line for a host to read, never with the address's password (or the address)."""
    text = (str(error).strip().splitlines() or [error.__class__.__name__])[0][:300]
    # Where a password can be, even mistyped: a URL's user part, and all that follows "password=". libpq
    # quotes the part it could not parse, so any word of the message found there is hidden.
    hidden = [url.split("://", 1)[1].rsplit("@", 1)[0]] if "://" in url and "@" in url else []
    hidden += [url.split("password=", 1)[1]] if "password=" in url else []
    hidden += [url.split("://", 1)[1]] if url.startswith("sqlite") and "://" in url else []
    text = re.sub(
        r"[^\s\"']{3,}", lambda m: "***" if any(m.group(0) in part for part in hidden) else m.group(0), text
    )
    secrets = [url]
    with contextlib.suppress(Exception):
        secrets.append(str(conninfo_to_dict(url).get("password") or ""))
    for secret in secrets:
        if len(secret) >= 4:  # a one-letter "password" parsed from a typo would garble the message
            text = text.replace(secret, "***")
    return text or error.__class__.__name__


def _statement(sql: str, args: Args) -> tuple[str, tuple[object, ...] | None]:
    """The query and its parameters as psycopg takes them: without arguments the text goes as it is (so a
    migration's several statements run in one call and a `%` stays a `%`)."""
    return (psycopg_sql(sql), tuple(args)) if args else (sql, None)


class _PostgresSession(Session):
    def __init__(self, connection: psycopg.AsyncConnection[Row]) -> None:
        self._connection = connection

    async def fetch(self, sql: str, args: Args = ()) -> list[Row]:
        async with self._connection.cursor() as cursor:
            await cursor.execute(*_statement(sql, args))
            return list(await cursor.fetchall()) if cursor.description else []

    async def execute(self, sql: str, args: Args = ()) -> int:
        async with self._connection.cursor() as cursor:
            await cursor.execute(*_statement(sql, args))
            return max(cursor.rowcount, 0)

    async def executemany(self, sql: str, rows: Iterable[Args]) -> None:
        batch = [tuple(row) for row in rows]
        if batch:
            async with self._connection.cursor() as cursor:
                await cursor.executemany(psycopg_sql(sql), batch)


class PostgresDatabase(Database):
    """The shared state database: a pool of a few connections, each statement in its own transaction unless
    grouped by `transaction()`."""

    dialect = "postgresql"

    def __init__(self, pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]], url: str) -> None:
        self.pool = pool
        self.url = url

    @classmethod
    async def open(cls, url: str, *, max_size: int = 4) -> PostgresDatabase:
        """Connect, migrate to this bot's schema, and return the database; DatabaseUnavailableError when the
        server cannot be reached in CONNECT_SECONDS or holds a newer schema."""
        authority = url.split("://", 1)[1].split("/", 1)[0] if "://" in url else ""
        if authority.count("@") > 1:
            # libpq would split at the first "@" and quote the rest (a piece of the password) as the host.
            raise DatabaseUnavailableError(
                "PostgreSQL could not be reached: DATABASE_URL holds more than one '@' before the host;"
                " write each '@' of its user name or secret as %40"
            )
        try:
            # One connection first: its error says why (refused, no such database, wrong password); a pool
            # would only time out and repeat it in its log.
            probe = await psycopg.AsyncConnection.connect(url, connect_timeout=int(CONNECT_SECONDS))
            await probe.close()
        except (psycopg.Error, OSError) as error:
            raise DatabaseUnavailableError(f"PostgreSQL could not be reached: {said(error, url)}") from None
        pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]] = AsyncConnectionPool(
            url, min_size=1, max_size=max_size, open=False, kwargs={"autocommit": True},
            check=AsyncConnectionPool.check_connection, name="savoir-state", timeout=WAIT_SECONDS,
        )  # fmt: skip
        try:
            await pool.open(wait=True, timeout=CONNECT_SECONDS)
        except Exception as error:
            await pool.close()
            raise DatabaseUnavailableError(f"PostgreSQL could not be reached: {said(error, url)}") from None
        database = cls(pool, url)
        try:
            await database.migrate()
        except psycopg.Error as error:
            await pool.close()
            raise DatabaseUnavailableError(
                f"the bot's tables could not be made or read: {said(error, url)}"
            ) from None
        except BaseException:
            await pool.close()
            raise
        return database

    async def migrate(self) -> int:
        """Apply the steps the database lacks, under a lock every process takes; return the version."""
        async with self.transaction() as session:
            await session.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            await session.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = await session.fetchone("SELECT max(version) FROM schema_version")
            version = int(row[0]) if row and row[0] is not None else 0
            if version > len(MIGRATIONS):
                raise DatabaseUnavailableError(
                    f"the database's schema version {version} is newer than this bot knows ({len(MIGRATIONS)})"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                await session.execute(script)
                await session.execute("INSERT INTO schema_version VALUES (?)", (number,))
                log.info("state database (PostgreSQL) migrated to version %d", number)
        return len(MIGRATIONS)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Session]:
        async with self.pool.connection() as connection, connection.transaction():
            yield _PostgresSession(connection)

    async def close(self) -> None:
        await self.pool.close()

    @contextlib.asynccontextmanager
    async def exclusive(self, key: int, *, wait: bool = True) -> AsyncIterator[bool]:
        # A session lock on a connection kept for the block: a process that dies releases it with its connection.
        async with self.pool.connection() as connection:
            if wait:
                await connection.execute("SELECT pg_advisory_lock(%s)", (key,))
            else:
                row = await (await connection.execute("SELECT pg_try_advisory_lock(%s)", (key,))).fetchone()
                if not (row and row[0]):
                    yield False
                    return
            try:
                yield True
            finally:
                try:
                    await asyncio.shield(connection.execute("SELECT pg_advisory_unlock(%s)", (key,)))
                except Exception:
                    # Never back into the pool still holding the lock: closed, the server lets it go.
                    log.warning("could not release lock %#x: closing its connection", key, exc_info=True)
                    await connection.close()
