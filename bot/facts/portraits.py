"""What articles say about characters and seasons, in their own words: "Odile Martin, Jane's boss at
the agency", "X, who plays Jane's boss", and the sentences of a paragraph that opens on a season."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts.calendar import find_dates, might_hold_a_date
from bot.facts.documents import Article, Sentence
from bot.facts.names import NAME, UPPER, clean
from bot.facts.scanning import Led
from bot.facts.seasons import seasons_in
from bot.facts.show_context import ShowContext

_STOP_AT = r"(?=\s+(?:who|and|but|which)\b|\s*[,;.!?:]|\s*$)"
_POSSESSIVE = rf"[{UPPER}][\w-]*['’]s\s+[a-z]"
_APPOSITIVE = Led(
    rf"(?P<name>{NAME}),\s+(?P<desc>(?:an?|the)\s+[^,;.!?\"“”()]{{3,140}}?|{_POSSESSIVE}[^,;.!?\"“”()]{{2,120}}?){_STOP_AT}",
    NAME,
)
_WHO_PLAYS = Led(
    rf"(?P<name>{NAME}),?\s+who\s+plays\s+(?P<desc>{_POSSESSIVE}[\w\s-]{{1,60}}?){_STOP_AT}", NAME
)
_WHO_IS = Led(
    rf"(?P<name>{NAME}),?\s+who\s+is\s+(?P<desc>(?:an?|the)\s+[^,;.!?\"“”()]{{3,140}}?){_STOP_AT}", NAME
)
_IS = Led(
    rf"(?P<name>{NAME})\s+is\s+(?P<desc>(?:an?\s+[a-z]|{_POSSESSIVE})[^,;.!?\"“”()]{{2,100}}?){_STOP_AT}",
    NAME,
)
# Each pattern with the words it cannot match without, tested as plain substrings (the cheapest test there is).
_PATTERNS = (
    (_APPOSITIVE, False, frozenset({", a ", ", an ", ", the ", "'s ", "’s "})),
    (_WHO_PLAYS, True, frozenset({"who plays"})),
    (_WHO_IS, False, frozenset({"who is"})),
    (_IS, False, frozenset({" is a ", " is an ", "'s ", "’s "})),
)
_KEYS = sorted(frozenset().union(*(needed for _, _, needed in _PATTERNS)))
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|we|We|we're|our|Our|us)\b")
_CREDIT_WORDS = re.compile(
    r"\b(?:plays|played by|stars|starring|portray|joins the cast|cast as)\b|\(", re.IGNORECASE
)
# "If Lottie has her way, Corwin could ...": what might happen is not what a season tells.
_SPECULATION = re.compile(r"^(?:If|Unless|Should|Perhaps|Maybe)\b|\b(?:could|might|may|would)\b")
MAX_WORDS = 20
MAX_STORY_SENTENCE = 320


@dataclass(frozen=True)
class DescriptionMention:
    """A phrase describing a character; `of_actor` when it describes the character an actor plays."""

    subject: str
    text: str
    of_actor: bool
    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass(frozen=True)
class StoryMention:
    """A sentence about a season's story, kept when it names one of the show's characters."""

    season: int
    text: str
    article: Article
    sentence: Sentence


@dataclass
class PortraitFindings:
    """Descriptions and story sentences found in one article."""

    descriptions: list[DescriptionMention]
    story: list[StoryMention]


def _acceptable(description: str) -> bool:
    return 1 < len(description.split()) <= MAX_WORDS and not _FIRST_PERSON.search(description)


def find_portraits(article: Article, show: ShowContext) -> PortraitFindings:
    """Descriptions of characters and story sentences of seasons in one article."""
    found = PortraitFindings([], [])
    for sentence in article.sentences:
        text = sentence.text
        present = {word for word in _KEYS if word in text}
        for pattern, of_actor, needed in _PATTERNS:
            if present.isdisjoint(needed):
                continue
            for match in pattern.finditer(text):
                description = " ".join(match.group("desc").split())
                if _acceptable(description):
                    found.descriptions.append(DescriptionMention(
                        clean(match.group("name")), description, of_actor, article, sentence,
                        sentence.start + match.start("desc"), sentence.start + match.end("desc"),
                    ))  # fmt: skip
    found.story = _story(article, show)
    return found


def _dated(text: str) -> bool:
    return might_hold_a_date(text) and bool(find_dates(text))


def _story(article: Article, show: ShowContext) -> list[StoryMention]:
    """Sentences of paragraphs that open by naming one season, with no date and no credit in them."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    story: list[StoryMention] = []
    for sentences in paragraphs.values():
        opening = sentences[0].text
        numbers = {season.number for season in seasons_in(opening)}
        if len(numbers) != 1 or _dated(opening) or show.names_other_title(opening):
            continue
        season = numbers.pop()
        for sentence in sentences:
            text = sentence.text
            if (len(text) > MAX_STORY_SENTENCE or text.endswith("?") or _FIRST_PERSON.search(text) or _SPECULATION.search(text)
                    or _CREDIT_WORDS.search(text) or _dated(text)):  # fmt: skip
                continue
            story.append(StoryMention(season, text, article, sentence))
    return story
