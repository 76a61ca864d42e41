"""/calendar through the real bot on the local Discord: a private .ics attachment that parses, and the feed's
address when the feed is on."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from pydantic import ValidationError

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import local_settings, start_local_bot
from bot.queries.upcoming import upcoming
from bot.settings import Settings
from tests.calendar.conftest import events, vobject_events
from tests.calendar.test_feed import free_port


async def _download(url: str) -> bytes:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200
        return await response.read()


async def test_a_private_ics_of_exactly_the_upcoming_facts(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2024, 8, 15, 6, 0, tzinfo=dt.UTC))
    reply = await discord.slash("/calendar")
    assert reply.ephemeral and reply.kind == "deferred"
    (attachment,) = reply.message["attachments"]
    assert attachment["filename"] == "emily-in-paris.ics" and attachment["ephemeral"]
    body = await _download(attachment["url"])
    assert attachment["size"] == len(body)
    shown = {f"{m.fact.id}@emily-in-paris.savoir" for m in upcoming(savoir.facts.facts, clock.now()).ahead}
    assert set(events(body)) == set(vobject_events(body)) == shown and len(shown) == 4
    assert reply.content.startswith("Here are the 4 upcoming dates as a calendar file")
    assert "webcal://" not in reply.content, "no feed address while the feed is off"


async def test_in_french_and_when_nothing_lies_ahead(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2024, 9, 1, tzinfo=dt.UTC))
    reply = await discord.slash("/calendar", locale="fr")
    assert reply.content.startswith("Voici les 2 dates à venir en fichier d'agenda")
    summaries = {
        str(e["SUMMARY"]) for e in events(await _download(reply.message["attachments"][0]["url"])).values()
    }
    assert "Emily in Paris — Saison 4, partie 2 : première" in summaries
    clock.set(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    nothing = await discord.slash("/calendar", user="moderator")
    assert nothing.ephemeral and nothing.message["attachments"] == []
    assert nothing.content == "My articles give no upcoming date yet, so there is no calendar file to send."


@pytest.fixture
async def with_feed(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[SavoirBot]:
    settings = local_settings(discord, seeds_copy, tmp_path)
    settings.calendar_port = free_port()
    running = await start_local_bot(discord, settings, clock)
    yield running.bot
    await running.stop()


async def test_the_feed_address_is_shown_and_serves_the_same_calendar(
    discord: LocalDiscord, with_feed: SavoirBot, clock: ManualClock
) -> None:
    port = with_feed.settings.calendar_port
    reply = await discord.slash("/calendar")
    address = f"webcal://127.0.0.1:{port}/calendar.ics"
    assert "webcal://" not in reply.content, "127.0.0.1 on a member's phone is the phone itself: not shown"
    attached = await _download(reply.message["attachments"][0]["url"])
    served = await _download(address.replace("webcal://", "http://"))
    assert served == attached, "the same facts, the same versions, the same bytes"
    with_feed.settings.calendar_public_url = "webcal://calendar.example.org/emily.ics"
    behind_proxy = await discord.slash("/calendar", user="moderator")
    assert behind_proxy.content.endswith("webcal://calendar.example.org/emily.ics")
    await with_feed.close()
    with pytest.raises(aiohttp.ClientConnectionError):
        await _download(address.replace("webcal://", "http://"))


@pytest.mark.parametrize(
    "address",
    ["webcal://x.org/[a](https://evil)", "webcal://x.org/<@&1>", "webcal://x.org/a b", "javascript:alert(1)",
     "webcal://x.org/||spoiler||", "webcal://x.org/\u202e"],
)  # fmt: skip
def test_a_public_address_must_be_a_plain_web_address(address: str) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, calendar_public_url=address)
