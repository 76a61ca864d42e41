"""/upcoming: what lies ahead of the bot's clock, soonest first; the past when nothing does."""

from __future__ import annotations

import datetime as dt

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord

TICKETS_14 = 1723651200  # 2024-08-14 12:00 America/New_York
PART_1 = 1723705200  # 2024-08-15 00:00 America/Los_Angeles
TICKETS_15 = 1723737600  # 2024-08-15 12:00 America/New_York
PART_2 = 1726124400


async def test_soonest_first_on_1_august_2024(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2024, 8, 1, tzinfo=dt.UTC))
    lines = (await discord.slash("/upcoming")).embed["description"].splitlines()
    assert lines == [
        "Tickets for **Emily in Paris: The Magic Behind the Scenes** go on sale to Paley individual, family and "
        f"supporting members: <t:{TICKETS_14}:F> (<t:{TICKETS_14}:R>), 12:00 in New York",
        f"**Season 4 Part 1** premieres <t:{PART_1}:F> (<t:{PART_1}:R>)",
        "Tickets for **Emily in Paris: The Magic Behind the Scenes** go on sale to the general public: "
        f"<t:{TICKETS_15}:F> (<t:{TICKETS_15}:R>), 12:00 in New York",
        f"**Season 4 Part 2** premieres <t:{PART_2}:F> (<t:{PART_2}:R>)",
        "**Emily in Paris: The Magic Behind the Scenes**, The Paley Museum, midtown Manhattan, New York: "
        "17 September 2024 (<t:1726588800:R>)",
    ]


async def test_a_kind_narrows_the_list(discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock) -> None:
    clock.set(dt.datetime(2024, 8, 15, 6, 0, tzinfo=dt.UTC))
    reply = await discord.slash("/upcoming", kind="premiere")
    assert reply.embed["title"] == "Coming up: premieres"
    assert [line.split(" premieres")[0] for line in reply.embed["description"].splitlines()] == [
        "**Season 4 Part 1**", "**Season 4 Part 2**",
    ]  # fmt: skip
    tickets = await discord.slash("/upcoming", kind="ticket_sale", user="moderator")
    assert tickets.embed["description"].count("Tickets for") == 1, (
        "only the general-public sale is still ahead"
    )


async def test_nothing_ahead_shows_the_latest_past_dates(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC))
    lines = (await discord.slash("/upcoming")).embed["description"].splitlines()
    assert lines[0] == "Nothing lies ahead in my articles. The most recent dates, all past:"
    assert lines[1].startswith("**Emily in Paris: The Magic Behind the Scenes**") and lines[1].endswith(
        ":R>)"
    )
    # Each line's timestamp already reads "2 months ago": no "(past)" after it.
    assert all((":R>" in line) != line.endswith("(past)") for line in lines[1:]) and len(lines) == 6


async def test_french(discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock) -> None:
    clock.set(dt.datetime(2024, 9, 1, tzinfo=dt.UTC))
    reply = await discord.slash("/upcoming", locale="fr")
    assert reply.embed["title"] == "À venir"
    assert reply.embed["description"].splitlines() == [
        f"**Saison 4, partie 2** : première <t:{PART_2}:F> (<t:{PART_2}:R>)",
        "**Emily in Paris: The Magic Behind the Scenes**, The Paley Museum, midtown Manhattan, New York : "
        "17 septembre 2024 (<t:1726588800:R>)",
    ]
