"""Premiere dates in a sentence: which season and part each is for, and the time it drops."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from bot.facts.calendar import (
    DateMention,
    ResolvedDate,
    find_dates,
    find_times,
)
from bot.facts.clauses import Trigger, clause_of, clause_starts
from bot.facts.dated_mentions import (
    DatedFindings,
    clause_text,
    released_time,
    seasons_of_clause,
    stated,
    time_for,
)
from bot.facts.documents import Article, Sentence
from bot.facts.names import UPPER
from bot.facts.seasons import Numbered, in_backdrop, parts_in, splits_in_parts
from bot.facts.show_context import ShowContext

# "the new season will arrive in 2027", "new episodes will air in 2027": a clause that speaks of the season in focus.
_SEASON_IN_FOCUS = re.compile(
    r"\b(?:the|its)\s+(?:new|next|upcoming|coming|final|last|latest)\s+(?:season|episodes|run|chapter|installment)\b"
    r"|\bnew\s+episodes\b"
)
_CURRENT_SEASON = re.compile(
    r"\b(?:current|ongoing)\s+(?:season|run|series|batch)\b|\bseason\s+now\s+(?:airing|streaming)\b"
)
SEASON_WORDS = re.compile(
    r"\b(?:season|episodes|eps|installment|instalment|chapter|it|its|(?:new|latest|next|final)\s+(?:run|outing|batch))\b"
)
_QUOTED_NAME = re.compile(rf"[\"“](?P<title>[{UPPER}][^\"“”]{{0,60}}?)[,.]?[\"”]")
_TITLE_BEFORE_SEASON = re.compile(
    rf"(?P<title>[{UPPER}][\w'’&-]*(?:\s+[{UPPER}][\w'’&-]*){{0,4}})\s+(?:(?:final|new|latest|last)\s+)?"
    r"season\b"
)
_NOT_TITLES = frozenset(
    [
        "the",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "a",
        "an",
        "next",
        "last",
        "every",
        "each",
        "new",
        "final",
        "netflix",
        "hulu",
    ]
)
_FIRST_RELEASE_VERB = re.compile(
    r"\b(?:premiered|debuted|first\s+arrived|arrived|launched|bowed|snuck\s+onto|first\s+aired|began|released)\b"
)
_SHOW_SUBJECT = re.compile(
    r"\b(?:the|this)\s+(?:show|series|comedy|drama|sitcom)\b|^it\b|,\s+it\b|\bwhen\s+it\b"
)


def names_another_title(text: str, show: ShowContext) -> bool:
    """Whether a sentence names a title that is not the show's (a quoted title, "Other Title final season")."""
    for match in _QUOTED_NAME.finditer(text):
        title = match.group("title").strip()
        # Asked with its quotes: a title that is also a day's name ("'Friday'") is the title only in them.
        if (
            len(title.split()) <= 6
            and not re.search(r"[.!?]\s", title)
            and not show.names_title(match.group(0))
        ):
            return True
    for match in _TITLE_BEFORE_SEASON.finditer(text):
        words = match.group("title").split()
        while words and words[0].lower() in _NOT_TITLES:
            words.pop(0)
        if words and words[0].lower() != show.service.lower() and not show.names_title(match.group("title")):
            return True
    return False


def is_first_release(text: str, lowered: str, show: ShowContext, named: tuple[Numbered, ...]) -> bool:
    """ "The show premiered on ...", "<Title> first arrived ...": the show's own first release, which is
    Season 1, when the sentence names no season."""
    if named or _FIRST_RELEASE_VERB.search(lowered) is None:
        return False
    return show.names_title(text) or _SHOW_SUBJECT.search(lowered) is not None


# A relative clause or an aside ("X, which debuted ...", "X, with Y as Z, arrived ..."): its verb's subject is
# in the clause before.
_RELATIVE_OR_ASIDE = re.compile(r"[,(\s]*(?:which|who|with|as)\b")
_OTHER_OWNER = re.compile(
    r"\b(?:her|his|their)\s+other\b|\banother\s+(?:show|series|drama|comedy|title|thriller)\b"
    r"|\bspin-?off\b|\bsister\s+(?:show|series)\b"
    r"|['’]s\s+(?:new|latest|upcoming|next|debut)\s+(?:film|movie|series|show|project|drama|comedy|thriller"
    r"|documentary|album|book|play)\b"
)
# The capitalized name a relative clause hangs on ("..., and Salt Marsh Road, which launches ..."): at most
# six words of at most 40 letters, read from a bounded tail.
# The subject's last words, capitalised, right before the verb ("Salt Road premieres", "Salt Road's third
# season arrives"); words that are parts of a show's run are not a title.
_SUBJECT_TITLE = re.compile(
    rf"(?:^|[^\w'’])((?:[{UPPER}][\w'’&-]{{0,40}}\s+){{1,5}}[{UPPER}][\w'’&-]{{0,40}})(?:['’]s\s+(?:[a-z]+\s+){{0,3}}[a-z]+)?\s*$"
)
_NOT_A_TITLE = re.compile(
    r"\b(?:Season|Seasons|Series|Part|Parts|Volume|Chapter|Episode|Episodes|Finale|Premiere|The\s+Show|The\s+Series)\b"
)
_TRAILING_NAME = re.compile(
    rf"((?:[{UPPER}][\w'’&-]{{0,40}}\s+){{1,5}}[{UPPER}][\w'’&-]{{0,40}})[\s,\"”’']*$"
)


# A subject is read from at most this many characters before its verb: near enough for any subject, and a
# sentence of many verbs is not read again in full for each.
_SUBJECT_REACH = 160


def _subject(text: str, starts: tuple[int, ...], trigger: Trigger) -> tuple[str, bool]:
    """The words holding a premiere verb's subject, and whether they are a relative clause's antecedent."""
    clause = clause_of(starts, trigger.start)
    begin = starts[clause]
    if clause > 0 and _RELATIVE_OR_ASIDE.match(text[begin : begin + 24].lower()):
        return text[max(starts[clause - 1], begin - _SUBJECT_REACH) : begin], True
    if clause > 0 and not text[begin : trigger.start].strip(" ,"):
        # "<Title> star X's new film, Quayside, premieres ...": the verb opens its clause; the subject is before.
        return text[max(starts[clause - 1], begin - _SUBJECT_REACH) : begin], False
    return text[max(begin, trigger.start - _SUBJECT_REACH) : trigger.start], False


def released_title_is_another(
    text: str, starts: tuple[int, ...], trigger: Trigger, show: ShowContext
) -> bool:
    """Whether what the verb says came out is another title ("her other drama, X, arrived ...", "Other Title,
    which debuted ...")."""
    subject, relative = _subject(text, starts, trigger)
    if _OTHER_OWNER.search(subject.lower()):
        return True  # "<Title> star X's new film, Y, premieres ...": named beside the show, not the show
    if show.names_title(subject):
        return False
    if names_another_title(subject, show):
        return True
    if not relative:
        # "Salt Road premieres June 5, the same week as <Title>": a title of capitalised words right before
        # the verb, not the show's, is the one released.
        if _NOT_A_TITLE.search(subject) or _SHOW_SUBJECT.search(subject.lower()):
            return (
                False  # "Season 3 of the series led by Jane Roe opens ...": the show's season, its cast after
            )
        adjacent = _SUBJECT_TITLE.search(subject[-120:])
        return (
            adjacent is not None
            and not show.names_title(adjacent.group(1))
            and show.service.lower() not in adjacent.group(1).lower()
            and _NOT_A_TITLE.search(adjacent.group(1)) is None
        )
    name = _TRAILING_NAME.search(subject[-120:])
    return (
        name is not None
        and not show.names_title(name.group(1))
        and show.service.lower() not in name.group(1).lower()
    )


def first_release_in_clause(
    text: str, starts: tuple[int, ...], trigger: Trigger, show: ShowContext, named: tuple[Numbered, ...]
) -> bool:
    """ "... with S3 just out, since the show first came out on 3/14": a clause naming no season whose subject is
    the show and whose verb is a first release (or which looks back with "since") is Season 1."""
    if not trigger.word or seasons_of_clause(named, starts, trigger.start):
        return False
    subject, _ = _subject(text, starts, trigger)
    if not (show.names_title(subject) or _SHOW_SUBJECT.search(subject.lower())):
        return False
    clause_start = starts[clause_of(starts, trigger.start)]
    opening = text[clause_start : clause_start + 5].lower()
    return _FIRST_RELEASE_VERB.match(trigger.word) is not None or opening == "since"


_AIRS_AT = re.compile(
    r"\b(?:air|airs|stream|streams|premieres?|drops?|debuts?)\s+(?:[\w/-]+\s+){0,2}(?:at\s+)?$", re.IGNORECASE
)


def time_from_next(article: Article, index: int, findings: DatedFindings) -> None:
    """ "It premieres March 4. ... the drama will air at 8:30 p.m. ET": a time one of the next two sentences
    of the paragraph gives to a release verb, away from any date of its own."""
    if not findings.mentions:
        return
    last = findings.mentions[-1]
    if (
        last.kind != "premiere"
        or last.sentence is not article.sentences[index]
        or last.time is not None
        or last.resolved.precision != "day"
    ):
        return
    for following in article.sentences[index + 1 : index + 3]:
        if following.paragraph != last.sentence.paragraph:
            return
        dates = find_dates(following.text)
        for time in find_times(following.text):
            if not _AIRS_AT.search(following.text, max(0, time.start - 40), time.start):
                continue
            if any(abs(date.start - time.end) <= 40 or abs(time.start - date.end) <= 40 for date in dates):
                continue  # the time of another day the sentence names
            findings.mentions[-1] = replace(last, time=time, timezone=time.timezone)
            return


def carry_part(article: Article, index: int, findings: DatedFindings) -> None:
    """ "The second half of the season has been a long wait. It arrives Sept. 3": the one part the sentence
    before (same paragraph, not in a clause of what came before) names is the part of a premiere without one."""
    if not findings.mentions or index == 0:
        return
    last, previous = findings.mentions[-1], article.sentences[index - 1]
    if (
        last.kind != "premiere"
        or last.part is not None
        or last.sentence is not article.sentences[index]
        or previous.paragraph != last.sentence.paragraph
    ):
        return
    lowered = previous.text.lower()
    starts = clause_starts(lowered)
    parts = {
        part.number
        for part in parts_in(previous.text, splits_in_parts(previous.text))
        if not in_backdrop(lowered, starts, part.start)
    }
    if len(parts) == 1:
        findings.mentions[-1] = replace(last, part=parts.pop())


def part_before(text: str, starts: tuple[int, ...], mention: DateMention) -> int | None:
    """ "Part 1 on Aug. 15": a part named just before a date in its clause."""
    clause = clause_of(starts, mention.start)
    parts = [
        part
        for part in parts_in(text, split_in_parts=False)
        if part.end <= mention.start
        and clause_of(starts, part.start) == clause
        and mention.start - part.end <= 12
    ]
    return parts[-1].number if parts else None


def add_premieres(
    article: Article,
    sentence: Sentence,
    starts: tuple[int, ...],
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]],
    named: tuple[Numbered, ...],
    in_focus: int | None,
    no_season_yet: bool,
    first_release: bool,
    show: ShowContext,
    findings: DatedFindings,
) -> None:
    """The premiere dates of a sentence, each with its season, part and stated time."""
    text = sentence.text
    lowered = text.lower()
    split = splits_in_parts(text)
    parts = parts_in(text, split)
    times = find_times(text)
    own_seasons = {numbered.number for numbered in named}
    # Where the sentence first speaks of "the current season" (found once: per premiere it was quadratic).
    current = _CURRENT_SEASON.search(lowered)
    current_at = current.start() if current is not None else -1
    assigned_parts: list[int | None] = []
    previous_end = 0
    part_starts = [part.start for part in parts]  # in order: each date's part found by bisection, not a scan
    for mention, _, _ in premieres:
        last = bisect.bisect_left(part_starts, mention.start) - 1
        nearby = parts[last] if last >= 0 and parts[last].start >= previous_end else None
        assigned_parts.append(nearby.number if nearby else None)
        previous_end = mention.end
    # The dates each verb governs, in order ("Seasons 3 and 4 premiered on A and B"), gathered once.
    sharing: dict[Trigger, dict[int, int]] = {}
    for mention, _, trigger in premieres:
        shared = sharing.setdefault(trigger, {})
        shared.setdefault(mention.start, len(shared))
    if split and len(premieres) >= 2 and all(part is None for part in assigned_parts):
        assigned_parts = list(range(1, len(premieres) + 1))
    for position, ((mention, value, trigger), part) in enumerate(zip(premieres, assigned_parts, strict=True)):
        if trigger.word and released_title_is_another(text, starts, trigger, show):
            continue
        first = first_release or first_release_in_clause(text, starts, trigger, show, named)
        season = _premiere_season(
            lowered,
            starts,
            named,
            premieres,
            sharing,
            position,
            in_focus,
            no_season_yet and trigger.word != "",
            first,
        )
        if season not in own_seasons and 0 <= current_at < (trigger.start or mention.start):
            continue  # "The current season, which launched April 10": the one on the air, whose number is not said
        if season is None or (
            value.precision == "year"
            and not first
            and season not in own_seasons
            and not _SEASON_IN_FOCUS.search(clause_text(lowered, starts, trigger.start))
        ):
            continue  # a bare year is a premiere only when the clause itself says whose
        next_start = premieres[position + 1][0].start if position + 1 < len(premieres) else len(text)
        time = (
            time_for(times, mention.start, mention.end, next_start)
            or released_time(text, times, mention.end, next_start)
            if value.precision == "day"
            else None
        )
        findings.mentions.append(
            stated(
                "premiere",
                value,
                article,
                sentence,
                mention,
                season=season,
                part=part,
                time=time,
                timezone=time.timezone if time else None,
            )
        )


def _premiere_season(
    lowered: str,
    starts: tuple[int, ...],
    named: tuple[Numbered, ...],
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]],
    sharing: dict[Trigger, dict[int, int]],
    position: int,
    in_focus: int | None,
    no_season_yet: bool,
    first_release: bool,
) -> int | None:
    """The season a premiere date is for: its clause's season; "Seasons 3 and 4 premiered on A and B" in
    order; the show's first release; else the season in focus."""
    mention, _, trigger = premieres[position]
    own = list(dict.fromkeys(seasons_of_clause(named, starts, mention.start, lowered)))
    if len(own) == 1:
        return own[0]
    if trigger.word:
        listed = list(dict.fromkeys(seasons_of_clause(named, starts, trigger.start, lowered)))
        shared = sharing[trigger]  # each date's place among the verb's dates
        if len(listed) >= 2 and len(listed) == len(shared):
            return listed[shared[mention.start]]
        if len(listed) == 1 and not own:
            return listed[0]
        if listed or own:
            return None
    if first_release:
        return 1
    if in_focus is not None:
        return in_focus
    return 1 if no_season_yet else None


_COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("the us", "the u.s.", "the united states", "america"),
    "GB": ("the uk", "the u.k.", "britain", "great britain", "the united kingdom", "england", "british"),
    "IE": ("ireland", "irish"),
    "AU": ("australia", "australian"),
    "CA": ("canada", "canadian"),
    "NZ": ("new zealand",),
    "FR": ("france", "french"),
    "DE": ("germany", "german"),
    "IN": ("india", "indian"),
    "JP": ("japan", "japanese"),
}
_ABROAD_HINT = re.compile(
    r"\b(?:in|across|for)\s+(?:the\s+)?[a-z]|\binternational|\boverseas|\boutside\b|\bviewers\b|\+\s*[a-z]{2}\b"
    r"|\b(?:television|tv|channel|broadcaster|free-to-air)\b"
)


@functools.lru_cache(maxsize=32)
def _abroad_pattern(home: str) -> re.Pattern[str]:
    """One pattern for every country but the home one ("in the UK", "Australian viewers", "Tidewater+ UK")."""
    alternatives = [r"\binternationally\b|\boverseas\b"]
    for code, names in _COUNTRIES.items():
        if code == home:
            # "Outside the United States, ...": everywhere but home.
            alternatives.append(rf"\boutside\s+(?:of\s+)?(?:{'|'.join(re.escape(name) for name in names)})\b")
            continue
        words = "|".join(re.escape(name) for name in names)
        # "Tidewater+ UK", "Tidewater+ AU": a service's regional name; "+ in" is the preposition, not India.
        plus = r"\+\s?in\b(?!\s)" if code == "IN" else rf"\+\s*{code.lower()}\b"
        alternatives.append(
            rf"\b(?:in|across|for)\s+(?:{words})\b|{plus}"
            rf"|\b(?:{words})\s+(?:viewers|audiences|television|tv|channel|broadcaster|free-to-air)\b"
        )
    return re.compile("|".join(alternatives))


def names_abroad(lowered: str, show: ShowContext) -> bool:
    """Whether a sentence dates something for another country ("In the UK, ...", "internationally",
    "British viewers"): such a date is not the home premiere."""
    if _ABROAD_HINT.search(lowered) is None:
        return False
    # "began filming in Norway ... and was released ...": where it was shot is no release region.
    lowered = _SHOT_IN.sub(" ", lowered)
    return _abroad_pattern((show.config.release.country or "").upper()).search(lowered) is not None


_SHOT_IN = re.compile(
    r"\b(?:filming|filmed|shot|shooting|production|photography|rolling|rolled)\s+(?:[\w'’]+\s+){0,4}?in\s+"
    r"(?:the\s+)?[\w.]+"
)
