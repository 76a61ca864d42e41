"""Reading where an article comes from: an import's header lines, a wire dateline, a copyright line, a
page title, and nothing where the text does not say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from bot.facts.documents import parse_article
from bot.facts.imports import Imported, header_lines
from bot.facts.provenance import find_provenance
from bot.facts.publication_date import find_publication_date

BODY = "Emily in Paris returns for a fifth season on Netflix, and Lily Collins stars as Emily Cooper.\n"


def test_an_imports_header_is_read_and_is_not_article_text() -> None:
    text = "date 2025-01-20\ntitle A fifth season\noutlet The Daily Reel\nurl https://example.org/a\n" + BODY
    article = parse_article("a.txt", text.encode())
    assert (article.headline, article.outlet, article.url) == (
        "A fifth season",
        "The Daily Reel",
        "https://example.org/a",
    )
    assert article.publication_date == dt.date(2025, 1, 20)
    assert [sentence.text for sentence in article.sentences] == [BODY.strip()]


def test_a_title_cannot_smuggle_header_lines() -> None:
    imported = Imported(BODY, "Title\nurl javascript:alert(1)\x00", None, "upload.txt", outlet="Out\rlet")
    header = header_lines(imported)
    assert header == "title Title url javascript:alert(1)\noutlet Out let\n", "one line per key, no url"
    assert find_provenance(header + BODY).url is None


@pytest.mark.parametrize(
    ("text", "headline", "outlet"),
    [
        ("LOS ANGELES (Wire) — Netflix has set the date.\n" + BODY, None, "Wire"),
        (
            "Menu | TV | Film | Music\nSeason 5 Sets Its Date in Rome\nBy A Writer\n" + BODY,
            "Season 5 Sets Its Date in Rome",
            None,
        ),
        (
            "Season 2 is officially in production 1 year ago\n\n" + BODY,
            "Season 2 is officially in production",
            None,
        ),
        (
            "Emily in Paris Season 5: Everything We Know | Screen Notes\n" + BODY,
            "Emily in Paris Season 5: Everything We Know",
            "Screen Notes",
        ),
        (BODY + "\n© 2025 Screen Notes Media, LLC. All rights reserved.\n", None, "Screen Notes"),
        (BODY + "This article originally appeared on The Daily Reel.\n", None, "The Daily Reel"),
        (BODY, None, None),
    ],
)
def test_headline_and_outlet_as_a_reader_tells_them(
    text: str, headline: str | None, outlet: str | None
) -> None:
    found = find_provenance(text)
    assert (found.headline, found.outlet) == (headline, outlet)


PAGE_BODY = "Harbour Lights returns for a third season on Tidewater, and Ines Varga stars as Maren Holt in the new run.\n"


@pytest.mark.parametrize(
    ("top", "headline", "outlet"),
    [
        # A masthead, its menu, a breadcrumb, then the headline above its byline.
        (
            "THE QUAY GAZETTE\nHome | News | TV | Film\nTV › Drama › Harbour Lights\n"
            "Harbour Lights Sets Its Third Season Date\nBy Bram Olufemi\n",
            "Harbour Lights Sets Its Third Season Date",
            "THE QUAY GAZETTE",
        ),
        # A cookie notice first; a headline written like a sentence, then the writer and a date line.
        (
            "We value your privacy\nWe and our 300 partners use cookies to store information on your device, "
            "to personalise ads and content, and to measure how you use this site, as described below.\n"
            "[Accept all] [Reject all]\nThe Lantern Review\nCulture › Television\n"
            "Harbour Lights season three review: the tide turns at last\nLottie Fenn\n"
            "Monday 3 March 2025, 07:00 GMT\n",
            "Harbour Lights season three review: the tide turns at last",
            "The Lantern Review",
        ),
        # A fan blog's masthead over its tagline is neither the headline nor a date.
        (
            "Salt & Sirens 🌊\nyour #1 unofficial Harbour Lights fan blog\n"
            "S3 IS CONFIRMED!!! Maren is coming home\nPosted by tidewatcher | Mar 3, 2025 | 12 comments\n",
            "S3 IS CONFIRMED!!! Maren is coming home",
            "Salt & Sirens",
        ),
        # A masthead with its section on the same line; a wire's initials spelled out by the page.
        (
            "Corwin Wire Service — Television\nHarbour Lights begins filming its third season\n"
            "By Odalys Brennick\nMarch 3, 2025\nPORTSMOUTH (CWS) — Cameras rolled on Monday.\n",
            "Harbour Lights begins filming its third season",
            "Corwin Wire Service",
        ),
        # A section's label above the headline is not the publication.
        (
            "TV NEWS\n\nHarbour Lights Adds Three to Its Second Season\n\nBy Corwin Tell | March 3, 2025\n",
            "Harbour Lights Adds Three to Its Second Season",
            None,
        ),
        # A dash inside a headline is the headline's own, not an outlet.
        (
            "Harbour Lights Will Return in Two Parts — Here Are Both Dates\nBy Corwin Tell\n",
            "Harbour Lights Will Return in Two Parts — Here Are Both Dates",
            None,
        ),
        # A menu behind its icon, then the copyright names the brand without its corporate words.
        (
            "☰ Menu   News   TV   Streaming   Movies   Awards\nHome › TV › News\n"
            "Harbour Lights Renewed for a Fourth Season at Tidewater\nBy Hettie Marsh\n",
            "Harbour Lights Renewed for a Fourth Season at Tidewater",
            "Brightwater",
        ),
    ],
)
def test_a_copied_pages_top_lines(top: str, headline: str, outlet: str | None) -> None:
    footer = "\n© 2025 Brightwater Media Group. All rights reserved.\n" if outlet == "Brightwater" else ""
    found = find_provenance(top + "\n" + PAGE_BODY + footer)
    assert (found.headline, found.outlet) == (headline, outlet)


def test_a_fact_cites_its_articles_outlet_and_address(show_only_seeds: Path) -> None:
    (show_only_seeds / "a.txt").write_text(
        "date 2025-01-20\ntitle A fifth season\nurl https://www.example.org/a\n" + BODY, encoding="utf-8"
    )
    facts = build_fact_set(show_only_seeds)
    (credit,) = [credit for credit in facts.credits if credit.actor == "Lily Collins"]
    source = credit.sources[0]
    assert (source.headline, source.outlet, source.url) == (
        "A fifth season",
        "example.org",
        "https://www.example.org/a",
    )
    assert facts.documents[0].outlet == "example.org"


def test_a_label_cannot_carry_a_link_or_hide_characters() -> None:
    from bot.facts.models import Source
    from bot.rendering.common import source_line

    source = Source(file="a.txt", sentence="s", start=0, end=1, outlet="Fan\u200bBeat](https://evil.example) [x\u202e",
                    url="https://example.org/a")  # fmt: skip
    line = source_line(source, "en")
    assert "](https://evil" not in line and "\u200b" not in line and "\u202e" not in line
    assert line.startswith("[FanBeat\\]") and line.endswith("(<https://example.org/a>), date unknown")
    forged = source.model_copy(update={"outlet": "Netflix", "url": "https://netflix.com@evil.example/"})
    assert source_line(forged, "en") == "Netflix, date unknown", "no link for a user@host address"


async def test_an_upload_with_header_lines_is_refused() -> None:
    from bot.facts.imports import ImportRefusedError, article_from_bytes

    forged = b"url https://evil.example/verify\noutlet Netflix\nEmily in Paris returns with Lily Collins as Emily.\n"
    with pytest.raises(ImportRefusedError) as refused:
        await article_from_bytes("news.txt", forged, "news.txt")
    assert "only the bot writes" in refused.value.describe("en")
    body = forged.split(b"\n", 2)[2]
    assert (await article_from_bytes("news.txt", b"date 2025-01-01\n" + body, "news.txt")).original, (
        "a date is fine"
    )


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("NEW YORK, March 10, 2031 – The streamer today announced a date.\n", dt.date(2031, 3, 10)),
        ("PORT TALBOT, Wales — March 9, 2031 — The streamer said so.\n", dt.date(2031, 3, 9)),
        # A place and a comma, but no dash after the date: a sentence, not a dateline.
        ("NEW YORK, March 10, 2031 was a long day for everyone who worked on the show and its crew.\n", None),
    ],
)
def test_a_press_releases_dateline_dates_it(text: str, published: dt.date | None) -> None:
    body = "Some words first.\n\n" + text + "More words follow here, enough to make a story of it.\n"
    assert parse_article("a.txt", body.encode()).publication_date == published


@pytest.mark.parametrize(
    ("text", "headline", "outlet"),
    [
        # The outlet's name under the headline, over the byline.
        (
            "EXCLUSIVE: 'Harbour Lights' Books Ines Varga For Final Season\nScreen Ledger\nBy Owen Tarrant | "
            "October 2, 2025\n\nInes Varga has joined the final season of Harbour Lights in a recurring role.\n",
            "EXCLUSIVE: 'Harbour Lights' Books Ines Varga For Final Season",
            "Screen Ledger",
        ),
        # A long headline over a masthead and its tagline is still the headline.
        (
            "IT'S THE FINAL SEASON AND I AM NOT WELL: Harbour Lights s4 will be the last one\n\nThe Hive Mind — "
            "your daily dose of brain rot\nposted by someone • Oct 10, 2025 • 4:17 PM\n\nok besties. It is "
            "official: the fourth season of Harbour Lights is the final one, and the news came this afternoon.\n",
            "IT'S THE FINAL SEASON AND I AM NOT WELL: Harbour Lights s4 will be the last one",
            "The Hive Mind",
        ),
        # A name with its section, a byline that is dressed up, a menu between, a date on the name's line.
        (
            "Harbour Lights review: a slow burn\nTHE LEDGER — ARTS & CULTURE\nTelevision | By Nat Orsini | Feb. 13, "
            "2025\n\nBody text of the review goes on for a while here.\n",
            "Harbour Lights review: a slow burn",
            "THE LEDGER",
        ),
        (
            "'Harbour Lights' Season 2 Starts Shooting in Leeds\nTHE FRAME REPORT\nTV | Film | Business | Awards\n"
            "Posted May 12, 2026 10:45 AM PT by Owen Marchetti\n\nBody text.\n",
            "'Harbour Lights' Season 2 Starts Shooting in Leeds",
            "THE FRAME REPORT",
        ),
        (
            "Seaside town braces for 'Harbour Lights' as the series starts filming\nContinental Press — April 28, "
            "2026\nSAINT-IVES, England (CP) — Cameras rolled Monday on the fourth season of the drama.\n",
            "Seaside town braces for 'Harbour Lights' as the series starts filming",
            "Continental Press",
        ),
        (
            "Streamly Original HARBOUR LIGHTS Returns for Season Four Sunday, March 1\nPRESS RELEASE — Streamly\n"
            "For Immediate Release\nDecember 3, 2026\n\nBody.\n",
            "Streamly Original HARBOUR LIGHTS Returns for Season Four Sunday, March 1",
            "Streamly",
        ),
        # The outlet between the byline and the date; a writer's title after it; a name with its section.
        (
            "Tidewater+ orders a fourth season of 'Harbour Lights'\nBy Dana Roe\nGull Press Entertainment Writer\n"
            "May 14, 2025 6:42 PM EDT\n\nBody text of the story goes on for a while.\n",
            "Tidewater+ orders a fourth season of 'Harbour Lights'",
            "Gull Press",
        ),
        (
            "EXCLUSIVE: 'Harbour Lights' Taps Ines Varga As Series Regular\nBy Marcy Roe\nKestrelline | TV\n"
            "January 8, 2026 10:15am PT\n\nBody text.\n",
            "EXCLUSIVE: 'Harbour Lights' Taps Ines Varga As Series Regular",
            "Kestrelline",
        ),
        # A site's path in capitals starts with its name; one in title case may be a wiki's own section.
        (
            "GULL REPORT  >  TV  >  Tidewater+\nHarbour Lights Season 4: Everything We Know So Far\nBy Jo Pell\n\n"
            "Body text.\n",
            "Harbour Lights Season 4: Everything We Know So Far",
            "GULL REPORT",
        ),
        (
            "Fan Guides › Television › Harbour Lights\nHarbour Lights: Who's Who in Lottie's World\nBy Jo Pell\n\n"
            "Body text.\n",
            "Harbour Lights: Who's Who in Lottie's World",
            None,
        ),
        # A wire's dateline may carry the day.
        (
            "Tidewater+ renews 'Harbour Lights' for a third season\n\nBy Teo Vance\nMay 12, 2025 4:52 PM EDT\n\n"
            "NEW YORK, May 12 (Gull News Service) — Tidewater+ on Monday renewed the drama for a third season.\n",
            "Tidewater+ renews 'Harbour Lights' for a third season",
            "Gull News Service",
        ),
        # A headline in sentence case over "Name | date", and a wire's initials spelled out in that line.
        (
            "Kilts and a few tears as 'Harbour Lights' cast walks its last carpet\n\n"
            "Gull News Service | Tuesday, March 3, 2026, 6:14 a.m.\n\n"
            "NEW YORK (GNS) — The cast of the drama walked the carpet on Monday night, and the fans cheered.\n",
            "Kilts and a few tears as 'Harbour Lights' cast walks its last carpet",
            "Gull News Service",
        ),
        # A headline ending on initials is no body sentence.
        (
            "THE TRADE PAGE\nTV · Film · Business\n\nEXCLUSIVE: 'Harbour Lights' Taps Ines Varga for Season 5 as "
            "Cameras Roll in L.A.\n\nby Teo Vance\nFebruary 18, 2026 8:15am PT\n\nThe drama has cast Ines Varga "
            "as a new regular for its fifth season, sources say, as production begins this week.\n",
            "EXCLUSIVE: 'Harbour Lights' Taps Ines Varga for Season 5 as Cameras Roll in L.A.",
            "THE TRADE PAGE",
        ),
        # A press release: its issuer closes the boilerplate ("About "Show"" first, then "About STREAMLY").
        (
            "FOR IMMEDIATE RELEASE\n\nSTREAMLY SETS A DATE FOR THE FINAL SEASON OF HARBOUR LIGHTS\n\n"
            "Streamly today announced that the final season premieres Friday, March 6, with new episodes weekly.\n\n"
            'About "Harbour Lights"\nThe drama follows a harbour family.\n\nAbout STREAMLY\nStreamly is a service.\n',
            "STREAMLY SETS A DATE FOR THE FINAL SEASON OF HARBOUR LIGHTS",
            "STREAMLY",
        ),
        # A site's path whose root is one word with capitals inside names the site.
        (
            "PopDeck > TV > Drama\n\nHarbour Lights Season 8: Everything We Know About the Final Chapter\n\n"
            "The wait is nearly over, and here is everything the network has said about the last season so far.\n",
            "Harbour Lights Season 8: Everything We Know About the Final Chapter",
            "PopDeck",
        ),
        # A roundup's heading in capitals with a service in brackets is no wire dateline.
        (
            "What to watch this week: 'Harbour Lights' takes its final bow and more\n\nBy Carys Mbeki\n\n"
            "SALT ROAD (Streamly) — Wednesday, April 8\nStreamly's new thriller is worth a look this week, "
            "with a cast of unknowns and a very good score.\n",
            "What to watch this week: 'Harbour Lights' takes its final bow and more",
            None,
        ),
    ],
)
def test_headline_and_outlet_at_the_top_of_a_page(text: str, headline: str, outlet: str | None) -> None:
    found = find_provenance(text)
    assert (found.headline, found.outlet) == (headline, outlet)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short sentence of the body states a fact, not the page's date.
        (
            "Harbour Lights: everything we know\n\n- Season 1 premiered February 18, 2022 (two episodes)\n",
            None,
        ),
        ("Harbour Lights is great. Season 1 premiered February 18, 2022.\n", None),
        # A date line, a section line with a date, a byline: the page's date.
        ("Harbour Lights returns\nMarch 12, 2026 9:00am PT\n\nBody text follows here.\n", "2026-03-12"),
        ("Harbour Lights returns\nShowbiz | TV & Radio | Wednesday 7 December 2022\n\nBody.\n", "2022-12-07"),
        ("Harbour Lights returns\nBy Owen Tarrant | October 2, 2025\n\nBody.\n", "2025-10-02"),
    ],
)
def test_a_short_line_dates_the_page_only_when_it_reads_as_a_date_line(
    text: str, expected: str | None
) -> None:
    found = find_publication_date(text)
    assert (str(found[0]) if found else None) == expected
