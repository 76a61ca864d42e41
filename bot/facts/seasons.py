"""Season and part references in text ("Season 4", "fourth season", "season two", "Part 2", "the second")."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.facts.clauses import clause_of, clause_starts
from bot.facts.documents import Sentence

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_NUMBER = r"(?P<number>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_ORDINAL = r"(?P<ordinal>" + "|".join(_ORDINALS) + r")"
# British usage: "series four", "the fourth series" is a season ("a six-part series", "the series" are not).
# "the fifth and final season".
_SEASON = re.compile(
    rf"\b(?:(?P<lead>season|series)\s+{_NUMBER}\b|{_ORDINAL}(?:\s+and\s+(?:final|last))?(?:\s+|-)"
    # "the sophomore run": the second season
    rf"(?P<noun>season|series)\b|(?P<sophomore>sophomore)\s+(?:season|series|run|outing|installment|instalment)\b)",
    re.IGNORECASE,
)
_PART = re.compile(
    rf"\b(?:[Pp]art\s+(?:{_NUMBER}|(?P<roman>I{{1,3}}))\b|{_ORDINAL}\s+(?:part|half|installment|instalment|batch)\b)",
    re.IGNORECASE,
)
# "Some Title Part II", "Some Title: Part Two": a sequel's title (a game, a film), not a part of a season.
_SEQUEL_TITLE = re.compile(r"[A-Z][\w'’]*:?\s+Part\s+(?:I{1,3}|IV|V|VI|Two|Three|Four|Five|Six)$")
_BARE_ORDINAL = re.compile(rf"\bthe\s+{_ORDINAL}\b(?!\s+(?:season|time|episode))", re.IGNORECASE)
_LATER_PART = re.compile(
    r"\bremaining\s+(?:\w+\s+)?episodes\s+of\s+(?:the\s+|its\s+)?(?:season|series)\b|\bback\s+half\s+of\b",
    re.IGNORECASE,
)
_SPLIT_IN_PARTS = re.compile(r"\b(?:parts|halves|installments|instalments|volumes|batches)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Numbered:
    """A season or part number and where it is in the text."""

    number: int
    start: int
    end: int


def _value(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("number"):
        raw = groups["number"].lower()
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    elif groups.get("ordinal"):
        value = _ORDINALS[groups["ordinal"].lower()]
    elif groups.get("roman"):
        value = len(groups["roman"])
    elif groups.get("sophomore"):
        value = 2
    else:
        return None
    return value if 1 <= value <= 40 else None


@functools.lru_cache(maxsize=8192)
def seasons_in(text: str) -> tuple[Numbered, ...]:
    """Every season named in text, in order (remembered: a paragraph's sentences are asked about again)."""
    lowered = text.lower()
    if "season" not in lowered and "series" not in lowered and "sophomore" not in lowered:
        return ()
    return tuple(
        Numbered(value, match.start(), match.end())
        for match in _SEASON.finditer(text)
        if (value := _value(match)) is not None and _is_a_season(text, match)
    )


# "the fourth series", "its fifth series", "a sixth series": a season; "her first series" is a career's.
_SERIES_DETERMINER = re.compile(r"(?:\bthe|\bits|\ba|\bthis)\s+$", re.IGNORECASE)
# "the series 10 years on": a count after "series", not its number.
_COUNTED = re.compile(
    r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|times|episodes|seasons|more|of)\b", re.IGNORECASE
)


def _is_a_season(text: str, match: re.Match[str]) -> bool:
    lead, noun = match.group("lead"), match.group("noun")
    if lead is not None:
        return lead.lower() == "season" or _COUNTED.match(text, match.end()) is None
    if noun is None or noun.lower() == "season":
        return True  # "the sophomore run", "the third season"
    return _SERIES_DETERMINER.search(text, max(0, match.start() - 6), match.start()) is not None


_SEASON_WORD = re.compile("[Ss][Ee](?:[Aa][Ss][Oo][Nn]|[Rr][Ii][Ee][Ss])")
# Longer than "season" + white space + a number, or an ordinal + white space + "season".
_SEASON_REACH = 40


@functools.lru_cache(maxsize=1024)
def _first_season_word(text: str) -> int | None:
    """Where the first "season" or "series" (in any case) ends, asked once per text rather than once per question."""
    word = _SEASON_WORD.search(text)
    return word.end() if word else None


def seasons_before(text: str, end: int) -> tuple[Numbered, ...]:
    """seasons_in(text[:end]), without reading all of text[:end] again for each of many ends: the seasons of the
    whole text that end before `end`, and one ending exactly at it (where the cut makes a word boundary)."""
    word_end = _first_season_word(text)
    if word_end is None or word_end > end:
        return ()  # seasons_in looks for "season" first
    whole = seasons_in(text)
    before = whole[: bisect.bisect_left(whole, end, key=lambda numbered: numbered.end)]
    since = max(before[-1].end if before else 0, end - _SEASON_REACH)
    at_end = [
        Numbered(value, match.start(), match.end())
        for match in _SEASON.finditer(text, since, end)
        if match.end() == end and (value := _value(match)) is not None
    ]
    return before + tuple(at_end)


def parts_in(text: str, split_in_parts: bool) -> list[Numbered]:
    """Every part named in text; "the first"/"the second" count only when the text splits a season in parts."""
    found = [
        Numbered(value, match.start(), match.end())
        for match in _PART.finditer(text)
        if (value := _value(match)) is not None
        and not _SEQUEL_TITLE.search(text, max(0, match.start() - 40), match.end())
    ]
    # "the remaining eight episodes of Season 7", "the back half of the season": its second part.
    found += [Numbered(2, match.start(), match.end()) for match in _LATER_PART.finditer(text)]
    if split_in_parts:
        found += [
            Numbered(value, match.start(), match.end())
            for match in _BARE_ORDINAL.finditer(text)
            if (value := _value(match)) is not None
        ]
    return sorted(found, key=lambda numbered: numbered.start)


def splits_in_parts(text: str) -> bool:
    """Whether text says a season comes in parts ("broken into two parts")."""
    return _SPLIT_IN_PARTS.search(text) is not None


def single_season(text: str) -> int | None:
    """The one season text names, or None when it names none or several."""
    numbers = {numbered.number for numbered in seasons_in(text)}
    return numbers.pop() if len(numbers) == 1 else None


def season_in_focus(sentences: tuple[Sentence, ...], index: int) -> int | None:
    """The season a sentence speaks of: its own, or else the last one named before it in its paragraph."""
    own = single_season(sentences[index].text)
    if own is not None:
        return own
    return earlier_season(sentences, index)


# The last answer of earlier_season: extractors ask about an article's sentences in order, so each question
# reads only the sentences since the last one (reading back to the paragraph's start each time is quadratic
# in a long paragraph). Keeping the sentences alive keeps their identity unique.
_last_asked: tuple[tuple[Sentence, ...] | None, int, int | None] = (None, 0, None)


def earlier_season(sentences: tuple[Sentence, ...], index: int) -> int | None:
    """The last season named before sentences[index] in its paragraph."""
    global _last_asked
    asked, asked_index, asked_answer = _last_asked
    if asked is sentences and asked_index == index:
        return asked_answer
    known = asked_index if asked is sentences and asked_index < index else -1
    paragraph = sentences[index].paragraph
    answer = None
    for position in range(index - 1, -1, -1):
        earlier = sentences[position]
        if earlier.paragraph != paragraph:
            break
        numbers = seasons_in(earlier.text)
        if numbers:
            answer = numbers[-1].number
            break
        if position == known:
            answer = asked_answer  # the same paragraph further back: already answered
            break
    _last_asked = (sentences, index, answer)
    return answer


def headline_season(sentences: tuple[Sentence, ...]) -> int | None:
    """The one season an article's first line (its headline) names, if it names exactly one."""
    return single_season(sentences[0].text) if sentences else None


_ITEM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_ORDINAL_ITEM = r"(?:" + "|".join(_ORDINALS) + r")"
# "Seasons 3 and 4", "seasons two, three and four", "a third and a fourth season", "third and fourth seasons".
_SEASON_LIST = re.compile(
    rf"\b[Ss]easons\s+(?P<numbers>{_ITEM}(?:\s*(?:,|and|&)\s*(?:,\s*)?{_ITEM}){{1,5}})\b"
    rf"|\b(?P<ordinals>{_ORDINAL_ITEM}(?:\s*(?:,|and|&)\s*(?:(?:an?|the)\s+)?{_ORDINAL_ITEM}){{1,5}})\s+seasons?\b",
    re.IGNORECASE,
)
# "the initial season", "its freshman season", "S3": the first season, and the shorthand of fan writing.
_FIRST_SEASON = re.compile(r"\b(?:initial|inaugural|debut|freshman|maiden)\s+season\b", re.IGNORECASE)
# "S4", and fans' lower-case "s4" ("S4E2" names its season too).
_SHORT_SEASON = re.compile(r"\b[Ss]0?(?P<number>[1-9]\d?)(?:[Ee]\d{1,3})?\b")
_ELLIPTICAL = re.compile(
    rf"(?:,\s*|\band\s+)the\s+(?P<ordinal>{_ORDINAL_ITEM})\b(?!\s+(?:\w+\s+)?(?:season|series|part|half|episode|time"
    r"|installment|instalment|batch|day|week|month|year|film|movie|book|novel|one|of)\b|-)",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(rf"{_ITEM}|{_ORDINAL_ITEM}", re.IGNORECASE)


def _item_value(word: str) -> int | None:
    lowered = word.lower()
    value = int(lowered) if lowered.isdigit() else _NUMBER_WORDS.get(lowered) or _ORDINALS.get(lowered)
    return value if value is not None and 1 <= value <= 40 else None


@functools.lru_cache(maxsize=8192)
def seasons_named(text: str) -> tuple[Numbered, ...]:
    """Every season text names, lists included ("Seasons 3 and 4" is 3 then 4), in order."""
    lowered = text.lower()
    if (
        "season" not in lowered
        and "series" not in lowered
        and "sophomore" not in lowered
        and _SHORT_SEASON.search(text) is None
    ):
        return ()
    found: list[Numbered] = []
    taken: list[tuple[int, int]] = []
    for match in _SEASON_LIST.finditer(text):
        group = "numbers" if match.group("numbers") else "ordinals"
        offset = match.start(group)
        for item in _LIST_ITEM.finditer(match.group(group)):
            value = _item_value(item.group(0))
            if value is not None:
                found.append(Numbered(value, offset + item.start(), offset + item.end()))
        taken.append((match.start(), match.end()))
    singles = [*seasons_in(text)]
    singles += [Numbered(1, match.start(), match.end()) for match in _FIRST_SEASON.finditer(text)]
    singles += [
        Numbered(int(match.group("number")), match.start(), match.end())
        for match in _SHORT_SEASON.finditer(text)
    ]
    for single in singles:
        if not any(start <= single.start < end for start, end in taken):
            found.append(single)
    if (
        found
        and "the " in lowered
        and not _SPLIT_IN_PARTS.search(text)
        and "part" not in lowered
        and "episode" not in lowered  # "... with two episodes on June 1, and the third on June 8": an episode
    ):
        # "Its second season followed in 2021 and the third on Sept. 13, 2023": an ordinal standing for a
        # season the sentence has named, in a list of seasons.
        found += [
            Numbered(value, match.start("ordinal"), match.end("ordinal"))
            for match in _ELLIPTICAL.finditer(text)
            if (value := _item_value(match.group("ordinal"))) is not None
        ]
    return tuple(sorted(found, key=lambda numbered: numbered.start))


def _looking_back(sentences: tuple[Sentence, ...], index: int, reach: int) -> Iterator[Sentence]:
    """The sentences before one, nearest first: its own paragraph, then at most three sentences of the two
    paragraphs before it, and never more than `reach` in all."""
    own = sentences[index].paragraph
    before_own = 0
    for earlier in reversed(sentences[max(0, index - reach) : index]):
        if earlier.paragraph != own:
            before_own += 1
            if before_own > 3 or earlier.paragraph < own - 2:
                return
        yield earlier


def season_in_discourse(
    sentences: tuple[Sentence, ...], index: int, article_season: int | None, reach: int = 12
) -> int | None:
    """The season a sentence speaks of when it names none: the last one named before it in its paragraph, or
    in the heading or last sentences of the paragraph before ("Season 4 (Tidewater+)" over a roundup's entry;
    "The fifth season has a date. It premieres ..."), else the season the article is about. At most `reach`
    sentences back: a bounded look, whatever the paragraph's length."""
    for earlier in _looking_back(sentences, index, reach):
        named = seasons_named(earlier.text)
        lowered = earlier.text.lower() if named else ""
        starts = clause_starts(lowered) if named else (0,)
        numbers = [
            numbered
            for numbered in named
            if not in_backdrop(lowered, starts, numbered.start)
            and not _in_aside(lowered, starts, numbered.start)
        ]
        if numbers:
            return numbers[-1].number
    return article_season


def recent_seasons(sentences: tuple[Sentence, ...], index: int, count: int, reach: int = 12) -> list[int]:
    """The last `count` distinct seasons named before a sentence, looking back as season_in_discourse does
    ("S5 and S6 were shot back to back. Filming on both seasons began in ..."), in ascending order."""
    found: list[int] = []
    for earlier in _looking_back(sentences, index, reach):
        named = seasons_named(earlier.text)
        for numbered in reversed(named):
            if numbered.number not in found:
                found.append(numbered.number)
            if len(found) == count:
                return sorted(found)
    return []


_BACKDROP = ("after", "since", "following", "before")
_RELATIVE_CLAUSE = re.compile(r",\s*(?:where|which|whose)\b")


def _in_aside(lowered: str, starts: tuple[int, ...], position: int) -> bool:
    """Whether a position is in a ", with ..." aside ("Season 3 Shoot in Cork, With Season 4 Next")."""
    start = starts[clause_of(starts, position)]
    return lowered[start : start + 8].lstrip(", ").startswith("with ")


def in_backdrop(lowered: str, starts: tuple[int, ...], position: int) -> bool:
    """Whether a position of a lower-cased text is in a clause of what came before ("After the end of Season
    2, ...", "ever since Part 1 ended"): the backdrop, not what the text goes on about."""
    start = starts[clause_of(starts, position)]
    # (", where the show built its sets for Season 2": a relative clause describes something else)
    return lowered.startswith(_BACKDROP, start) or _RELATIVE_CLAUSE.match(lowered, start) is not None


# How an article says which season is the last: "the fifth and final season", "season 4 is the FINAL season",
# "the fourth season would be the show's last", "S3 = the final season".
_FINAL_IS = re.compile(
    rf"\b(?:{_ORDINAL}\s+and\s+(?:final|last)\s+(?:season|series)"
    rf"|(?:season\s+(?P<number_a>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})|s(?P<short>\d{{1,2}})|(?P<ordinal_b>{'|'.join(_ORDINALS)})\s+season)"
    r"\s*(?:=|(?:is|will\s+be|would\s+be|as)\s+(?:officially\s+)?)\s*(?:the|its|the\s+show['’]s|the\s+series['’])\s+(?:final|last)\b)",
    re.IGNORECASE,
)
# "the final season", "its last season": a season the article may have numbered elsewhere.
FINAL_REFERENCE = re.compile(
    r"\b(?:the|its|their|this)\s+(?:final|last)\s+(?:season|series|run|chapter)\b", re.IGNORECASE
)


def final_season(sentences: tuple[Sentence, ...]) -> int | None:
    """The season an article says is the show's last, when it says so of exactly one."""
    found: set[int] = set()
    for sentence in sentences:
        lowered = sentence.text.lower()
        if "final" not in lowered and "last" not in lowered:
            continue
        for match in _FINAL_IS.finditer(sentence.text):
            groups = match.groupdict()
            word = groups["ordinal"] or groups["ordinal_b"] or groups["number_a"] or groups["short"] or ""
            word = word.lower()
            value = _ORDINALS.get(word) or _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
            if value is not None and 1 <= value <= 40:
                found.add(value)
    return found.pop() if len(found) == 1 else None
