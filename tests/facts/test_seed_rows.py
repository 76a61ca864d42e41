"""Every row the fact store must yield from the five seed articles, asserted from the real files."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.models import DatedFact, FactSet

CAST = [
    ("Lily Collins", "Emily Cooper"),
    ("Philippine Leroy-Beaulieu", "Sylvie Grateau"),
    ("Ashley Park", "Mindy Chen"),
    ("Lucas Bravo", "Gabriel"),
    ("Camille Razat", "Camille"),
    ("Bruno Gouery", "Luc"),
    ("Samuel Arnold", "Julien"),
    ("Lucien Laviscount", "Alfie"),
    ("Jean-Christophe Bouvet", "Pierre Cadault"),
    ("Kate Walsh", None),
    ("William Abadie", None),
    ("Arnaud Viardin", None),
]
CREW = [
    ("Darren Star", ["creator", "writer", "executive producer"], []),
    ("Andrew Fleming", ["director", "executive producer"], []),
    ("Tony Hernandez", ["executive producer"], ["Jax Media"]),
    ("Lilly Burns", ["executive producer"], ["Jax Media"]),
    ("MTV Entertainment Studios", ["production company"], []),
    ("Darren Star Productions", ["production company"], []),
    ("Jax Media", ["production company"], []),
    ("Lily Collins", ["producer"], []),
]


@pytest.mark.parametrize(("actor", "character"), CAST)
def test_cast_credit(seed_facts: FactSet, actor: str, character: str | None) -> None:
    credits = [c for c in seed_facts.credits if c.actor == actor]
    assert [c.character for c in credits] == [character]
    assert credits[0].sources, "every credit says where it comes from"


def test_cast_has_nobody_else(seed_facts: FactSet) -> None:
    assert sorted(c.actor for c in seed_facts.credits) == sorted(actor for actor, _ in CAST)


@pytest.mark.parametrize(("name", "roles", "affiliations"), CREW)
def test_crew_credit(seed_facts: FactSet, name: str, roles: list[str], affiliations: list[str]) -> None:
    member = next(c for c in seed_facts.crew if c.name == name)
    assert member.roles == roles
    assert member.affiliations == affiliations


def test_crew_has_nobody_else(seed_facts: FactSet) -> None:
    assert sorted(c.name for c in seed_facts.crew) == sorted(name for name, _, _ in CREW)


def test_spelling_variants_collapse_to_the_majority_and_stay_as_aliases(seed_facts: FactSet) -> None:
    sylvie = next(c for c in seed_facts.credits if c.character == "Sylvie Grateau")
    assert "Philippine Leory-Beaulieu" in sylvie.actor_aliases
    assert "Sylvie" in sylvie.character_aliases
    luc = next(c for c in seed_facts.credits if c.character == "Luc")
    assert luc.actor_aliases == ["Bruno Gourey"]
    burns = next(c for c in seed_facts.crew if c.name == "Lilly Burns")
    assert burns.aliases == ["Lily Burns"]


def _date(facts: FactSet, fact_id: str) -> DatedFact:
    return next(d for d in facts.dates if d.id == fact_id)


def test_season_4_premieres_in_two_parts_at_netflix_release_time(seed_facts: FactSet) -> None:
    part_1, part_2 = _date(seed_facts, "premiere-s4-p1"), _date(seed_facts, "premiere-s4-p2")
    assert (part_1.kind, part_1.season, part_1.part, part_1.date) == ("premiere", 4, 1, "2024-08-15")
    assert (part_2.season, part_2.part, part_2.date) == (4, 2, "2024-09-12")
    assert (part_1.time, part_1.timezone, part_1.time_source) == (
        "00:00",
        "America/Los_Angeles",
        "show default",
    )
    assert part_1.starts_at() == dt.datetime(2024, 8, 15, 7, 0, tzinfo=dt.UTC)


def test_season_2_production_start(seed_facts: FactSet) -> None:
    production = _date(seed_facts, "production-s2")
    assert (production.kind, production.season, production.date) == ("production_start", 2, "2021-05-03")
    assert production.place is not None
    for place in ("Paris", "St. Tropez", "France"):
        assert place in production.place


def test_the_paley_event(seed_facts: FactSet) -> None:
    (event,) = [d for d in seed_facts.dates if d.kind == "event"]
    assert event.title == "Emily in Paris: The Magic Behind the Scenes"
    assert event.date == "2024-09-17"
    assert (event.venue, event.city) == ("The Paley Museum", "New York")
    assert event.place == "The Paley Museum, midtown Manhattan, New York"
    assert event.timezone == "America/New_York"


def test_ticket_sales_by_audience_phase(seed_facts: FactSet) -> None:
    sales = sorted((d for d in seed_facts.dates if d.kind == "ticket_sale"), key=lambda d: d.date)
    assert [(s.date, s.time, s.timezone) for s in sales] == [
        ("2024-08-12", None, None),
        ("2024-08-14", "12:00", "America/New_York"),
        ("2024-08-15", "12:00", "America/New_York"),
    ]
    assert sales[0].audience == "Paley president's circle, patron circle and partner members"
    assert sales[1].audience is not None and "individual, family and supporting members" in sales[1].audience
    assert sales[2].audience == "general public"
    assert all(s.title == "Emily in Paris: The Magic Behind the Scenes" for s in sales)
    event_id = next(d.id for d in seed_facts.dates if d.kind == "event")
    assert {s.event_id for s in sales} == {event_id}
    assert sales[2].starts_at() == dt.datetime(2024, 8, 15, 16, 0, tzinfo=dt.UTC)


def test_no_other_dates(seed_facts: FactSet) -> None:
    assert sorted(d.id for d in seed_facts.dates if d.kind != "ticket_sale") == [
        "event-emily-in-paris-the-magic-behind-the-scenes",
        "premiere-s4-p1",
        "premiere-s4-p2",
        "production-s2",
    ]


def test_season_1(seed_facts: FactSet) -> None:
    season = next(s for s in seed_facts.seasons if s.number == 1)
    assert season.year == 2020
    (figure,) = season.figures
    assert (figure.amount, figure.unit, figure.window) == (58_000_000, "households", "first 28 days")
    assert [a.text for a in season.accolades] == ["Netflix's most popular comedy series of 2020"]


def test_documents_and_their_publication_dates(seed_facts: FactSet) -> None:
    dates = {d.file[:3]: d.publication_date for d in seed_facts.documents}
    assert dates == {
        "000": dt.date(2024, 8, 12),
        "001": dt.date(2021, 5, 4),
        "002": None,
        "003": dt.date(2021, 5, 3),
        "004": None,
    }


def test_every_fact_keeps_its_provenance(seed_facts: FactSet) -> None:
    from tests.conftest import SEEDS

    texts = {path.name: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    for fact in seed_facts.sourced_facts():
        for source in fact.sources:
            text = texts[source.file]
            assert source.sentence in text
            assert (
                text.index(source.sentence)
                <= source.start
                < source.end
                <= text.index(source.sentence) + len(source.sentence)
            ), f"{fact.id}: span outside its sentence"


def test_what_the_articles_say_about_characters(seed_facts: FactSet) -> None:
    about = {c.character: [q.text for q in c.about] for c in seed_facts.credits if c.about}
    assert set(about) == {"Emily Cooper", "Sylvie Grateau"}
    assert "Emily's boss at the Savoir Agency in Paris" in about["Sylvie Grateau"]
    assert "Emily's boss" in about["Sylvie Grateau"]  # "Philippine Leroy-Beaulieu, who plays Emily's boss"
    assert "a young woman from Chicago" in about["Emily Cooper"]


def test_season_story_comes_from_paragraphs_that_open_on_the_season(seed_facts: FactSet) -> None:
    story = {s.number: [q.text for q in s.story] for s in seed_facts.seasons}
    assert (
        story[4][0]
        == "Season four begins after the dramatic events of Camille and Gabriel's misbegotten wedding."
    )
    assert story[4][-1] == "Mindy and the band prepare for Eurovision on a tight budget."
    assert story[2] == [], "what Emily could do, if Lily has her way, is speculation, not the season's story"
    assert all("Emily in Paris" not in text for texts in story.values() for text in texts)


def test_tickets_already_on_sale_are_not_a_start(seed_facts: FactSet) -> None:
    under_way = [d for d in seed_facts.dates if d.already_under_way]
    assert [(d.kind, d.date) for d in under_way] == [("ticket_sale", "2024-08-12")]
