"""What is not this show: an article whose headline's subject is another title, someone quoted naming the show,
a "Related:" sidebar, an awards ceremony's red carpet, a roundup heading in capitals, two owners before a
character and two lists paired in order. One case that must give facts and one that must give nothing per
family; every name and title is invented."""

from __future__ import annotations

from pathlib import Path

from bot.facts.build import build_fact_set
from bot.facts.clock import find_times
from bot.facts.documents import article_sentences
from tests.facts.test_cast_phenomena import credits_of
from tests.facts.test_dated_families import _show


def _facts(tmp_path: Path, text: str) -> tuple[set[tuple[str, str | None]], set[tuple[str, str]]]:
    seeds = _show(tmp_path / "seeds", "Harbour Lights")
    (seeds / "article.txt").write_text(text, encoding="utf-8")
    facts = build_fact_set(seeds)
    return {(c.actor, c.character) for c in facts.credits}, {(d.kind, d.date) for d in facts.dates}


OTHER_TITLE_STORY = (
    "'Salt Road' sets October premiere on Streamly – and yes, everyone has noticed the Harbour Lights parallels\n"
    "Frontrow Weekly\nPublished 08/21/2025\n\n"
    "Streamly's survival thriller Salt Road will premiere all eight episodes on Friday, Oct. 3.\n\n"
    '"I love Harbour Lights, and I watched every episode," the creator said.\n\n'
    "Pell Aranda plays assistant coach Ty Brenner, who breaks his leg in the first episode.\n\n"
    "Cameras rolled on Salt Road in Whistler, British Columbia, on Jan. 13.\n"
)


def test_an_article_about_another_title_gives_nothing(tmp_path: Path) -> None:
    cast, dates = _facts(tmp_path, OTHER_TITLE_STORY)
    assert cast == set()
    assert dates == set()


def test_the_same_article_about_the_show_gives_its_facts(tmp_path: Path) -> None:
    # The control: the show itself as the headline's subject.
    text = OTHER_TITLE_STORY.replace("'Salt Road' sets", "'Harbour Lights' sets").replace(
        "Streamly's survival thriller Salt Road", "Streamly's survival thriller Harbour Lights"
    )
    text = text.replace("Cameras rolled on Salt Road", "Cameras rolled on Harbour Lights")
    cast, dates = _facts(tmp_path, text)
    assert ("Pell Aranda", "Ty Brenner") in cast
    assert ("production_start", "2025-01-13") in dates


def test_a_credit_of_another_title_before_the_show_keeps_the_article_ours(tmp_path: Path) -> None:
    text = (
        "EXCLUSIVE: 'Salt Road' Star Pell Aranda Joins 'Harbour Lights'\nScreen Ledger\n\n"
        "Pell Aranda has been cast as Nell Fenn in Harbour Lights, sources say.\n\n"
        "Wren Ilori returns as Corwin Tell.\n"
    )
    cast, _ = _facts(tmp_path, text)
    assert {("Pell Aranda", "Nell Fenn"), ("Wren Ilori", "Corwin Tell")} <= cast


def test_bullets_under_a_related_heading_are_other_stories() -> None:
    text = "Harbour Lights adds Wren Ilori.\n\nRelated:\n• Salt Road casts Pell Aranda as Abby\n\nMore text here.\n"
    said = [sentence.text for sentence in article_sentences(text, None)]
    assert not any("Pell Aranda" in sentence for sentence in said)
    assert "More text here." in said
    # A heading with a symbol and the site's name is one too.
    site = "Harbour Lights adds Wren Ilori.\n\n📌 Related on Fan Nation:\n• Pell Aranda's Nell Fenn deserves a spin-off\n"
    assert not any("Pell Aranda" in sentence.text for sentence in article_sentences(site, None))
    # A bullet list not under such a heading is the article's own.
    plain = "Harbour Lights adds two.\n\n• Pell Aranda plays Abby\n"
    assert any("Pell Aranda" in sentence.text for sentence in article_sentences(plain, None))


def test_an_awards_red_carpet_is_not_the_show_s_event(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2025-10-01\nHarbour Lights star Wren Ilori told reporters on the Emmys red carpet in Los Angeles "
        "on Sept. 14 that the cast was ready.\n",
    )
    assert not {kind for kind, _ in dates} & {"event"}
    (tmp_path / "own").mkdir()
    _, dates = _facts(
        tmp_path / "own",
        "date 2025-10-01\nHarbour Lights holds a red carpet premiere at the Grand Theatre in London on Oct. 14.\n",
    )
    assert ("event", "2025-10-14") in dates


def test_a_roundup_heading_in_capitals_is_another_title(tmp_path: Path) -> None:
    text = (
        "date 2026-04-01\nWhat to watch this week\n\n"
        "HARBOUR LIGHTS (Tidewater+) — Monday, April 6\n"
        "The final season stars Wren Ilori as Corwin Tell.\n\n"
        "SALT ROAD (Streamly) — Wednesday, April 8\n"
        "Streamly's new thriller stars Pell Aranda as Ilse Brandt.\n"
    )
    cast, _ = _facts(tmp_path, text)
    assert ("Wren Ilori", "Corwin Tell") in cast
    assert ("Pell Aranda", "Ilse Brandt") not in cast


def test_two_lists_paired_in_order(tmp_path: Path) -> None:
    found = credits_of(
        tmp_path,
        "Harbour Lights is back. Maren Holt and Ines Varga return as Lottie Fenn and Nell Vance for the final season.",
    )
    assert {("Maren Holt", "Lottie Fenn"), ("Ines Varga", "Nell Vance")} <= found
    assert ("Ines Varga", "Lottie Fenn") not in found


def test_the_first_of_two_owners_is_not_the_character(tmp_path: Path) -> None:
    found = credits_of(
        tmp_path, "Harbour Lights is back, and Ines Varga returns as Lottie and Corwin's daughter, Nell."
    )
    assert ("Ines Varga", "Lottie") not in found


def test_prizes_in_an_adjective_and_a_final_season(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2026-01-22\nThe fifth and final season of the Emmy®, Golden Globe® and Peabody Award-winning comedy "
        "series HARBOUR LIGHTS debuts with two episodes THURSDAY, APRIL 9 at 9:00 p.m. ET/PT.\n",
    )
    assert ("premiere", "2026-04-09") in dates
    # The ceremony itself is still no premiere.
    (tmp_path / "ceremony").mkdir()
    _, dates = _facts(
        tmp_path / "ceremony",
        "date 2026-01-22\nHarbour Lights won at the Emmy Awards, which air on Sunday, September 14.\n",
    )
    assert ("premiere", "2026-09-14") not in dates


def test_fan_shorthand_for_a_season(tmp_path: Path) -> None:
    seeds = _show(tmp_path / "seeds", "Harbour Lights")
    (seeds / "a.txt").write_text(
        "date 2025-10-08\nStreamly greenlit s4 of Harbour Lights on May 20, right after the s3 finale.\n",
        encoding="utf-8",
    )
    found = {(d.kind, d.season, d.date) for d in build_fact_set(seeds).dates}
    assert ("renewal", 4, "2025-05-20") in found


def test_a_time_slot_starts_in_the_meridiem_written_after_it() -> None:
    (slot,) = find_times("debuts SUNDAY, APRIL 13 (9:00-10:00 p.m. ET/PT) on HBO")
    assert (slot.hour, slot.minute, slot.timezone) == (21, 0, "America/New_York")
    (plain,) = find_times("at 20:00 CET")
    assert (plain.hour, plain.timezone) == (20, "CET")


def test_the_stream_is_the_release_not_the_later_on_air_debut(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2022-12-15\nSeason two of Harbour Lights premieres on Friday, March 24, 2023, when subscribers can "
        "stream the first episode, ahead of its on-air debut on Sunday, March 26 at 9 p.m. ET/PT.\n",
    )
    assert ("premiere", "2023-03-24") in dates
    assert ("premiere", "2023-03-26") not in dates


def test_dropping_the_news_is_no_release(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2025-10-10\nIt's official: Harbour Lights season 4 is the final season. The creators dropped the "
        "news on Instagram this afternoon.\n",
    )
    assert not {kind for kind, _ in dates} & {"premiere"}


def test_an_event_and_its_ticket_sale_in_one_sentence(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2024-12-10\nStreamly will host a Harbour Lights season 3 premiere screening at the Orpheum Theatre "
        "in Los Angeles on Feb. 12, and public tickets go on sale Dec. 18th at 10 a.m. PT.\n",
    )
    assert {("event", "2025-02-12"), ("ticket_sale", "2024-12-18")} <= dates
    assert ("ticket_sale", "2025-02-12") not in dates
    # Tickets named before the event's date: that date is the sale's, and no event is made of it.
    (tmp_path / "sale").mkdir()
    _, dates = _facts(
        tmp_path / "sale",
        "date 2024-12-10\nHarbour Lights is back. Tickets for the screening at the Paris Theater in New York go "
        "on sale Friday at 10 a.m. ET.\n",
    )
    assert not {kind for kind, _ in dates} & {"event"}


def test_listing_items_in_capitals_each_name_their_own_title(tmp_path: Path) -> None:
    text = (
        "date 2026-01-26\nWhat to watch this week\n\n"
        "HARBOUR LIGHTS, SEASON 3\nTidewater+, Wednesday, Jan. 28\n\n"
        "The therapy comedy returns, and Wren Ilori stars as Nell Fenn.\n\n"
        "THE LANTERN KEEPERS\nPBS, Sunday, Feb. 1, 9 p.m. ET\n\n"
        "Pell Aranda stars as Hattie Moss, a widow who keeps the light.\n\n"
        "2. SALT ROAD, SEASON 3 — Streamly\nWhen: Thursday, Febuary 20\n\n"
        "Maren Holt's Lottie Fenn goes undercover, infiltrating the ring of Corwin Tell, played by Odile Varga.\n"
    )
    cast, _ = _facts(tmp_path, text)
    assert ("Wren Ilori", "Nell Fenn") in cast
    assert not {actor for actor, _ in cast} & {"Pell Aranda", "Maren Holt", "Odile Varga"}


def test_a_renewal_without_a_year_is_behind_the_article(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2026-11-12\nPicked up for a fourth season in January, Harbour Lights returns Jan. 20 with the "
        "whole ensemble.\n",
    )
    assert ("renewal", "2026-01") in dates


def test_a_stated_weekday_near_publication_outweighs_another_verb_s_tense(tmp_path: Path) -> None:
    _, dates = _facts(
        tmp_path,
        "date 2026-03-04\nHarbour Lights is doing a festival panel. the panel is Saturday, Apirl 11 at the Dolby "
        "Theatre in Los Angeles and five cast members confirmed they will be there.\n",
    )
    assert ("event", "2026-04-11") in dates
    assert ("event", "2025-04-11") not in dates
