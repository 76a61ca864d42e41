"""The calendar with several shows: the HTTP feed serves each show at /calendar.ics?show=<key>, /calendar shows
the guild's show's address, and two shows' facts of one id keep their own versions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.calendar_export.service import CalendarService
from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.facts.service import FactService
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from bot.store.state import StateStore
from tests.calendar.test_feed import free_port


@pytest.fixture
async def served(
    discord: LocalDiscord, two_shows: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[SavoirBot]:
    """The bot on two shows with the feed on, behind a public address."""
    settings = local_settings(discord, two_shows, tmp_path).model_copy(
        update={"calendar_port": free_port(), "calendar_public_url": "https://cal.example.org/calendar.ics"}
    )
    running = await start_local_bot(discord, settings, clock)
    yield running.bot
    await running.stop()


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


async def test_each_show_has_its_own_feed(discord: LocalDiscord, served: SavoirBot) -> None:
    base = f"http://127.0.0.1:{served.settings.calendar_port}/calendar.ics"
    status, body = await _get(f"{base}?show=lighthouse")
    assert status == 200 and "The Lighthouse Keepers" in body and "Emily in Paris" not in body
    status, body = await _get(f"{base}?show=emily")
    assert status == 200 and "Emily in Paris" in body and "Lighthouse" not in body
    status, body = await _get(base)
    assert status == 404 and "?show=emily, ?show=lighthouse" in body
    assert (await _get(f"{base}?show=nope"))[0] == 404

    await discord.slash("/setup show", user="moderator", show="lighthouse")
    reply = await discord.slash("/calendar", timeout=30)
    assert "https://cal.example.org/calendar.ics?show=lighthouse" in str(reply.content)


async def test_two_shows_facts_of_one_id_keep_their_own_versions(
    seed_facts: object, tmp_path: Path, clock: ManualClock
) -> None:
    from bot.facts.models import FactSet

    assert isinstance(seed_facts, FactSet)
    state = await StateStore.open(tmp_path / "state.db")
    try:
        first = CalendarService(
            FactService(seed_facts.model_copy(deep=True), clock.now()), state, clock, "one"
        )
        moved = seed_facts.model_copy(deep=True)
        moved.dates = [fact.model_copy(update={"venue": "Elsewhere"}) for fact in moved.dates]
        second = CalendarService(FactService(moved, clock.now()), state, clock, "two")
        await first.current()
        await second.current()
        recorded = await state.calendar_versions()
        ids = {key.split("/", 1)[1] for key in recorded}
        assert {f"one/{fact_id}" for fact_id in ids} | {f"two/{fact_id}" for fact_id in ids} == set(recorded)
        assert {version[1] for version in recorded.values()} == {0}, (
            "neither show bumped the other's SEQUENCE"
        )
    finally:
        await state.close()
