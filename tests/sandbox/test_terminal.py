"""Replies shown in a terminal as a Discord client shows them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox.terminal import relative, render_message, show_timestamps

NOW = dt.datetime(2024, 8, 1, 0, 0, tzinfo=dt.UTC)
PREMIERE = int(dt.datetime(2024, 8, 15, 7, 0, tzinfo=dt.UTC).timestamp())


def test_timestamps_in_the_readers_zone() -> None:
    text = f"Part 1: <t:{PREMIERE}:F> (<t:{PREMIERE}:R>)"
    assert (
        show_timestamps(text, ZoneInfo("UTC"), NOW)
        == "Part 1: Thursday, 15 August 2024 07:00 UTC (in 14 days)"
    )
    assert show_timestamps(text, ZoneInfo("America/Los_Angeles"), NOW) == (
        "Part 1: Thursday, 15 August 2024 00:00 PDT (in 14 days)"
    )
    assert (
        show_timestamps(f"<t:{PREMIERE}:d> <t:{PREMIERE}:t>", ZoneInfo("Europe/Paris"), NOW)
        == "15/08/2024 09:00"
    )


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (dt.timedelta(days=14), "in 14 days"),
        (dt.timedelta(hours=1), "in 1 hour"),
        (-dt.timedelta(days=800), "2 years ago"),
        (dt.timedelta(seconds=30), "in 30 seconds"),
    ],
)
def test_relative_times(delta: dt.timedelta, expected: str) -> None:
    assert relative(NOW + delta, NOW) == expected


def test_an_embed_reads_as_text() -> None:
    message = {"embeds": [{"title": "About", "description": "Hello", "fields": [{"name": "Loaded", "value": "a\nb"}],
                           "footer": {"text": "v1"}}]}  # fmt: skip
    assert render_message(message, ZoneInfo("UTC"), NOW, ephemeral=True) == (
        "(only you can see this)\n== About ==\nHello\n[Loaded]\n  a\n  b\n-- v1"
    )
