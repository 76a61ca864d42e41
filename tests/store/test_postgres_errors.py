"""What a host reads when PostgreSQL cannot be used: the reason, never the password or a piece of it, whatever
typo the address holds."""

from __future__ import annotations

import pytest

from bot.store.database import DatabaseUnavailableError
from bot.store.postgres import PostgresDatabase


@pytest.mark.parametrize(
    ("url", "pieces"),
    [
        ("host=127.0.0.1 port=1 user=x password=hunter2 s3cretpart", ["s3cretpart", "hunter2"]),
        ("postgresql://x:p@sswordpart:w0rd@127.0.0.1:1/db", ["ssword", "w0rd"]),
        ("postgresql://savoir:pa@ss@127.0.0.1:1/db", ["ss@"]),
        ("postgresql://savoir:longsecret@127.0.0.1:1/db", ["longsecret"]),
        ("sqlite:///secretfile.db", ["secretfile"]),
    ],
)
async def test_no_piece_of_the_password_is_printed(url: str, pieces: list[str]) -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        await PostgresDatabase.open(url)
    message = str(raised.value)
    assert message.startswith("PostgreSQL could not be reached: ")
    assert not [piece for piece in pieces if piece in message], message
