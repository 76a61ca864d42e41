"""Which spellings name the same person, and which full name a surname or first name stands for."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

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
    ka, kb = name_key(a), name_key(b)
    if len(ka) != len(kb) or len(ka) < 2:
        return False
    differing = [(x, y) for x, y in zip(ka, kb, strict=True) if x != y]
    if not differing:
        return True
    return len(differing) == 1 and min(map(len, differing[0])) >= 4 and _likely_typo(*differing[0])


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
        parent = {spelling: spelling for spelling in spellings}

        def root(spelling: str) -> str:
            while parent[spelling] != spelling:
                spelling = parent[spelling]
            return spelling

        # Variants share all words but one, so only names sharing a word need comparing.
        by_word: dict[str, list[str]] = defaultdict(list)
        for spelling in spellings:
            for word in set(name_key(spelling)):
                by_word[word].append(spelling)
        for a in spellings:
            for b in {other for word in set(name_key(a)) for other in by_word[word] if other > a}:
                if spelling_variants(a, b):
                    parent[root(b)] = root(a)
        clusters: dict[str, list[Sighting]] = defaultdict(list)
        for sighting in full:
            clusters[root(sighting.spelling)].append(sighting)
        self.people: list[Person] = []
        self._by_key: dict[tuple[str, ...], Person] = {}
        self._by_word: dict[str, set[int]] = defaultdict(set)
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
                for word in key:
                    self._by_word[word].add(index)
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
            nearby = {index for word in key for index in self._by_word.get(word, ())}
            matches = [i for i in nearby if any(spelling_variants(name, s) for s in self.people[i].spellings)]
            return self.people[matches[0]] if len(matches) == 1 else None
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
