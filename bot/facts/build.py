"""The build: seeds/ -> articles -> mentions -> resolved facts -> corrections -> one FactSet."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.facts.corrections import apply_corrections
from bot.facts.documents import Article, ArticleError, article_files, parse_article, read_article_bytes
from bot.facts.extraction_cache import ExtractionCache
from bot.facts.extraction_pool import extract_all
from bot.facts.models import BuildWarning, Document, FactSet
from bot.facts.resolution import ArticleFindings, Resolver
from bot.facts.seed_files import config_bytes, load_corrections, load_show
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


def build_fact_set(
    seeds_dir: Path,
    only: Sequence[Path] | None = None,
    cache: Path | None = None,
    *,
    with_corrections: bool = True,
    workers: int | None = None,
) -> FactSet:
    """Extract and resolve every fact the articles in seeds_dir (or just the files in `only`) state, then
    apply corrections.toml unless told not to (the start-up's fallback when that file is broken).

    With `cache`, each article's extraction is looked up there by content and extractor version first,
    and the cache keeps exactly this build's articles afterwards. Articles not in the cache are extracted on
    `workers` processes (default: every core when there is much text, else in this process).
    Raises SeedFileError when show.toml or corrections.toml cannot be used; a bad article is only skipped.
    """
    with _batch_allocation():
        return _build(seeds_dir, only, cache, with_corrections, workers)


def _is_findings_of(found: object, name: str, data: bytes) -> bool:
    """Whether a cached entry is what extraction of this article would give: nothing, or its own findings."""
    if found is None:
        return True
    return (
        isinstance(found, ArticleFindings)
        and isinstance(found.article, Article)
        and found.article.file == name
        and len(found.article.text.encode()) <= len(data)
    )


def describe(article: Article) -> Document:
    """The article as sources and /facts sources show it."""
    return Document(
        file=article.file,
        publication_date=article.publication_date,
        characters=len(article.text),
        headline=article.headline,
        outlet=article.outlet,
        url=article.url,
    )


def _build(
    seeds_dir: Path,
    only: Sequence[Path] | None,
    cache_path: Path | None,
    with_corrections: bool,
    workers: int | None,
) -> FactSet:
    config = load_show(seeds_dir)
    corrections = load_corrections(seeds_dir) if with_corrections else []
    documents: list[Document] = []
    findings: list[ArticleFindings] = []
    warnings: list[BuildWarning] = []
    cache = ExtractionCache(cache_path, config_bytes(seeds_dir)) if cache_path else contextlib.nullcontext()
    with cache as entries:
        # First what is already known (the cache), then everything else extracted at once, on every core
        # when there is much of it.
        read: list[tuple[Path, bytes | ArticleError, str, bool, ArticleFindings | None]] = []
        for path in article_files(seeds_dir) if only is None else only:
            try:
                data = read_article_bytes(path)
            except ArticleError as error:
                read.append((path, error, "", False, None))
                continue
            key = entries.key(path.name, data) if entries else ""
            cached, found = entries.get(key) if entries else (False, None)
            if cached and not _is_findings_of(found, path.name, data):
                cached, found = False, None  # an entry that is not this article's: extract it again
            read.append((path, data, key, cached, found))
        missing = [
            (path.name, data) for path, data, _, cached, _ in read if not cached and isinstance(data, bytes)
        ]
        extracted = extract_all(missing, config, workers)
        show = ShowContext(config)
        for path, content, key, cached, found in read:
            outcome: ArticleError | tuple[Article, ArticleFindings | None]
            if isinstance(content, ArticleError):
                outcome = content
            elif cached:
                try:
                    outcome = (found.article if found else parse_article(path.name, content)), found
                except ArticleError as error:
                    outcome = error
            else:
                outcome = extracted[path.name]
                if entries and not isinstance(outcome, ArticleError):
                    entries.put(key, outcome[1])
            if isinstance(outcome, ArticleError):
                log.warning("skipping %s: %s", path.name, outcome)
                values = {"reason_key": outcome.key, **outcome.values}
                warnings.append(BuildWarning.from_values("warning.skipped", path.name, values))
                continue
            article, found = outcome
            documents.append(describe(article))
            if found is None:
                why = "warning.in_passing" if show.names_title(article.text) else "warning.not_about_show"
                warnings.append(BuildWarning.of(why, article.file, title=config.show.title))
                continue
            findings.append(found)
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
    skipped = {warning.file for warning in facts.warnings}
    for document in facts.documents:
        if document.facts == 0 and document.file not in skipped:
            # It names the show, but only in passing: an article about another title, a sidebar, a list.
            facts.warnings.append(BuildWarning.of("warning.no_fact", document.file, title=config.show.title))
    return facts


def _count_facts_per_document(facts: FactSet) -> None:
    counts: dict[str, int] = {}
    for fact in facts.sourced_facts():
        for file in {source.file for source in fact.sources}:
            counts[file] = counts.get(file, 0) + 1
    for document in facts.documents:
        document.facts = counts.get(document.file, 0)
