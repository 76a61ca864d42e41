"""What credit extraction finds in an article: cast pairs, cast and crew mentions, each with its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts.documents import Article, Sentence
from bot.facts.names import NameSpan


@dataclass(frozen=True)
class Evidence:
    """The sentence a mention was found in, and the span of the words that say it."""

    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass(frozen=True)
class PairMention:
    """ "A (B)": one of the two is the actor, the other the character; the article's habit decides which."""

    outer: NameSpan
    inner: NameSpan
    evidence: Evidence
    listed: bool = False


@dataclass(frozen=True)
class CastMention:
    """An actor named as being in the cast, with the character when the sentence says it."""

    actor: str
    character: str | None
    evidence: Evidence
    needs_known_actor: bool = False
    joins_season: int | None = None


@dataclass(frozen=True)
class CrewMention:
    """A person or company credited with a role; role None for an affiliation only ("X of Acme Media")."""

    name: str
    role: str | None
    affiliation: str | None
    evidence: Evidence


@dataclass
class CreditMentions:
    """Everything credit-like found in one article."""

    pairs: list[PairMention]
    cast: list[CastMention]
    crew: list[CrewMention]


def evidence_of(article: Article, sentence: Sentence, match: re.Match[str]) -> Evidence:
    return Evidence(article, sentence, sentence.start + match.start(), sentence.start + match.end())
