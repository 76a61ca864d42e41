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


def _time_below(article: Article, index: int) -> TimeMention | None:
    """The time the item's text gives its release ("arrives all at once at 8 p.m. ET"), before the next item."""
    for following in article.sentences[index + 1 : index + 3]:
        if _HEADING.match(following.text) or _DATED_HEADING.match(following.text):
            return None
        for time in find_times(following.text):
            if _RELEASED_BEFORE.search(following.text, max(0, time.start - 60), time.start):
                return time
    return None


__all__ = ["listing_premiere"]
