"""Running CPU work (a build) in a child process that has a time limit and dies with the bot.

The child is spawned (no inherited threads or sockets). It holds the read end of a pipe whose write end only the
bot holds: when the bot dies, however it dies (kill -9 included), the pipe reaches end of file and the child
exits at once instead of building on for minutes. Past the time limit the child is killed."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
A = TypeVar("A")

# How often the child also compares its parent's pid, in case the pipe is somehow still held elsewhere.
_PARENT_CHECK_SECONDS = 1.0


class WorkerTimeoutError(Exception):
    """The work did not finish within its time limit; the child was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the work took longer than {seconds:g} s and was stopped")
        self.seconds = seconds


class WorkerDiedError(Exception):
    """The child stopped without an answer (killed, out of memory); its exit code says how."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"the worker process stopped without an answer (exit code {exitcode})")
        self.exitcode = exitcode


def _watch_parent(lifeline: Connection, parent: int) -> None:
    """In the child: exit as soon as the parent is gone (its end of the lifeline closed, or a new parent pid)."""
    while True:
        try:
            if lifeline.poll(_PARENT_CHECK_SECONDS):
                break  # the parent never writes: readable means end of file
        except (OSError, EOFError):
            break
        if os.getppid() != parent:
            break
    os._exit(1)


def _child(
    function: Callable[[Any], Any], argument: Any, results: Connection, lifeline: Connection, parent: int
) -> None:
    threading.Thread(target=_watch_parent, args=(lifeline, parent), daemon=True, name="lifeline").start()
    try:
        outcome: tuple[str, Any] = ("ok", function(argument))
    except BaseException as error:  # every failure goes back to the parent, which decides what it means
        outcome = ("error", error)
    try:
        results.send(outcome)
    except Exception as error:  # an answer or an error that cannot be pickled
        results.send(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({error})")))


def _receive(results: Connection) -> tuple[str, Any] | None:
    try:
        return results.recv()  # type: ignore[no-any-return]
    except (EOFError, OSError):
        return None


async def in_worker(function: Callable[[A], T], argument: A, *, timeout: float) -> T:
    """Run function(argument) in a fresh child process and return its result, or raise what it raised.

    Raises WorkerTimeoutError past `timeout` seconds and WorkerDiedError when the child stops without an
    answer. The child is gone when this returns, whatever happened (cancellation included).
    """
    context = multiprocessing.get_context("spawn")
    results, sender = context.Pipe(duplex=False)
    watched, lifeline = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(function, argument, sender, watched, os.getpid()),
        daemon=True,
        name="savoir-build",
    )
    try:
        process.start()
    finally:
        sender.close()  # the child's copies: our ends see end of file when the child is gone
        watched.close()
    receiving = asyncio.ensure_future(asyncio.to_thread(_receive, results))
    try:
        try:
            outcome = await asyncio.wait_for(asyncio.shield(receiving), timeout)
        except TimeoutError as error:
            raise WorkerTimeoutError(timeout) from error
    finally:
        if process.is_alive():
            process.kill()
        # The receiving thread ends once the child is gone; wait for it before closing what it reads.
        with contextlib.suppress(BaseException):
            await asyncio.shield(receiving)
        await asyncio.to_thread(process.join)
        results.close()
        lifeline.close()
    if outcome is None:
        raise WorkerDiedError(process.exitcode)
    status, value = outcome
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]
