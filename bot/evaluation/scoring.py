"""Scoring extraction on the corpus: each article built alone with its show's show.toml, every extracted
fact matched one-to-one against the article's gold."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from bot.evaluation.gold import AnnotatedArticle, Gold, GoldDate, ShowCorpus
from bot.evaluation.matching import cast_matches, date_matches, name_tokens, same_person
from bot.facts.build import build_fact_set
from bot.facts.models import DatedFact, FactSet, Source

Outcome = Literal["hit", "miss", "false"]
DATE_KINDS = ("premiere", "production_start", "renewal", "event", "ticket_sale")
CATEGORIES = ("cast", "crew", *DATE_KINDS)


@dataclass(frozen=True)
class Finding:
    """One judged fact: found and right (hit), stated but not found (miss), or found but wrong (false)."""

    show: str
    file: str
    category: str
    outcome: Outcome
    fact: str
    sentence: str = ""
    trap: bool = False


@dataclass
class Tally:
    """Hits, misses and false facts of one category, with precision, recall and F1."""

    hits: int = 0
    misses: int = 0
    false: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one finding."""
        if outcome == "hit":
            self.hits += 1
        elif outcome == "miss":
            self.misses += 1
        else:
            self.false += 1

    @property
    def precision(self) -> float:
        """Share of extracted facts that are right (1.0 when nothing was extracted)."""
        found = self.hits + self.false
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of stated facts that were found (1.0 when none are stated)."""
        stated = self.hits + self.misses
        return self.hits / stated if stated else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Evaluation:
    """Every finding of a corpus run, and the provenance fields read right."""

    findings: list[Finding] = field(default_factory=list)
    provenance: dict[str, Tally] = field(default_factory=dict)

    def tally(self, category: str | None = None, show: str | None = None) -> Tally:
        """Counts for one category ("dates" = every dated kind; None = all) and one show (None = all)."""
        tally = Tally()
        for finding in self.findings:
            if show is not None and finding.show != show:
                continue
            if category == "dates" and finding.category not in DATE_KINDS:
                continue
            if category not in (None, "dates") and finding.category != category:
                continue
            tally.add(finding.outcome)
        return tally

    def shows(self) -> list[str]:
        """The shows judged, in order."""
        return list(dict.fromkeys(finding.show for finding in self.findings))

    def traps_leaked(self) -> list[Finding]:
        """False facts that are names or dates the gold marks as traps."""
        return [finding for finding in self.findings if finding.trap]


G = TypeVar("G")
F = TypeVar("F")


def _pair(
    gold: Sequence[G], found: Sequence[F], same: Callable[[G, F], bool]
) -> tuple[list[tuple[G, F]], list[G], list[F]]:
    """One-to-one matching in order: (matched pairs, unmatched gold, unmatched found)."""
    left = list(found)
    pairs: list[tuple[G, F]] = []
    missing: list[G] = []
    for item in gold:
        match = next((candidate for candidate in left if same(item, candidate)), None)
        if match is None:
            missing.append(item)
        else:
            left.remove(match)
            pairs.append((item, match))
    return pairs, missing, left


def _sentence(sources: Sequence[Source]) -> str:
    return sources[0].sentence if sources else ""


def judge_article(show: str, article: AnnotatedArticle, facts: FactSet) -> list[Finding]:
    """Every finding for one article's extracted facts against its gold."""
    gold, file = article.gold, article.path.name
    findings: list[Finding] = []
    trap_names = [name_tokens(name) for name in gold.traps.names]
    trap_dates = set(gold.traps.dates)

    pairs, missing, extra = _pair(gold.cast, facts.credits, cast_matches)
    for wanted, credit in pairs:
        findings.append(
            Finding(
                show,
                file,
                "cast",
                "hit",
                _cast_text(wanted.actor, wanted.character),
                _sentence(credit.sources),
            )
        )
    for wanted in missing:
        findings.append(Finding(show, file, "cast", "miss", _cast_text(wanted.actor, wanted.character)))
    for credit in extra:
        trap = any(name_tokens(credit.actor) == trap for trap in trap_names)
        findings.append(
            Finding(
                show,
                file,
                "cast",
                "false",
                _cast_text(credit.actor, credit.character),
                _sentence(credit.sources),
                trap,
            )
        )

    wanted_roles = [(crew.name, role) for crew in gold.crew for role in crew.roles]
    found_roles = [(crew.name, role, crew.sources) for crew in facts.crew for role in crew.roles]
    crew_pairs, crew_missing, crew_extra = _pair(
        wanted_roles, found_roles, lambda g, f: same_person(g[0], f[0]) and g[1].lower() == f[1]
    )
    for (name, role), found in crew_pairs:
        findings.append(Finding(show, file, "crew", "hit", f"{name}: {role}", _sentence(found[2])))
    for name, role in crew_missing:
        findings.append(Finding(show, file, "crew", "miss", f"{name}: {role}"))
    for name, role, sources in crew_extra:
        trap = any(name_tokens(name) == trap for trap in trap_names)
        findings.append(Finding(show, file, "crew", "false", f"{name}: {role}", _sentence(sources), trap))

    date_pairs, date_missing, date_extra = _pair(gold.dates, facts.dates, date_matches)
    for wanted_date, fact in date_pairs:
        findings.append(
            Finding(show, file, wanted_date.kind, "hit", _date_text(wanted_date), _sentence(fact.sources))
        )
    for wanted_date in date_missing:
        findings.append(
            Finding(show, file, wanted_date.kind, "miss", _date_text(wanted_date), wanted_date.evidence or "")
        )
    for fact in date_extra:
        findings.append(
            Finding(
                show,
                file,
                fact.kind,
                "false",
                _date_text(fact),
                _sentence(fact.sources),
                fact.date in trap_dates,
            )
        )
    return findings


def _cast_text(actor: str, character: str | None) -> str:
    return f"{actor} as {character}" if character else f"{actor} (no character)"


def _date_text(fact: GoldDate | DatedFact) -> str:
    """A dated fact in one line: kind, date, season and part, precision, a stated time."""
    parts = [fact.kind, fact.date]
    if fact.season is not None:
        parts.append(f"S{fact.season}" + (f"P{fact.part}" if fact.part is not None else ""))
    if fact.precision != "day":
        parts.append(f"({fact.precision})")
    stated = not isinstance(fact, DatedFact) or fact.time_source != "show default"
    if fact.time is not None and stated:
        parts.append(f"{fact.time} {fact.timezone or ''}".strip())
    return " ".join(parts)


def _judge_provenance(gold: Gold, facts: FactSet, tallies: dict[str, Tally]) -> None:
    document = facts.documents[0] if facts.documents else None
    found = {
        "publication_date": str(document.publication_date)
        if document and document.publication_date
        else None,
        "headline": getattr(document, "headline", None),
        "outlet": getattr(document, "outlet", None),
    }
    wanted = gold.article.model_dump()
    for key, value in found.items():
        tally = tallies.setdefault(key, Tally())
        expected = wanted[key]
        if expected is None and value is None:
            continue
        if (
            expected is not None
            and value is not None
            and name_tokens(str(expected)) == name_tokens(str(value))
        ):
            tally.add("hit")
        else:
            if value is not None:
                tally.add("false")
            if expected is not None:
                tally.add("miss")


def evaluate(corpus: Sequence[ShowCorpus]) -> Evaluation:
    """Build each article alone and judge it against its gold."""
    result = Evaluation()
    for show in corpus:
        for article in show.articles:
            facts = build_fact_set(show.folder, only=[article.path])
            result.findings.extend(judge_article(show.name, article, facts))
            _judge_provenance(article.gold, facts, result.provenance)
    return result
