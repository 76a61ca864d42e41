"""Schema versions kept in `PRAGMA user_version`, applied in order."""

from __future__ import annotations

import aiosqlite


class SchemaTooNewError(Exception):
    """A database written by a newer version of the bot than this one."""


async def migrate(connection: aiosqlite.Connection, migrations: list[str]) -> int:
    """Apply the migrations the database lacks, each in its own transaction; return the resulting version."""
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    if version > len(migrations):
        raise SchemaTooNewError(f"schema version {version} is newer than this bot knows ({len(migrations)})")
    for number, script in enumerate(migrations[version:], start=version + 1):
        await connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(migrations)
