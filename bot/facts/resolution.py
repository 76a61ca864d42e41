"""Turning each article's mentions into one fact set: one entity per person, character and dated fact,
stable ids, conflicts kept and reported."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Literal

from bot.facts.credit_resolution import CreditResolution
from bot.facts.dated import DatedMention
from bot.facts.identity import short_hash, slug
from bot.facts.models import (
    Accolade,
    CastCredit,
    CrewCredit,
    DatedFact,
    Figure,
    Season,
    Source,
)
from bot.facts.resolver_base import (
    MAX_EVIDENCE,
    ArticleFindings,
    evidence_window,
    source_of,
    unique_sources,
)

__all__ = ["MAX_EVIDENCE", "ArticleFindings", "Resolver", "evidence_window", "source_of"]


@dataclass
class ResolvedFacts:
    """Every fact, resolved across articles, before corrections."""

    credits: list[CastCredit]
    crew: list[CrewCredit]
    dates: list[DatedFact]
    seasons: list[Season]
    figures: list[Figure]


def _event_id(title: str | None) -> str:
    # A title with no letters or digits to slug ("🎉🎉🎉") still gets an id of its own.
    return f"event-{slug(title or '')[:48] or short_hash(title or '')}"


def _sale_phases_apart(by_id: dict[str, list[DatedMention]]) -> dict[str, list[DatedMention]]:
    """Ticket sales of one event that one article dates on different days ("priority booking opens Tuesday;
    remaining tickets go on general sale Thursday") are phases, each its own fact: the first day keeps the
    sale's id (ids stay what they were for every event with one sale), each later day gets its own. Different
    days from different articles stay one fact, settled as a disagreement."""
    result: dict[str, list[DatedMention]] = {}
    for fact_id, group in by_id.items():
        days_per_article: dict[str, set[str]] = defaultdict(set)
        for mention in group:
            days_per_article[mention.article.file].add(mention.resolved.iso())
        if not fact_id.startswith("tickets-") or all(len(days) < 2 for days in days_per_article.values()):
            result[fact_id] = group
            continue
        first = min(mention.resolved.iso() for mention in group)
        for mention in group:
            day = mention.resolved.iso()
            result.setdefault(fact_id if day == first else f"{fact_id}-{short_hash(day)}", []).append(mention)
    return result


def _premieres_in_parts(mentions: list[DatedMention]) -> list[DatedMention]:
    """A season's premiere named without a part is its Part 1 once the season is known to come in parts:
    the same day as a part is that part; earlier than every part, with no Part 1 named, it is Part 1."""
    parts: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for mention in mentions:
        if mention.kind == "premiere" and mention.season is not None and mention.part is not None:
            parts[mention.season][mention.part].add(mention.resolved.iso())
    result = []
    for mention in mentions:
        season_parts = parts.get(mention.season or 0)
        if mention.kind == "premiere" and mention.part is None and season_parts:
            day = mention.resolved.iso()
            same_day = [part for part, days in season_parts.items() if day in days]
            if same_day:
                mention = replace(mention, part=same_day[0])
            elif 1 not in season_parts and all(day < min(days) for days in season_parts.values()):
                mention = replace(mention, part=1)
        result.append(mention)
    return result


class Resolver(CreditResolution):
    """Builds the fact set from every article's findings."""

    def _date_id(self, mention: DatedMention) -> str:
        if mention.kind == "premiere":
            return f"premiere-s{mention.season}" + (f"-p{mention.part}" if mention.part else "")
        if mention.kind == "production_start":
            return f"production-s{mention.season}"
        if mention.kind == "renewal":
            return f"renewal-s{mention.season}"
        if mention.kind == "event":
            return _event_id(mention.title)
        # Tickets to no titled event are told apart by their day: one article's sale is not another's.
        return f"tickets-{slug(mention.audience or '')[:40]}-{short_hash(mention.title or mention.resolved.iso())}"

    def _dated_fact(self, fact_id: str, mention: DatedMention, sources: list[Source]) -> DatedFact:
        release = self.config.release
        time = mention.time.hhmm() if mention.time else None
        zone = mention.timezone
        time_source: Literal["article", "show default"] | None = "article" if time else None
        if mention.kind == "premiere" and mention.resolved.precision == "day":
            if time is None:
                time, zone, time_source = release.time, release.timezone, "show default"
            elif zone is None:
                zone = release.timezone
        if mention.kind == "premiere":
            title = f"Season {mention.season}" + (f" Part {mention.part}" if mention.part else "")
        elif mention.kind == "production_start":
            title = f"Season {mention.season} production"
        elif mention.kind == "renewal":
            title = f"Season {mention.season} renewal"
        else:
            title = mention.title or self.config.show.title
        return DatedFact(
            id=fact_id,
            kind=mention.kind,
            title=title,
            season=mention.season,
            part=mention.part,
            date=mention.resolved.iso(),
            precision=mention.resolved.precision,
            time=time,
            timezone=zone,
            time_source=time_source if time else None,
            place=mention.place,
            venue=mention.venue,
            city=mention.city,
            audience=mention.audience,
            event_id=_event_id(mention.title) if mention.kind == "ticket_sale" else None,
            weekday_warning=mention.resolved.weekday_warning,
            already_under_way=mention.on_sale_already,
            sources=sources,
        )

    def _dates(self) -> list[DatedFact]:
        mentions: list[DatedMention] = []
        for found in self.findings:
            for key, values in found.dated.warnings:
                self.warn_of(key, found.article.file, **values)
            mentions.extend(found.dated.mentions)
        by_id: dict[str, list[DatedMention]] = defaultdict(list)
        for mention in _premieres_in_parts(mentions):
            by_id[self._date_id(mention)].append(mention)
        by_id = _sale_phases_apart(by_id)
        facts = []
        for fact_id, group in by_id.items():
            chosen = self._settle(fact_id, group)
            sources = unique_sources(
                self._source(m.article, m.start, m.end, m.sentence.text, m.sentence.start) for m in group
            )
            facts.append(self._dated_fact(fact_id, chosen, sources))
        return sorted(facts, key=lambda fact: (fact.date, fact.time or "", fact.id))

    def _settle(self, fact_id: str, mentions: list[DatedMention]) -> DatedMention:
        """The value to keep when articles give a fact several dates; disagreements become warnings."""
        precision_rank = {"day": 0, "month": 1, "year": 2}
        best_precision = min(precision_rank[m.resolved.precision] for m in mentions)
        precise = [m for m in mentions if precision_rank[m.resolved.precision] == best_precision]
        # The newest article wins a disagreement: dates move, and later news reports the move.
        chosen = max(precise, key=lambda m: (m.article.publication_date or dt.date.min, m.time is not None))
        kept = chosen.resolved.iso()
        # A vaguer date agrees when it contains the precise one ("2023-03" and "2023-03-09").
        disagreeing = [m for m in mentions if not kept.startswith(m.resolved.iso())]
        if disagreeing:
            told = "; ".join(sorted({f"{m.resolved.iso()} ({m.article.file})" for m in mentions}))
            self.warn_of("warning.dates_disagree", chosen.article.file, fact=fact_id, told=told, kept=kept)
        return chosen

    # -- seasons --------------------------------------------------------------------------------------

    def _seasons(
        self, dates: list[DatedFact], credits: list[CastCredit]
    ) -> tuple[list[Season], list[Figure]]:
        seasons: dict[int, Season] = {}
        for number, quotes in self._story(credits).items():
            seasons.setdefault(number, Season(number=number)).story = quotes
        for number, actors in self._new_cast.items():
            seasons.setdefault(number, Season(number=number)).new_cast = sorted(actors)
        years: dict[int, list[tuple[int, Source]]] = defaultdict(list)
        for found in self.findings:
            for year in found.seasons.release_years:
                years[year.season].append(
                    (
                        year.year,
                        self._source(
                            year.article, year.start, year.end, year.sentence.text, year.sentence.start
                        ),
                    )
                )
        for fact in dates:
            if fact.season is not None:
                seasons.setdefault(fact.season, Season(number=fact.season)).date_ids.append(fact.id)
        for number, stated in years.items():
            entry = seasons.setdefault(number, Season(number=number))
            entry.year = min(year for year, _ in stated)
            entry.sources = unique_sources(source for _, source in stated)
        for entry in seasons.values():
            premieres = [f for f in dates if f.season == entry.number and f.kind == "premiere"]
            if entry.year is None and premieres:
                entry.year = min(int(f.date[:4]) for f in premieres)
        figures = self._figures()
        for figure in figures:
            if figure.season is not None:
                seasons.setdefault(figure.season, Season(number=figure.season)).figures.append(figure)
        for accolade in self._accolades(seasons):
            if accolade.season is not None:
                seasons.setdefault(accolade.season, Season(number=accolade.season)).accolades.append(accolade)
        return [seasons[number] for number in sorted(seasons)], figures

    def _figures(self) -> list[Figure]:
        grouped: dict[tuple[int | None, int, str, str | None], list[Source]] = defaultdict(list)
        texts: dict[tuple[int | None, int, str, str | None], str] = {}
        for found in self.findings:
            for mention in found.seasons.figures:
                key = (mention.season, mention.amount, mention.unit, mention.window)
                grouped[key].append(self._spoken(mention))
                texts[key] = mention.text
        figures = [
            Figure(
                id=f"figure-s{number or 0}-{amount}-{slug(unit)}" + (f"-{slug(window)}" if window else ""),
                season=number,
                amount=amount,
                text=texts[key],
                unit=unit,
                window=window,
                sources=unique_sources(sources),
            )
            for key, sources in grouped.items()
            for number, amount, unit, window in [key]
        ]
        return sorted(figures, key=lambda f: (f.season or 0, -f.amount))

    def _accolades(self, seasons: dict[int, Season]) -> list[Accolade]:
        """Rankings, each given to the season released in the ranking's year (else the season in focus)."""
        grouped: dict[tuple[int | None, str], list[Source]] = defaultdict(list)
        texts: dict[tuple[int | None, str], str] = {}
        for found in self.findings:
            for mention in found.seasons.accolades:
                by_year = [s.number for s in seasons.values() if s.year == mention.year]
                number = by_year[0] if len(by_year) == 1 else mention.focus_season
                key = (number, mention.key)
                grouped[key].append(self._spoken(mention))
                if len(mention.text) > len(texts.get(key, "")):
                    texts[key] = mention.text
        return [
            Accolade(
                id=f"accolade-s{number}-{slug(key)}",
                season=number,
                text=texts[(number, key)],
                sources=unique_sources(sources),
            )
            for (number, key), sources in grouped.items()
            if number is not None
        ]

    def resolve(self) -> ResolvedFacts:
        """Every fact, resolved across articles."""
        cast, crew = self._cast_and_crew()
        dates = self._dates()
        seasons, figures = self._seasons(dates, cast)
        return ResolvedFacts(cast, crew, dates, seasons, figures)
