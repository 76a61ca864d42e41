"""A generated corpus for benchmarks: the seed articles' sentences, reshuffled, with invented credits and dates."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

from bot.facts.documents import article_files, read_article

_FIRST = ["Ava", "Noah", "Léa", "Hugo", "Mila", "Jules", "Zoé", "Louis", "Inès", "Arthur", "Chloé", "Gabin"]
_LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Garnier",
    "Rousseau",
    "Fontaine",
    "Chevalier",
]
_ROLES = ["Odile", "Bastien", "Margaux", "Thibault", "Solène", "Armand", "Capucine", "Édouard"]


def _invented_sentences(rng: random.Random, count: int) -> list[str]:
    sentences = []
    for _ in range(count):
        actor = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        role = rng.choice(_ROLES)
        form = rng.randrange(4)
        if form == 0:
            sentences.append(f"{actor} joins the cast as {role}.")
        elif form == 1:
            sentences.append(
                f"Season {rng.randint(5, 9)} premieres on {rng.choice(['March', 'June'])} {rng.randint(1, 28)}."
            )
        elif form == 2:
            sentences.append(f"{role}, played by {actor}, returns to the agency.")
        else:
            sentences.append(
                "The show keeps its fans guessing about what comes next for everyone in the city."
            )
    return sentences


def write_corpus(seeds: Path, target: Path, articles: int, seed: int = 7) -> int:
    """Write `articles` generated articles plus show.toml into target; returns the bytes written."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(seeds / "show.toml", target / "show.toml")
    sources = [read_article(path) for path in article_files(seeds)]
    written = 0
    for index in range(articles):
        # Two seed articles' sentences, shuffled, and a few invented credits and dates: about the density
        # of facts real news has, and about 5 KB an article.
        first, second = rng.sample(sources, 2)
        sentences = [s.text for s in first.sentences + second.sentences]
        rng.shuffle(sentences)
        body = sentences[:45] + _invented_sentences(rng, 8)
        paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
        text = f"Published {rng.randint(1, 28)} May 2024\n\n" + "\n\n".join(paragraphs) + "\n"
        data = text.encode("utf-8")
        (target / f"{index:05d}.txt").write_bytes(data)
        written += len(data)
    return written


def _word(number: int) -> str:
    """A capitalized name made of letters only, far from every other one (no one-letter slips between them)."""
    digest = hashlib.sha256(str(number).encode()).digest()
    return "".join("bcdfghjklmnprstvz"[byte % 17] + "aeiou"[byte % 5] for byte in digest[:4]).capitalize()


def one_long_sentence(pairs: int) -> str:
    """One sentence crediting many invented actors: every credit's evidence is the same 300 KB sentence."""
    credits = ", ".join(f"{_word(n)} {_word(n + 10**6)} as {_word(n + 2 * 10**6)} {_word(n + 3 * 10**6)}"
                        for n in range(pairs))  # fmt: skip
    return f"date 2025-01-01\nEmily in Paris returning cast: {credits}.\n"
