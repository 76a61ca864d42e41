"""User-facing text: one catalogue per language, looked up by key and the member's locale."""

from __future__ import annotations

from bot.i18n.en import MESSAGES as ENGLISH

CATALOGUES: dict[str, dict[str, str]] = {"en": ENGLISH}


def language_of(locale: str | None) -> str:
    """The catalogue for a Discord locale ("fr" -> "fr", "en-US" or unknown -> "en")."""
    language = (locale or "en").split("-")[0].lower()
    return language if language in CATALOGUES else "en"


def text(key: str, locale: str | None = None, **values: object) -> str:
    """The text for key in the member's language, with values filled in."""
    catalogue = CATALOGUES[language_of(locale)]
    template = catalogue.get(key) or ENGLISH[key]
    return template.format(**values)
