"""SIGKILL after a change's commit() sent it and before the facts were swapped: the database holds the change,
and the other processes are told (the notice is sent in the send's own transaction)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from bot.store.shared_seeds import SharedSeeds
from bot.store.state import StateStore
from tests.conftest import SEEDS

pytestmark = pytest.mark.postgres

CHILD = r"""
import asyncio, os, signal, sys
from pathlib import Path
import psycopg
from bot.store.shared_seeds import SharedSeeds

async def main(dsn, folder):
    seeds = SharedSeeds(dsn, Path(folder))
    seeds.notice = lambda: '{"topic": "seeds", "from": "child"}'  # what the bot sets
    async with seeds.holding() as change:
        (Path(folder) / "corrections.toml").write_text("# a moderator's correction\n", encoding="utf-8")
        await change.commit()  # FactService._send_change, before the swap
        os.kill(os.getpid(), signal.SIGKILL)  # killed while the new facts are being swapped in

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


async def test_a_change_sent_just_before_a_kill_is_told_to_the_others(
    postgres_dsn: str, tmp_path: Path
) -> None:
    state = await StateStore.open_postgres(postgres_dsn)
    try:
        a = Path(shutil.copytree(SEEDS, tmp_path / "a"))
        await SharedSeeds(postgres_dsn, a).start()
        async with await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as listener:
            await listener.execute("LISTEN savoir_changes")
            child = await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-c", CHILD, postgres_dsn, str(a)],
                env={**os.environ, "PYTHONPATH": os.getcwd()},
                timeout=60,
            )
            assert child.returncode == -9
            held = {
                str(p): bytes(c)
                for p, c in await state.database.fetch("SELECT path, content FROM seed_files")
            }
            assert held["corrections.toml"] == b"# a moderator's correction\n"  # the change is the truth now
            heard = []

            async def first_notice() -> None:
                async for notice in listener.notifies():
                    heard.append(json.loads(notice.payload))
                    return

            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(first_notice(), 3)
            assert heard, "the change is in the database but no process was told to fetch it"
    finally:
        await state.close()
