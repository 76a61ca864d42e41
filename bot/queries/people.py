"""Finding characters, actors and crew by what a member types: any case, accents or not, a surname, a first
name, a variant spelling from an article, or a typo ("Sylvy")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.discord_limits import CHOICES
from bot.facts.documents import fold
from bot.facts.models import CastCredit, CrewCredit, FactSet, Quote, Source

Kind = Literal["character", "person"]
EXACT, ALIAS, WORDS, PREFIX, TYPO = 100, 95, 80, 60, 40
MEMORY = 4096


def _words(spelling: str) -> set[str]:
    folded = fold(spelling).replace("'", "").replace("’", "")
    words = set(folded.split())
    return words | {part for word in words for part in word.split("-") if part}


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, for typo tolerance on short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


_FILLER = frozenset({"a", "an", "the", "of", "at", "in", "on", "from", "and", "to", "s"})


# Words that say little of a character on their own: "a young woman from Lyon" adds nothing to "an ambitious
# twenty-something chef from Lyon".
_GENERIC = frozenset(
    {"young", "old", "woman", "man", "girl", "boy", "guy", "lady", "person", "someone", "character", "new",
     "local", "fellow", "women", "men", "people", "twenty", "something", "thirty", "forty"}
)  # fmt: skip


def _content_words(text: str) -> list[str]:
    return [word for word in re.findall(r"\w+", fold(text)) if word not in _FILLER]


def _says_nothing_more(short: list[str], long: list[str]) -> bool:
    """Whether a description adds nothing to a longer one: its telling words (not the generic ones) all appear
    in the longer one, and it has at least one."""
    telling = [word for word in short if word not in _GENERIC]
    return bool(telling) and len(long) > len(short) and set(telling) <= set(long)


def _within(short: list[str], long: list[str]) -> bool:
    """Whether every word of `short` appears in `long`, in the same order."""
    rest = iter(long)
    return bool(short) and all(word in rest for word in short)


def _close(typed: str, word: str) -> bool:
    allowed = max(1, len(word) // 3)
    return abs(len(typed) - len(word)) <= allowed and _distance(typed, word) <= allowed


def articles_newest_first(sources: list[Source]) -> list[Source]:
    """One source per article (its first sentence cited), newest article first, undated ones last."""
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.file, source)
    return sorted(
        first.values(),
        key=lambda s: (
            s.publication_date is None,
            -(s.publication_date.toordinal() if s.publication_date else 0),
            s.file,
        ),
    )


@dataclass(frozen=True)
class Query:
    """What a member typed, folded once for every entry it is compared with."""

    folded: str
    words: frozenset[str]

    @classmethod
    def of(cls, typed: str) -> Query:
        """Prepare typed text."""
        folded = fold(typed).strip()
        return cls(folded, frozenset(_words(folded)))


@dataclass
class Entry:
    """Something a member can look up: a character, or a person (actor, crew member or company)."""

    kind: Kind
    name: str
    label: str
    spellings: list[str]
    credits: list[CastCredit] = field(default_factory=list)
    crew: CrewCredit | None = None
    folded: list[str] = field(init=False)
    words: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.folded = [fold(spelling) for spelling in self.spellings]
        self.words = set().union(*(_words(spelling) for spelling in self.spellings))

    def score(self, query: Query) -> int:
        """How well a query names this entry as typed, without typos (0: not at all)."""
        typed = query.folded
        if not typed:
            return 0
        if typed == self.folded[0]:
            return EXACT
        if typed in self.folded:
            return ALIAS
        if query.words and query.words <= self.words:
            return WORDS
        if any(s.startswith(typed) for s in self.folded) or any(w.startswith(typed) for w in self.words):
            return PREFIX
        return 0

    def near(self, query: Query) -> bool:
        """Whether every word typed (of three letters or more) is a typo away from a word of this entry."""
        long = [word for word in query.words if len(word) >= 3]
        return bool(long) and all(any(_close(typed, word) for word in self.words) for typed in long)

    def sources(self) -> list[Source]:
        """The sources behind this entry and every line said about it, one per article, newest first."""
        found = [s for credit in self.credits for s in credit.sources] + (
            self.crew.sources if self.crew else []
        )
        return articles_newest_first(found + [s for quote in self.about() for s in quote.sources])

    def about(self) -> list[Quote]:
        """What the articles say about the character, near-duplicates merged: a description whose words all
        appear, in order, in a longer one is said by the longer one, and so is one whose only other words are
        generic ("a young woman from X" beside "an ambitious chef from X")."""
        if self.kind != "character":
            return []
        quotes = [quote for credit in self.credits for quote in credit.about]
        words = [_content_words(quote.text) for quote in quotes]
        kept = []
        for index, quote in enumerate(quotes):
            said_elsewhere = any(
                other != index
                and (
                    (
                        _within(words[index], words[other])
                        and (
                            len(words[other]) > len(words[index])
                            or (words[other] == words[index] and other < index)
                        )
                    )
                    or _says_nothing_more(words[index], words[other])
                )
                for other in range(len(quotes))
            )
            if not said_elsewhere:
                kept.append(quote)
        return kept


@dataclass
class Lookup:
    """The answer to a lookup: one entry, several to choose from, or none with the closest names."""

    entry: Entry | None
    candidates: list[Entry]
    closest: list[str]


class PeopleIndex:
    """Every character and person in the fact set, rebuilt whenever the facts change."""

    def __init__(self, facts: FactSet) -> None:
        self.entries: list[Entry] = []
        self._memory: dict[str, list[tuple[int, Entry]]] = {}
        characters: dict[str, list[CastCredit]] = {}
        people: dict[str, list[CastCredit]] = {}
        for credit in facts.credits:
            if credit.character:
                characters.setdefault(credit.character, []).append(credit)
            people.setdefault(credit.actor, []).append(credit)
        crew = {member.name: member for member in facts.crew}
        for character, credits in characters.items():
            actors = " / ".join(credit.actor for credit in credits)
            spellings = [character, *(a for c in credits for a in c.character_aliases)]
            self.entries.append(Entry("character", character, f"{character} - {actors}", spellings, credits))
        for name in sorted({*people, *crew}):
            credits = people.get(name, [])
            member = crew.get(name)
            roles = [c.character for c in credits if c.character] + (member.roles if member else [])
            aliases = [a for c in credits for a in c.actor_aliases] + (member.aliases if member else [])
            label = f"{name} - {', '.join(roles)}" if roles else name
            self.entries.append(Entry("person", name, label, [name, *aliases], credits, member))

    def _ranked(self, query: Query) -> list[tuple[int, Entry]]:
        """Entries the query names, best first; typos are looked for only when nothing matches as typed.

        Remembered per query: members ask about the same few names again and again, and the index (with its
        memory) is rebuilt whenever the facts change.
        """
        if query.folded not in self._memory:
            if len(self._memory) >= MEMORY:
                self._memory.clear()
            self._memory[query.folded] = self._rank(query)
        return self._memory[query.folded]

    def _rank(self, query: Query) -> list[tuple[int, Entry]]:
        scored = [(entry.score(query), entry) for entry in self.entries]
        matched = [pair for pair in scored if pair[0] > 0]
        if not matched:
            matched = [(TYPO, entry) for entry in self.entries if entry.near(query)]
        return sorted(matched, key=lambda pair: (-pair[0], pair[1].kind != "character", pair[1].name))

    def lookup(self, typed: str) -> Lookup:
        """The entry a query names; several when it is ambiguous; none with the closest names when nothing fits."""
        ranked = self._ranked(Query.of(typed))
        if not ranked:
            return Lookup(None, [], self.closest(typed))
        best = ranked[0][0]
        top = [entry for score, entry in ranked if score == best]
        # "Star": the person, not the company named after them.
        top = [entry for entry in top if not (entry.crew and entry.crew.is_company)] or top
        if len(top) == 1:
            return Lookup(top[0], [], [])
        return Lookup(None, top, [])

    def closest(self, query: str, count: int = 5) -> list[str]:
        """The names nearest to a query that matched nothing: those with a word a typo or two away from a
        word typed (never names that merely share a few letters)."""
        typed = [word for word in _words(query) if len(word) >= 3]

        def related(t: str, w: str) -> bool:  # a typo away, or one the start of the other ("Varg", "Varga")
            return _close(t, w) or (len(w) >= 3 and (w.startswith(t) or t.startswith(w)))

        near = [
            (min(_distance(t, w) for t in typed for w in entry.words if related(t, w)), entry.name)
            for entry in self.entries
            if any(related(t, w) for t in typed for w in entry.words)
        ]
        return list(dict.fromkeys(name for _, name in sorted(near)))[:count]

    def suggest(self, typed: str, limit: int = CHOICES) -> list[Entry]:
        """Autocomplete: the best matches for what is typed so far, characters first on a tie."""
        if not typed.strip():
            return sorted(self.entries, key=lambda e: (e.kind != "character", e.name))[:limit]
        return [entry for _, entry in self._ranked(Query.of(typed))[:limit]]
