"""The classes an adversarial pass found in this round's extractor, each as a reproducer with invented names:
numbers and years no calendar holds, lists that run past their clause, roles of other works, another title's
seasons and sidebars. Each must give no wrong fact (and the build must not fail)."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.facts.provenance import find_provenance
from bot.store.facts import write_fact_store
from tests.facts.test_cast_phenomena import credits_of, facts_of
from tests.facts.test_dated_families import _show


def _build(tmp_path: Path, text: str, title: str = "Harbour Lights") -> FactSet:
    seeds = _show(tmp_path / "seeds", title)
    (seeds / "article.txt").write_text(text, encoding="utf-8")
    return build_fact_set(seeds)


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-03-03\nHarbour Lights season 1 was watched by 99999999999999999999 billion households in its "
        "first week.\n",
        "date 2025-03-03\nHarbour Lights season 1 logged 9223372036.854775807 billion hours in its first week.\n",
        "date 2025-03-03\nHarbour Lights season 2 premieres on Dec. 31, 9999 at 11:59 p.m. ET.\n",
        "date 2025-03-03\nHarbour Lights season 2 premieres on Jan. 1, 0001 at 1 a.m. KST.\n",
        "Harbour Lights returns\nDecember 31, 9999\n\nHarbour Lights season 2 premieres tomorrow.\n",
        "Harbour Lights returns\nJanuary 1, 0001\n\nHarbour Lights season 2 premiered yesterday.\n",
    ],
)
def test_numbers_and_years_out_of_range_give_nothing_and_break_nothing(tmp_path: Path, text: str) -> None:
    facts = _build(tmp_path, text)
    assert not facts.dates and not facts.figures
    # The store takes what the build gives.
    asyncio.run(write_fact_store(tmp_path / "facts.db", facts, dt.datetime.now(dt.UTC)))


@pytest.mark.parametrize(
    ("text", "not_cast"),
    [
        # "alongside" in a career's clause, a story's, another work's.
        (
            "Harbour Lights is back. Maren Holt returns as Lottie, and she starred alongside Pell Aranda and "
            "Wren Ilori in the film Salt Road.",
            {"Pell Aranda", "Wren Ilori"},
        ),
        (
            "Harbour Lights is back. Maren Holt plays Lottie, who patrols the docks alongside Corwin Tell and Nell "
            "Fenn.",
            {"Corwin Tell", "Nell Fenn"},
        ),
        # Another title's cast members; a return elsewhere; a tail that is a clause; directors among the list.
        (
            "Harbour Lights is filming. Salt Road cast members Pell Aranda and Wren Ilori visited the set.",
            {
                "Pell Aranda",
                "Wren Ilori",
            },
        ),
        (
            "Harbour Lights is over. Pell Aranda and Wren Ilori are all set to return to Broadway this fall.",
            {
                "Pell Aranda",
                "Wren Ilori",
            },
        ),
        (
            "Harbour Lights returns. The cast includes Maren Holt as Lottie Fenn, with Pell Aranda and Wren Ilori "
            "producing.",
            {"Pell Aranda", "Wren Ilori"},
        ),
        (
            "Harbour Lights returns. Returning are Maren Holt and Odile Varga, with Pell Aranda among the guest "
            "directors.",
            {"Pell Aranda"},
        ),
        # One person named twice.
        (
            "Harbour Lights is filming. Her real-life partner Tobin (Tobin Ashe) visited the set.",
            {"Tobin Ashe"},
        ),
        # A day or month after a full name is no surname.
        ("Harbour Lights adds Maren Holt and Kel Varro Tuesday, Netflix said.", {"Kel Varro Tuesday"}),
    ],
)
def test_lists_and_pairs_that_run_past_the_cast(tmp_path: Path, text: str, not_cast: set[str]) -> None:
    assert not {actor for actor, _ in credits_of(tmp_path, text)} & not_cast


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # Another title's name describing a role: the role is not this show's.
        (
            "Harbour Lights adds Maren Holt, who plays Salt Road villain Captain Ferris, to its cast.",
            ("Maren Holt", "Captain Ferris"),
        ),
        # A person's show or film is no character.
        (
            "Harbour Lights returns June 5. Wren Ilori's Harbour Lights returns June 5.",
            ("Wren Ilori", "Harbour Lights"),
        ),
        (
            "Harbour Lights returns. Wren Ilori's Salt Road, a 2019 film, is a delight.",
            ("Wren Ilori", "Salt Road"),
        ),
        (
            "Harbour Lights returns as Felix Sunday night, with Maren Holt as Felix.",
            ("Maren Holt", "Felix Sunday"),
        ),
    ],
)
def test_roles_that_are_not_this_show_s(tmp_path: Path, text: str, wrong: tuple[str, str]) -> None:
    assert wrong not in credits_of(tmp_path, text)


def test_another_title_s_seasons_and_an_awards_red_carpet(tmp_path: Path) -> None:
    facts = _build(
        tmp_path,
        "date 2025-03-03\nHarbour Lights returns June 5. Salt Road s4 drops June 12. The cast walked the red "
        "carpet at the Emmys in Los Angeles on Sept. 15.\n",
    )
    found = {(fact.kind, fact.date) for fact in facts.dates}
    assert ("premiere", "2025-06-12") not in found
    assert not any(kind == "event" for kind, _ in found)


def test_a_headline_about_our_star_joining_another_title(tmp_path: Path) -> None:
    facts = _build(
        tmp_path,
        "'Harbour Lights' Star Maren Holt Joins 'Salt Road'\nScreen Ledger\nMarch 3, 2025\n\n"
        "Salt Road has cast Maren Holt, and Pell Aranda plays Captain Ferris. Production begins in Leeds on "
        "April 7.\n",
    )
    assert not facts.credits and not facts.dates


def test_sidebar_headlines_without_bullets_and_an_author_under_the_headline(tmp_path: Path) -> None:
    facts = _build(
        tmp_path,
        "Harbour Lights season 2: everything we know\nMarch 3, 2025\n\nHarbour Lights returns in June.\n\n"
        "Keep Reading\nHarbour Lights renewed for season 3 on Feb. 28\nSalt Road cast Pell Aranda as Abby\n",
    )
    assert not any(fact.kind == "renewal" for fact in facts.dates)
    assert not facts.credits
    found = find_provenance(
        "Harbour Lights season 2: everything we know\nPat Writer\nMarch 3, 2025\n\nBody.\n"
    )
    assert found.outlet is None


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # One person named twice, whichever name stands outside the brackets.
        (
            "Pell Aranda plays Nell Fenn in Harbour Lights. Quill (Mara Quill) laughed.",
            ("Mara Quill", "Quill"),
        ),
        # Dressing as a character is no role.
        (
            "At Harbour Lights Con, Pell Aranda dressed as Nell Fenn for a cosplay contest.",
            ("Pell Aranda", "Nell Fenn"),
        ),
        ("Harbour Lights superfan Wren Ilori dressed up as Nell Fenn.", ("Wren Ilori", "Nell Fenn")),
    ],
)
def test_the_same_person_and_costumes(tmp_path: Path, text: str, wrong: tuple[str, str]) -> None:
    assert wrong not in credits_of(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-03-03\nHarbour Lights was not renewed for a third season, Streamly confirmed on March 1, 2025.\n",
        "date 2025-03-03\nStreamly declined to renew Harbour Lights for season 3 on March 1, 2025.\n",
        "date 2025-03-03\nHarbour Lights season 100 premieres on June 5, 2025.\n",
    ],
)
def test_negated_renewals_and_impossible_seasons_give_no_date(tmp_path: Path, text: str) -> None:
    assert not _build(tmp_path, text).dates


@pytest.mark.parametrize(
    "headline",
    [
        "Salt Road Casts 'Harbour Lights' Alum Maren Holt",
        "Harbour Lights Actor Maren Holt Boards Salt Road Season 3",
    ],
)
def test_headlines_where_our_show_is_only_a_credit(tmp_path: Path, headline: str) -> None:
    facts = _build(
        tmp_path,
        f"{headline}\nScreen Ledger\nMarch 3, 2025\n\nThe series, which premieres on July 9, 2025, cast Maren Holt "
        "as Captain Reyes.\n",
    )
    assert not facts.credits and not facts.dates


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # Another title right before the release verb is the one released.
        (
            "Salt Road premieres June 5, 2025, the same week as Harbour Lights.",
            ("premiere", "2025-06-05"),
            None,
        ),
        (
            "Wren Ilori's Salt Road premieres June 5, 2025, after Harbour Lights.",
            ("premiere", "2025-06-05"),
            None,
        ),
        # The show's season, with its cast named before the verb, is still the show's.
        (
            "Season 3 of Harbour Lights, led by Maren Holt and Ann Vale, opens June 5, 2025.",
            None,
            ("premiere", "2025-06-05"),
        ),
    ],
)
def test_another_title_right_before_the_verb(
    tmp_path: Path, text: str, absent: tuple[str, str] | None, present: tuple[str, str] | None
) -> None:
    found = {(fact.kind, fact.date) for fact in _build(tmp_path, "date 2025-03-03\n" + text + "\n").dates}
    assert absent is None or absent not in found
    assert present is None or present in found


# The second adversarial pass of this round (classes, each with a new sentence): another title introduced
# mid-article, crew named by what they do, authors', places' and characters' possessives, jobs as roles.
@pytest.mark.parametrize(
    "text",
    [
        "Harbour Lights is back.",
        "Harbour Lights season 2 premieres on March 14.\n\nAlso new this week is Grey Water, a Danish noir about "
        "a ferry. Tom Pike and Hanna Berg also star.",
        "Harbour Lights season 2 premieres on March 14.\n\nGrey Water, meanwhile, is getting a second season. "
        "Tom Pike, Hanna Berg and Jo Marsh are all back.",
        "Harbour Lights season 2 premieres on March 14.\n\nIf you need more, try Grey Water on Streamly. Nina "
        "Moss leads the new ensemble, and Rob Tate turns up midseason as a ferry inspector.",
        "Harbour Lights season 2 premieres April 4.\n\nNext up is Grey Water. Its cast is an ensemble that "
        "includes Nina Moss, Rob Tate and Hanna Berg.",
        "Harbour Lights season 2 premieres on March 14. Meanwhile, in Grey Water, Nina Moss plays Detective Hale.",
        "Harbour Lights season 2 premieres on March 14. Director Karen Lee and composer Ben Salt are both back.",
        "Harbour Lights season 2 premieres on March 14. Its writers' room, an ensemble that includes Jo Marsh, "
        "Rob Tate and Karen Lee, met in Galway.",
        "Harbour Lights season 2 arrives Friday. Wren Calloway's Midsummer is the obvious model for the show's "
        "heroine.",
        "Harbour Lights season 2 arrives Friday. Saint Brigid's Cloak is a common motif. Galway Bay's Mutton "
        "Island appears too. Great Britain's Foreign Secretary Dara Lamm has praised it.",
        "Harbour Lights season 2 premiered in Dublin on Thursday. At the screening, Sean Harte turns up as a "
        "surprise guest, and Ola Brann shows up as a presenter.",
        "Harbour Lights season 2 premieres April 4. Jo Marsh joins as a writer. Ben Salt joins as the composer.",
        "Harbour Lights season 2 premieres April 4. The role went to Mara Voss as the Streamly casting director "
        "Ana Ruiz explained at the premiere. Tom Pike as the Irish actor Cal Moran did before him, moved away.",
    ],
)
def test_another_titles_people_and_the_crew_are_not_cast(tmp_path: Path, text: str) -> None:
    assert credits_of(tmp_path, text) == set()


def test_a_characters_possessive_is_not_an_actors(tmp_path: Path) -> None:
    text = (
        "In Harbour Lights, Mara Voss stars as Lottie Hale, a ferry captain. Lottie Hale's Daniel is the "
        "sweetest husband on television."
    )
    assert credits_of(tmp_path, text) == {("Mara Voss", "Lottie Hale")}


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Lights season 2 premieres April 4. Streamly, which renewed Grey Water for a fourth season in "
        "January, has not yet decided on a third season of the show.",
        "Harbour Lights season 2 premieres April 4. The same executives picked up Grey Water for a second season "
        "on March 1.",
        "Harbour Lights season 2 premieres April 4. Grey Water was first renewed on June 2, 2023.",
        "Harbour Lights will move to Belfast. Grey Water's sophomore run starts filming at the end of January.",
    ],
)
def test_another_titles_renewal_or_season_is_not_ours(tmp_path: Path, text: str) -> None:
    dates = {(d.kind, d.season) for d in facts_of(tmp_path, text).dates}
    assert not {kind for kind, _ in dates} & {"renewal", "production_start"}, dates


def test_the_new_season_is_the_articles_not_another_clauses(tmp_path: Path) -> None:
    text = (
        "Harbour Lights season 3 is coming. The cast wrapped the second season last May, and production on the "
        "new season begins at the start of June.\n\nHarbour Lights shares its stages with the Grey Water team, "
        "whose sophomore run starts filming at the end of January."
    )
    dates = {(d.kind, d.season, d.date) for d in facts_of(tmp_path, text).dates}
    assert dates == {("production_start", 3, "2025-06")}


def test_a_name_another_article_gives_a_character_is_no_actor(tmp_path: Path) -> None:
    facts = facts_of(
        tmp_path,
        "date 2025-03-01\nIn Harbour Lights, Mara Voss stars as Lottie Hale, a ferry captain.",
        "date 2025-03-02\nHarbour Lights is back. Lottie Hale's Daniel is the sweetest husband on television, "
        "and Hale is the show's heart.",
    )
    actors = {credit.actor for credit in facts.credits}
    assert "Lottie Hale" not in actors and "Mara Voss" in actors


def test_a_long_list_of_names_that_matches_no_crew_role_is_read_once(tmp_path: Path) -> None:
    """A list read as names "of" organisations could be cut into groups in 2^n ways; a 26-name cast list after
    "writer and director" took minutes. Built in a child process, so that a regression fails instead of
    hanging the suite."""
    names = ", ".join(f"{first} {last}" for first, last in zip(FIRSTS, LASTS, strict=True))
    text = (
        f"Harbour Lights, from writer and director Ana Roe, has an enormous cast: {names} and Grainne Keane."
    )
    script = (
        "import sys\nfrom pathlib import Path\nfrom tests.facts.test_cast_phenomena import facts_of\n"
        "facts = facts_of(Path(sys.argv[1]), sys.argv[2])\nprint(len(facts.credits))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), text],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip()) == len(FIRSTS) + 1


FIRSTS = [
    "Tom",
    "Nina",
    "Rob",
    "Hanna",
    "Jo",
    "Ben",
    "Karen",
    "Ted",
    "Mara",
    "Ed",
    "Sarah",
    "Liam",
    "Aoife",
    "Cian",
    "Niamh",
    "Sean",
    "Orla",
    "Conor",
    "Roisin",
    "Eoin",
    "Ciara",
    "Declan",
    "Fiona",
    "Padraig",
    "Una",
]
LASTS = ["Pike", "Moss", "Tate", "Berg", "Marsh", "Salt", "Lee", "Ames", "Voss", "Hart", "Cole", "Byrne",
         "Walsh", "Doyle", "Kelly", "Ryan", "Nolan", "Burke", "Quinn", "Lynch", "Flynn", "Brady", "Foley",
         "Healy", "Moran"]  # fmt: skip


def test_a_yearless_day_read_past_the_last_year_is_no_fact(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, "date 2199-12-30\nHarbour Lights season 2 premieres on January 1.")
    assert facts.dates == []
