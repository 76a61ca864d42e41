"""The build worker: a real child process that answers, fails, is stopped at its time limit, and dies with the bot."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.facts.seed_files import SeedFileError
from bot.facts.worker import WorkerDiedError, WorkerTimeoutError, in_worker
from tests.conftest import REPO


def _fail(reason: str) -> None:
    raise SeedFileError("corrections.toml", 3, reason)


def _gone(pid: int) -> bool:
    """No such process, or a zombie waiting for a parent that reaps it: either way it runs no more."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


async def test_the_worker_answers_and_raises_what_the_work_raised() -> None:
    assert await in_worker(sum, [1, 2, 3], timeout=60) == 6
    with pytest.raises(SeedFileError) as raised:
        await in_worker(_fail, "bad date", timeout=60)
    assert (raised.value.file, raised.value.line, raised.value.reason) == ("corrections.toml", 3, "bad date")
    assert multiprocessing.active_children() == []


async def test_a_worker_past_its_time_limit_is_killed() -> None:
    began = time.monotonic()
    with pytest.raises(WorkerTimeoutError):
        await in_worker(time.sleep, 60.0, timeout=1.0)
    assert time.monotonic() - began < 20
    assert multiprocessing.active_children() == [], "the child was killed, not left building"


async def test_a_worker_that_dies_without_an_answer_is_reported() -> None:
    with pytest.raises(WorkerDiedError) as raised:
        await in_worker(os._exit, 3, timeout=60)
    assert raised.value.exitcode == 3


async def test_a_cancelled_reload_kills_its_worker() -> None:
    work = asyncio.create_task(in_worker(time.sleep, 60.0, timeout=120))
    for _ in range(1000):
        if multiprocessing.active_children():
            break
        await asyncio.sleep(0.02)
    (child,) = multiprocessing.active_children()
    work.cancel()
    with pytest.raises(asyncio.CancelledError):
        await work
    assert _gone(child.pid or 0) and multiprocessing.active_children() == []


PARENT = """
import asyncio, multiprocessing, time
from bot.facts.worker import in_worker

async def main():
    work = asyncio.create_task(in_worker(time.sleep, 600.0, timeout=900))
    while not multiprocessing.active_children():
        await asyncio.sleep(0.02)
    print(multiprocessing.active_children()[0].pid, flush=True)
    await work

asyncio.run(main())
"""


def test_a_killed_bot_leaves_no_worker_running() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert not _gone(child), "the worker is running"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while not _gone(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(child), "the worker outlived the bot that started it"
    finally:
        parent.kill()
        parent.wait(10)
