"""Health and metrics over HTTP, read with a real HTTP client from the real bot on the local Discord."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _sample(exposition: str, name: str, **labels: str) -> float:
    """One sample's value from the Prometheus text format (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    for line in exposition.splitlines():
        if line.startswith(f"{name}{{{wanted}}} ") or (not labels and line.startswith(f"{name} ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


@pytest.fixture
async def metered(discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock):
    settings = local_settings(discord, seeds_copy, tmp_path)
    settings.metrics_port = _free_port()
    running = await start_local_bot(discord, settings, clock)
    yield running.bot, f"http://127.0.0.1:{settings.metrics_port}"
    await running.stop()


async def test_health_readiness_and_metrics(discord: LocalDiscord, metered: tuple[SavoirBot, str]) -> None:
    bot, base = metered
    await discord.slash("/cast", name="Sylvie")
    await discord.slash("/season", number=99)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
        async with http.get(f"{base}/readyz") as response:
            assert response.status == 200, await response.text()
        async with http.get(f"{base}/metrics") as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
            exposition = await response.text()
    assert _sample(exposition, "savoir_commands_total", command="cast", outcome="ok") == 1
    assert _sample(exposition, "savoir_command_seconds_count", command="cast") == 1
    assert _sample(exposition, "savoir_facts", kind="cast") == len(bot.facts.facts.credits) > 0
    assert _sample(exposition, "savoir_facts", kind="articles") == 5
    assert "savoir_countdown_posts" in exposition and "savoir_gateway_latency_seconds" in exposition


async def test_a_reload_is_counted_and_a_closed_bot_is_not_ready(
    discord: LocalDiscord, metered: tuple[SavoirBot, str]
) -> None:
    bot, base = metered
    await discord.slash("/facts reload", user="moderator", timeout=30)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/metrics") as response:
            exposition = await response.text()
        assert _sample(exposition, "savoir_reload_seconds_count", outcome="ok") == 1
        assert _sample(exposition, "savoir_commands_total", command="facts reload", outcome="ok") == 1
        await bot.state.close()
        async with http.get(f"{base}/readyz") as response:
            assert response.status == 503
            assert "state database closed" in await response.text()


async def test_metrics_are_off_unless_a_port_is_given(savoir: SavoirBot) -> None:
    assert savoir.settings.metrics_port is None and savoir._health is None
