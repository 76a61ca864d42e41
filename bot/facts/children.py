"""Hostile input read in a child process: `python -m <module>` with the bytes on stdin, killed at a time limit
(and on any failure or cancellation). Such work never holds the bot's event loop: a regular expression or a
parser running in C holds the interpreter lock, a thread would not help."""

from __future__ import annotations

import asyncio
import math
import os
import sys
from pathlib import Path

import bot

_PACKAGE_ROOT = str(Path(bot.__file__).resolve().parent.parent)


class ChildTimeoutError(Exception):
    """The child ran past its time limit and was killed."""


class ChildFailedError(Exception):
    """The child stopped with an error; `errors` is the end of what it wrote to stderr."""

    def __init__(self, returncode: int | None, errors: bytes) -> None:
        super().__init__(f"exit {returncode}")
        self.returncode, self.errors = returncode, errors


async def run_child(module: str, arguments: list[str], data: bytes, seconds: float) -> bytes:
    """What `python -m module SECONDS arguments...` writes to stdout, given data on stdin. The child is also told
    the limit (a whole second more) so it stops itself if this process is killed first."""
    # Only what Python needs: the child reads hostile input and has no use for the bot's token or settings.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": _PACKAGE_ROOT, "LC_ALL": "C.UTF-8"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, str(math.ceil(seconds) + 1), *arguments,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        async with asyncio.timeout(seconds):
            out, err = await process.communicate(data)
    except TimeoutError:
        raise ChildTimeoutError(module) from None
    finally:
        if process.returncode is None:
            process.kill()
            await asyncio.shield(process.wait())
    if process.returncode != 0:
        raise ChildFailedError(process.returncode, err[-2000:])
    return out
