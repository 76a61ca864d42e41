"""People named again by surname: "Cooke has been cast as ..." is the Olivia Cooke the article named before.
Done at extraction, once per article, so a rebuild's resolution does not read every article again."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from bot.facts.credits import CastMention
from bot.facts.documents import Article
from bot.facts.identity import name_key
from bot.facts.names import looks_like_person, names_in, tokens

HONOURS = ("Sir ", "Dame ")
_WORD = re.compile(r"[\w'’-]+")
# A headline's verb in title case, glued to the name after it: "'Other' Taps Jane Roe As Series Regular".
_HEADLINE_VERB = re.compile(
    r"(?:Taps|Adds|Casts|Recasts|Books|Lands|Nabs|Joins|Boards|Sets|Enlists|Recruits|Hires|Signs|Names|Picks"
    r"|Eyes|Welcomes|Ropes|Snags|Scores|Gets|Finds|Exits|Leaves|Upped|Ups|Promotes|Taps|Tapped|Cast|Adding"
    r"|Exclusive|EXCLUSIVE|Meet|Starring|Stars|Star|Actor|Actress)\s+(?=[A-Z])"
)


def without_honour(name: str) -> str:
    """ "Sir Jane Roe" is credited as Jane Roe: the honour is not part of the name fans search for."""
    if not name.startswith(HONOURS):
        return name
    rest = name.split(" ", 1)[1]
    return rest if len(tokens(rest)) >= 2 else name


def in_full(article: Article, cast: list[CastMention], reserved: frozenset[str]) -> list[CastMention]:
    """The article's cast mentions, honours dropped, and an actor named by surname alone given the one full
    name the article writes it in; left as written when it writes none, or several. Only the sentences that
    hold such a surname are read for names, each once."""
    cast = [replace(m, actor=without_honour(m.actor)) if m.actor.startswith(HONOURS) else m for m in cast]
    wanted = {words[-1] for m in cast if len(tokens(m.actor)) <= 2 and (words := _WORD.findall(m.actor))}
    if not wanted:
        return cast
    characters = {name_key(m.character) for m in cast if m.character is not None}
    by_tail: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    spelled: dict[tuple[str, ...], str] = {}
    for sentence in article.sentences:
        if wanted.isdisjoint(_WORD.findall(sentence.text)):
            continue
        for span in names_in(sentence.text):
            name = without_honour(
                _HEADLINE_VERB.sub("", span.text, count=1) if _HEADLINE_VERB.match(span.text) else span.text
            )
            key = name_key(name)
            if len(key) < 2 or key in characters or not looks_like_person(name, reserved):
                continue
            spelled.setdefault(key, name)
            for size in range(1, len(key)):
                by_tail[key[-size:]].add(key)
    result = []
    for mention in cast:
        fuller = by_tail.get(name_key(mention.actor), set()) if len(tokens(mention.actor)) <= 2 else set()
        if len(fuller) == 1:
            mention = replace(mention, actor=spelled[next(iter(fuller))])
        result.append(mention)
    return result
