"""Dates, renewals and crew lists as a new unseen pair of shows wrote them: the season right after "renewed ... for",
a later "pickup" restating it, "picked it up for a second season", "the sophomore run", no renewal for a first
season, holidays ("Halloween 2024"), "last May", "at the start of May", a season in a relative clause, and crew
whose company is named beside them. Every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.build import build_fact_set
from tests.facts.test_dated_families import _dates, _show


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'date 2025-05-14\nLONDON, May 14 (Agency) - Tidewater+ has renewed "Harbour Lights" for a fourth '
            "season, the company said on Wednesday, handing its thriller another early pickup even though the "
            "third season has not yet reached subscribers.\n",
            {("renewal", 4, None, "2025-05-14", None)},
        ),
        (
            'date 2024-05-01\n"Harbour Lights" premiered on April 20, 2023, and Tidewater+ picked it up for a '
            "second season on May 1, 2023, less than two weeks after launch.\n",
            {("premiere", 1, None, "2023-04-20", None), ("renewal", 2, None, "2023-05-01", None)},
        ),
        (
            "date 2026-02-01\nTidewater+ ordered the third season of Harbour Lights in May 2025, well before the "
            "sophomore run premiered Dec. 16, 2025.\n",
            {("renewal", 3, None, "2025-05", None), ("premiere", 2, None, "2025-12-16", None)},
        ),
        (
            "date 2024-05-01\nThe first season of Harbour Lights went up in April 2024.\n\nTidewater+ first renewed "
            "the show on April 18, 2024, just over a week after the debut.\n",
            {("renewal", 2, None, "2024-04-18", None)},
        ),
        # "Sophomore" of anything but a season is no season.
        (
            "date 2026-02-01\nHarbour Lights star Ines Varga's sophomore album came out Dec. 16, 2025.\n",
            set(),
        ),
    ],
)
def test_renewal_and_premiere_seasons(tmp_path: Path, text: str, expected: set[tuple[object, ...]]) -> None:
    assert {(kind, season, part, day[:10] if len(day) > 7 else day, time) for kind, season, part, day, time in
            _dates(tmp_path, text)} == expected  # fmt: skip


def test_crew_and_the_companies_they_are_named_with(tmp_path: Path) -> None:
    seeds = _show(tmp_path / "seeds", "Harbour Lights")
    (seeds / "article.txt").write_text(
        "date 2025-05-14\nHarbour Lights returns. Ines Varga of Gull Game Studios and Bram Olufemi of Gull "
        "Softworks are also executive producers. Odile Marsh and Pell Aranda executive produce for Kestrel "
        "Films, and Wren Ilori and Tamsin Hale executive produce for Gull.\n",
        encoding="utf-8",
    )
    crew = {credit.name for credit in build_fact_set(seeds).crew if "executive producer" in credit.roles}
    assert {"Ines Varga", "Bram Olufemi", "Odile Marsh", "Pell Aranda", "Wren Ilori", "Tamsin Hale"} <= crew
    assert not crew & {"Gull Game Studios", "Gull Softworks", "Kestrel Films"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date 2025-05-14\nHarbour Lights is back. The six-episode second season debuted on Oct. 31, 2024.\n",
         {("premiere", 2, None, "2024-10-31", None)}),
        ("date 2025-05-14\nHarbour Lights is back. Season 2 (six episodes) dropped on Halloween 2024.\n",
         {("premiere", 2, None, "2024-10-31", None)}),
        ("date 2025-09-14\nHarbour Lights is back. The Halloween episode premieres next week.\n", set()),
        ("date 2024-03-01\nTidewater+ ordered Season 2 of Harbour Lights on Feb. 7, 2022, three days after all "
         "eight first-season episodes arrived at once on Feb. 4.\n",
         {("renewal", 2, None, "2022-02-07", None), ("premiere", 1, None, "2022-02-04", None)}),
        ("date 2026-06-01\nHarbour Lights is back. The writers' room for the fourth season opened on Feb. 24 of "
         "this year.\n", set()),
        ("date 2025-06-01\nThe third season of Harbour Lights finished filming in September 2024 and arrived "
         "about nine months later.\n", set()),
        ("date 2025-06-01\nTidewater+ announced the fourth season of Harbour Lights on May 14, 2025, at its "
         "upfront presentation.\n", {("renewal", 4, None, "2025-05-14", None)}),
        ("date 2025-06-01\nTidewater+ announced the fourth season premiere date of Harbour Lights on May 14, "
         "2025.\n", set()),
        ("date 2025-11-20\nHarbour Lights went back before cameras for its fourth season in Cork earlier this "
         "month.\n", {("production_start", 4, None, "2025-11", None)}),
        ("date 2025-05-14\nProduction on Season 2 of Harbour Lights started in Cork last November.\n",
         {("production_start", 2, None, "2024-11", None)}),
        ("date 2026-01-20\nTidewater+ ordered a fourth season of Harbour Lights last May, at its upfront.\n",
         {("renewal", 4, None, "2025-05", None)}),
        ("date 2026-04-20\nHarbour Lights' third season is coming. Production on the new batch of episodes got "
         "underway at the start of May in Cork, where the show built its stages for Season 2.\n",
         {("production_start", 3, None, "2026-05", None)}),
    ],
)  # fmt: skip
def test_dates_as_the_unseen_pair_wrote_them(
    tmp_path: Path, text: str, expected: set[tuple[object, ...]]
) -> None:
    assert {(kind, season, part, day[:10] if len(day) > 7 else day, time) for kind, season, part, day, time in
            _dates(tmp_path, text)} == expected  # fmt: skip
