"""What a date in a sentence is the date of: the verbs that govern dates (premiere, production, renewal,
announcement, or something else) and the clauses that keep each date with its own verb."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Literal

TriggerKind = Literal["premiere", "production", "renewal", "announce", "other"]

# Lower-case text throughout. Every pattern is a plain alternation or a bounded run of words: linear.
_PRODUCTION = (
    r"(?:begins?|began|begun|starts?|started|starting|kick(?:s|ed)?\s+off|commenc(?:es|ed)|resum(?:es|ed))\s+"
    r"(?:principal\s+photography|production|filming|shooting|photography)\b"
    r"|\b(?:principal\s+photography|production|filming|shooting|cameras?)\s+(?:[\w'’+-]+\s+){0,8}?"
    r"(?:begins?|began|begun|starts?|started|kicked\s+off|commenced|(?:got|gets?|getting)\s+under\s?way"
    r"|is\s+underway|(?:has|had)\s+been\s+under\s?way|roll(?:s|ed|ing)?)\b"
    r"|\bcameras?\s+(?:[\w'’]+\s+){0,3}?roll"
    # "went back before cameras", "went before the cameras", "went into production"
    r"|\b(?:went|goes|go|going|is\s+going|headed|heads)\s+(?:back\s+)?(?:before\s+(?:the\s+)?cameras|into\s+production)\b"
    # "was shot in Cork from September 2030": a filming period, its start only when "from" leads the date.
    r"|\b(?:was|were|is|are|being|be)\s+(?:shot|filmed)\b"
)
_RENEWAL = (
    r"renew(?:s|ed|al|ing)?\b|picked\s+up\b|picks\s+up\b|pick-?up\b|(?:series|straight-to-series)\s+order"
    # "picked it up for a second season", "picks the show up for"
    r"|\bpick(?:ed|s)?\s+(?:it|the\s+(?:show|series|drama|comedy|thriller))\s+up\s+for\b"
    # "a 10-episode first-season order", "the fourth-season order"
    r"|\b[\w]+-season\s+order\b"
    r"|\bordered\b|green-?lit\b|green\s*light(?:ed|s)?\b|\b(?:is|as|was|were|are|officially)\s+(?:officially\s+)?a\s+go\b"
    r"|\b(?:will|would|to)\s+return\s+for\b|\border\s+for\s+the\s+(?:show|series|project|drama|comedy)\b"
    r"|\bconfirm(?:s|ed)\s+(?:a|the)\s+(?:\w+\s+)?(?:season|series)\b(?!['’]s|\s+(?:will|would|is|was)\b)"
    # "announced the fourth season on May 14", "announced the renewal in June 2022" (not "announced the
    # season's premiere date", "the season will ...")
    r"|\bannounc(?:es|ed)\s+(?:a|the)\s+(?:(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|second|third|new)"
    r"\s+(?:season|series)\b(?!['’]s|\s+(?:will|would|is|was|premiere|debut|date|trailer|teaser)\b))"
    # "The final season was announced on August 1": a season announced is a season ordered
    r"|\b(?:final|last|new|next|second|third|fourth|fifth|sixth|seventh|eighth)\s+season\s+(?:was|were|had\s+been"
    r"|has\s+been)\s+(?:officially\s+|first\s+)?announced\b"
    # "announced ... that the eighth season would be the show's last", "that Season 8 would close out the
    # flagship", "that the story would end with a third season": a final season announced is one ordered
    r"|\bseason(?:\s+\d+)?\s+(?:would|will)\s+(?:be\s+(?:the\s+show['’]s|the\s+series['’]?|its)\s+(?:last|final)\b"
    r"|close\s+out\s+(?:the|its)\s+(?:show|series|flagship|saga|story)\b)"
    r"|\b(?:would|will)\s+(?:end|conclude|wrap\s+up)\s+with\s+(?:a|an|its|the)\s+(?:\w+\s+)?season\b"
)
_ANNOUNCE = (
    r"announc(?:es|ed|ing)\b|\bsaid\b|\bsays\b|\bconfirm(?:s|ed)\b|\breveal(?:s|ed)\b|\btold\b|\bunveil(?:s|ed)\b"
    r"|\bnews\s+(?:dropped|broke|came|lands?|landed)\b|\blocked\s+in\b"
    r"|\b(?:released|dropped|shared|posted)\s+(?:its|the|a|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:calendar|schedule|trailer|teaser|first[- ]look|lineup|poster|images?|photos?|news|statement|announcement"
    r"|update|video|clip|message|note|bombshell)\b"
    # "revealed the premiere date on Monday": the day a date was told, not the premiere.
    r"|\b(?:premiere|release|launch|return)\s+(?:date|details|window|plans?)\b"
)
_OTHER = (
    r"\bworld\s+premiere|\bpremiere\s+(?:event|party|screening|night)|\bwatch\s+party|\bred\s+carpet|\bcarpet\b"
    r"|\bweek\s+of\b|\bupfronts?\b|\bfinale\b"
    # An award named in an adjective ("the Emmy®, Golden Globe® and Peabody Award-winning series") is no ceremony.
    r"|\b(?:awards?|emmys?|globes|oscars?)\b(?![®™]|-)(?![^.;]{0,60}?-(?:winning|nominated)\b)"
    r"|\bceremony\b|\bhanded\s+out\b|\bnominations?\b"
    r"|\bweekly\b|\bsign(?:s|ed|ing)\s+off\b|\bwrap(?:s|ped)\b|\bend(?:s|ed)\b|\bconclud(?:es|ed)\b"
    # "finished filming in September and arrived nine months later": the date is the wrap's
    r"|\b(?:finish(?:es|ed)|complet(?:es|ed))\s+(?:filming|shooting|production|principal\s+photography)\b"
    r"|\bepisode\s+\d"
)
_PREMIERE = (
    r"\b(?:premieres?|premiered|premiering|debuts?|debuted|debuting|arrives?|arrived|arriving|drops?|dropped"
    r"|dropping|launch(?:es|ed)?|returns?|returned|returning|lands?|landed|hits?\s+(?:screens|streaming)"
    r"|released?|releases|streams?|streaming|(?:is|are|will\s+be|would\s+be)\s+out|comes?\s+out|coming\s+out"
    r"|comes?\s+(?:back|to)|coming\s+(?:back|to)|follows|(?<!was\s)(?<!were\s)(?<!is\s)(?<!be\s)(?<!been\s)followed(?!\s+(?:by|suit|the|a|an|up|through|its|their|his|her)\b)|kicks?\s+off|kicked\s+off|opens?|opened|begins?|began"
    r"|bows?|bowed|snuck\s+onto|air(?:s|ed)?|(?:is|are)\s+back|(?:is|are)\s+coming"
    # "S3, coming in 2025": a release's year or day right after
    r"|coming(?=\s+(?:in|on)\s+(?:\d|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)))\b"
)
_TRIGGERS = re.compile(
    rf"(?P<production>{_PRODUCTION})|(?P<renewal>{_RENEWAL})|(?P<announce>{_ANNOUNCE})|(?P<other>{_OTHER})"
    rf"|(?P<premiere>{_PREMIERE})"
)
# "The ceremony airs ...", "the film opened ...": a release verb whose subject is not a season or show.
_OTHER_SUBJECT = re.compile(
    r"\b(?:ceremony|awards?|film|movie|special|finale|(?<!-)episode|documentary|telecast|broadcast|show's\s+finale"
    r"|panel|screening|q&a|party|event|festival|convention|exhibition|concert|tour|chat|livestream|podcast"
    r"|writers['’]?\s+room|room"
    r"|after-?show|red\s+carpet)"
    r"(?:\s+[\w'’]+){0,4}?\s+$"
)
# "The renewal arrives ...", "The news lands ...": a release verb whose subject is news is no release.
_NEWS_SUBJECT = re.compile(
    r"\b(?:news|renewal|announcement|trailer|teaser|word|decision|order|report|tease)(?:\s+\w+)?,?\s+$"
)
# Where one clause ends and another begins: a date belongs to the verb of its own clause.
_BOUNDARY = re.compile(
    r";|:\s|\s[—–]\s|\s--\s|[()]|,\s+(?:[a-z]{2,20}ly\s+)?(?:and|but|while|which|where|who|with|as|according\s+to)\b"
    r"|\b(?:after|before|when|while|since|until|following|that)\b"
    # "<Title>, which premiered in 2028, returns for its third season ...": a verb after a comma is the main
    # clause coming back after an aside.
    r"|,\s+(?=(?:returns|premieres|arrives|debuts|lands|drops|launches|will|has|had)\b)"
)


@dataclass(frozen=True)
class Trigger:
    """A verb or noun that says what a nearby date is the date of."""

    kind: TriggerKind
    start: int
    end: int
    word: str


@functools.lru_cache(maxsize=8192)
def find_triggers(lowered: str) -> tuple[Trigger, ...]:
    """Every trigger in a lower-cased sentence, left to right."""
    found = []
    for match in _TRIGGERS.finditer(lowered):
        kind = match.lastgroup
        if kind is None:
            continue
        if kind == "premiere" and _NEWS_SUBJECT.search(lowered, max(0, match.start() - 30), match.start()):
            kind = "announce"
        elif kind == "premiere" and _OTHER_SUBJECT.search(lowered, max(0, match.start() - 30), match.start()):
            kind = "other"
        found.append(Trigger(kind, match.start(), match.end(), match.group(0)))  # type: ignore[arg-type]
    return tuple(found)


@functools.lru_cache(maxsize=8192)
def clause_starts(lowered: str) -> tuple[int, ...]:
    """Where each clause of a lower-cased sentence starts (0 first)."""
    return (0, *(match.start() for match in _BOUNDARY.finditer(lowered)))


def clause_of(starts: tuple[int, ...], position: int) -> int:
    """The index of the clause a position falls in (by bisection: asked once per date and per verb)."""
    return max(0, bisect.bisect_right(starts, position) - 1)


def governing(triggers: tuple[Trigger, ...], starts: tuple[int, ...], start: int, end: int) -> Trigger | None:
    """The trigger a date at [start, end) belongs to: the last one before it in its clause, else the first
    after it in its clause, else the last one of the nearest earlier clause that has one (a date in
    parentheses or an appended clause leans on the verb before it)."""
    by_clause, ends = _triggers_by_clause(triggers, starts)
    same = by_clause.get(clause_of(starts, start), ())
    before = [trigger for trigger in same if trigger.end <= start]
    if before:
        return before[-1]
    after = [trigger for trigger in same if trigger.start >= end]
    if after:
        return after[0]
    # the last trigger ending at or before the date (triggers are in order, and so are their ends)
    earlier = bisect.bisect_right(ends, start)
    return triggers[earlier - 1] if earlier else None


# The last sentence's triggers by clause, kept with the objects they were worked out for (compared by identity):
# asked per date, a scan of every trigger was quadratic in a sentence of many dates.
_LAST_BY_CLAUSE: list[tuple[object, object, dict[int, tuple[Trigger, ...]], list[int]]] = []


def _triggers_by_clause(
    triggers: tuple[Trigger, ...], starts: tuple[int, ...]
) -> tuple[dict[int, tuple[Trigger, ...]], list[int]]:
    last = _LAST_BY_CLAUSE[0] if _LAST_BY_CLAUSE else None  # one read: another thread may replace it
    if last is not None and last[0] is triggers and last[1] is starts:
        return last[2], last[3]
    found: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        found.setdefault(clause_of(starts, trigger.start), []).append(trigger)
    by_clause = {clause: tuple(items) for clause, items in found.items()}
    ends = [trigger.end for trigger in triggers]
    _LAST_BY_CLAUSE[:] = [(triggers, starts, by_clause, ends)]
    return by_clause, ends
