"""A service manager's SIGTERM (and Ctrl-C's SIGINT) stops a real bot process on the local Discord cleanly
within 5 seconds: gateway closed, countdown stopped with nothing left half-posted, databases closed whole."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from bot.local_discord import LocalDiscord
from tests.conftest import seeds_fingerprint


async def _line_with(stream: asyncio.StreamReader, wanted: str, seconds: float) -> list[str]:
    seen: list[str] = []
    async with asyncio.timeout(seconds):
        while True:
            line = (await stream.readline()).decode("utf-8", "replace")
            if not line:
                raise AssertionError(f"the bot exited before {wanted!r}:\n" + "".join(seen))
            seen.append(line)
            if wanted in line:
                return seen


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_stops_the_bot_cleanly(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, number: signal.Signals
) -> None:
    data = tmp_path / "data"
    before = await asyncio.to_thread(seeds_fingerprint, seeds_copy)
    environment = {
        **os.environ, "DISCORD_TOKEN": discord.token, "DISCORD_API_BASE": f"http://127.0.0.1:{discord.port}",
        "DEV_GUILD_ID": str(discord.world.guild_id), "SEEDS_DIR": str(seeds_copy),
        "SAVOIR_DATA_DIR": str(data), "LOG_LEVEL": "INFO",
    }  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=environment, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        start = await _line_with(process.stderr, "connected as", 60)
        assert any(str(data.resolve()) in line for line in start), "the data directory is shown at start"
        # A countdown channel: the seeds' dates are long past, so the dispatcher records them as skipped.
        reply = await discord.slash(
            "/countdown channel", user="moderator", options={"channel": "#announcements"}, timeout=15
        )
        assert reply.kind in ("message", "deferred")
        await asyncio.sleep(0.5)
        began = time.monotonic()
        process.send_signal(number)
        rest = await _line_with(process.stderr, "stopped:", 5)
        code = await asyncio.wait_for(process.wait(), 5)
        took = time.monotonic() - began
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert code == 0 and took < 5, (code, took, "".join(rest))
    assert "Traceback" not in "".join(rest)
    _check_left_behind(tmp_path, data, seeds_copy, before)


def _check_left_behind(tmp_path: Path, data: Path, seeds_copy: Path, before: str) -> None:
    """The databases closed whole, nothing half-posted, nothing written outside the data directory."""
    assert sorted(path.name for path in data.iterdir() if path.name.startswith("state.db")) == ["state.db"], (
        "the state database was closed and its log merged"
    )
    with sqlite3.connect(data / "state.db") as state:
        assert state.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        statuses = dict(
            state.execute("SELECT status, COUNT(*) FROM countdown_posts GROUP BY status").fetchall()
        )
    assert statuses.get("claimed", 0) == 0, statuses
    written = {path.name for path in tmp_path.iterdir()}
    assert written == {"seeds", "data"}, "the bot writes into its data directory only"
    assert seeds_fingerprint(seeds_copy) == before, "the articles are never written by a run"


async def test_while_discord_does_not_answer_health_is_served_and_sigterm_is_a_clean_stop(
    seeds_copy: Path, tmp_path: Path
) -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(60)  # accepts, never answers: a Discord that hangs

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    api_port = server.sockets[0].getsockname()[1]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        metrics_port = probe.getsockname()[1]
    environment = {
        **os.environ, "DISCORD_TOKEN": "a-token", "DISCORD_API_BASE": f"http://127.0.0.1:{api_port}",
        "SEEDS_DIR": str(seeds_copy), "SAVOIR_DATA_DIR": str(tmp_path / "data"), "METRICS_PORT": str(metrics_port),
    }  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=environment, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        await _line_with(process.stderr, "health and metrics on", 60)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{metrics_port}/healthz") as response:
                assert response.status == 200
            async with http.get(f"http://127.0.0.1:{metrics_port}/readyz") as response:
                assert response.status == 503 and "gateway not connected" in await response.text()
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 10)
        rest = (await process.stderr.read()).decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        server.close()
    assert code == 0, rest
    assert "cannot reach Discord" not in rest and "Traceback" not in rest
