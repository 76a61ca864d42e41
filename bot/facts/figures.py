"""Audience figures, rankings and release years stated about the show or one of its seasons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts.documents import Article, Sentence
from bot.facts.seasons import earlier_season, season_in_focus, seasons_before, seasons_in
from bot.facts.show_context import ShowContext

_HAS_DIGIT = re.compile(r"\d")
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# More than any audience or any hours watched: a typo or an attack, not a figure.
_LARGEST_AUDIENCE = 10**12
_FIGURE = re.compile(
    r"\b(?P<number>\d+(?:\.\d+)?)\s+(?P<multiplier>thousand|million|billion)\s+"
    r"(?P<unit>households|viewers|people|accounts|members|homes|views|hours|subscribers|fans)\b",
    re.IGNORECASE,
)
_WINDOW = re.compile(
    r"\b(?:in|within|during|over)\s+(?:its|the|their)\s+(?P<window>first\s+(?:\d+\s+days|week|month|weekend))\b",
    re.IGNORECASE,
)
_VIEWING = re.compile(r"\b(?:watch(?:ed)?|tuned|viewed|streamed|saw|tune[ds]?)\b", re.IGNORECASE)
# The owner ("Tidewater's") is one word of at most 62 letters: unbounded, it was read again from every letter of a
# long word, to the word's end (quadratic).
_ACCOLADE = re.compile(
    r"(?:(?P<owner>[A-Z]\w{0,60}?['’]?s)\s+)?(?P<rank>most[- ](?:popular|watched|streamed|viewed)|top|biggest"
    r"|number[- ]one)\s+(?P<genre>(?:romantic[- ])?(?:comedy|drama|English-language|TV|reality)\s+)?"
    r"(?P<noun>series|show|title)\s+of\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_RELEASE_YEAR = re.compile(
    r"\b(?:released|premiered|debuted|arrived|dropped|launched)\b[^.;]{0,40}?\bin\s+(?P<year>(?:19|20)\d{2})\b"
    r"|\bin\s+(?P<year2>(?:19|20)\d{2})\s+(?:during|with|upon|on)\s+its\s+(?:release|debut|premiere)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FigureMention:
    """A stated audience figure."""

    amount: int
    text: str
    unit: str
    window: str | None
    season: int | None
    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass(frozen=True)
class AccoladeMention:
    """A stated ranking ("most popular comedy series of 2019"); `key` groups the same claim told differently."""

    key: str
    text: str
    year: int
    focus_season: int | None
    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass(frozen=True)
class ReleaseYearMention:
    """A season's (or, with no season named, the show's first season's) release year."""

    season: int
    year: int
    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass
class SeasonFindings:
    """Figures, rankings and release years found in one article."""

    figures: list[FigureMention]
    accolades: list[AccoladeMention]
    release_years: list[ReleaseYearMention]


def find_season_mentions(article: Article, show: ShowContext) -> SeasonFindings:
    """Every figure, ranking and release year the article states about the show."""
    found = SeasonFindings([], [], [])
    for index, sentence in enumerate(article.sentences):
        text = sentence.text
        if not _HAS_DIGIT.search(text) or show.names_other_title(text):
            continue  # every figure, ranking and year has digits
        previous = article.sentences[index - 1] if index else None
        about_show = show.refers_to_show(text)
        leans_on_previous = (
            previous is not None
            and previous.paragraph == sentence.paragraph
            and show.refers_to_show(previous.text)
        )
        if not (about_show or leans_on_previous):
            continue
        season = season_in_focus(article.sentences, index)
        window = _WINDOW.search(text)
        for match in _FIGURE.finditer(text):
            if window is None and not _VIEWING.search(text):
                continue  # "our 12 million fans": a greeting, not a measured audience
            amount = round(float(match.group("number")) * _MULTIPLIERS[match.group("multiplier").lower()])
            if not 1 <= amount <= _LARGEST_AUDIENCE:
                continue  # "0.0000000001 million", "99999999999999999999 billion": no audience is measured so
            found.figures.append(
                FigureMention(
                    amount,
                    f"{match.group('number')} {match.group('multiplier').lower()}",
                    match.group("unit").lower(),
                    window.group("window") if window else None,
                    season,
                    article,
                    sentence,
                    sentence.start + match.start(),
                    sentence.start + (window.end() if window else match.end()),
                )
            )
        if not about_show:
            continue
        for match in _ACCOLADE.finditer(text):
            rank = "most popular" if match.group("rank").lower() == "top" else match.group("rank").lower()
            genre = (match.group("genre") or "").strip().lower()
            phrase = " ".join(
                part for part in (rank, genre, match.group("noun").lower(), "of", match.group("year")) if part
            )
            owner = match.group("owner") or ""
            service_owned = owner.rstrip("'’s").lower() in (show.service.lower(), show.service.lower()[:-1])
            text_out = f"{show.service}'s {phrase}" if service_owned else phrase
            # A ranking "of 2019" belongs to the season released that year (settled in resolution); the
            # season named earlier in the paragraph is only the fallback.
            named_before = seasons_before(text, match.start())
            focus = named_before[-1].number if named_before else earlier_season(article.sentences, index)
            found.accolades.append(
                AccoladeMention(
                    phrase,
                    text_out,
                    int(match.group("year")),
                    focus,
                    article,
                    sentence,
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                )
            )
        if not seasons_in(text):
            for match in _RELEASE_YEAR.finditer(text):
                year = int(match.group("year") or match.group("year2"))
                found.release_years.append(
                    ReleaseYearMention(
                        1,
                        year,
                        article,
                        sentence,
                        sentence.start + match.start(),
                        sentence.start + match.end(),
                    )
                )
    return found
