"""Scanning text in time linear in its length, where Python's regex engine alone would not be."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Longer than any word a pattern given to `ends_with` lists ("correspondent", "announced").
WORD_REACH = 40


class Led:
    """A pattern that opens with a run of words (a name, a list of names), scanned in time linear in the text.

    Python's engine tries a pattern at every capital letter of a long run of capitalised words and reads the
    rest of the run from each one: quadratic. An attempt from inside the run of an earlier failed attempt can
    only end where that attempt could, so it fails too: the scan skips the run. Same matches as `finditer`.
    `lead` must match, from the same start, everything the pattern's opening can (tests hold the two equal).
    """

    def __init__(self, pattern: str, lead: str, flags: int = 0) -> None:
        self._sources = (pattern, lead, flags)
        _CREATED.append(self)

    # Compiled on first use: the patterns take about a second to compile, and a start whose articles are all
    # in the extraction cache never uses them.
    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The whole pattern."""
        return re.compile(self._sources[0], self._sources[2])

    @functools.cached_property
    def lead(self) -> re.Pattern[str]:
        """Its opening run of words."""
        return re.compile(self._sources[1], self._sources[2])

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """The matches of the pattern in text from `pos`, left to right, as `re.finditer` finds them."""
        search, attempt = self.lead.search, self.pattern.match
        while (lead := search(text, pos)) is not None:
            start, pos = lead.span()
            match = attempt(text, start)
            if match is not None:
                yield match
                pos = match.end()
            if pos == start:  # neither the run nor the match is empty, but a pattern could be
                pos += 1

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match from `pos`, as `re.search` finds it."""
        return next(self.finditer(text, pos), None)


_CREATED: list[Led] = []


def compile_all() -> None:
    """Compile every pattern now (before worker processes are forked, so that they share the work)."""
    for led in _CREATED:
        _ = led.pattern, led.lead


def ends_with(pattern: re.Pattern[str], text: str, end: int, tail: str = "") -> bool:
    """Whether `pattern` matches at the end of text[:end]. The pattern is words (shorter than WORD_REACH) then
    white space, at most one character of `tail`, white space and `$`. Reads the last words only: searching all
    of text[:end] again for each of many ends is quadratic."""
    cut = end
    while cut and text[cut - 1].isspace():
        cut -= 1
    if tail and cut and text[cut - 1] in tail:
        cut -= 1
        while cut and text[cut - 1].isspace():
            cut -= 1
    return pattern.search(text, max(0, cut - WORD_REACH), end) is not None


def first_true(items: Sequence[T], holds: Callable[[T], bool]) -> int:
    """The index of the first item for which `holds`, when it holds for every item after that one too (len(items)
    when for none): a handful of costly tests instead of one per item."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if holds(items[middle]):
            high = middle
        else:
            low = middle + 1
    return low
