"""Precision traps in the seeds: nothing from them may become a fact."""

from __future__ import annotations

from bot.facts.models import FactSet


def _all_text(facts: FactSet) -> str:
    return facts.model_dump_json()


def test_other_netflix_headlines_are_not_facts(seed_facts: FactSet) -> None:
    for fact in seed_facts.dates:
        for source in fact.sources:
            for headline in (
                "Alpha Males",
                "Love Is Blind",
                "The Empress",
                "City of Shadows",
                "Dynamite Kiss",
            ):
                assert headline not in source.sentence
    assert not any(d.date.startswith("2025") or d.date.startswith("2026") for d in seed_facts.dates)


def test_a_typo_year_never_becomes_a_date(seed_facts: FactSet) -> None:
    assert "20201" not in _all_text(seed_facts)
    assert all(len(d.date.split("-")[0]) == 4 for d in seed_facts.dates)
    assert not any(
        d.date.startswith("2021-05") and "002_" in s.file for d in seed_facts.dates for s in d.sources
    )


def test_journalists_executives_and_guests_are_not_credits(seed_facts: FactSet) -> None:
    names = {c.actor for c in seed_facts.credits} | {c.name for c in seed_facts.crew}
    for outsider in (
        "Kristen Wiig",
        "Carol Burnett",
        "Sean Evans",
        "Maureen J. Reidy",
        "Stephanie Branchu",
        "Rossilynne Skena Culgan",
        "Reidy",
    ):
        assert outsider not in names


def test_other_shows_of_the_creator_lend_nothing(seed_facts: FactSet) -> None:
    names = {c.character for c in seed_facts.credits} | {c.actor for c in seed_facts.credits}
    assert not {"Younger", "Carrie", "Sex And The City", "Sex and the City"} & names
    assert {s.number for s in seed_facts.seasons} == {1, 2, 4}


def test_undated_articles_give_no_dates(seed_facts: FactSet) -> None:
    undated = {"002_a3abcfeae2050fef.txt", "004_921cc1943461dafc.txt"}
    assert not [d for d in seed_facts.dates if any(s.file in undated for s in d.sources)]
