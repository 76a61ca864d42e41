"""Fixtures for the state store's PostgreSQL tests: an opened store (its tables made) and its address."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.store.state import StateStore


@pytest.fixture
async def state(postgres_dsn: str) -> AsyncIterator[StateStore]:
    """The state store on a fresh PostgreSQL database (its tables made)."""
    store = await StateStore.open_postgres(postgres_dsn)
    yield store
    await store.close()


@pytest.fixture
def dsn(state: StateStore, postgres_dsn: str) -> str:
    """The address of that database, once its tables are made."""
    return postgres_dsn
