"""When two feed entries are one article (their links), and which entries name the show, in time linear in
their text whatever it holds."""

from __future__ import annotations

import time

import pytest

from bot.facts.seed_files import load_show
from bot.facts.show_context import ShowContext
from bot.newsdesk.keys import link_key, normalised_link, text_key
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("http://www.Example.com/story/?utm_source=rss&b=2&a=1#top", "https://example.com/story?a=1&b=2"),
        ("https://example.com/story?fbclid=x1", "https://example.com/story"),
        ("https://example.com:443/story?ref=homepage", "https://example.com/story"),
    ],
)
def test_one_article_whatever_the_tracking(first: str, second: str) -> None:
    assert link_key(first) == link_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/story.php?refid=1", "https://example.com/story.php?refid=2"),
        ("https://example.com/a?reference=A", "https://example.com/a?reference=B"),
        ("https://example.com/a?x=1%26y%3D2", "https://example.com/a?x=1&y=2"),
        ("https://example.com/a?id=1", "https://example.com:8080/a?id=1"),
        ("https://example.com/a/b", "https://example.com/a/c"),
        ("https://example.com/#/news/1", "https://example.com/#/news/2"),
        ("https://example.com/#!/story/1", "https://example.com/#!/story/2"),
        ("http://example.com:443/a", "http://example.com/a"),
        ("https://example.com/a?Ref=5", "https://example.com/a?Ref=6"),
        ("https://example.com/a?id=1&id=2", "https://example.com/a?id=2&id=1"),
    ],
)
def test_different_articles_stay_different(first: str, second: str) -> None:
    assert link_key(first) != link_key(second), (normalised_link(first), normalised_link(second))


def test_the_same_text_whatever_the_spacing_and_case() -> None:
    assert text_key("Emily in Paris  returns.\n") == text_key("emily in paris returns.")
    assert text_key("Emily in Paris returns.") != text_key("Emily in Paris returned.")


def _cpu(check: ShowContext, texts: list[str]) -> float:
    began = time.process_time()
    for text in texts:
        check.names_title(text)
    return time.process_time() - began


def test_naming_the_show_is_linear_in_a_hostile_entry() -> None:
    # Many mentions the sequel rule rejects, after a long run of letters: each was scanned from the start.
    show = ShowContext(load_show(SEEDS))
    hostile = ["x" * 1000 + f"{n} " + "Emily in Paris part ii " * 42 for n in range(40)]
    prose = [
        ("The cast shared photos from the set in Paris this week, " * 40)[: len(hostile[0])]
        for _ in range(40)
    ]
    baseline = max(_cpu(ShowContext(load_show(SEEDS)), prose), 0.001)
    assert _cpu(show, hostile) < 50 * baseline + 0.2, "quadratic in the word before the title"
