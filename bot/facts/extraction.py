"""One article's extraction: its text read, then every mention it states about the show."""

from __future__ import annotations

import logging

from bot.facts.credits import find_credit_mentions
from bot.facts.dated import find_dated_mentions
from bot.facts.documents import Article, ArticleError, parse_article
from bot.facts.figures import find_season_mentions
from bot.facts.portraits import find_portraits
from bot.facts.resolution import ArticleFindings
from bot.facts.show_context import ShowContext

log = logging.getLogger(__name__)

Extracted = ArticleError | tuple[Article, ArticleFindings | None]


def extract(article: Article, show: ShowContext) -> ArticleFindings | None:
    """Everything one article states about the show; None when it does not name the show."""
    if not show.names_title(article.text):
        return None
    return ArticleFindings(
        article,
        find_credit_mentions(article, show),
        find_dated_mentions(article, show),
        find_season_mentions(article, show),
        find_portraits(article, show),
    )


def extract_safely(article: Article, show: ShowContext) -> ArticleFindings | None:
    """Extraction of one article; a failure inside it skips that article only, named in the warning."""
    try:
        return extract(article, show)
    except Exception as error:  # any bug in one rule must not cost the other articles
        log.exception("extraction failed on %s", article.file)
        raise ArticleError("article.extraction_failed", error=error.__class__.__name__) from error


def read_and_extract(item: tuple[str, bytes], show: ShowContext) -> Extracted:
    """One article read and extracted; a bad article comes back as its error."""
    name, data = item
    try:
        article = parse_article(name, data)
        return article, extract_safely(article, show)
    except ArticleError as error:
        return error
