"""Articles the extractor has never seen, in other styles than the seeds: the forms generalise, the traps hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.models import FactSet

ROUNDUP = """Published 16 Dec 2025

'Emily in Paris' Season 5: Everything We Know

Netflix has confirmed that Emily in Paris season 5 premieres on Thursday, December 18 at 12 a.m. PT, with all ten episodes dropping at once.

Lily Collins is back as Emily Cooper, while Philippine Leroy-Beaulieu returns as Sylvie. Ashley Park reprises her role as Mindy Chen. Newcomer Eugenio Franceschini joins the cast as Marcello, and Thalia Besson has joined the cast.

Sylvie, played by Philippine Leroy-Beaulieu, remains the head of Agence Grateau. Gabriel is played by Lucas Bravo.

The series was renewed for a sixth season on January 8, 2026, according to Deadline reporter Jane Smith.

Read more: The Crown season 7 premieres on November 20 - what to expect
"""
SHORT_NEWS = """14.08.2024

Emily in Paris: la saison 4 arrive
Season 4 of Emily in Paris lands on Netflix this Thursday. Part 2 follows on September 12.
Lucien Laviscount plays Alfie. Camille Razat, who plays Camille, and Bruno Gouery complete the cast.
A fan screening will take place at Le Grand Rex in Paris on Saturday, August 31 at 20:00 CET.
Tickets go on sale to members on August 20 at 10 a.m.

More from us
Younger season 8 arrives on Netflix on October 1
"""
RELATIVE = """November 20, 2025

Emily in Paris creator Darren Star said production on season 6 begins next month in Rome, Italy.
Kristen Wiig was spotted at the premiere party. Photographer John Doe (Getty) captured the scene.
Netflix: 1.2 billion hours were viewed across all titles this year.
The show was directed by Andrew Fleming, and executive produced by Darren Star.
"""
ANOTHER_SHOW = """date 2024-05-01
Younger season 8 premieres on May 20. Hilary Duff stars as Kelsey Peters.
"""


@pytest.fixture
def unseen(show_only_seeds: Path) -> FactSet:
    for name, text in {
        "roundup.txt": ROUNDUP,
        "short.txt": SHORT_NEWS,
        "relative.txt": RELATIVE,
        "another.txt": ANOTHER_SHOW,
    }.items():
        (show_only_seeds / name).write_text(text, encoding="utf-8")
    return build_fact_set(show_only_seeds)


def _cast(facts: FactSet) -> dict[str, str | None]:
    return {credit.actor: credit.character for credit in facts.credits}


def test_cast_forms_of_other_writers(unseen: FactSet) -> None:
    assert _cast(unseen) == {
        "Lily Collins": "Emily Cooper",  # "X is back as Y"
        "Philippine Leroy-Beaulieu": "Sylvie",  # "X returns as Y", "Y, played by X"
        "Ashley Park": "Mindy Chen",  # "X reprises her role as Y"
        "Eugenio Franceschini": "Marcello",  # "X joins the cast as Y", descriptor dropped
        "Thalia Besson": None,  # "X has joined the cast"
        "Lucas Bravo": "Gabriel",  # "Y is played by X"
        "Lucien Laviscount": "Alfie",  # "X plays Y"
        "Camille Razat": "Camille",  # "X, who plays Y"
    }


def test_crew_from_by_phrases(unseen: FactSet) -> None:
    crew = {member.name: member.roles for member in unseen.crew}
    assert crew == {"Darren Star": ["creator", "executive producer"], "Andrew Fleming": ["director"]}


def test_dates_of_other_writers(unseen: FactSet) -> None:
    dates = {d.id: (d.date, d.time, d.timezone) for d in unseen.dates}
    assert dates["premiere-s5"] == ("2025-12-18", "00:00", "America/Los_Angeles")  # "12 a.m. PT"
    assert dates["premiere-s4-p1"] == ("2024-08-15", "00:00", "America/Los_Angeles")  # "this Thursday"
    assert dates["premiere-s4-p2"][0] == "2024-09-12"  # "Part 2 follows on ..."
    assert dates["renewal-s6"][0] == "2026-01-08"
    event = next(d for d in unseen.dates if d.kind == "event")
    assert (event.date, event.time, event.timezone, event.city) == ("2024-08-31", "20:00", "CET", "Paris")
    sale = next(d for d in unseen.dates if d.kind == "ticket_sale")
    assert (sale.date, sale.time, sale.timezone, sale.audience) == ("2024-08-20", "10:00", "CET", "members")


def test_next_month_keeps_month_precision(unseen: FactSet) -> None:
    production = next(d for d in unseen.dates if d.id == "production-s6")
    assert (production.date, production.precision, production.place) == ("2025-12", "month", "Rome, Italy")


def test_other_titles_and_bystanders_lend_nothing(unseen: FactSet) -> None:
    dumped = unseen.model_dump_json()
    for outsider in (
        "Younger",
        "The Crown",
        "Hilary Duff",
        "Kelsey",
        "Kristen Wiig",
        "John Doe",
        "Getty",
        "Jane Smith",
    ):
        assert outsider not in {c.actor for c in unseen.credits} | {c.name for c in unseen.crew}
    assert (
        "2024-05-20" not in dumped
        and "-10-01" not in dumped
        and '-11-20"' not in dumped.replace("2025-11-20", "")
    )
    assert {s.number for s in unseen.seasons} == {4, 5, 6}
    assert any("another.txt" in str(w) and "does not name" in w.message for w in unseen.warnings)


def test_new_cast_goes_to_the_season_the_article_is_about(unseen: FactSet) -> None:
    assert {s.number: s.new_cast for s in unseen.seasons if s.new_cast} == {
        5: ["Eugenio Franceschini", "Thalia Besson"]
    }
