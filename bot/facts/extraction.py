"""One article's extraction: its text read, then every mention it states about the show."""

from __future__ import annotations

import logging

from bot.facts.credits import find_credit_mentions
from bot.facts.dated import find_dated_mentions
from bot.facts.documents import Article, ArticleError, parse_article
from bot.facts.figures import find_season_mentions
from bot.facts.focus import fan_site_of_the_show
from bot.facts.full_names import in_full
from bot.facts.listings import is_listing_heading
from bot.facts.portraits import find_portraits
from bot.facts.resolution import ArticleFindings
from bot.facts.show_context import ShowContext

log = logging.getLogger(__name__)

Extracted = ArticleError | tuple[Article, ArticleFindings | None]


# A lede is the first sentence of the story itself, not a headline, a byline or a caption: this many words.
_LEDE_WORDS = 8
# How a sentence of prose ends (a headline, a byline or a date line does not).
_ENDS = (".", "!", "?", '"', "”", "’")
# At most this many sentences name the show in an article about something else ("fans of <Title>").
_PASSING_MENTIONS = 2
# Fewer sentences than this is a note, not an article about something else.
_ARTICLE_SENTENCES = 5
# A heading line of a roundup ("Title, Season 5") is shorter than this.
_HEADING_WORDS = 8


def only_in_passing(article: Article, show: ShowContext) -> bool:
    """Whether an article is about something else and names the show in passing ("fans of <Title> will
    recognise the tone"): its headline does not name the show, and its one or two mentions are neither in the
    lede nor a roundup's heading."""
    if article.headline and show.names_title_between(article.headline, 0, len(article.headline)):
        return False  # any spelling in the headline, a title that is also a weekday included
    if fan_site_of_the_show(article, show):
        return False  # "a diplomat fan blog" at the top: the whole page is about the show
    naming = [sentence for sentence in article.sentences if show.names_title(sentence.text)]
    if not 1 <= len(naming) <= _PASSING_MENTIONS or len(article.sentences) < _ARTICLE_SENTENCES:
        return False
    lede = next(
        (
            s
            for s in article.sentences
            if len(s.text.split()) >= _LEDE_WORDS and s.text.rstrip().endswith(_ENDS)
        ),
        None,
    )
    return all(
        mention is not lede
        and len(mention.text.split()) >= _HEADING_WORDS
        and not is_listing_heading(mention.text)
        for mention in naming
    )


def extract(article: Article, show: ShowContext) -> ArticleFindings | None:
    """Everything one article states about the show; None when it does not name the show, or names it only
    in passing."""
    if not show.names_title(article.text) or only_in_passing(article, show):
        return None
    credits = find_credit_mentions(article, show)
    credits.cast = in_full(article, credits.cast, show.reserved)
    return ArticleFindings(
        article,
        credits,
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
