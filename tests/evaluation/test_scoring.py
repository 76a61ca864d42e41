"""The evaluation itself: gold files read and refused as they should be, facts matched one-to-one, misses
and false facts counted per kind, traps recognised, and the command's output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation.gold import CorpusError, Gold, GoldCast, GoldDate, load_corpus
from bot.evaluation.matching import cast_matches, date_matches, same_character
from bot.evaluation.scoring import Tally, evaluate
from bot.facts.models import CastCredit, DatedFact

REPO = Path(__file__).resolve().parents[2]

ARTICLE = """date 2025-01-10
Emily in Paris season 5 premieres on Thursday, August 14. Kate Walsh returns as Madeline Wheeler.
"""
GOLD = """
[article]
publication_date = "2025-01-10"

[[cast]]
actor = "Kate Walsh"
character = "Madeline Wheeler"

[[cast]]
actor = "Someone Unfound"

[[dates]]
kind = "premiere"
season = 5
date = "2025-08-14"

[[dates]]
kind = "renewal"
season = 6
date = "2025-01-09"

[traps]
names = ["Nobody Here"]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    show = tmp_path / "corpus" / "a-show"
    show.mkdir(parents=True)
    shutil.copy(REPO / "seeds" / "show.toml", show / "show.toml")
    (show / "01_a.txt").write_text(ARTICLE, encoding="utf-8")
    (show / "01_a.gold.toml").write_text(GOLD, encoding="utf-8")
    return tmp_path / "corpus"


def test_hits_misses_and_false_facts_are_counted(corpus: Path) -> None:
    result = evaluate(load_corpus(corpus))
    cast, dates = result.tally("cast"), result.tally("dates")
    assert (cast.hits, cast.misses, cast.false) == (1, 1, 0)
    assert (dates.hits, dates.misses) == (1, 1)
    assert result.tally("premiere").recall == 1.0 and result.tally("renewal").recall == 0.0
    assert result.provenance["publication_date"].hits == 1


def test_a_false_fact_on_a_trap_is_reported_as_leaked(corpus: Path) -> None:
    gold = corpus / "a-show" / "01_a.gold.toml"
    gold.write_text(
        GOLD.replace('names = ["Nobody Here"]', 'names = ["Kate Walsh"]').replace(
            'actor = "Kate Walsh"\ncharacter = "Madeline Wheeler"', 'actor = "Other Person"'
        ),
        encoding="utf-8",
    )
    result = evaluate(load_corpus(corpus))
    (leak,) = result.traps_leaked()
    assert (leak.category, leak.outcome, leak.file) == ("cast", "false", "01_a.txt")
    assert "Kate Walsh returns as Madeline Wheeler" in leak.sentence


def test_tally_arithmetic() -> None:
    tally = Tally(hits=9, misses=1, false=3)
    assert (round(tally.precision, 3), tally.recall, round(tally.f1, 3)) == (0.75, 0.9, 0.818)
    assert (Tally().precision, Tally().recall) == (1.0, 1.0)


def test_characters_match_as_a_reader_would() -> None:
    assert same_character("Simon Basset, the Duke of Hastings", "Simon Basset")
    assert same_character("Lady Danbury", "Danbury")
    assert same_character('Carmen "Carmy" Berzatto', "Carmy")
    assert not same_character("Sylvie Grateau", "Sylvie Dupont")
    assert not same_character(None, "Emily") and same_character(None, None)
    credit = CastCredit(id="c", actor="Lily Collins", character="Emily", sources=[])
    assert cast_matches(GoldCast(actor="lily collins", character="Emily Cooper"), credit)
    assert not cast_matches(GoldCast(actor="Lily James", character="Emily Cooper"), credit)


def test_dates_match_on_kind_day_season_and_a_stated_time() -> None:
    fact = DatedFact(id="p", kind="premiere", title="t", season=5, date="2025-08-14", time="00:00",
                     timezone="America/Los_Angeles", time_source="show default", sources=[])  # fmt: skip
    assert date_matches(GoldDate(kind="premiere", season=5, date="2025-08-14"), fact)
    assert not date_matches(GoldDate(kind="premiere", season=4, date="2025-08-14"), fact)
    assert not date_matches(GoldDate(kind="premiere", season=5, date="2025-08-14", time="21:00"), fact)
    stated = fact.model_copy(
        update={"time": "03:00", "timezone": "America/New_York", "time_source": "article"}
    )
    assert date_matches(GoldDate(kind="premiere", season=5, date="2025-08-14", time="03:00",
                                 timezone="America/New_York"), stated)  # fmt: skip
    assert not date_matches(GoldDate(kind="premiere", season=5, date="2025-08-14"), stated), "time not stated"


def test_bad_corpora_are_refused_by_name(tmp_path: Path, corpus: Path) -> None:
    with pytest.raises(CorpusError, match="holds no show folder"):
        load_corpus(tmp_path)
    (corpus / "a-show" / "02_b.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"02_b\.gold\.toml"):
        load_corpus(corpus)
    (corpus / "a-show" / "02_b.gold.toml").write_text(
        "[[dates]]\nkind = 'birthday'\ndate = 'x'\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"02_b\.gold\.toml"):
        load_corpus(corpus)
    assert Gold().cast == []


def test_the_command_prints_the_table_and_every_miss(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["facts", "evaluate", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "== all shows ==" in out and "== a-show ==" in out
    assert "MISSED cast" in out and "Someone Unfound (no character)" in out
    assert "MISSED renewal" in out
    assert main(["facts", "evaluate", "--corpus", str(corpus / "missing")]) == 2
