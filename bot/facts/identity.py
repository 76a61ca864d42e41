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
# Names that share all words but one are compared one by one while they are this few; beyond, through the
# one-slip spellings of the differing word.
_FEW = 16


# Longer than any person's or character's name ("Maria del Carmen de la Vega y Ortiz" has eight words).
MAX_NAME_WORDS = 10


def _context(key: tuple[str, ...], place: int) -> str:
    """A key without its word at `place`, as one string (the words kept apart by characters split() cuts at)."""
    return f"{len(key)}\x1f{place}\x1f" + "\x1f".join(key[:place]) + "\x1e" + "\x1f".join(key[place + 1 :])


def one_slip_pairs(words: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs of distinct words among `words` that may be one slip apart, a superset of those _likely_typo
    accepts: one letter more, two neighbours swapped, one letter replaced (long words). Found place by place
    with a dictionary, not by comparing every pair; each group alike at a place comes as a chain."""
    present = set(words)
    for place in range(min(max(map(len, words)), MAX_TYPO_WORD)):
        replaced: dict[str, str] = {}
        swapped: dict[str, str] = {}
        for word in words:
            size = len(word)
            if size <= place or size > MAX_TYPO_WORD:
                continue
            dropped = word[:place] + word[place + 1 :]
            if dropped in present:
                yield word, dropped
            if size >= 7 and (first := replaced.setdefault(dropped, word)) != word:
                yield first, word
            if place + 1 < size and word[place] != word[place + 1]:
                ordered = word[:place] + "".join(sorted(word[place : place + 2])) + word[place + 2 :]
                if (first := swapped.setdefault(ordered, word)) != word:
                    yield first, word


def _one_slip_spellings(word: str, alphabet: str) -> Iterator[str]:
    """Every spelling one slip from `word` (_likely_typo) written with letters of `alphabet`."""
    size = len(word)
    if size > MAX_TYPO_WORD:
        return
    for place in range(size):
        yield word[:place] + word[place + 1 :]
        if place + 1 < size and word[place] != word[place + 1]:
            yield word[:place] + word[place + 1] + word[place] + word[place + 2 :]
        if size >= 7:
            yield from (word[:place] + char + word[place + 1 :] for char in alphabet if char != word[place])
    for place in range(size + 1):
        yield from (word[:place] + char + word[place:] for char in alphabet)


V = TypeVar("V")


class VariantIndex(Generic[V]):
    """Full names' keys, each with a value, and which of them a name's key is a spelling variant of.

    Comparing a name with every name sharing a word with it is quadratic when thousands share one ("Jane").
    Variants share all their words but one: a name meets only the names alike but for one word, and when those
    are many, only those whose differing word is one of the few spellings one slip from its own."""

    def __init__(self) -> None:
        self._same: dict[tuple[str, ...], V] = {}
        # Per key without one of its words: the words found there, with their keys and values.
        self._around: dict[str, list[tuple[str, tuple[str, ...], V]]] = {}
        # For places with many words: those words by spelling, and the letters they use (made when first asked).
        self._spelled: dict[str, tuple[dict[str, list[tuple[tuple[str, ...], V]]], str]] = {}

    def add(self, key: tuple[str, ...], value: V) -> None:
        """Remember a key and its value (the first value, when a key comes again)."""
        if len(key) < 2:
            return
        self._same.setdefault(key, value)
        if len(key) > MAX_NAME_WORDS:
            return  # no name is that long: a run of capitalised words, matched whole or not at all
        for place, word in enumerate(key):
            context = _context(key, place)
            self._around.setdefault(context, []).append((word, key, value))
            self._spelled.pop(context, None)

    def groups(self) -> Iterator[list[tuple[str, tuple[str, ...], V]]]:
        """The keys alike but for one word, as (that word, key, value), for every place with several."""
        return (entries for entries in self._around.values() if len(entries) > 1)

    def variants(self, key: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], V]]:
        """The keys added that `key` is a spelling variant of, with their values (a key may come twice)."""
        if len(key) < 2:
            return
        if key in self._same:
            yield key, self._same[key]
        if len(key) > MAX_NAME_WORDS:
            return  # (each place would copy the whole key: quadratic in a run of capitalised words)
        for place, word in enumerate(key):
            context = _context(key, place)
            entries = self._around.get(context)
            if entries is None:
                continue
            if len(entries) <= _FEW:
                found = [(other, value) for spelling, other, value in entries if spelling != word]
            else:
                if context not in self._spelled:
                    by_spelling: dict[str, list[tuple[tuple[str, ...], V]]] = defaultdict(list)
                    for spelling, other, value in entries:
                        by_spelling[spelling].append((other, value))
                    letters = "".join(sorted({char for spelling in by_spelling for char in spelling}))
                    self._spelled[context] = (by_spelling, letters)
                by_spelling, letters = self._spelled[context]
                spellings = set(_one_slip_spellings(word, letters))
                found = [entry for spelling in spellings for entry in by_spelling.get(spelling, ())]
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
        # Spellings with one key are one name; keys alike but for one word are compared through one_slip_pairs.
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
            variants.add(key, None)
        for entries in variants.groups():
            key_of = {word: key for word, key, _ in entries}
            for a, b in one_slip_pairs(list(key_of)):
                if _keys_are_variants(key_of[a], key_of[b]):
                    parent[root(key_of[a])] = root(key_of[b])
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
