"""The build: seeds/ -> articles -> mentions -> resolved facts -> corrections -> one FactSet."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from pathlib import Path

from bot.facts.corrections import apply_corrections
from bot.facts.credits import find_credit_mentions
from bot.facts.dated import find_dated_mentions
from bot.facts.documents import ArticleError, article_files, read_article
from bot.facts.figures import find_season_mentions
from bot.facts.models import BuildWarning, Document, FactSet
from bot.facts.portraits import find_portraits
from bot.facts.resolution import ArticleFindings, Resolver
from bot.facts.seed_files import load_corrections, load_show
from bot.facts.show_context import ShowContext

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _batch_allocation() -> Iterator[None]:
    """Collect garbage less often while building: the build makes many small objects that all survive,
    and the default thresholds spend a sixth of the build re-scanning them."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build_fact_set(seeds_dir: Path, *, with_corrections: bool = True) -> FactSet:
    """Extract and resolve every fact the articles in seeds_dir state (then apply corrections.toml, unless told
    not to: the start-up's fallback when that file is broken).

    Raises SeedFileError when show.toml or corrections.toml cannot be used; a bad article is only skipped.
    """
    with _batch_allocation():
        return _build(seeds_dir, with_corrections)


def _build(seeds_dir: Path, with_corrections: bool) -> FactSet:
    config = load_show(seeds_dir)
    corrections = load_corrections(seeds_dir) if with_corrections else []
    show = ShowContext(config)
    documents: list[Document] = []
    findings: list[ArticleFindings] = []
    warnings: list[BuildWarning] = []
    for path in article_files(seeds_dir):
        try:
            article = read_article(path)
        except ArticleError as error:
            log.warning("skipping %s: %s", path.name, error)
            warnings.append(BuildWarning(file=path.name, message=f"skipped: {error}"))
            continue
        documents.append(
            Document(
                file=article.file, publication_date=article.publication_date, characters=len(article.text)
            )
        )
        if not show.names_title(article.text):
            warnings.append(
                BuildWarning(
                    file=article.file, message=f"does not name {config.show.title}: no facts taken from it"
                )
            )
            continue
        findings.append(
            ArticleFindings(
                article,
                find_credit_mentions(article, show),
                find_dated_mentions(article, show),
                find_season_mentions(article, show),
                find_portraits(article, show),
            )
        )
    resolver = Resolver(config, findings)
    resolved = resolver.resolve()
    facts = FactSet(
        show_title=config.show.title,
        credits=resolved.credits,
        crew=resolved.crew,
        dates=resolved.dates,
        seasons=resolved.seasons,
        figures=resolved.figures,
        documents=documents,
        warnings=warnings + resolver.warnings,
    )
    apply_corrections(facts, corrections)
    _count_facts_per_document(facts)
    return facts


def _count_facts_per_document(facts: FactSet) -> None:
    counts: dict[str, int] = {}
    for fact in facts.sourced_facts():
        for file in {source.file for source in fact.sources}:
            counts[file] = counts.get(file, 0) + 1
    for document in facts.documents:
        document.facts = counts.get(document.file, 0)
