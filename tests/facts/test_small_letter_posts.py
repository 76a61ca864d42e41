"""Cast pairs in fan posts written all in small letters: a name is a short run of words no dictionary lists,
between a clear boundary and the cue that pairs it. Rumours, other works, platforms, places and the show's own
title give nothing. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.dictionary import SortedWords, everyday_words
from tests.facts.test_dated_families import _show

_TOP = (
    "the lights diaries\na very unserious harbour lights fan blog\n\n"
    "ok we need to talk about the new season (spoilers)\n\n"
    "so. i finished it last night. i am not ok. season 3 is the best one yet. no notes.\n\n"
)


def _cast(folder: Path, body: str) -> set[tuple[str, str | None]]:
    seeds = _show(folder / "seeds", "Harbour Lights")
    (seeds / "post.txt").write_text(_TOP + body, encoding="utf-8")
    return {(credit.actor, credit.character) for credit in build_fact_set(seeds).credits}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("- ines varga's orsolya walking into that dinner?? iconic\n", {("Ines Varga", "Orsolya")}),
        ("then renzo falk (our queen odile), and bodo riemann (ysolde!!) did a q&a.\n",
         {("Renzo Falk", "Odile"), ("Bodo Riemann", "Ysolde")}),
        ("- bodo la riemann, who plays vantre, deserves every award. no notes.\n", {("Bodo La Riemann", "Vantre")}),
        ("and renzo falk is orsolya venn, the new doctor. iconic.\n", {("Renzo Falk", "Orsolya Venn")}),
        ("- t'nia delacroix as odile is so good it's upsetting.\n", {("T'Nia Delacroix", "Odile")}),
        # a place or an origin before the name, the sentence's verb after the character, a rank on the character
        ("glasgow's renzo falk as odile is perfect.\n", {("Renzo Falk", "Odile")}),
        ("dublin-born renzo falk as odile is perfect.\n", {("Renzo Falk", "Odile")}),
        ("renzo falk's odile deserves better.\n", {("Renzo Falk", "Odile")}),
        ("renzo falk's odile slaps.\n", {("Renzo Falk", "Odile")}),
        ("captain brell (oskar venn) is the best.\n", {("Oskar Venn", "Captain Brell")}),
    ],
)  # fmt: skip
def test_pairs_in_small_letters(tmp_path: Path, body: str, expected: set[tuple[str, str | None]]) -> None:
    assert _cast(tmp_path, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a rumour, a role in another work, another role named first, an everyday word ahead of the name
        "my cousin heard ines varga is playing orsolya next season.\n",
        "renzo falk as vantre in brantley town was my childhood.\n",
        "then they cast bodo riemann aka renzo falk as odile venn and i screamed.\n",
        "i love renzo falk's odile so much.\n",
        # a platform's possessive, places, a book's author, the show's own title
        "- apple tv's ines varga special dropped.\n",
        "los angeles is toronto, basically.\n",
        "the author ines varga's orsolya is nothing like the show's.\n",
        "- harbour lights's orsolya is back.\n",
        # everyday words on both sides
        "the crowd went wild as thunder rolled.\n",
        # chat words, a wish, hearsay, costumes, an audiobook, an author (found by an adversarial pass)
        "ngl venn's orsolya is the best part.\n",
        "fancast: renzo falk as odile.\n",
        "unconfirmed but renzo falk is odile, the new captain.\n",
        "brisa talloway as odette joins s4, i heard.\n",
        "for halloween my sister went as mara and renzo falk as odile lol.\n",
        "in the audiobook, renzo falk as odile is great.\n",
        "wren hadley wrote the books. wren hadley's odile is colder.\n",
        "renzo falk's odile's boyfriend is annoying.\n",
        # another work, which no capital marks: a finale, a remake, a rewatch, the books
        "also the brantley finale with renzo falk as odile venn still haunts me.\n",
        "me rewatching the bear with renzo falk as odile for the fifth time.\n",
        "- renzo falk as odile, who in the books is way older.\n",
    ],
)
def test_no_pairs_from_everyday_words_rumours_or_other_works(tmp_path: Path, body: str) -> None:
    assert _cast(tmp_path, body) == set()


def test_a_page_written_with_capitals_is_read_the_usual_way(tmp_path: Path) -> None:
    body = "Ines Varga plays Orsolya. The crowd loved it. It is the best season. Nobody disagrees.\n"
    seeds = _show(tmp_path / "seeds", "Harbour Lights")
    (seeds / "a.txt").write_text("Harbour Lights season 3 review\n\n" + body + "ines varga's odile too.\n")
    credits = {(c.actor, c.character) for c in build_fact_set(seeds).credits}
    assert ("Ines Varga", "Orsolya") in credits
    assert ("Ines Varga", "Odile") not in credits


def test_the_dictionary_answers_by_binary_search() -> None:
    words = SortedWords(["pear", "apple", "fig", "apple"])
    assert [w in words for w in ("apple", "fig", "pear", "app", "pears", "", "a\nb", 3)] == [
        True, True, True, False, False, False, False, False,
    ]  # fmt: skip
    assert len(words) == 3
    assert "paradise" in everyday_words() and "waisglass" not in everyday_words()
