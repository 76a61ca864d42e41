"""Resolving cast and crew: surnames given in full, "A (B)" pairs read the article's way, one credit per actor
and role, crew roles merged."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from bot.facts.credits import CastMention, CrewMention
from bot.facts.full_names import HONOURS, without_honour
from bot.facts.identity import Person, Registry, VariantIndex, name_key, short_hash, slug
from bot.facts.models import (
    CastCredit,
    CrewCredit,
    Quote,
    Source,
)
from bot.facts.names import CHARACTER_TITLES, is_company, tokens
from bot.facts.pair_orientation import PairOrientation, surname_of_someone
from bot.facts.resolver_base import Role, unique_sources

ROLE_ORDER = [
    "creator",
    "showrunner",
    "writer",
    "director",
    "executive producer",
    "producer",
    "production company",
]


MAX_STORY = 6
_WORD_BOUNDARY = re.compile(r"\b")


class CreditResolution(PairOrientation):
    """The cast and crew of the fact set, from every article's credit mentions."""

    def _cast_and_crew(self) -> tuple[list[CastCredit], list[CrewCredit]]:
        mentions = {id(f): f.credits.cast for f in self.findings}
        direct = [m for f in self.findings for m in mentions[id(f)] if not m.needs_known_actor]
        crew_mentions = [
            replace(m, name=without_honour(m.name)) if m.name.startswith(HONOURS) else m
            for f in self.findings
            for m in f.credits.crew
        ]
        # People named as actors or crew in plain words, before the "A (B)" pairs are read.
        crew_people = [(m.name, m.evidence.article) for m in crew_mentions if not is_company(m.name)]
        people = self._registry([(m.actor, m.evidence.article) for m in direct] + crew_people)
        known_actors = {id(person) for m in direct if (person := people.find(m.actor)) is not None}
        self._known_characters = {name_key(m.character) for m in direct if m.character is not None}
        # A name the articles give a character is no actor ("Lottie Hale's Daniel" after "stars as Lottie Hale")
        direct = [m for m in direct if name_key(m.actor) not in self._known_characters]
        oriented = self._orient_pairs(people, known_actors, direct)
        people = self._registry([(m.actor, m.evidence.article) for m in direct + oriented] + crew_people)
        cast_people = {id(person) for m in direct + oriented if (person := people.find(m.actor)) is not None}
        confirmed = [
            m
            for f in self.findings
            for m in mentions[id(f)]
            if m.needs_known_actor
            and (person := people.find(m.actor)) is not None
            and id(person) in cast_people
            # one word is the surname of that actor ("Segel's Jimmy"), never a first name ("Paul's Julie")
            and (len(tokens(m.actor)) > 1 or surname_of_someone(people, m.actor))
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
                said[group].append(self._spoken(mention))
                texts.setdefault(group, mention.text)
        for credit in credits:
            credit.about = [
                Quote(id=f"about-{slug(credit.character or '')}-{short_hash(texts[group])}", text=texts[group],
                      sources=unique_sources(sources))
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
                roles = [Role(None, set(), unnamed)]
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
                        sources=unique_sources(role.sources),
                    )
                )
        self._report_shared_characters(credits)
        return sorted(credits, key=lambda credit: (-len({s.file for s in credit.sources}), credit.actor))

    def _roles(self, mentions: list[CastMention]) -> list[Role]:
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
            while len(key) > 1 and key[0].rstrip(".") in CHARACTER_TITLES:
                key = key[1:]  # "Mayor Paul Randolph" is "Paul Randolph"
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
            roles.append(Role(canonical, spellings, [self._evidence(m.evidence) for m in group]))
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
                self.warn_of(
                    "warning.shared_character", None, character=group[0].character or "", actors=actors
                )

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
                    sources=unique_sources(sources[name]),
                )
            )
        return sorted(crew, key=lambda c: (c.is_company, min(ROLE_ORDER.index(r) for r in c.roles), c.name))

    # -- dates ----------------------------------------------------------------------------------------
