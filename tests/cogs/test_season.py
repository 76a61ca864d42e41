"""/season: everything known about a season, the unknown season, autocomplete, French."""

from __future__ import annotations

from bot.client import SavoirBot
from bot.local_discord import LocalDiscord

PART_1 = 1723705200  # 2024-08-15 00:00 America/Los_Angeles
PART_2 = 1726124400  # 2024-09-12 00:00 America/Los_Angeles


def _fields(reply_embed: dict[str, object]) -> dict[str, str]:
    return {item["name"]: item["value"] for item in reply_embed.get("fields", [])}  # type: ignore[attr-defined]


async def test_season_4_premieres_story_and_sources(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/season", number=4)
    fields = _fields(reply.embed)
    assert reply.embed["title"] == "Season 4 (2024)"
    assert fields["Premiere"] == (
        f"• Part 1: <t:{PART_1}:F> (<t:{PART_1}:R>)\n• Part 2: <t:{PART_2}:F> (<t:{PART_2}:R>)"
    )
    assert fields["Story"].startswith("• Season four begins after the dramatic events of Camille and Gabriel")
    assert fields["Sources"] == "`000_f560432dccdcb3a0.txt`, 12 August 2024"


async def test_season_1_audience_and_ranking(discord: LocalDiscord, savoir: SavoirBot) -> None:
    fields = _fields((await discord.slash("/season", number=1)).embed)
    assert fields["Audience"] == "• 58 million households in its first 28 days"
    assert fields["Rankings"] == "• Netflix's most popular comedy series of 2020"


async def test_season_2_production(discord: LocalDiscord, savoir: SavoirBot) -> None:
    fields = _fields((await discord.slash("/season", number=2)).embed)
    assert fields["Production"].startswith("• Began 3 May 2021 (<t:")
    assert fields["Production"].endswith("in Paris, St. Tropez and other locations in France")


async def test_an_unknown_season_lists_the_known_ones(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/season", number=7)
    assert reply.embed["title"] == "Season 7: nothing yet"
    assert reply.embed["description"] == "I know nothing about season 7 yet. Seasons I know: 1, 2, 4."


async def test_autocomplete_offers_the_known_seasons(discord: LocalDiscord, savoir: SavoirBot) -> None:
    offered = await discord.autocomplete("/season", "number", "")
    assert offered.choices == [
        {"name": "Season 1 (2020)", "value": 1},
        {"name": "Season 2", "value": 2},
        {"name": "Season 4 (2024)", "value": 4},
    ]
    assert [
        c["value"] for c in (await discord.autocomplete("/season", "number", "4", locale="fr")).choices
    ] == [4]


async def test_french(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/season", number=4, locale="fr")
    fields = _fields(reply.embed)
    assert reply.embed["title"] == "Saison 4 (2024)"
    assert fields["Première"].startswith(f"• Partie 1 : <t:{PART_1}:F>")
    assert fields["Sources"] == "`000_f560432dccdcb3a0.txt`, 12 août 2024"
    season_2 = _fields((await discord.slash("/season", number=2, locale="fr")).embed)
    assert season_2["Tournage"].startswith("• Commencé 3 mai 2021")
