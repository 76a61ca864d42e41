"""Crew credits in an article's sentences: roles before or after names, "<role>ed by", fact boxes, executive
producers in running text, companies."""

from __future__ import annotations

import re
from typing import Protocol

from bot.facts.credit_context import other_work_at
from bot.facts.credit_mentions import CreditMentions, CrewMention, evidence_of
from bot.facts.crew_patterns import (
    _BY,
    _COMPANY_GATE,
    _CREATED_THE_SERIES,
    _CREW_GATE,
    _CREW_LABEL,
    _EXECUTIVE_PRODUCES,
    _LABEL_ROLES,
    _OF_COMPANY,
    _PRODUCES_ALONGSIDE,
    _ROLE_APPOSITIVE,
    _ROLE_BEFORE,
    _ROLE_NAMES,
    _SERVE_AS,
    _SUBJECT_SERVES_AS,
)
from bot.facts.documents import Article, Sentence
from bot.facts.names import NameSpan, clean, is_company, names_in
from bot.facts.show_context import ShowContext


def _roles(text: str) -> list[str]:
    roles = []
    for part in re.split(r"\s*(?:,\s*and|,|and|&)\s*", text.strip()):
        key = " ".join(part.lower().split())
        key = key[:-1] if key.endswith("s") and key[:-1] in _ROLE_NAMES else key
        if key in _ROLE_NAMES:
            roles.append(_ROLE_NAMES[key])
    return roles


def _affiliated_names(text: str) -> list[tuple[NameSpan, str | None]]:
    """Names in "A and B of Org, and C", each with the organisation its group belongs to."""
    result: list[tuple[NameSpan, str | None]] = []
    for group in re.split(r",\s*(?:and\s+)?", text):
        pending: list[NameSpan] = []
        for name in names_in(group):
            if pending and _OF_BEFORE.search(group, max(0, name.start - 6), name.start):
                # "A of Org and B of Other Org": each organisation is the names' before it
                result.extend((member, name.text) for member in pending)
                pending = []
            else:
                pending.append(name)
        result.extend((member, None) for member in pending)
    return result


_OF_BEFORE = re.compile(r"\bof\s+$")
# "... executive produce for Kilter Films, and A and B executive produce": the first name is the clause before's.
_OBJECT_BEFORE = re.compile(r"\b(?:for|at)\s+$")


_CLAUSE_ENDS = re.compile(r"\s*(?:[.;:!?]|$)|\s+(?:alongside|with|together|on\s+the\s+(?:series|show))\b")
_OWN_EPISODES = re.compile(
    r"(?<![Tt]hat\s)(?<!other\s)(?<!nother\s)\b(?:episodes?|[Ss]eason\s+\w+|series|show|pilot|finale|premiere)\b"
    r"[^.;]{0,25}$"
)


class _AddCredit(Protocol):
    """Records a crew credit found by a pattern."""

    def __call__(
        self, name: str, roles: list[str], match: re.Match[str], affiliation: str | None = None
    ) -> None: ...


def _crew_by_subject(text: str, lowered: str, add: _AddCredit) -> None:
    """Crew named as the subject of what they do, or in a fact box: each pattern only where its words are."""
    if "executive" in lowered and "produc" in lowered:
        for match in _EXECUTIVE_PRODUCES.finditer(text):
            subjects = names_in(match.group("subjects"))
            if subjects and _OBJECT_BEFORE.search(
                text, max(0, match.start("subjects") - 6), match.start("subjects")
            ):
                subjects = subjects[1:]
            for name in [*subjects, *names_in(match.group("list") or "")]:
                add(name.text, ["executive producer"], match)
        for match in _PRODUCES_ALONGSIDE.finditer(text):
            for name in names_in(match.group("list")):
                add(name.text, ["executive producer"], match)
    if ":" in text:
        for match in _CREW_LABEL.finditer(text):
            label = match.group("label").lower()
            for name in names_in(match.group("list")):
                add(name.text, _roles(_LABEL_ROLES.get(label, label)), match)
    if "created the" in text or "created this" in text:
        for match in _CREATED_THE_SERIES.finditer(text):
            add(clean(match.group("name")), ["creator"], match)
    if " as " in text and ("serve" in text or "remains" in text or "returns" in text):
        for match in _SUBJECT_SERVES_AS.finditer(text):
            add(clean(match.group("name")), _roles(match.group("roles")), match)
    # "A, B and C are executive producers.", "A and B serve as producers alongside ...": the role closes the
    # clause, so it is not a role somewhere else ("... is the director of Other Film").
    for match in _SERVE_AS.finditer(text):
        if _CLAUSE_ENDS.match(text, match.end()):
            roles = _roles(match.group("roles"))
            for name, organisation in _affiliated_names(match.group("list")):
                add(name.text, roles, match, organisation)
    # "All six episodes were directed by A", "Season two is directed by A": the show's own episodes.
    if "ed by" in text:
        for match in _BY.finditer(text):
            if _OWN_EPISODES.search(text, max(0, match.start() - 40), match.start()):
                roles = _roles(match.group("verbs"))
                for name in names_in(match.group("list")):
                    add(name.text, roles, match)


def crew_in(article: Article, sentence: Sentence, show: ShowContext, found: CreditMentions) -> None:
    text = sentence.text

    def add(name: str, roles: list[str], match: re.Match[str], affiliation: str | None = None) -> None:
        evidence = evidence_of(article, sentence, match)
        for role in roles:
            if is_company(name) and role == "producer":
                role = "production company"
            found.crew.append(CrewMention(name, role, affiliation, evidence))

    lowered = text.lower()
    crew_words = _CREW_GATE.search(lowered) is not None
    has_company = " of " in text and _COMPANY_GATE.search(text) is not None
    for match in _OF_COMPANY.finditer(text) if has_company else ():
        if is_company(match.group("org")):
            for name in names_in(match.group("list")):
                found.crew.append(
                    CrewMention(
                        name.text, None, clean(match.group("org")), evidence_of(article, sentence, match)
                    )
                )
    if not crew_words:
        return
    # A sentence in focus that names no other work may speak of the show's crew without naming the show
    # ("Storer and Calo executive produce with ..."); one that names another work must name the show too.
    if not show.refers_to_show(text):
        if other_work_at(text, show) < len(text) or any(
            not show.is_ours(title) for title in show.quoted_titles(text)
        ):
            return
        _crew_by_subject(text, lowered, add)
        return
    _crew_by_subject(text, lowered, add)
    for match in _ROLE_BEFORE.finditer(text):
        add(clean(match.group("name")), _roles(match.group("roles")), match)
    for match in _ROLE_APPOSITIVE.finditer(text):
        add(clean(match.group("name")), _roles(match.group("roles")), match)
    for match in _BY.finditer(text):
        roles = _roles(match.group("verbs"))
        for name in names_in(match.group("list")):
            add(name.text, roles, match)
    for match in _SERVE_AS.finditer(text):
        roles = _roles(match.group("roles"))
        for name, organisation in _affiliated_names(match.group("list")):
            add(name.text, roles, match, organisation)
