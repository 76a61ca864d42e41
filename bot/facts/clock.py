"""Times of day with their zones ("9 a.m. PT", "10am BST", "20:00 CET") and cities with a zone of their own."""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeMention:
    """A time of day, with the zone the text names, if any."""

    start: int
    end: int
    hour: int
    minute: int
    timezone: str | None

    def hhmm(self) -> str:
        """HH:MM."""
        return f"{self.hour:02d}:{self.minute:02d}"


_ZONE_ABBREVIATIONS: dict[str, str] = {
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "PACIFIC": "America/Los_Angeles",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York", "EASTERN": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago", "CENTRAL": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver", "MOUNTAIN": "America/Denver",
    "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London",
    "CET": "CET", "CEST": "CET", "WET": "WET", "WEST": "WET", "EET": "EET", "EEST": "EET",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}  # fmt: skip

_TIME = re.compile(
    r"(?<![\w:.])(?:at\s+)?(?:(?P<noon>noon|midday)|(?P<midnight>midnight)"
    # "9:00-10:00 p.m. ET": a slot starts at its first time, in the meridiem written after the last.
    r"|(?P<rhour>\d{1,2})(?::(?P<rminute>[0-5]\d))?\s*[-–]\s*\d{1,2}(?::[0-5]\d)?\s*(?P<rmeridiem>[aApP]\.?\s?[mM]\b\.?)"
    r"|(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*(?P<meridiem>[aApP]\.?\s?[mM]\b\.?)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?![\d:]))"
    r"(?:\s*(?:\(\s*)?(?P<zone>PT|PST|PDT|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST|WET|WEST|EET|EEST"
    r"|JST|KST|AEST|AEDT|Pacific|Eastern|Central|Mountain"
    # in small letters too, right after a time ("10am pt", "midnight pacific"), as fan posts write them
    r"|pt|pst|pdt|et|est|edt|ct|cst|cdt|mt|mst|mdt|gmt|utc|bst|pacific|eastern|central|mountain)\b(?:\s+[Tt]ime)?\)?)?"
)


def find_times(text: str) -> list[TimeMention]:
    """Every time of day in text ("at noon", "12 a.m. PT", "3 a.m. ET", "20:00 CET")."""
    found: list[TimeMention] = []
    for match in _TIME.finditer(text):
        groups = match.groupdict()
        if groups["noon"]:
            hour, minute = 12, 0
        elif groups["midnight"]:
            hour, minute = 0, 0
        elif groups["meridiem"] or groups["rmeridiem"]:
            meridiem = groups["meridiem"] or groups["rmeridiem"]
            hour = int(groups["hour"] or groups["rhour"])
            minute = int(groups["minute"] or groups["rminute"] or 0)
            if not 1 <= hour <= 12:
                continue
            is_pm = meridiem[0] in "pP"
            hour = (hour % 12) + (12 if is_pm else 0)
        else:
            hour, minute = int(groups["hour24"]), int(groups["minute24"])
        zone = _ZONE_ABBREVIATIONS.get(groups["zone"].upper()) if groups["zone"] else None
        found.append(TimeMention(match.start(), match.end(), hour, minute, zone))
    return found


@functools.cache
def _city_zones() -> dict[str, str]:
    """City names taken from the IANA zone names ("Denver" -> America/Denver)."""
    regions = ("America/", "Europe/", "Asia/", "Australia/", "Africa/", "Pacific/", "Atlantic/", "Indian/")
    cities: dict[str, str] = {}
    for key in sorted(zoneinfo.available_timezones()):
        if key.startswith(regions) and key.count("/") == 1:
            cities.setdefault(key.split("/", 1)[1].replace("_", " "), key)
    return cities


@functools.cache
def _city_pattern() -> re.Pattern[str]:
    names = sorted(_city_zones(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")(?:\s+City)?\b")


@dataclass(frozen=True)
class CityMention:
    """A city named in text, with the zone its clocks follow."""

    start: int
    end: int
    name: str
    timezone: str


def find_cities(text: str) -> list[CityMention]:
    """Cities named in text that have an IANA zone of their own."""
    zones = _city_zones()
    return [
        CityMention(match.start(), match.end(), match.group(1), zones[match.group(1)])
        for match in _city_pattern().finditer(text)
    ]


# Zone cities that are also everyday words: in lower-case text "christmas" or "wake" is no city.
_WORDS_TOO = frozenset(
    {"Christmas", "Easter", "Wake", "Midway", "Jersey", "North", "South", "West", "Oral", "Reunion", "Resolute",
     "Virgin", "Victoria", "Sofia", "Regina", "Stanley", "Chatham", "Johnston", "Currie", "Nome", "Yap", "Chita"}
)  # fmt: skip
_WORD_START = re.compile(r"\b[a-z]")


def find_cities_in_lower_case(text: str) -> list[CityMention]:
    """Cities named in text written all in small letters ("in toronto"), as fan posts do; words that are cities
    too ("christmas") are not read as cities."""
    capitalised = _WORD_START.sub(lambda match: match.group(0).upper(), text)
    return [city for city in find_cities(capitalised) if city.name not in _WORDS_TOO]


def is_city(name: str) -> bool:
    """Whether a name is a city with a zone of its own ("Denver" is; "Lyon" shares Europe/Paris, so is not)."""
    return name.removesuffix(" City") in _city_zones()
