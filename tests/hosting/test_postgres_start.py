"""`savoir run` on a PostgreSQL it cannot use: one line with the reason, exit 5, never a traceback or the
password, whatever form DATABASE_URL takes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.conftest import SEEDS
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres
SECRET = "pw-secret-41"


def _run(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"DISCORD_TOKEN": "x", "SEEDS_DIR": str(SEEDS), "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=90, check=False)  # fmt: skip


@pytest.fixture
def limited(postgres_server: PostgresServer) -> str:
    """A database the role `limited` may log in to but not create tables in (PostgreSQL 15's default)."""
    name = postgres_server.create_database().rsplit("/", 1)[1]
    with psycopg.connect(postgres_server.dsn(), autocommit=True) as admin:
        admin.execute(f"DROP ROLE IF EXISTS limited; CREATE ROLE limited LOGIN PASSWORD '{SECRET}'")
    return f"postgresql://limited:{SECRET}@127.0.0.1:{postgres_server.port}/{name}"


def test_a_database_where_the_tables_cannot_be_made(tmp_path: Path, limited: str) -> None:
    result = _run(tmp_path, limited)
    assert result.returncode == 5, result.stderr
    assert (
        "error: the state database cannot be used: the bot's tables could not be made or read"
        in result.stderr
    )
    assert "permission denied" in result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr


def test_a_database_that_does_not_exist_is_named(tmp_path: Path, postgres_server: PostgresServer) -> None:
    result = _run(
        tmp_path, f"host=127.0.0.1 port={postgres_server.port} user=postgres password={SECRET} dbname=nope"
    )
    assert result.returncode == 5, result.stderr
    assert (
        "PostgreSQL could not be reached: connection failed" in result.stderr
        or 'database "nope" does not exist' in result.stderr
    )
    assert "state database PostgreSQL (DATABASE_URL)" in result.stderr  # the key=value form is not shown
    assert "Traceback" not in result.stderr and SECRET not in result.stderr


def test_an_address_that_is_not_postgresql(tmp_path: Path) -> None:
    result = _run(tmp_path, f"sqlite:///{SECRET}.db")
    assert result.returncode == 5, result.stderr
    assert "PostgreSQL could not be reached" in result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
