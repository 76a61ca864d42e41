"""What resolution's stages share: an article's findings, the evidence kept with a fact, and the resolver's
common state (show, warnings, one Source per evidence span, the registry of people)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.facts.calendar import is_city
from bot.facts.credits import CreditMentions, Evidence
from bot.facts.dated import DatedFindings
from bot.facts.documents import Article, Sentence, fold
from bot.facts.figures import SeasonFindings
from bot.facts.identity import Registry, Sighting
from bot.facts.models import (
    BuildWarning,
    Source,
)
from bot.facts.names import looks_like_person, tokens
from bot.facts.portraits import PortraitFindings
from bot.facts.seed_files import ShowConfig
from bot.facts.show_context import ShowContext


@dataclass
class ArticleFindings:
    """What extraction found in one article."""

    article: Article
    credits: CreditMentions
    dated: DatedFindings
    seasons: SeasonFindings
    portraits: PortraitFindings


# Evidence kept with a fact: a sentence longer than this is cut to a window around what it says.
MAX_EVIDENCE = 400


def evidence_window(article_text: str, start: int, end: int, sentence: str, sentence_start: int = -1) -> str:
    """The sentence, or for a very long one a window of MAX_EVIDENCE characters around the span, marked as
    cut: a 300 KB sentence naming many people must not be stored once per person. Windows start on a grid of
    half their width, so facts from the same stretch of the sentence share one stored window.
    `sentence_start` (the sentence's offset in the article) places the span without searching for it: a search
    per fact in a sentence of many facts is quadratic."""
    if len(sentence) <= MAX_EVIDENCE:
        return sentence
    at = start - sentence_start
    if sentence_start < 0 or not 0 <= at < len(sentence):
        span = article_text[start : min(end, start + 200)]
        at = max(0, sentence.find(span)) if span else 0
    step = MAX_EVIDENCE // 2
    low = min(max(0, (at // step) * step - step // 2), max(0, len(sentence) - MAX_EVIDENCE))
    high = min(len(sentence), low + MAX_EVIDENCE)
    return ("…" if low else "") + sentence[low:high] + ("…" if high < len(sentence) else "")


def source_of(article: Article, start: int, end: int, sentence: str, sentence_start: int = -1) -> Source:
    """The provenance of a fact: file, sentence (or a window of it) and character span."""
    sentence = evidence_window(article.text, start, end, sentence, sentence_start)
    # Built from values extraction already typed: validating tens of thousands of them again costs a tenth
    # of the build.
    return Source.model_construct(
        file=article.file, sentence=sentence, start=start, end=end, publication_date=article.publication_date,
        correction_by=None, headline=article.headline, outlet=article.outlet, url=article.url,
    )  # fmt: skip


def unique_sources(sources: Iterable[Source]) -> list[Source]:
    """Each source once, in the order of the articles and their text."""
    seen: dict[tuple[str, int, int], Source] = {}
    for source in sources:
        seen.setdefault((source.file, source.start, source.end), source)
    return sorted(seen.values(), key=lambda source: (source.file, source.start))


@dataclass
class Role:
    """One character an actor plays, with every spelling of it and the sentences that say so."""

    character: str | None
    spellings: set[str]
    sources: list[Source]


class Spoken(Protocol):
    """Anything found at a span of an article's sentence."""

    @property
    def article(self) -> Article: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def sentence(self) -> Sentence: ...


class ResolverBase:
    """What every stage of resolution shares: the show, the findings, the warnings and the sources."""

    def __init__(self, config: ShowConfig, findings: list[ArticleFindings]) -> None:
        self.config = config
        self.show = ShowContext(config)
        self.findings = findings
        self.warnings: list[BuildWarning] = []
        self._new_cast: dict[int, set[str]] = defaultdict(set)
        # One Source per evidence span: the same sentence backs many facts, and each Source costs.
        self._sources: dict[tuple[str, int, int, str], Source] = {}

    def _source(
        self, article: Article, start: int, end: int, sentence: str, sentence_start: int = -1
    ) -> Source:
        key = (article.file, start, end, sentence)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = source_of(article, start, end, sentence, sentence_start)
        return found

    def _spoken(self, mention: Spoken) -> Source:
        """The source of a mention that carries its article, span and sentence (a figure, a portrait)."""
        return self._source(
            mention.article, mention.start, mention.end, mention.sentence.text, mention.sentence.start
        )

    def _evidence(self, evidence: Evidence) -> Source:
        return self._source(
            evidence.article, evidence.start, evidence.end, evidence.sentence.text, evidence.sentence.start
        )

    def warn(self, file: str | None, message: str) -> None:
        """Record a problem for the build report, in English only (an extraction's own note)."""
        self.warnings.append(BuildWarning(file=file, message=message))

    def warn_of(self, key: str, file: str | None, **values: str | int) -> None:
        """Record a problem for the build report, in each reader's language."""
        self.warnings.append(BuildWarning.from_values(key, file, values))

    def _person_name(self, name: str) -> bool:
        return looks_like_person(name, self.show.reserved)

    def _character_name(self, name: str) -> bool:
        """A character may bear a city's name ("Sydney") or the show's: the construction says it is a role."""
        if self._person_name(name):
            return True
        if is_city(name):
            return looks_like_person(name + " X", self.show.reserved)
        # A family may carry the show's name ("Lord Anthony <Title>"), and a show may be named after its
        # lead ("stars as <Title>"): the construction says it is a character.
        return looks_like_person(name) and (len(tokens(name)) >= 2 or fold(name) in self.show.folded_titles)

    # -- people ------------------------------------------------------------------------------------

    def _registry(self, names: Iterable[tuple[str, Article]]) -> Registry:
        # One sighting per spelling and article: canonical spellings count articles, not repetitions.
        unique = {(name, article.file): article for name, article in names}
        return Registry(
            [
                Sighting(name, file, article.publication_date)
                for (name, file), article in unique.items()
                if self._person_name(name)
            ]
        )
