"""Everything known about one season, gathered from the fact set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.facts.models import Accolade, DatedFact, FactSet, Figure, Quote, Source
from bot.queries.people import articles_newest_first
from bot.queries.upcoming import moment_of


@dataclass
class SeasonView:
    """A season's dates, figures, rankings, story and new cast, with the articles behind them."""

    number: int
    year: int | None
    premieres: list[DatedFact]
    productions: list[DatedFact]
    renewals: list[DatedFact]
    figures: list[Figure]
    accolades: list[Accolade]
    story: list[Quote]
    new_cast: list[str]

    def sources(self) -> list[Source]:
        """One source per article behind anything shown, newest first."""
        facts: list[DatedFact | Figure | Accolade | Quote] = [
            *self.premieres, *self.productions, *self.renewals, *self.figures, *self.accolades, *self.story,
        ]  # fmt: skip
        return articles_newest_first([source for fact in facts for source in fact.sources])


def known_seasons(facts: FactSet) -> list[int]:
    """The seasons the store knows something about, in order."""
    return [season.number for season in facts.seasons]


def season_view(facts: FactSet, number: int) -> SeasonView | None:
    """Everything about a season, or None when the store knows nothing of it."""
    season = next((s for s in facts.seasons if s.number == number), None)
    if season is None:
        return None
    dates = [d for d in facts.dates if d.season == number]

    def of_kind(kind: str) -> list[DatedFact]:
        return sorted((d for d in dates if d.kind == kind), key=lambda d: (d.part or 0, d.date))

    return SeasonView(
        number, season.year, of_kind("premiere"), of_kind("production_start"), of_kind("renewal"),
        season.figures, season.accolades, season.story, season.new_cast,
    )  # fmt: skip


def story_is_spoiler(view: SeasonView, now: dt.datetime, days: int) -> bool:
    """Whether a season's story is still a spoiler: its latest premiere already begun (a part's premiere counts)
    began less than `days` days before now. Day N-1 after it is a spoiler, day N no longer; days 0 turns
    this off; a season with no premiere begun (not out yet, or never dated) is not a spoiler."""
    if days <= 0:
        return False
    begun = [start for start in (moment_of(f).start for f in view.premieres) if start <= now]
    return bool(begun) and now - max(begun) < dt.timedelta(days=days)
