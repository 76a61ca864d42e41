"""Extraction takes time linear in its input: hostile text costs at most a few times prose of the same size.

Each hostile input is one article of half the size limit (512 KB) that names the show, so every extractor reads it: long runs of
punctuation, capitalised words, brackets, digits and dates, names, "as" and "(", one long word, verbs without
what they need after them, right-to-left and zero-width characters, one line without breaks, many short lines,
runs of white space. Times are CPU seconds of this
process, compared with prose measured in the same run, with a generous margin: a quadratic stage costs
minutes on such inputs, not a few seconds."""

from __future__ import annotations

import concurrent.futures
import itertools
import multiprocessing
import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.facts.build import build_fact_set
from bot.facts.documents import MAX_ARTICLE_BYTES, article_files, read_article
from tests.conftest import SEEDS

# Half the size limit: a quadratic stage still costs minutes at this size, and the suite stays quick.
SIZE = MAX_ARTICLE_BYTES // 2
# Hostile input may cost this many times prose of the same size (measured: at most about ten; a quadratic
# stage costs hundreds of times more).
HOSTILE_PER_PROSE = 20
# An event first, so that the ticket sentences after it are read for their audiences.
HEAD = "date 2024-08-12\nAn Emily in Paris event at The Ab Museum in New York on May 3, 2024.\n"
# Words that open every extractor's gate, so each pattern runs over the hostile text around them.
GATES = (
    " Emily in Paris as who plays played by portrays stars starring the cast includes key roles joins the cast"
    " the show's lead creator created by of Acme Media serve as season 2 Season of Ab tickets on sale to members"
    " for fans, tickets event at The Ab in New York production began in Ab renewed premieres 1 million viewers"
    " watched in its first week most popular show of 2020 released in 2020 Ab, a Cd is a Ef's who is the"
    " today May 1 said yesterday at 12 a.m. PT has played Ab since the show's first season returns along with"
    " Ab also join. "
)


def _names() -> Iterator[str]:
    """Distinct capitalised words: Babab, Babac, ... (letters only, as names are)."""
    syllables = ["".join(pair) for pair in itertools.product("bcdfglmnprst", "aeiou")]
    for letters in itertools.product(syllables, syllables, syllables, "nrst"):
        yield "".join(letters).capitalize()


def _fill(piece: Callable[[int], str], size: int = SIZE) -> str:
    """HEAD, the gates, pieces until `size` bytes, the gates again: cut to at most `size` bytes of UTF-8."""
    parts, total = [HEAD, GATES], len(HEAD) + len(GATES)
    for index in itertools.count():
        part = piece(index)
        parts.append(part)
        total += len(part.encode())
        if total >= size - len(GATES):
            break
    text = "".join(parts) + GATES
    return text.encode()[:size].decode(errors="ignore")


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda _: unit


def _distinct(template: str) -> Callable[[int], str]:
    names = _names()
    return lambda _: template.format(*itertools.islice(names, template.count("{}")))


def prose(size: int = SIZE) -> str:
    """Prose of `size` bytes: the seed articles' sentences, shuffled into paragraphs of four."""
    rng = random.Random(3)
    sentences = [s.text for path in article_files(SEEDS) for s in read_article(path).sentences]
    return _fill(lambda _: " ".join(rng.choice(sentences) for _ in range(4)) + "\n\n", size)


HOSTILE: dict[str, Callable[[], str]] = {
    "words without spaces": lambda: _fill(_repeat("AbcdSeason3premieresFebruary" * 20)),
    "punctuation runs": lambda: _fill(_repeat("." * 20_000 + "!?" * 100 + '.)"]' * 5)),
    "capitalised words": lambda: _fill(_distinct("{} {} {} {} ")),
    "brackets": lambda: _fill(_repeat("(" * 300 + "Ab (Cd (Ef " + ")" * 300)),
    "digits and dates": lambda: _fill(
        _repeat("2024-01-01 1.1.2024 1/2/2024 May 1 1 May Monday, 12:00 10 a.m. PT 1234567890 " + "7" * 200)
    ),
    "names": lambda: _fill(_distinct("{} {} ({} {}), stars {} {} and {} {} of {} Media, ")),
    "as and brackets": lambda: _fill(_repeat("Ab as (Cd as (Ef as ( as ")),
    # One run of capitalised words read as a single name by a cast cue, then a role: a name's variants were
    # computed word by word over the whole run.
    "one run of names before a role": lambda: (
        (HEAD + "The cast includes " + " ".join(itertools.islice(_names(), 140_000)))[: SIZE - 40]
        + " plays Ruth Calder."
    ),
    # The show's title after a capital, again and again: each mention copied all the text before it.
    "the title after a capital": lambda: _fill(_repeat("J Emily in Paris ")),
    "one long word": lambda: _fill(_repeat("Ab" * 500)),
    "verbs without their objects": lambda: (
        HEAD
        + "season 2 production began on May 1, 2024, "
        + "production, filming and shooting for fans, " * 30_000
    )[:SIZE],
    "right-to-left and zero-width": lambda: _fill(
        _repeat("\u202eAb\u200bCd\u200f \u2067Ef\u2069 مرحبا שלום \u200d")
    ),
    "one line without breaks": lambda: prose().replace("\n", " "),
    # One sentence of many dated seasons and gatherings: each date's season and verb, each gathering's piece, were
    # looked for over all the others.
    "a sentence of many seasons": lambda: _fill(
        _repeat(
            ", and the third on May 4, 2025, Season 2 premiered May 3, 2024 and the premiere at the Odeon Theatre"
        )
    ).replace("\n", " "),
    "a sentence of many gatherings": lambda: _fill(
        _repeat(
            "a screening at the Odeon Theatre in London on May 4, a premiere at the Regal Hall on May 5, "
        )
    ).replace("\n", " "),
    "many short lines": lambda: _fill(_repeat("Ab\n1\n(\n")),
    # An undated post in small letters: every weekday-dated day tried against every year the post writes.
    "an undated post in small letters": lambda: _fill(
        _repeat(
            "so. emily in paris s3 dropped thursday june 5th at 10am pt in toronto. since 2019, 2025 and 2031. "
            "tickets went live may 22 at 10am eastern. tuesday feb 18, wednesday march 4, friday dec 6. "
            "- ines varga's orsolya, renzo falk as odile (our queen mara) is vantre, bodo riemann is ysolde. "
        )
    ),
    "white space runs": lambda: _fill(
        _repeat(
            "Ab, a" + " " * 15 + "x\t\t\t\t\t\tJane Roe" + "\u00a0" * 15 + "as the" + " " * 3000 + " on sale "
        )
    ),
}
# Pieces of the text the property test repeats, "{}" standing for a name not seen before.
TOKENS = [
    "Emily in Paris", "Season 4", "season two", "Part 2", "premieres", "on", "August 15", "Tuesday,", "at noon",
    "PT", "(", ")", "((", "))", "as", "played by", "who plays", "stars", "starring", "joins the cast", "creator",
    "directed by", "of Acme Media", "and", "&", ",", ";", ".", "...", "!?", "tickets", "on sale", "to members",
    "for fans,", "event at The Museum", "New York", "today", "said", "next month", "renewed", "fifth season",
    "production", "began in", "58 million", "households", "watched", "most popular show of 2020", "Mr.", "St.",
    "A.", "2024-09-12", "12.09.2024", "09/12/2024", "12 September 2024", "10 a.m.", "20:00 CET", "1", "12",
    "Ab, a", "is a", "who is the", "’s", "'", '"', "“", "”", "\n", "\n\n", " " * 15, "\t" * 15, "\u00a0",
    "\u200b", "\u202e", "\u2067", "É", "ß", "Σ", "مرحبا", "{}", "{} {}", "{} {} ({} {})", "{}-{}", "O'{}",
]  # fmt: skip


def _cpu_seconds(text: str, folder: Path) -> float:
    """CPU seconds to build the fact set of one article holding `text` (any earlier one in `folder` replaced)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(SEEDS / "show.toml", folder / "show.toml")
    (folder / "article.txt").write_text(text, encoding="utf-8")
    began = time.process_time()
    facts = build_fact_set(folder)
    spent = time.process_time() - began
    assert [w for w in facts.warnings if w.file == "article.txt" and "skipped" in w.message] == []
    return spent


def _text(kind: str, size: int) -> str:
    """`size` bytes of one kind of input ("prose" or a kind of HOSTILE): its first bytes, or for less than the
    whole, its first and last halves joined, so that a smaller input has the gates at both ends as the whole
    has (the closing gates make every pattern run over a one-line input: the half must do that work too)."""
    text = prose() if kind == "prose" else HOSTILE[kind]()
    data = text.encode()
    if size >= len(data):
        return text
    if kind == "prose":
        return data[:size].decode(errors="ignore")
    return (data[: size // 2] + data[len(data) - size // 2 :]).decode(errors="ignore")


def _measure(task: tuple[str, int, Path]) -> float:
    """Runs in a worker process: CPU seconds for one kind of input, cut to `size` bytes."""
    kind, size, folder = task
    cut = _text(kind, size)
    if kind != "prose":
        return _cpu_seconds(cut, folder / "first")
    # The baseline is the better of two runs (a busy moment must not make every bound looser or tighter).
    return min(_cpu_seconds(cut, folder / "first"), _cpu_seconds(cut, folder / "second"))


def _spent(kind: str, size: int, seconds: dict[tuple[str, int], float], folder: Path) -> float:
    """The measured CPU seconds; measured once more here when over the bound, since one busy moment on a shared
    machine must not pass for a quadratic stage (a quadratic stage is slow every time)."""
    spent = seconds[kind, size]
    if spent > _bound(seconds):
        spent = min(spent, _cpu_seconds(_text(kind, size), folder))
    return spent


SCALED = ["names", "one line without breaks", "the title after a capital"]


@pytest.fixture(scope="module")
def seconds(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], float]:
    """CPU seconds for prose, every hostile input, and half of some: each measured in its own process (CPU
    time is per process), two at a time."""
    base = tmp_path_factory.mktemp("linear")
    tasks = [("prose", SIZE), *((kind, SIZE) for kind in HOSTILE), *((kind, SIZE // 2) for kind in SCALED)]
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        spent = pool.map(
            _measure, [(kind, size, base / str(index)) for index, (kind, size) in enumerate(tasks)]
        )
        return dict(zip(tasks, spent, strict=True))


def _bound(seconds: dict[tuple[str, int], float]) -> float:
    return HOSTILE_PER_PROSE * max(seconds["prose", SIZE], 0.1)


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_text_costs_a_few_times_prose(
    kind: str, seconds: dict[tuple[str, int], float], tmp_path: Path
) -> None:
    spent = _spent(kind, SIZE, seconds, tmp_path / "again")
    assert spent <= _bound(seconds), f"{kind}: {spent:.2f} s of CPU, prose {seconds['prose', SIZE]:.2f} s"


@pytest.mark.parametrize("kind", SCALED)
def test_twice_the_text_costs_about_twice(
    kind: str, seconds: dict[tuple[str, int], float], tmp_path: Path
) -> None:
    full, half = seconds[kind, SIZE], seconds[kind, SIZE // 2]
    if full > 3 * max(half, 0.05):
        full = min(full, _cpu_seconds(_text(kind, SIZE), tmp_path / "again"))
    assert full <= 3 * max(half, 0.05), f"{kind}: 1 MB {full:.2f} s of CPU, half of it {half:.2f} s"


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6),
    separator=st.sampled_from([" ", "", ", ", ". ", "\n"]),
)
def test_any_repeated_text_costs_a_few_times_prose(
    pieces: list[str], separator: str, seconds: dict[tuple[str, int], float], tmp_path: Path
) -> None:
    names = _names()
    unit = separator.join(pieces) + separator

    def piece(_: int) -> str:
        return unit.format(*itertools.islice(names, unit.count("{}")))

    spent = _cpu_seconds(_fill(piece), tmp_path / "seeds")
    assert spent <= _bound(seconds), f"{unit!r}: {spent:.2f} s of CPU, prose {seconds['prose', SIZE]:.2f} s"
