"""Date and time expressions in article text, and how they resolve against a publication date."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Literal

from bot.facts.models import Precision

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Month names are matched capitalized only: "may" and "march" are also verbs.
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_WEEKDAY = (
    r"(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)\b\.?"
)
_YEAR_TAIL = r"(?:,?\s+(?P<year>\d{4})(?!\d))?"
# Without a year, a day followed by more digits is a typo ("June 4, 20231"): not a date at all.
_NO_STRAY_DIGITS = r"(?(year)|(?!,?\s*\d))"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])")),
    ("dotted", re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\d.])")),
    ("slashed", re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?![\d/])")),
    (
        "month_day",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_MONTH}\s+{_DAY}(?!\s*[-–]\s*\d){_YEAR_TAIL}{_NO_STRAY_DIGITS}"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?<![\d.:/]){_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR_TAIL}{_NO_STRAY_DIGITS}"
        ),
    ),
    ("month_year", re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)")),
    (
        "month_only",
        re.compile(
            rf"\b(?P<lead>[Bb]ack\s+in|[Ii]n|[Bb]y|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?)\s+{_MONTH}(?!\s*\d)"
        ),
    ),
    # "6/26", "12/18": a month and day without a year, the American order; "9/8c" is a time slot.
    ("month_day_slashed", re.compile(r"(?<![\d/.$])(?P<first>\d{1,2})/(?P<second>\d{1,2})(?![\d/c])")),
    # "Decmber 18", "Juen 22": a month name with one letter dropped, added or swapped.
    (
        "misspelled_month_day",
        re.compile(rf"\b(?P<word>[A-Z][a-z]{{3,9}})\.?\s+{_DAY}{_YEAR_TAIL}{_NO_STRAY_DIGITS}"),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?P<word>(?i:today|tonight|tomorrow|yesterday|this\s+morning|this\s+afternoon|this\s+evening))\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<lead>[Tt]his|[Nn]ext|[Ll]ast)\s+(?:(?P<unit>week|month|year|weekend)\b|" + _WEEKDAY + ")"
        ),
    ),
    # A weekday alone ("on Wednesday", "this past Wednesday"): full names only ("Sun" is a newspaper).
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<lead>[Tt]his\s+past|[Tt]his\s+coming)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    ("year_only", re.compile(r"\b(?:[Ii]n|[Bb]y)\s+(?P<year>(?:19|20)\d{2})(?!\d)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, not yet resolved to a calendar date."""

    start: int
    end: int
    text: str
    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str | None = None


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression resolved to a date of the given precision."""

    date: dt.date
    precision: Precision
    weekday_warning: str | None = None

    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM or YYYY by precision."""
        if self.precision == "day":
            return self.date.isoformat()
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"


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


def _month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


_FULL_MONTHS = (
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip


def _one_slip(word: str, name: str) -> bool:
    """Whether word is name with one letter dropped, one added, or two neighbours swapped (no
    substitutions: "Jane" and "Judy" are names, not months)."""
    if len(word) == len(name) - 1:
        return any(name[:i] + name[i + 1 :] == word for i in range(len(name)))
    if len(word) == len(name) + 1:
        return any(word[:i] + word[i + 1 :] == name for i in range(len(word)))
    if len(word) == len(name):
        slips = [i for i in range(len(word)) if word[i] != name[i]]
        return (
            len(slips) == 2
            and slips[1] == slips[0] + 1
            and word[slips[0]] == name[slips[1]]
            and (word[slips[1]] == name[slips[0]])
        )
    return False


def misspelled_month(word: str) -> int | None:
    """The month a misspelled month name means ("Decmber", "Juen"), when exactly one month is that close."""
    lowered = word.lower()
    if lowered[:3] in MONTHS and lowered in _FULL_MONTHS:
        return None  # spelled right: the regular forms read it
    close = [name for name in _FULL_MONTHS if _one_slip(lowered, name)]
    return _month_number(close[0]) if len(close) == 1 else None


def _mention(form: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    weekday = WEEKDAYS[groups["weekday"][:3].lower()] if groups.get("weekday") else None
    year = int(groups["year"]) if groups.get("year") else None
    if form in ("iso", "dotted"):
        month, day = int(groups["month"]), int(groups["day"])
    elif form == "slashed":
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        elif first == second:
            month = day = first
        else:
            return None  # 03/05/2022 is March or May depending on the writer: not guessed
    elif form == "month_day_slashed":
        month, day = int(groups["first"]), int(groups["second"])
    elif form == "misspelled_month_day":
        found = misspelled_month(groups["word"])
        if found is None:
            return None
        month, day = found, int(groups["day"])
    elif form == "weekday":
        lead = (groups.get("lead") or "").lower().split()
        return DateMention(
            match.start(),
            match.end(),
            match.group(0),
            form,
            weekday=weekday,
            relative=lead[-1] if lead else None,
        )
    elif form in ("month_day", "day_month"):
        month, day = _month_number(groups["month"]), int(groups["day"])
    elif form in ("month_year", "month_only"):
        return DateMention(
            match.start(),
            match.end(),
            match.group(0),
            form,
            year,
            _month_number(groups["month"]),
            relative=(groups.get("lead") or "").lower() or None,
        )
    elif form == "relative_day":
        word = " ".join(groups["word"].lower().split())
        return DateMention(match.start(), match.end(), match.group(0), form, relative=word)
    elif form == "relative":
        unit = groups.get("unit") or "weekday"
        return DateMention(
            match.start(),
            match.end(),
            match.group(0),
            form,
            weekday=weekday,
            relative=f"{groups['lead'].lower()} {unit}",
        )
    else:  # year_only
        return DateMention(match.start(), match.end(), match.group(0), form, year)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(match.start(), match.end(), match.group(0), form, year, month, day, weekday)


# What each family of forms needs to be present at all: most sentences have no date, and checking one
# short pattern first spares the ten full ones.
_HAS_DIGIT = re.compile(r"\d")
# Character classes first: Python's engine scans for a class far faster than for an alternation.
_HAS_MONTH = re.compile(r"[ADFJMNOS][aceopu][bcglnprtvy]")  # a superset of the months' first three letters
_HAS_RELATIVE = re.compile(
    r"[TtYyNnLl](?:o(?:day|night|morrow)|esterday|his|ext|ast)\b|TO(?:DAY|NIGHT|MORROW)\b|YESTERDAY\b"
)
_HAS_WEEKDAY = re.compile(r"[dy]day\b|[nsu]day\b")  # Monday, Wednesday, Friday ... all end so
_NEEDS = {
    "iso": (_HAS_DIGIT,), "dotted": (_HAS_DIGIT,), "slashed": (_HAS_DIGIT,), "year_only": (_HAS_DIGIT,),
    "month_day_slashed": (_HAS_DIGIT,), "misspelled_month_day": (_HAS_DIGIT,),
    "month_day": (_HAS_DIGIT, _HAS_MONTH), "day_month": (_HAS_DIGIT, _HAS_MONTH), "month_year": (_HAS_DIGIT, _HAS_MONTH),
    "month_only": (_HAS_MONTH,), "relative_day": (_HAS_RELATIVE,), "relative": (_HAS_RELATIVE,),
    "weekday": (_HAS_WEEKDAY,),
}  # fmt: skip


def might_hold_a_date(text: str) -> bool:
    """A cheap test: False means text certainly holds no date expression."""
    return any(
        hint.search(text) is not None for hint in (_HAS_DIGIT, _HAS_MONTH, _HAS_RELATIVE, _HAS_WEEKDAY)
    )


@functools.lru_cache(maxsize=16384)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every date expression in text, left to right, the more specific form winning overlaps (remembered:
    several extractors read the same sentences)."""
    found: list[DateMention] = []
    # The spans taken by earlier forms, in order and apart: an overlap is found by bisection (comparing with
    # every span taken was quadratic in a sentence of many dates). One form's matches never overlap each other.
    taken: list[tuple[int, int]] = []
    present = {
        hint: hint.search(text) is not None for hint in (_HAS_DIGIT, _HAS_MONTH, _HAS_RELATIVE, _HAS_WEEKDAY)
    }
    for form, pattern in _PATTERNS:
        if not all(present[hint] for hint in _NEEDS[form]):
            continue
        ends = [end for _, end in taken]
        added: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            # Of the spans ending after this match starts, the first is the only one that can overlap it.
            after = bisect.bisect_right(ends, match.start())
            if after < len(taken) and taken[after][0] < match.end():
                continue
            mention = _mention(form, match)
            if mention is not None:
                found.append(mention)
                added.append((match.start(), match.end()))
        taken = sorted(taken + added)
    ordered = sorted(found, key=lambda mention: mention.start)
    # "Wednesday 6/26", "TOMORROW (Tuesday)": a weekday beside another date names that same day.
    return tuple(
        mention
        for position, mention in enumerate(ordered)
        if mention.form != "weekday" or not _beside_another(ordered, position, text)
    )


def _beside_another(ordered: list[DateMention], position: int, text: str) -> bool:
    mention = ordered[position]
    after = ordered[position + 1] if position + 1 < len(ordered) else None
    before = ordered[position - 1] if position else None
    if after is not None and text[mention.end : after.start].strip(" ,") == "":
        return True
    return before is not None and text[before.end : mention.start].strip(" ,(") == ""


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_warning(day: dt.date, weekday: int | None) -> str | None:
    if weekday is None or day.weekday() == weekday:
        return None
    return f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}, not a {WEEKDAY_NAMES[weekday]}"


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


Tense = Literal["future", "past"] | None

_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|expected|scheduled|slated|poised|going)\s+to|upcoming|coming|premieres"
    r"|debuts|arrives|begins|starts|drops|launches|lands|returns|follows|goes|go\s+on\s+sale|takes\s+place|opens"
    r"|kicks\s+off|airs|bows|land|drop|arrive|debut)\b",
)
_PAST = re.compile(
    r"\b(?:premiered|debuted|arrived|dropped|launched|returned|landed|released|began|begun|started|was|were|had"
    r"|took\s+place|wrapped|ended|aired|went|renewed|ordered|announced|confirmed|revealed|picked\s+up|greenlit"
    r"|green-lit|unveiled|teased|filmed|shot|rolled|kicked\s+off|signed|won|said|told|did)\b",
)


def tense_of(text: str) -> Tense:
    """Whether a sentence looks ahead or back, when it clearly does one and not the other."""
    lowered = text.lower()
    future, past = _FUTURE.search(lowered) is not None, _PAST.search(lowered) is not None
    if future == past:
        return None
    return "future" if future else "past"


def resolve(mention: DateMention, published: dt.date | None, tense: Tense = None) -> ResolvedDate | None:
    """The calendar date a mention means, using the publication date for missing years and relative words.

    A date without a year falls in the year that puts it nearest to publication, on the side the tense
    points to ("premieres on March 3" in November is the coming March). Returns None when the mention
    cannot be resolved (no year and no publication date, an impossible date).
    """
    if mention.form == "year_only" and mention.year is not None:
        return ResolvedDate(dt.date(mention.year, 1, 1), "year")
    if mention.form in ("month_year", "month_only") and mention.month is not None:
        if mention.year is not None:
            return ResolvedDate(dt.date(mention.year, mention.month, 1), "month")
        if published is None:
            return None
        if mention.relative == "next":
            year = published.year + (1 if mention.month <= published.month else 0)
        elif mention.relative is not None and mention.relative.startswith("back"):
            year = published.year - (1 if mention.month > published.month else 0)
        else:
            anchor = published.replace(day=1)
            candidates = _on_side(
                [dt.date(published.year + shift, mention.month, 1) for shift in (-1, 0, 1)], anchor, tense
            )
            year = min(candidates, key=lambda day: (abs((day - anchor).days), day < anchor)).year
        return ResolvedDate(dt.date(year, mention.month, 1), "month")
    if mention.form in ("relative_day", "relative"):
        return _resolve_relative(mention, published)
    if mention.form == "weekday":
        return _resolve_weekday(mention, published, tense)
    if mention.month is None or mention.day is None:
        return None
    if mention.year is not None:
        day = _safe_date(mention.year, mention.month, mention.day)
        return ResolvedDate(day, "day", _weekday_warning(day, mention.weekday)) if day else None
    if published is None:
        return None
    return _nearest_day(mention.month, mention.day, mention.weekday, published, tense)


def _on_side(candidates: list[dt.date], anchor: dt.date, tense: Tense) -> list[dt.date]:
    """The candidates on the side of the anchor the tense points to (a week's grace), or all of them."""
    if tense == "future":
        kept = [day for day in candidates if day >= anchor - dt.timedelta(days=7)]
    elif tense == "past":
        kept = [day for day in candidates if day <= anchor + dt.timedelta(days=7)]
    else:
        kept = candidates
    return kept or candidates


def _nearest_day(
    month: int, day_of_month: int, weekday: int | None, published: dt.date, tense: Tense = None
) -> ResolvedDate | None:
    """The occurrence of a month and day nearest to publication on the tense's side; a stated weekday
    that agrees decides between years."""
    every = [
        day
        for shift in (-1, 0, 1)
        if (day := _safe_date(published.year + shift, month, day_of_month)) is not None
    ]
    candidates = _on_side(every, published, tense)
    if not candidates:
        return None
    agreeing = [day for day in candidates if weekday is None or day.weekday() == weekday]
    pool = agreeing or candidates
    # Nearest to publication; on a tie the future one, since news announces what is coming.
    best = min(pool, key=lambda day: (abs((day - published).days), day < published))
    if agreeing and weekday is not None:
        nearest_overall = min(candidates, key=lambda day: (abs((day - published).days), day < published))
        if abs((best - published).days) > 183 and nearest_overall != best:
            best = nearest_overall  # a weekday that only fits a far year is a typo, not a far date
    return ResolvedDate(best, "day", _weekday_warning(best, weekday))


def _resolve_weekday(mention: DateMention, published: dt.date | None, tense: Tense) -> ResolvedDate | None:
    """A weekday alone is the nearest one on the side the tense (or "this past"/"this coming") points to,
    the publication day included; without a tense it is not guessed."""
    if published is None or mention.weekday is None:
        return None
    side = {"past": "past", "coming": "future"}.get(mention.relative or "", tense)
    if side == "future":
        return ResolvedDate(published + dt.timedelta(days=(mention.weekday - published.weekday()) % 7), "day")
    if side == "past":
        return ResolvedDate(published - dt.timedelta(days=(published.weekday() - mention.weekday) % 7), "day")
    return None


def _resolve_relative(mention: DateMention, published: dt.date | None) -> ResolvedDate | None:
    if published is None or mention.relative is None:
        return None
    word = mention.relative
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ResolvedDate(published, "day")
    if word == "tomorrow":
        return ResolvedDate(published + dt.timedelta(days=1), "day")
    if word == "yesterday":
        return ResolvedDate(published - dt.timedelta(days=1), "day")
    lead, unit = word.split(" ", 1)
    step = {"this": 0, "next": 1, "last": -1}[lead]
    if unit == "month":
        return ResolvedDate(_shift_month(published, step), "month")
    if unit == "year":
        return ResolvedDate(dt.date(published.year + step, 1, 1), "year")
    if unit == "weekday" and mention.weekday is not None:
        ahead = (mention.weekday - published.weekday()) % 7
        if lead == "this":
            return ResolvedDate(published + dt.timedelta(days=ahead), "day")
        if lead == "next":
            return ResolvedDate(published + dt.timedelta(days=ahead or 7), "day")
        behind = (published.weekday() - mention.weekday) % 7
        return ResolvedDate(published - dt.timedelta(days=behind or 7), "day")
    return None  # "next week", "this weekend": no single day to name


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
    r"|(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*(?P<meridiem>[aApP]\.?\s?[mM]\b\.?)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?![\d:]))"
    r"(?:\s*(?:\(\s*)?(?P<zone>PT|PST|PDT|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST|WET|WEST|EET|EEST"
    r"|JST|KST|AEST|AEDT|Pacific|Eastern|Central|Mountain)\b(?:\s+[Tt]ime)?\)?)?"
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
        elif groups["meridiem"]:
            hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
            if not 1 <= hour <= 12:
                continue
            is_pm = groups["meridiem"][0] in "pP"
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


def is_city(name: str) -> bool:
    """Whether a name is a city with a zone of its own ("Denver" is; "Lyon" shares Europe/Paris, so is not)."""
    return name.removesuffix(" City") in _city_zones()


_LABELLED = re.compile(
    r"^[ \t\W]*(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated"
    r"|first\s+published)\s*:?\s+",
    re.IGNORECASE | re.MULTILINE,
)


def _first_full_date(text: str) -> tuple[dt.date, DateMention] | None:
    """The first date in text that states day, month and year."""
    for mention in find_dates(text):
        if mention.year is not None and mention.day is not None and mention.month is not None:
            resolved = resolve(mention, None)
            if resolved is not None:
                return resolved.date, mention
    return None


def find_publication_date(text: str) -> tuple[dt.date, int, int] | None:
    """The article's publication date and the span of its header, or None when the article does not say.

    A labelled header ("date 2023-02-01", "Published 5 Jan 2023") wins; otherwise a short dateline near
    the top ("07 June 2022", "March 9, 2023", "21.04.2023"). Never today's date.
    """
    head = text[:3000]
    for label in _LABELLED.finditer(head):
        window = head[label.end() : label.end() + 40]
        found = _first_full_date(window)
        if found is not None and found[1].start <= 12:
            return found[0], label.start(), label.end() + found[1].end
    offset = 0
    seen = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            seen += 1
            if seen > 15:
                break
            if len(stripped.split()) <= 12:
                found = _first_full_date(line)
                if found is not None:
                    return found[0], offset + found[1].start, offset + found[1].end
        offset += len(line)
    return None
