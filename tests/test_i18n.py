"""Both languages say everything, with the same blanks to fill; commands are localized for Discord."""

from __future__ import annotations

import datetime as dt
import string

from bot.i18n import CATALOGUES, day, language_of, month, text
from bot.local_discord import LocalDiscord


def _blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_catalogues_have_the_same_keys_and_blanks() -> None:
    english, french = CATALOGUES["en"], CATALOGUES["fr"]
    assert set(english) == set(french)
    for key, template in english.items():
        assert _blanks(template) == _blanks(french[key]), key


def test_dates_in_each_language() -> None:
    assert day(dt.date(2024, 8, 15), "fr") == "15 août 2024"
    assert day(dt.date(2024, 8, 1), "fr") == "1er août 2024"
    assert day(dt.date(2024, 8, 15), "en-US") == "15 August 2024"
    assert month(2024, 9, "fr") == "septembre 2024"


def test_locales() -> None:
    assert language_of("fr") == "fr" and language_of("en-GB") == "en" and language_of("ja") == "en"
    assert text("season.title", "fr", number=4) == "Saison 4"


async def test_commands_reach_discord_with_french_names(discord: LocalDiscord, savoir: object) -> None:
    commands = {c["name"]: c for c in discord.syncs[-1].body}
    assert set(commands) == {"about", "calendar", "cast", "countdown", "facts", "season", "upcoming"}
    assert commands["calendar"]["name_localizations"]["fr"] == "calendrier"
    assert commands["cast"]["name_localizations"]["fr"] == "distribution"
    assert commands["upcoming"]["name_localizations"]["fr"] == "à-venir"
    (option,) = commands["cast"]["options"]
    assert (option["name"], option["name_localizations"]["fr"], option["autocomplete"]) == (
        "name",
        "nom",
        True,
    )
    kinds = commands["upcoming"]["options"][0]["choices"]
    assert [c["name_localizations"]["fr"] for c in kinds] == ["premières", "événements", "billetteries"]
