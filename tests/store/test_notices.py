"""Change notices between processes sharing PostgreSQL: heard by the others, not by the sender, read again
after the listening connection was lost; with SQLite nothing is sent."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import psycopg
import pytest

from bot.store.notices import EVENTS, SEEDS, SETTINGS, Notices
from bot.store.state import StateStore

TOPICS_HEARD = (SETTINGS, EVENTS, SEEDS)


class Heard:
    """What one process's listeners were told."""

    def __init__(self) -> None:
        self.topics: list[str] = []
        self.queue: asyncio.Queue[str] = asyncio.Queue()

    def listener(self, topic: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            self.topics.append(topic)
            self.queue.put_nowait(topic)

        return run


@pytest.fixture
async def two_processes(postgres_dsn: str) -> AsyncIterator[tuple[Notices, Notices, Heard]]:
    stores = [await StateStore.open_postgres(postgres_dsn) for _ in range(2)]
    sender, receiver = (Notices(store.database, postgres_dsn) for store in stores)
    heard = Heard()
    for topic in TOPICS_HEARD:
        receiver.subscribe(topic, heard.listener(topic))
        sender.subscribe(topic, heard.listener(f"own {topic}"))
    for notices in (sender, receiver):
        notices.start()
        await asyncio.wait_for(notices.listening.wait(), 10)
    # Listening begins with every listener run once (changes made before it may have been missed).
    assert sorted(heard.topics) == sorted([*TOPICS_HEARD, *(f"own {topic}" for topic in TOPICS_HEARD)])
    heard.topics.clear()
    while not heard.queue.empty():
        heard.queue.get_nowait()
    yield sender, receiver, heard
    for notices in (sender, receiver):
        await notices.stop()
    for store in stores:
        await store.close()


@pytest.mark.postgres
async def test_a_change_is_heard_by_the_others_only(two_processes: tuple[Notices, Notices, Heard]) -> None:
    sender, receiver, heard = two_processes
    await sender.publish(SETTINGS)
    await sender.publish(SEEDS)
    assert [await asyncio.wait_for(heard.queue.get(), 5) for _ in range(2)] == [SETTINGS, SEEDS]
    await asyncio.sleep(0.2)  # time for a stray notice to arrive
    assert heard.topics == [SETTINGS, SEEDS]  # in order, and never "own ..."
    assert receiver.heard == 2 and sender.heard == 0


@pytest.mark.postgres
async def test_after_a_lost_connection_everything_is_read_again(
    two_processes: tuple[Notices, Notices, Heard], postgres_dsn: str
) -> None:
    _, receiver, heard = two_processes
    receiver.listening.clear()
    async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as admin:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%%' AND pid <> pg_backend_pid()"
        )
    await asyncio.wait_for(receiver.listening.wait(), 15)
    async with asyncio.timeout(5):  # a notice may have been missed meanwhile: everything is read again
        while {SETTINGS, EVENTS, SEEDS} - set(heard.topics):
            await heard.queue.get()


@pytest.mark.postgres
async def test_a_notice_that_cannot_be_read_is_ignored(
    two_processes: tuple[Notices, Notices, Heard], postgres_dsn: str
) -> None:
    sender, _, heard = two_processes
    async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as other:
        await other.execute("SELECT pg_notify('savoir_changes', 'not json')")
        await other.execute("SELECT pg_notify('savoir_changes', %s)", ("[" * 7000,))  # too deep for json
        await other.execute(
            "SELECT pg_notify('savoir_changes', %s)", ('{"topic": "seeds", "from": "' + "x" * 5000 + '"}',)
        )
        await other.execute("""SELECT pg_notify('savoir_changes', '{"topic": "unknown", "from": "x"}')""")
    await sender.publish(EVENTS)
    assert await asyncio.wait_for(heard.queue.get(), 5) == EVENTS
    assert heard.topics == [EVENTS]


async def test_sqlite_has_no_one_to_tell(tmp_path: Path) -> None:
    store = await StateStore.open(tmp_path / "state.db")
    try:
        notices = Notices(store.database, "postgresql://ignored")
        notices.start()
        await notices.publish(SETTINGS)  # no error, no task, no server
        assert not notices.listening.is_set()
        await notices.stop()
    finally:
        await store.close()
