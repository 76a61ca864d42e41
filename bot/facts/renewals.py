"""Renewals: which seasons a renewal is for (the one after "for", the clause's, the season in focus, the
one after a season that has come out), and whether it renews another title instead."""

from __future__ import annotations

import re

from bot.facts.clauses import Trigger, clause_of
from bot.facts.dated_mentions import seasons_of_clause
from bot.facts.documents import fold
from bot.facts.seasons import Numbered
from bot.facts.show_context import ShowContext

_FIRST_ORDER = re.compile(r"pick|order")
# A season named as the one being shown when the order came: "a week into", "midway through", "during".
_RUNNING = re.compile(
    r"\b(?:into|through|during|amid|midway\s+through|halfway\s+through)\s+(?:the\s+)?$", re.IGNORECASE
)
_ORDER_OF_THE_SHOW = re.compile(r"series\s+order|order\s+for")


# The title a renewal is of: its object ("renewed Other Title for ...") or its subject ("Other Title was renewed").
_RENEWED_OBJECT = re.compile(
    r"\s+(?P<title>[A-Z][\w'’&:-]*(?:\s+[A-Z][\w'’&:-]*){0,5})\s+(?:for|through|into)\b"
)
_RENEWED_SUBJECT = re.compile(
    r"(?P<title>[A-Z][\w'’&:-]*(?:\s+[A-Z][\w'’&:-]*){0,5})\s+(?:was|is|has\s+been|had\s+been|got|gets)\s+"
    r"(?:(?:first|officially|quickly|also|already)\s+)?$"
)


def renews_another(text: str, trigger: Trigger, show: ShowContext) -> bool:
    """Whether a renewal names another title as what is renewed."""
    match = _RENEWED_OBJECT.match(text, trigger.end)
    if match is None:
        match = _RENEWED_SUBJECT.search(text, max(0, trigger.start - 80), trigger.start)
    if match is None:
        return False
    title = match.group("title")
    return not (
        show.names_title(title) or fold(title) == fold(show.service) or title in ("It", "The", "This")
    )


# A season that has come out: the renewal after it is for the next one ("renewed ... after the first season
# debuted"); a season that "would be the last" has not.
_CAME_OUT = re.compile(
    r"^[^;]{0,120}?\b(?:premiered|debuted|aired|dropped|arrived|landed|launched|came\s+out|bowed|wrapped|ended"
    r"|concluded|finished|streamed|(?:was|were)\s+released)\b",
    re.IGNORECASE,
)
# "nine months after the first season dropped": the season a renewal came after.
_AFTER_BEFORE = re.compile(r"\bafter\s+(?:(?:the|its|their)\s+)?$", re.IGNORECASE)
_FOR_BEFORE = re.compile(r"\bfor\s+(?:(?:a|an|the|its)\s+)?$", re.IGNORECASE)


def renewal_seasons(
    text: str,
    starts: tuple[int, ...],
    trigger: Trigger,
    named: tuple[Numbered, ...],
    in_focus: int | list[int] | None,
    no_season_yet: bool = False,
) -> list[int]:
    """The seasons a renewal is for: those named in its clause, else the season (or the two seasons, "for
    both") in focus, else the one after a season the sentence says has already come out ("renewed ... after
    the first season debuted")."""
    clause = clause_of(starts, trigger.start)
    in_clause = [numbered for numbered in named if clause_of(starts, numbered.start) == clause]
    if in_clause and all(_RUNNING.search(text, max(0, n.start - 30), n.start) for n in in_clause):
        # "renewed ... a week into season 4's run": the season on the air now; the order is for the next.
        return [max(n.number for n in in_clause) + 1]
    # "renewed <Title> for a fourth season, ... even though the third has not aired": the season after "for".
    after = [
        n
        for n in named
        if trigger.end <= n.start <= trigger.end + 60
        and _FOR_BEFORE.search(text, max(0, n.start - 12), n.start)
    ]
    if after:
        first = after[0]
        return list(dict.fromkeys(n.number for n in named if first.start <= n.start <= first.end + 12))
    own = seasons_of_clause(named, starts, trigger.start)
    if own:
        return list(dict.fromkeys(own))
    if _ORDER_OF_THE_SHOW.search(trigger.word):
        return [1]  # a series order, an order for the show: the show's first season
    if no_season_yet and _FIRST_ORDER.search(trigger.word):
        return [
            1
        ]  # "The Monday pickup", "the channel ordered it": before any season is named, the show's first
    released = [
        n
        for n in named
        if _AFTER_BEFORE.search(text, max(0, n.start - 40), n.start)
        and _CAME_OUT.search(text[n.start : n.end + 60])
    ]
    if len({n.number for n in released}) == 1:
        return [released[0].number + 1]  # "renewed it in June, nine months after the first season dropped"
    if isinstance(in_focus, list):
        return in_focus
    if in_focus == 1 and trigger.word.startswith("renew"):
        return [2]  # "first renewed the show a week after its debut": no show is renewed for its first season
    if in_focus is not None:
        return [in_focus]
    if len({numbered.number for numbered in named}) == 1 and _CAME_OUT.search(
        text[starts[clause_of(starts, named[0].start)] :]
    ):
        return [named[0].number + 1]
    return []
