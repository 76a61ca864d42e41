"""Pytest plugin: the `postgres` marker, a PostgreSQL server per session (per xdist worker) and a database per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.postgres_server import MISSING_MESSAGE, PostgresServer, find_postgres_bin, missing_server_outcome


def pytest_configure(config: pytest.Config) -> None:
    """Register the `postgres` marker."""
    config.addinivalue_line(
        "markers",
        "postgres: needs a real PostgreSQL server (skipped when none is installed, failed when CI=true)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A marked test gets the server fixture, and a test using the server gets the marker."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if item.get_closest_marker("postgres") is not None:
            if "postgres_server" not in item.fixturenames:
                # First, so the skip (or the CI failure) comes before any other fixture's work.
                item.fixturenames.insert(0, "postgres_server")
        elif "postgres_server" in item.fixturenames:
            # So `-m "not postgres"` leaves out every test that would start a server.
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server, started on first use; skipped (failed under CI) when none is installed."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        if missing_server_outcome(os.environ) == "fail":
            pytest.fail(MISSING_MESSAGE, pytrace=False)
        pytest.skip(MISSING_MESSAGE)
    server = PostgresServer(bin_dir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_dsn(postgres_server: PostgresServer) -> Iterator[str]:
    """The DSN of a fresh, empty database for this test, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex}"
    dsn = postgres_server.create_database(name)
    try:
        yield dsn
    finally:
        postgres_server.drop_database(name)
