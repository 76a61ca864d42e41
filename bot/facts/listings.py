"""Premiere dates in what-to-watch listings: an item's heading names a title and its service in brackets, and
its date follows a dash ("3. 'Title,' Season 4 (Streamly) — Wednesday, June 25") or sits on a "When:" line
under it ("When: Sunday, Jan. 15 at 9 p.m. ET")."""

from __future__ import annotations

import re

from bot.facts.clock import TimeMention, find_times
from bot.facts.dated_mentions import DatedFindings, resolved_dates, stated, time_for
from bot.facts.documents import Article
from bot.facts.seasons import seasons_named
from bot.facts.show_context import ShowContext

# "3. 'Title,' Season 4 (Streamly) — Wednesday, June 25", "TITLE (Streamly) — Thursday, April 9, 9 p.m. ET".
_DATED_HEADING = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?(?P<item>[^()]{2,120}?)\s*\([^()]{2,30}\)\s*[—–]\s*(?P<rest>.{4,80})$"
)
# A release list's line: "- Season 2: January 5, 2023", "• Series 3 — 14 March 2024".
_SEASON_LINE = re.compile(
    r"^\s*(?:[-•*·]\s*)?(?:Season|Series|S)\s*(?P<season>\d{1,2})\s*[:—–-]\s*(?P<rest>[^\s:(][^()]{3,40}?)"
    # ("- Season 1: November 1, 2019 (one of the service's first originals)": an aside after the date)
    r"(?:\s*\([^()]{0,100}\))?[.;]?\s*$"
)
# The sentence that introduces such a list says they are releases, and not shoots or renewals.
_RELEASES_LISTED = re.compile(
    r"\b(?:rolled\s+out|released?|releases|premiered?|premieres|debut(?:ed|s)?|arrived?|dropped|launched|aired"
    r"|release\s+dates|premiere\s+dates)\b",
    re.IGNORECASE,
)
_NOT_RELEASES = re.compile(
    r"\b(?:film\w*|shoot\w*|shot|production|renew\w*|ordered|wrap\w*)\b", re.IGNORECASE
)
# An item's heading alone: "1. The Last of Us (HBO)".
_HEADING = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?(?P<item>[^()]{2,120}?)\s*\([^()]{2,30}\)\s*$")
_WHEN = re.compile(r"^\s*(?:when|premieres?|premiere\s+date|release\s+date|date)\s*:\s*", re.IGNORECASE)
# A release verb a little before a time: "arrives all at once on Streamly at 8 p.m. ET".
_RELEASED_BEFORE = re.compile(
    r"\b(?:arriv\w*|drop\w*|premier\w*|debut\w*|airs?|airing|stream\w*|lands?|launch\w*|released?)\b[^.;]{0,50}$",
    re.IGNORECASE,
)
# "When: Now streaming (premiered Jan. 12)": already out, a date of the past, not the item's premiere.
_ALREADY_OUT = re.compile(r"\b(?:now|already)\s+(?:streaming|available|out)\b|\bas\s+of\b", re.IGNORECASE)


def is_listing_heading(text: str) -> bool:
    """Whether a line is a listing item's heading ("3. 'Title,' Season 4 (Streamly) — Wednesday, June 25")."""
    return _DATED_HEADING.match(text) is not None or _HEADING.match(text) is not None


def listing_premiere(
    article: Article,
    index: int,
    show: ShowContext,
    article_season: int | None,
    first_season_sentence: int,
    findings: DatedFindings,
) -> bool:
    """Whether the sentence is a listing's date for the show, recorded as its premiere (the first season when
    no season is named before it, as for any premiere)."""
    sentence = article.sentences[index]
    text = sentence.text
    heading = _DATED_HEADING.match(text)
    season_line = _SEASON_LINE.match(text)
    if season_line is not None:
        return _season_line_premiere(article, index, season_line, show, findings)
    if heading is not None:
        item, start = heading.group("item"), heading.start("rest")
    elif (
        index and (when := _WHEN.match(text)) and (above := _HEADING.match(article.sentences[index - 1].text))
    ):
        item, start = above.group("item"), when.end()
    else:
        return False
    if not show.names_title(item) or _ALREADY_OUT.search(text, start):
        return False
    dates = [
        pair
        for pair in resolved_dates(article, sentence, show, findings, exact_only=True)
        if pair[0].start >= start
    ]
    if not dates:
        return False
    mention, value = dates[0]
    named = seasons_named(item)
    season = named[0].number if len(named) == 1 else article_season
    if season is None and not named:
        season = _season_below(article, index)
    if season is None and index <= first_season_sentence:
        season = 1
    time = time_for(find_times(text), mention.start, mention.end, len(text)) or _time_below(article, index)
    findings.mentions.append(
        stated(
            "premiere",
            value,
            article,
            sentence,
            mention,
            season=season,
            time=time,
            timezone=time.timezone if time else None,
        )
    )
    return True


def _season_line_premiere(
    article: Article, index: int, line: re.Match[str], show: ShowContext, findings: DatedFindings
) -> bool:
    """A list of release dates, a season per line ("- Season 2: January 5, 2023"), under a sentence that says
    they are releases ("here's how the first three seasons were rolled out:")."""
    lead = next(
        (
            sentence.text
            for sentence in reversed(article.sentences[max(0, index - 6) : index])
            if not _SEASON_LINE.match(sentence.text)
        ),
        "",
    )
    if not _RELEASES_LISTED.search(lead) or _NOT_RELEASES.search(lead):
        return False
    sentence = article.sentences[index]
    dates = [
        pair
        for pair in resolved_dates(article, sentence, show, findings)
        if pair[0].start >= line.start("rest")
    ]
    if len(dates) != 1 or dates[0][0].start != line.start("rest") or dates[0][0].year is None:
        return False
    mention, value = dates[0]
    season = int(line.group("season"))
    findings.mentions.append(stated("premiere", value, article, sentence, mention, season=season))
    return True


def _season_below(article: Article, index: int) -> int | None:
    """The one season the item's own text names ("... for the comedy's fifth and final season"), before the
    next item."""
    numbers: set[int] = set()
    for following in article.sentences[index + 1 : index + 6]:
        if following.paragraph > article.sentences[index].paragraph + 1:
            break
        if _HEADING.match(following.text) or _DATED_HEADING.match(following.text):
            break
        numbers.update(numbered.number for numbered in seasons_named(following.text))
    return numbers.pop() if len(numbers) == 1 else None


def _time_below(article: Article, index: int) -> TimeMention | None:
    """The time the item's text gives its release ("arrives all at once at 8 p.m. ET"), before the next item."""
    for following in article.sentences[index + 1 : index + 3]:
        if _HEADING.match(following.text) or _DATED_HEADING.match(following.text):
            return None
        for time in find_times(following.text):
            if _RELEASED_BEFORE.search(following.text, max(0, time.start - 60), time.start):
                return time
    return None


__all__ = ["is_listing_heading", "listing_premiere"]
