"""Which spellings name the same person, and which full name a surname or first name stands for."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.facts.documents import fold
from bot.facts.names import tokens


def slug(text: str) -> str:
    """A lower-case ascii id fragment ("Season 4: Part 1" -> "season-4-part-1")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def short_hash(text: str) -> str:
    """Six hex digits that tell apart ids whose readable part may collide."""
    return hashlib.sha1(fold(text).encode()).hexdigest()[:6]


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """A name's folded words, hyphens counted as spaces ("Martin-Dubois" ~ "Martin Dubois")."""
    return tuple(fold(name).replace("-", " ").replace("'", "").split())


def _likely_typo(a: str, b: str) -> bool:
    """Whether two words differ by the slips journalists make: two neighbours swapped ("Dubios"/"Dubois"),
    a letter doubled or dropped ("Ana"/"Anna"), or, in a long word only, one letter wrong. "Brown" and
    "Braun" are two names, not a typo."""
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
        return swapped or (len(diffs) == 1 and len(a) >= 7)
    if abs(len(a) - len(b)) != 1:
        return False
    shorter, longer = sorted((a, b), key=len)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            doubled = (i > 0 and longer[i - 1] == longer[i]) or (
                i + 1 < len(longer) and longer[i + 1] == longer[i]
            )
            return doubled or len(shorter) >= 6
    return False


def spelling_variants(a: str, b: str) -> bool:
    """Whether two full names are one person spelled two ways ("Ana Ruiz" ~ "Anna Ruiz").

    Same number of words, at most one word differing, by a typical slip, in a word of four letters or more.
    """
    return _keys_are_variants(name_key(a), name_key(b))


def _keys_are_variants(ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    if len(ka) != len(kb) or len(ka) < 2:
        return False
    differing = [(x, y) for x, y in zip(ka, kb, strict=True) if x != y]
    if not differing:
        return True
    return len(differing) == 1 and min(map(len, differing[0])) >= 4 and _likely_typo(*differing[0])


# Longer words are matched letter for letter only: no name has them, and their slips would be many long keys.
MAX_TYPO_WORD = 64
# How a word's key pairs it with another word's key: both spelled alike around one place (every two words with
# such a key are variants), or one the other with a letter dropped (variants or not, by _likely_typo).
_ALIKE, _SHORTER, _LONGER = 0, 1, 2


def _typo_keys(word: str) -> Iterator[tuple[int, str]]:
    """What a word shares with every word it is a likely slip of (_likely_typo): the word with one letter
    replaced (long words), two neighbours swapped, one letter more or less."""
    size = len(word)
    if size > MAX_TYPO_WORD:
        return
    if size >= 4:
        yield _SHORTER, word
    for place in range(size):
        dropped = word[:place] + word[place + 1 :]
        if size - 1 >= 4:
            yield _LONGER, dropped
        if size >= 7:
            yield _ALIKE, f"r{place}\x1c{dropped}"
        if size >= 4 and place + 1 < size and word[place] != word[place + 1]:
            ordered = "".join(sorted(word[place : place + 2]))
            yield _ALIKE, f"s{place}\x1c{word[:place]}{ordered}{word[place + 2 :]}"


def _variant_keys(key: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """What a name's key shares with the key of every spelling variant of it (spelling_variants). Strings, the
    words kept apart by separators that split() would have cut them at (quicker than tuples as dict keys)."""
    if len(key) < 2:
        return
    yield _ALIKE, "=" + "\x1f".join(key)
    for place, word in enumerate(key):
        around = (
            f"{len(key)}\x1f{place}\x1f" + "\x1f".join(key[:place]) + "\x1e" + "\x1f".join(key[place + 1 :])
        )
        for kind, typo in _typo_keys(word):
            yield kind, f"{around}\x1d{typo}"


V = TypeVar("V")


class VariantIndex(Generic[V]):
    """Full names' keys, each with a value, and which of them a name's key is a spelling variant of.

    Comparing a name with every name sharing a word with it is quadratic when thousands share one ("Jane").
    Here a name meets only those sharing a key with it: one that stands for all the others alike around the
    same place, or the few one letter longer or shorter there."""

    def __init__(self) -> None:
        self._alike: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        self._shorter: dict[str, list[tuple[tuple[str, ...], V]]] = defaultdict(list)
        self._longer: dict[str, list[tuple[tuple[str, ...], V]]] = defaultdict(list)
        # Keys are indexed when first searched (most indexes are asked nothing), and the last key's shared keys
        # are kept for the `add` that often follows its search.
        self._waiting: list[tuple[tuple[str, ...], V]] = []
        self._last: tuple[tuple[str, ...], list[tuple[int, str]]] | None = None

    def _shared(self, key: tuple[str, ...]) -> list[tuple[int, str]]:
        if self._last is None or self._last[0] != key:
            self._last = (key, list(_variant_keys(key)))
        return self._last[1]

    def add(self, key: tuple[str, ...], value: V) -> None:
        """Remember a key (added once) and its value."""
        self._waiting.append((key, value))

    def _index(self, key: tuple[str, ...], value: V) -> None:
        for kind, shared in self._shared(key):
            if kind == _ALIKE:
                alike = self._alike.setdefault(shared, [])
                # All keys alike around one place are variants of each other: the first stands for the rest
                # (others only when a hash collided).
                if not alike or not _keys_are_variants(alike[0][0], key):
                    alike.append((key, value))
            elif kind == _SHORTER:
                self._shorter[shared].append((key, value))
            else:
                self._longer[shared].append((key, value))

    def variants(self, key: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], V]]:
        """The keys added that `key` is a spelling variant of, with their values (a key may come twice)."""
        waiting, self._waiting = self._waiting, []
        for added, value in waiting:
            self._index(added, value)
        if not (self._alike or self._shorter or self._longer):
            return
        for kind, shared in self._shared(key):
            if kind == _ALIKE:
                found = self._alike.get(shared, [])
            elif kind == _SHORTER:
                found = self._longer.get(shared, [])
            else:
                found = self._shorter.get(shared, [])
            for other, value in found:
                if _keys_are_variants(key, other):
                    yield other, value


@dataclass
class Sighting:
    """A spelling seen in an article."""

    spelling: str
    file: str
    published: dt.date | None


@dataclass
class Person:
    """One person (or character) across articles: the spelling most sources use and the others."""

    name: str
    spellings: set[str] = field(default_factory=set)

    @property
    def aliases(self) -> list[str]:
        """The other spellings, for lookup."""
        return sorted(spelling for spelling in self.spellings if spelling != self.name)


class Registry:
    """Clusters the full names seen across articles and answers "who is this?" for any spelling."""

    def __init__(self, sightings: list[Sighting]) -> None:
        full = [sighting for sighting in sightings if len(tokens(sighting.spelling)) >= 2]
        spellings = sorted({sighting.spelling for sighting in full})
        # Spellings with one key are one name; a key meets only the keys it may be a variant of.
        keys = sorted({name_key(spelling) for spelling in spellings})
        parent = {key: key for key in keys}

        def root(key: tuple[str, ...]) -> tuple[str, ...]:
            top = key
            while parent[top] != top:
                top = parent[top]
            while parent[key] != top:  # every key on the way now points at the top: later walks are short
                parent[key], key = top, parent[key]
            return top

        variants: VariantIndex[None] = VariantIndex()
        for key in keys:
            for other, _ in variants.variants(key):
                parent[root(other)] = root(key)
            variants.add(key, None)
        clusters: dict[tuple[str, ...], list[Sighting]] = defaultdict(list)
        for sighting in full:
            clusters[root(name_key(sighting.spelling))].append(sighting)
        self.people: list[Person] = []
        self._by_key: dict[tuple[str, ...], Person] = {}
        self._variants = variants
        self._by_first: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self._by_last: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for members in clusters.values():
            person = Person(_canonical(members), {member.spelling for member in members})
            index = len(self.people)
            self.people.append(person)
            for spelling in person.spellings:
                key = name_key(spelling)
                self._by_key[key] = person
                for size in range(1, len(key)):
                    self._by_first[key[:size]].add(index)
                    self._by_last[key[-size:]].add(index)
        self._found: dict[str, Person | None] = {}

    def find(self, name: str) -> Person | None:
        """The person a spelling names: a full name, a variant of one, or an unambiguous surname or first name."""
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name]

    def _lookup(self, name: str) -> Person | None:
        key = name_key(name)
        if key in self._by_key:
            return self._by_key[key]
        if len(tokens(name)) >= 2:
            matches: dict[int, Person] = {}
            for other, _ in self._variants.variants(key):
                person = self._by_key[other]
                matches[id(person)] = person
                if len(matches) > 1:
                    return None
            return next(iter(matches.values()), None)
        # One word, perhaps hyphenated: a surname ("Roe", "Martin-Dubois") or a first name.
        by_last = self._by_last.get(key, set())
        if len(by_last) == 1:
            return self.people[next(iter(by_last))]
        by_first = self._by_first.get(key, set())
        return self.people[next(iter(by_first))] if len(by_first) == 1 and not by_last else None


def _canonical(members: list[Sighting]) -> str:
    """The spelling most articles use; on a tie the one of the earliest article (the original source)."""
    files: dict[str, set[str]] = defaultdict(set)
    earliest: dict[str, dt.date] = {}
    for member in members:
        files[member.spelling].add(member.file)
        if member.published is not None:
            earliest[member.spelling] = min(earliest.get(member.spelling, dt.date.max), member.published)

    def rank(spelling: str) -> tuple[int, dt.date, int, str]:
        hyphenated = -spelling.count("-")
        return (-len(files[spelling]), earliest.get(spelling, dt.date.max), hyphenated, spelling)

    return min(files, key=rank)
