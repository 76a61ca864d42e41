"""Date expressions in article text ("Mar. 3rd", "3 March", "3/14", "next Friday"), found but not yet
resolved to calendar dates."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Month names are matched capitalized only: "may" and "march" are also verbs.
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    # Press schedules in capitals ("MONDAY, MAR. 3").
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?"
    r"|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b\.?"
)
_WEEKDAY = (
    r"(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)\b\.?"
)
# Fan posts in lower case ("dropped thursday june 5th", "back in may 2023"): only with a day or a year after it,
# where no other word is spelled so ("may" the verb, "mar" the verb).
_LOWER_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_LOWER_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Also shouted, as fan posts and press releases do: "on sale THIS FRIDAY".
_WEEKDAY_OR_SHOUTED = _WEEKDAY.replace(
    "(?P<weekday>", "(?P<weekday>MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY|", 1
)
_YEAR_TAIL = r"(?:,?\s+(?P<year>\d{4})(?!\d))?"
# Without a year, a day followed by more digits is a typo ("March 4, 20311"): not a date at all; a clock time
# after it is not one ("Thursday, April 9, 9 p.m. ET").
_NO_STRAY_DIGITS = r"(?(year)|(?!,?\s*\d+(?![:.]?\d*\s*[ap]\.?m\b)))"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"

# The years a television fact can be dated in (and whose neighbours the calendar can still compute).
FIRST_YEAR, LAST_YEAR = 1900, 2199

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
        "lower_month_day",
        re.compile(
            rf"(?<![\w-])(?:{_LOWER_WEEKDAY},?\s+)?{_LOWER_MONTH}\s+{_DAY}(?!\s*[-–]\s*\d){_YEAR_TAIL}{_NO_STRAY_DIGITS}"
        ),
    ),
    ("lower_month_year", re.compile(rf"(?<![\w-]){_LOWER_MONTH},?\s+(?P<year>\d{{4}})(?!\d)")),
    (
        "month_only",
        re.compile(
            rf"\b(?P<lead>[Bb]ack\s+in|[Ii]n|[Bb]y|[Ss]ince|[Tt]his|[Nn]ext|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?"
            rf"|(?:[Aa]t\s+)?the\s+(?:start|beginning|end)\s+of)\s+{_MONTH}(?!\s*\d)"
        ),
    ),
    # "back in october", "since january" in a fan post's small letters (never "may" or "march": verbs too).
    (
        "lower_month_only",
        re.compile(
            r"\b(?P<lead>back\s+in|in|since|this|next|last|early|late|mid-?)\s+(?P<month>january|february|april|june"
            r"|july|august|september|october|november|december)\b(?![\s,]*\d)"
        ),
    ),
    # "4/11", "3/14": a month and day without a year, the American order; "9/8c" is a time slot.
    ("month_day_slashed", re.compile(r"(?<![\d/.$])(?P<first>\d{1,2})/(?P<second>\d{1,2})(?![\d/c])")),
    # "Febuary 3", "Sepember 9": a month name with one letter dropped, added or swapped.
    (
        "misspelled_month_day",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?\b(?P<word>[A-Z][a-z]{{3,9}})\.?\s+{_DAY}{_YEAR_TAIL}{_NO_STRAY_DIGITS}"
        ),
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
            r"\b(?P<lead>[Tt]his|[Nn]ext|[Ll]ast|THIS|NEXT|LAST)\s+(?:(?P<unit>week|month|year|weekend)\b|"
            + _WEEKDAY_OR_SHOUTED
            + ")"
        ),
    ),
    # A weekday alone ("on Monday", "this past Monday"): full names only ("Sun" is a newspaper).
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<lead>[Tt]his\s+past|[Tt]his\s+coming)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
            r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b"
            # ("Friday the 13th" names a day of some month, not the coming Friday)
            r"(?!\s+(?:the|THE)\s+\d)"
        ),
    ),
    # "drops at midnight on the 17th": a day of the month the article is in (not "the 17th century").
    (
        "day_only",
        re.compile(
            r"\b[Oo]n\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\b|century|floor|anniversary"
            r"|episode|season|minute|hole|day|annual|edition|birthday|time|round|lap|place|row|street|avenue|amendment"
            r"|try|attempt|take|go|ballot|pick|overall|inning|hour|week|month|year|grade|level|book|chapter|part))"
        ),
    ),
    ("year_only", re.compile(r"\b(?:[Ii]n|[Bb]y)\s+(?P<year>(?:19|20)\d{2})(?!\d)")),
    # Holidays on a fixed day: "dropped on Halloween 2024", "lands Christmas Day".
    (
        "holiday",
        re.compile(
            r"\b(?P<holiday>Halloween|Christmas\s+(?:Day|Eve)|New\s+Year['’]s\s+(?:Day|Eve)|Valentine['’]s\s+Day"
            r"|Boxing\s+Day|Fourth\s+of\s+July)(?:,?\s+(?P<year>\d{4})(?!\d))?"
            # ("the Halloween episode", "a Christmas Day special": a theme, not a day)
            r"(?![\w-]|\s+(?:episodes?|specials?|party|parties|costumes?|themed|edition|movies?|films?|issue|sale"
            r"|weekend|season|horror|franchise|market|tree|song|album)\b)"
        ),
    ),
]
# The day each holiday falls on: (month, day).
_HOLIDAYS = {
    "halloween": (10, 31), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's eve": (12, 31), "valentine's day": (2, 14), "boxing day": (12, 26), "fourth of july": (7, 4),
}  # fmt: skip


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
    """The month a misspelled month name means ("Febuary", "Sepember"), when exactly one month is that close."""
    lowered = word.lower()
    if lowered[:3] in MONTHS and lowered in _FULL_MONTHS:
        return None  # spelled right: the regular forms read it
    close = [name for name in _FULL_MONTHS if _one_slip(lowered, name)]
    return _month_number(close[0]) if len(close) == 1 else None


# A clock time in an American zone right after a date: the page is American, and so is its date order.
_US_CLOCK = re.compile(r",?\s+(?:at\s+)?\d{1,2}(?:[:.]\d\d)?\s*[AaPp]\.?[Mm]\.?\s+(?:E|C|M|P)[SD]?T\b")


# "on march 4", "until may 22": a preposition that dates what follows (no verb "march" or "may" comes after it).
_DATE_PREPOSITION = re.compile(r"\b(?:on|until|till|since|by|from|before|after)\s+$")
# "may 22 at 10am": a clock time after the day makes it a date.
_CLOCK_AFTER = re.compile(
    r",?\s+at\s+\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|,?\s+at\s+(?:noon|midnight)\b", re.IGNORECASE
)
_MAY_AS_MONTH = re.compile(r"^[a-z]+day|\d(?:st|nd|rd|th)|\d{4}$")


def _mention(form: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    weekday = WEEKDAYS[groups["weekday"][:3].lower()] if groups.get("weekday") else None
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return (
            None  # "Dec. 31, 9999", "Jan. 1, 0001": no release is dated there, and the arithmetic overflows
        )
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
        elif _US_CLOCK.match(match.string, match.end()):
            month, day = first, second  # "12/11/2023 6:00 AM ET": an American page writes the month first
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
    elif (
        form == "lower_month_day"
        and not _MAY_AS_MONTH.search(match.group(0))
        and not _DATE_PREPOSITION.search(match.string, max(0, match.start() - 8), match.start())
        and not _CLOCK_AFTER.match(match.string, match.end())
        and match.group("month") in ("may", "march")
    ):
        return (
            None  # "you may 5 times", "fans march 10 blocks": verbs, unless a weekday, an ordinal or a year
        )
    elif form in ("month_day", "day_month", "lower_month_day"):
        month, day = _month_number(groups["month"]), int(groups["day"])
        form = "day_month" if form == "day_month" else "month_day"
    elif form == "holiday":
        month, day = _HOLIDAYS[" ".join(groups["holiday"].lower().replace("’", "'").split())]
        form = "month_day"  # read on as the month and day it is
    elif form in ("month_year", "month_only", "lower_month_year", "lower_month_only"):
        return DateMention(
            match.start(),
            match.end(),
            match.group(0),
            {"lower_month_year": "month_year", "lower_month_only": "month_only"}.get(form, form),
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
    elif form == "day_only":
        return DateMention(match.start(), match.end(), match.group(0), form, day=int(groups["day"]))
    else:  # year_only
        return DateMention(match.start(), match.end(), match.group(0), form, year)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(match.start(), match.end(), match.group(0), form, year, month, day, weekday)


# What each family of forms needs to be present at all: most sentences have no date, and checking one
# short pattern first spares the ten full ones.
_HAS_DIGIT = re.compile(r"\d")
# Character classes first: Python's engine scans for a class far faster than for an alternation.
_HAS_MONTH = re.compile(
    r"[ADFJMNOS][aceopuACEOPU][bcglnprtvyBCGLNPRTVY]"
)  # a superset of the months' first three letters
_HAS_RELATIVE = re.compile(
    r"[TtYyNnLl](?:o(?:day|night|morrow)|esterday|his|ext|ast)\b|TO(?:DAY|NIGHT|MORROW)\b|YESTERDAY\b|THIS\b|NEXT\b|LAST\b"
)
_HAS_LOWER_MONTH = re.compile(r"[adfjmnos][aceopu][bcglnprtvy][a-z]*\.?,?\s+\d")
_HAS_LOWER_MONTH_WORD = re.compile(
    r"\b(?:january|february|april|june|july|august|september|october|november|december)\b"
)
_HAS_WEEKDAY = re.compile(r"[nsir]day\b|[NSIR]DAY\b")  # Monday, Tuesday, Friday, Saturday ... all end so
_HAS_HOLIDAY = re.compile(r"Halloween|Christmas|New Year|Valentine|Boxing Day|Fourth of July")
_HINTS = (
    _HAS_DIGIT,
    _HAS_MONTH,
    _HAS_RELATIVE,
    _HAS_WEEKDAY,
    _HAS_HOLIDAY,
    _HAS_LOWER_MONTH,
    _HAS_LOWER_MONTH_WORD,
)
_NEEDS = {
    "iso": (_HAS_DIGIT,), "dotted": (_HAS_DIGIT,), "day_only": (_HAS_DIGIT,), "slashed": (_HAS_DIGIT,), "year_only": (_HAS_DIGIT,),
    "month_day_slashed": (_HAS_DIGIT,), "misspelled_month_day": (_HAS_DIGIT,),
    "month_day": (_HAS_DIGIT, _HAS_MONTH), "day_month": (_HAS_DIGIT, _HAS_MONTH), "month_year": (_HAS_DIGIT, _HAS_MONTH),
    "lower_month_day": (_HAS_LOWER_MONTH,), "lower_month_year": (_HAS_LOWER_MONTH,), "month_only": (_HAS_MONTH,), "lower_month_only": (_HAS_LOWER_MONTH_WORD,), "relative_day": (_HAS_RELATIVE,), "relative": (_HAS_RELATIVE,),
    "weekday": (_HAS_WEEKDAY,), "holiday": (_HAS_HOLIDAY,),
}  # fmt: skip


def might_hold_a_date(text: str) -> bool:
    """A cheap test: False means text certainly holds no date expression."""
    return any(hint.search(text) is not None for hint in _HINTS)


@functools.lru_cache(maxsize=16384)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every date expression in text, left to right, the more specific form winning overlaps (remembered:
    several extractors read the same sentences)."""
    found: list[DateMention] = []
    # The spans taken by earlier forms, in order and apart: an overlap is found by bisection (comparing with
    # every span taken was quadratic in a sentence of many dates). One form's matches never overlap each other.
    taken: list[tuple[int, int]] = []
    present = {hint: hint.search(text) is not None for hint in _HINTS}
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
    # "Friday 4/11", "TOMORROW (Monday)": a weekday beside another date names that same day.
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
