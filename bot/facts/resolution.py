"""Turning each article's mentions into one fact set: one entity per person, character and dated fact,
stable ids, conflicts kept and reported."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from bot.facts.calendar import is_city
from bot.facts.credits import CastMention, CreditMentions, CrewMention, Evidence, PairMention
from bot.facts.dated import DatedFindings, DatedMention
from bot.facts.documents import Article, fold
from bot.facts.figures import SeasonFindings
from bot.facts.identity import Person, Registry, Sighting, VariantIndex, name_key, short_hash, slug
from bot.facts.models import (
    Accolade,
    BuildWarning,
    CastCredit,
    CrewCredit,
    DatedFact,
    Figure,
    Quote,
    Season,
    Source,
)
from bot.facts.names import is_company, looks_like_person, tokens
from bot.facts.portraits import PortraitFindings
from bot.facts.seed_files import ShowConfig
from bot.facts.show_context import ShowContext

ROLE_ORDER = [
    "creator",
    "showrunner",
    "writer",
    "director",
    "executive producer",
    "producer",
    "production company",
]


@dataclass
class ArticleFindings:
    """What extraction found in one article."""

    article: Article
    credits: CreditMentions
    dated: DatedFindings
    seasons: SeasonFindings
    portraits: PortraitFindings


@dataclass
class ResolvedFacts:
    """Every fact, resolved across articles, before corrections."""

    credits: list[CastCredit]
    crew: list[CrewCredit]
    dates: list[DatedFact]
    seasons: list[Season]
    figures: list[Figure]


MAX_STORY = 6
_WORD_BOUNDARY = re.compile(r"\b")


# Evidence kept with a fact: a sentence longer than this is cut to a window around what it says.
MAX_EVIDENCE = 400


def evidence_window(article_text: str, start: int, end: int, sentence: str, sentence_start: int = -1) -> str:
    """The sentence, or for a very long one a window of MAX_EVIDENCE characters around the span, marked as
    cut: a 300 KB sentence naming many people must not be stored once per person. Windows start on a grid of
    half their width, so facts from the same stretch of the sentence share one stored window.
    `sentence_start` (the sentence's offset in the article) places the span without searching for it: a search
    per fact in a sentence of many facts is quadratic."""
    if len(sentence) <= MAX_EVIDENCE:
        return sentence
    at = start - sentence_start
    if sentence_start < 0 or not 0 <= at < len(sentence):
        span = article_text[start : min(end, start + 200)]
        at = max(0, sentence.find(span)) if span else 0
    step = MAX_EVIDENCE // 2
    low = min(max(0, (at // step) * step - step // 2), max(0, len(sentence) - MAX_EVIDENCE))
    high = min(len(sentence), low + MAX_EVIDENCE)
    return ("…" if low else "") + sentence[low:high] + ("…" if high < len(sentence) else "")


def source_of(article: Article, start: int, end: int, sentence: str, sentence_start: int = -1) -> Source:
    """The provenance of a fact: file, sentence (or a window of it) and character span."""
    sentence = evidence_window(article.text, start, end, sentence, sentence_start)
    # Built from values extraction already typed: validating tens of thousands of them again costs a tenth
    # of the build.
    return Source.model_construct(
        file=article.file, sentence=sentence, start=start, end=end, publication_date=article.publication_date,
        correction_by=None, headline=article.headline, outlet=article.outlet, url=article.url,
    )  # fmt: skip


def _event_id(title: str | None) -> str:
    return f"event-{slug(title or '')[:48]}"


def _unique(sources: Iterable[Source]) -> list[Source]:
    seen: dict[tuple[str, int, int], Source] = {}
    for source in sources:
        seen.setdefault((source.file, source.start, source.end), source)
    return sorted(seen.values(), key=lambda source: (source.file, source.start))


@dataclass
class _Role:
    """One character an actor plays, with every spelling of it and the sentences that say so."""

    character: str | None
    spellings: set[str]
    sources: list[Source]


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


class Resolver:
    """Builds the fact set from every article's findings."""

    def __init__(self, config: ShowConfig, findings: list[ArticleFindings]) -> None:
        self.config = config
        self.show = ShowContext(config)
        self.findings = findings
        self.warnings: list[BuildWarning] = []
        self._new_cast: dict[int, set[str]] = defaultdict(set)
        # One Source per evidence span: the same sentence backs many facts, and each Source costs.
        self._sources: dict[tuple[str, int, int, str], Source] = {}

    def _source(self, article: Article, start: int, end: int, sentence: str, sentence_start: int = -1) -> Source:
        key = (article.file, start, end, sentence)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = source_of(article, start, end, sentence, sentence_start)
        return found

    def _evidence(self, evidence: Evidence) -> Source:
        return self._source(evidence.article, evidence.start, evidence.end, evidence.sentence.text, evidence.sentence.start)

    def warn(self, file: str | None, message: str) -> None:
        """Record a problem for the build report, in English only (an extraction's own note)."""
        self.warnings.append(BuildWarning(file=file, message=message))

    def warn_of(self, key: str, file: str | None, **values: str | int) -> None:
        """Record a problem for the build report, in each reader's language."""
        self.warnings.append(BuildWarning.from_values(key, file, values))

    def _person_name(self, name: str) -> bool:
        return looks_like_person(name, self.show.reserved)

    def _character_name(self, name: str) -> bool:
        """A character may bear a city's name ("Sydney") or the show's: the construction says it is a role."""
        if self._person_name(name):
            return True
        if is_city(name):
            return looks_like_person(name + " X", self.show.reserved)
        # A family may carry the show's name ("Lord Anthony <Title>"), and a show may be named after its
        # lead ("stars as <Title>"): the construction says it is a character.
        return looks_like_person(name) and (len(tokens(name)) >= 2 or fold(name) in self.show.folded_titles)

    # -- people ------------------------------------------------------------------------------------

    def _registry(self, names: Iterable[tuple[str, Article]]) -> Registry:
        # One sighting per spelling and article: canonical spellings count articles, not repetitions.
        unique = {(name, article.file): article for name, article in names}
        return Registry(
            [
                Sighting(name, file, article.publication_date)
                for (name, file), article in unique.items()
                if self._person_name(name)
            ]
        )

    def _cast_and_crew(self) -> tuple[list[CastCredit], list[CrewCredit]]:
        direct = [m for f in self.findings for m in f.credits.cast if not m.needs_known_actor]
        crew_mentions = [m for f in self.findings for m in f.credits.crew]
        # People named as actors or crew in plain words, before the "A (B)" pairs are read.
        crew_people = [(m.name, m.evidence.article) for m in crew_mentions if not is_company(m.name)]
        people = self._registry([(m.actor, m.evidence.article) for m in direct] + crew_people)
        known_actors = {id(person) for m in direct if (person := people.find(m.actor)) is not None}
        oriented = self._orient_pairs(people, known_actors)
        people = self._registry([(m.actor, m.evidence.article) for m in direct + oriented] + crew_people)
        cast_people = {id(person) for m in direct + oriented if (person := people.find(m.actor)) is not None}
        confirmed = [
            m
            for f in self.findings
            for m in f.credits.cast
            if m.needs_known_actor
            and (person := people.find(m.actor)) is not None
            and id(person) in cast_people
        ]
        cast = self._cast(people, direct + oriented + confirmed)
        self._attach_descriptions(cast, people)
        for mention in direct + oriented + confirmed:
            person = people.find(mention.actor)
            if mention.joins_season is not None and person is not None:
                self._new_cast[mention.joins_season].add(person.name)
        return cast, self._crew(people, crew_mentions)

    def _attach_descriptions(self, credits: list[CastCredit], people: Registry) -> None:
        """What the articles say about each character, on its credit ("Jane's boss at the agency")."""
        by_name: dict[tuple[str, ...], CastCredit] = {}
        by_first: dict[str, list[CastCredit]] = defaultdict(list)
        by_actor: dict[str, CastCredit] = {}
        for role in credits:
            if role.character is None:
                continue
            by_actor.setdefault(role.actor, role)
            by_first[name_key(role.character)[0]].append(role)
            for spelling in (role.character, *role.character_aliases):
                by_name[name_key(spelling)] = role
        said: dict[tuple[str, str], list[Source]] = defaultdict(list)
        texts: dict[tuple[str, str], str] = {}
        for found in self.findings:
            for mention in found.portraits.descriptions:
                credit: CastCredit | None
                if mention.of_actor:
                    person = people.find(mention.subject)
                    credit = by_actor.get(person.name) if person else None
                else:
                    key = name_key(mention.subject)
                    single = by_first.get(key[0], []) if len(key) == 1 else []
                    credit = by_name.get(key) or (single[0] if len(single) == 1 else None)
                if credit is None:
                    continue
                group = (credit.id, " ".join(name_key(mention.text)))
                said[group].append(
                    self._source(mention.article, mention.start, mention.end, mention.sentence.text, mention.sentence.start)
                )
                texts.setdefault(group, mention.text)
        for credit in credits:
            credit.about = [
                Quote(id=f"about-{slug(credit.character or '')}-{short_hash(texts[group])}", text=texts[group],
                      sources=_unique(sources))
                for group, sources in said.items()
                if group[0] == credit.id
            ]  # fmt: skip

    def _story(self, credits: list[CastCredit]) -> dict[int, list[Quote]]:
        """Story sentences per season: those that name one of the show's characters."""
        names = {
            word
            for credit in credits
            if credit.character
            for spelling in (credit.character, *credit.character_aliases)
            for word in (spelling, spelling.split()[0])
            if len(word) >= 3
        }
        if not names:
            return {}
        # A name is found where its first three letters are, between two word boundaries: one alternation of
        # thousands of names would be tried name by name at every letter of every story sentence.
        sizes: dict[str, set[int]] = defaultdict(set)
        for name in names:
            sizes[name[:3]].add(len(name))

        def names_a_character(text: str) -> bool:
            bounds = [boundary.start() for boundary in _WORD_BOUNDARY.finditer(text)]
            ends = set(bounds)
            return any(
                text[start : start + size] in names and start + size in ends
                for start in bounds
                for size in sizes.get(text[start : start + 3], ())
            )

        story: dict[int, dict[str, Quote]] = defaultdict(dict)
        for found in self.findings:
            for mention in found.portraits.story:
                told = story[mention.season]
                key = " ".join(name_key(mention.text))
                # The show's title names a character too ("Jane in Lyon"): only the story's own mentions count.
                if (len(told) >= MAX_STORY and key not in told) or not names_a_character(
                    self.show.mask_titles(mention.text)
                ):
                    continue
                source = self._source(mention.article, mention.sentence.start, mention.sentence.start + len(mention.text),
                                   mention.text)  # fmt: skip
                if key in told:
                    told[key].sources.append(source)
                else:
                    told[key] = Quote(id=f"story-s{mention.season}-{short_hash(key)}", text=mention.text,
                                      sources=[source])  # fmt: skip
        return {season: list(quotes.values()) for season, quotes in story.items()}

    def _orient_pairs(self, people: Registry, known_actors: set[int]) -> list[CastMention]:
        """Read each "A (B)" as actor (character) or character (actor), as the article's own habit shows."""
        result: list[CastMention] = []
        by_article: dict[str, list[PairMention]] = defaultdict(list)
        for found in self.findings:
            by_article[found.article.file].extend(found.credits.pairs)

        def actor_side(pair: PairMention) -> int:
            outer, inner = people.find(pair.outer.text), people.find(pair.inner.text)
            outer_known = outer is not None and id(outer) in known_actors
            inner_known = inner is not None and id(inner) in known_actors
            if outer_known != inner_known:
                return 1 if outer_known else -1
            outer_words, inner_words = len(tokens(pair.outer.text)), len(tokens(pair.inner.text))
            if outer_words >= 2 and inner_words == 1:
                return 1
            if outer_words == 1 and inner_words >= 2:
                return -1
            return 0

        for file, pairs in by_article.items():
            usable = [
                p for p in pairs if self._character_name(p.outer.text) and self._character_name(p.inner.text)
            ]
            habit = sum(actor_side(pair) for pair in usable)
            for pair in usable:
                side = actor_side(pair)
                outer, inner = people.find(pair.outer.text), people.find(pair.inner.text)
                if (outer and id(outer) in known_actors) or (inner and id(inner) in known_actors):
                    pass  # the known actor decides
                elif (outer is not None or inner is not None) and side == 0:
                    continue  # a crew member or someone else named beside a word in brackets
                elif not pair.listed and not self._lone_pair_is_credit(pair, side, habit, len(usable)):
                    continue  # a lone "A (B)" naming nobody known: too little to call it a credit
                if side * habit < 0 and abs(habit) >= 2:
                    continue  # against the article's own habit: "Jane Roe (Other Title)"
                side = side or (1 if habit > 0 else -1 if habit < 0 else 0)
                if side == 0:
                    self.warn_of("warning.actor_or_character", file, pair=f"{pair.outer.text} ({pair.inner.text})")
                    continue
                actor, character = (pair.outer, pair.inner) if side > 0 else (pair.inner, pair.outer)
                if not self._person_name(actor.text):
                    continue
                result.append(CastMention(actor.text, character.text, pair.evidence))
        return result

    @staticmethod
    def _lone_pair_is_credit(pair: PairMention, side: int, habit: int, pairs: int) -> bool:
        """A lone "A (B)" is a credit when the article writes several such pairs one way and this one agrees,
        or when its one-word side (the character) is named again elsewhere in the article: a character
        recurs in the text, another show's title in brackets does not."""
        if pairs >= 2 and side * habit >= 0 and habit != 0:
            return True
        if side == 0:
            return False
        single = pair.inner.text if side > 0 else pair.outer.text
        text = pair.evidence.article.text
        return len(re.findall(rf"(?<![\w'’-]){re.escape(single)}(?![\w'’-])", text)) >= 2

    def _cast(self, people: Registry, mentions: list[CastMention]) -> list[CastCredit]:
        by_actor: dict[int, list[CastMention]] = defaultdict(list)
        persons: dict[int, Person] = {}
        for mention in mentions:
            person = people.find(mention.actor)
            if person is None or not self._person_name(mention.actor):
                continue
            if mention.character is not None and not self._character_name(mention.character):
                continue
            persons[id(person)] = person
            by_actor[id(person)].append(mention)
        credits: list[CastCredit] = []
        for key, actor_mentions in by_actor.items():
            person = persons[key]
            roles = self._roles(actor_mentions)
            unnamed = [self._evidence(m.evidence) for m in actor_mentions if m.character is None]
            if not roles:
                roles = [_Role(None, set(), unnamed)]
            else:
                roles[0].sources.extend(unnamed)
            for position, role in enumerate(roles):
                # The main role keeps the actor's id whatever else they are later credited with: ids are
                # what corrections name, so a new article must not rename them.
                credit_id = f"cast-{slug(person.name)}" + (
                    f"-{slug(role.character or '')}" if position else ""
                )
                credits.append(
                    CastCredit(
                        id=credit_id,
                        actor=person.name,
                        character=role.character,
                        actor_aliases=person.aliases,
                        character_aliases=sorted(role.spellings - {role.character or ""}),
                        sources=_unique(role.sources),
                    )
                )
        self._report_shared_characters(credits)
        return sorted(credits, key=lambda credit: (-len({s.file for s in credit.sources}), credit.actor))

    def _roles(self, mentions: list[CastMention]) -> list[_Role]:
        """One role per character an actor plays ("Odile" and "Odile Martin" are one), the best-sourced
        first."""
        named = [m for m in mentions if m.character is not None]
        groups: list[list[CastMention]] = []
        # A character joins the first group whose first (longest) character it is a variant of, or the start of:
        # found in indexes of those, not by comparing it with every group (quadratic for an actor credited with
        # thousands of characters).
        by_start: dict[tuple[str, ...], int] = {}
        variants: VariantIndex[int] = VariantIndex()
        for mention in sorted(named, key=lambda m: -len(tokens(m.character or ""))):
            key = name_key(mention.character or "")
            joins = [index for _, index in variants.variants(key)]
            if key in by_start:
                joins.append(by_start[key])
            if joins:
                groups[min(joins)].append(mention)
                continue
            for size in range(len(key) + 1):
                by_start.setdefault(key[:size], len(groups))
            variants.add(key, len(groups))
            groups.append([mention])
        roles = []
        for group in groups:
            spellings = {m.character or "" for m in group}
            full = [
                m.character or ""
                for m in group
                if len(tokens(m.character or "")) == len(tokens(group[0].character or ""))
            ]
            canonical = max(set(full), key=lambda name: (full.count(name), name))
            roles.append(_Role(canonical, spellings, [self._evidence(m.evidence) for m in group]))
        roles.sort(
            key=lambda role: (-len({s.file for s in role.sources}), -len(role.sources), role.character or "")
        )
        if len(roles) > 1:
            files = sorted({s.file for r in roles for s in r.sources})
            self.warn_of(
                "warning.several_characters",
                None,
                actor=mentions[0].actor,
                characters=", ".join(r.character or "" for r in roles),
                files=", ".join(files),
            )
        return roles

    def _report_shared_characters(self, credits: list[CastCredit]) -> None:
        by_character: dict[tuple[str, ...], list[CastCredit]] = defaultdict(list)
        for credit in credits:
            if credit.character is not None and len(tokens(credit.character)) >= 2:
                by_character[name_key(credit.character)].append(credit)
        for group in by_character.values():
            if len(group) > 1:
                actors = ", ".join(
                    f"{c.actor} ({', '.join(sorted({s.file for s in c.sources}))})" for c in group
                )
                self.warn_of("warning.shared_character", None, character=group[0].character or "", actors=actors)

    def _crew(self, people: Registry, mentions: list[CrewMention]) -> list[CrewCredit]:
        roles: dict[str, set[str]] = defaultdict(set)
        affiliations: dict[str, set[str]] = defaultdict(set)
        sources: dict[str, list[Source]] = defaultdict(list)
        aliases: dict[str, list[str]] = {}
        for mention in mentions:
            if is_company(mention.name):
                name = mention.name
            else:
                person = people.find(mention.name)
                if person is None or not self._person_name(mention.name):
                    continue
                name, aliases[person.name] = person.name, person.aliases
            if mention.role is not None:
                roles[name].add(mention.role)
            if mention.affiliation is not None:
                affiliations[name].add(mention.affiliation)
            sources[name].append(self._evidence(mention.evidence))
        crew = []
        for name, name_roles in roles.items():
            if "executive producer" in name_roles:
                name_roles.discard("producer")  # an executive producer credit already says it
            crew.append(
                CrewCredit(
                    id=f"crew-{slug(name)}",
                    name=name,
                    roles=sorted(name_roles, key=ROLE_ORDER.index),
                    is_company=is_company(name),
                    affiliations=sorted(affiliations[name]),
                    aliases=aliases.get(name, []),
                    sources=_unique(sources[name]),
                )
            )
        return sorted(crew, key=lambda c: (c.is_company, min(ROLE_ORDER.index(r) for r in c.roles), c.name))

    # -- dates ----------------------------------------------------------------------------------------

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
        facts = []
        for fact_id, group in by_id.items():
            chosen = self._settle(fact_id, group)
            sources = _unique(self._source(m.article, m.start, m.end, m.sentence.text, m.sentence.start) for m in group)
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
                    (year.year, self._source(year.article, year.start, year.end, year.sentence.text, year.sentence.start))
                )
        for fact in dates:
            if fact.season is not None:
                seasons.setdefault(fact.season, Season(number=fact.season)).date_ids.append(fact.id)
        for number, stated in years.items():
            entry = seasons.setdefault(number, Season(number=number))
            entry.year = min(year for year, _ in stated)
            entry.sources = _unique(source for _, source in stated)
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
                grouped[key].append(
                    self._source(mention.article, mention.start, mention.end, mention.sentence.text, mention.sentence.start)
                )
                texts[key] = mention.text
        figures = [
            Figure(
                id=f"figure-s{number or 0}-{amount}-{slug(unit)}" + (f"-{slug(window)}" if window else ""),
                season=number,
                amount=amount,
                text=texts[key],
                unit=unit,
                window=window,
                sources=_unique(sources),
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
                grouped[key].append(
                    self._source(mention.article, mention.start, mention.end, mention.sentence.text, mention.sentence.start)
                )
                if len(mention.text) > len(texts.get(key, "")):
                    texts[key] = mention.text
        return [
            Accolade(
                id=f"accolade-s{number}-{slug(key)}",
                season=number,
                text=texts[(number, key)],
                sources=_unique(sources),
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
