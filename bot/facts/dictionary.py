"""English words as a dictionary lists them in small letters (proper names, capitalised there, left out), kept
compact: one sorted string and its offsets, about 3 MB where a set of the same 210,000 words takes 50 MB."""

from __future__ import annotations

import functools
import gc
from array import array

from english_words import get_english_words_set


class SortedWords:
    """A sorted word list answering `word in words` by binary search (a few microseconds)."""

    def __init__(self, words: list[str]) -> None:
        ordered = sorted(set(words))
        self._text = "\n".join(ordered)
        self._starts = array("I")
        position = 0
        for word in ordered:
            self._starts.append(position)
            position += len(word) + 1
        self._count = len(ordered)

    def _word(self, index: int) -> str:
        start = self._starts[index]
        end = self._text.find("\n", start)
        return self._text[start : end if end >= 0 else len(self._text)]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._word(middle) < word:
                low = middle + 1
            else:
                high = middle
        return low < self._count and self._word(low) == word

    def __len__(self) -> int:
        return self._count


@functools.cache
def everyday_words() -> SortedWords:
    """The dictionary's small-letter words, loaded once per process on first use (0.3 s)."""
    words = SortedWords(
        [word for word in get_english_words_set(["web2"], lower=False, alpha=True) if word.islower()]
    )
    gc.collect()  # the package's own set of every word is garbage now: give its memory back
    return words
