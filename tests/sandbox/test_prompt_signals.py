"""Leaving the sandbox's prompt with Ctrl-C (SIGINT) or a SIGTERM: exit 0, no traceback, no hang; and a
missing seeds folder is one line, not a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_at_the_prompt_leaves_cleanly(
    seeds_copy: Path, tmp_path: Path, number: signal.Signals
) -> None:
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "bot", "sandbox", "--seeds", str(seeds_copy)],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert sandbox.stdout is not None and sandbox.stderr is not None
        os.set_blocking(sandbox.stdout.fileno(), False)
        shown, deadline = b"", time.monotonic() + 60
        while b"member> " not in shown and time.monotonic() < deadline:
            shown += sandbox.stdout.read() or b""
            time.sleep(0.05)
        assert b"member> " in shown, "the prompt never came"
        sandbox.send_signal(number)
        assert sandbox.wait(15) == 0
        assert b"Traceback" not in sandbox.stderr.read()
    finally:
        if sandbox.poll() is None:
            sandbox.kill()
            sandbox.wait()


def test_a_missing_seeds_folder_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--seeds", str(tmp_path / "nowhere"), "-c", "/about"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"error: {tmp_path / 'nowhere'} is not a folder of articles (set SEEDS_DIR or --seeds)"
    )
