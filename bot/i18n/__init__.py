"""User-facing text: one catalogue per language, looked up by key and the member's locale."""

from __future__ import annotations

import datetime as dt

from bot.i18n.en import MESSAGES as ENGLISH
from bot.i18n.fr import MESSAGES as FRENCH

CATALOGUES: dict[str, dict[str, str]] = {"en": ENGLISH, "fr": FRENCH}


def language_of(locale: str | None) -> str:
    """The catalogue for a Discord locale ("fr" -> "fr", "en-US" or one we lack -> "en")."""
    language = (locale or "en").split("-")[0].lower()
    return language if language in CATALOGUES else "en"


def text(key: str, locale: str | None = None, **values: object) -> str:
    """The text for key in the member's language, with values filled in."""
    template = CATALOGUES[language_of(locale)].get(key) or ENGLISH[key]
    for name, value in list(values.items()):
        if name.endswith("_key") and isinstance(value, str):
            # A value that is itself a catalogue key (a skipped file's reason) is said in the same language.
            values[name.removesuffix("_key")] = text(
                value, locale, **{k: v for k, v in values.items() if k != name}
            )
    return template.format(**values)


def plural(count: float, locale: str | None) -> str:
    """The plural category of a count in the member's language: "one" or "other" (English: one for 1 only;
    French: one for 0 and 1, and the fractions between)."""
    size = abs(count)
    if language_of(locale) == "fr":
        return "one" if size < 2 else "other"
    return "one" if size == 1 else "other"


def counted(key: str, count: float, locale: str | None, **values: object) -> str:
    """The text for `key.one` or `key.other`, as the count's plural category in the member's language says."""
    return text(f"{key}.{plural(count, locale)}", locale, count=count, **values)


def day(date: dt.date, locale: str | None) -> str:
    """A date written out ("15 August 2024", "15 août 2024", "1er août 2024")."""
    number = text("date.first", locale) if date.day == 1 else str(date.day)
    return text("date.day", locale, day=number, month=text(f"month.{date.month}", locale), year=date.year)


def month(year: int, number: int, locale: str | None) -> str:
    """A month written out ("September 2024", "septembre 2024")."""
    return text("date.month", locale, month=text(f"month.{number}", locale), year=year)
