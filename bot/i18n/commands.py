"""Command texts for discord.py and the translator that gives Discord their French names: kept apart from the
catalogues, so that the build's workers, which word warnings, never import discord."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import CATALOGUES, language_of
from bot.i18n.en import MESSAGES as ENGLISH


def command_text(key: str) -> app_commands.locale_str:
    """A command, option or choice text for discord.py, in English with its key for the translator."""
    return app_commands.locale_str(ENGLISH[key], key=key)


class CatalogueTranslator(app_commands.Translator):
    """Gives Discord the French names and descriptions of commands, options and choices."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The text for a locale, or None to leave Discord the English one."""
        key = string.extras.get("key")
        language = language_of(locale.value)
        if key is None or language == "en":
            return None
        return CATALOGUES[language].get(key)
