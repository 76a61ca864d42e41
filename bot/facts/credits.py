"""Finding cast and crew mentions in an article's sentences, in the forms journalists write them."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from bot.facts.documents import Article, Sentence
from bot.facts.names import (
    COMPANY_WORDS,
    NAME,
    NAME_LIST,
    SEPARATOR,
    UPPER,
    NameSpan,
    clean,
    is_company,
    names_in,
)
from bot.facts.scanning import Led, ends_with, first_true
from bot.facts.seasons import headline_season, season_in_focus
from bot.facts.show_context import ShowContext

_NOT_POSSESSIVE = r"(?!['’]s\b)"
_CAST_VERB = (
    r"(?:stars?|starred|starring|returns?|returned|returning|is\s+back|comes\s+back|came\s+back"
    r"|reprises\s+(?:her|his|their)\s+role|reprising\s+(?:her|his|their)\s+role|appears?|appeared"
    r"|joins\s+the\s+cast|joined\s+the\s+cast|joining\s+the\s+cast|(?:is|was|has\s+been)\s+cast"
    r"|plays?|played|portrays?|portrayed)"
)
_PAIR = Led(rf"(?P<outer>{NAME})\s*\((?P<inner>{NAME})\)", NAME)
_JOINING = re.compile(
    r"\b(?:join(?:s|ed|ing)?\s+the\s+cast|newcomers?|new\s+cast\s+members?)\b", re.IGNORECASE
)
_NOT_CAST_BEFORE = re.compile(
    r"\b(?:photographer|journalist|reporter|editor|critic|ceo|president|host|correspondent|author|spokesperson"
    r"|by|credit|courtesy|via)\s*:?\s*$",
    re.IGNORECASE,
)
_WHO_PLAYS = Led(
    rf"(?P<actor>{NAME}),?\s+who\s+(?:also\s+)?(?:plays|played|portrays|portrayed|will\s+play|is\s+playing)"
    rf"\s+(?P<character>{NAME}){_NOT_POSSESSIVE}",
    NAME,
)
_VERB_AS = Led(
    rf"(?P<actor>{NAME})\s+(?:(?:also|will|has|have|is|was|now)\s+)*{_CAST_VERB}\s+as\s+(?P<character>{NAME})"
    rf"{_NOT_POSSESSIVE}",
    NAME,
)
_PLAYS = Led(
    rf"(?P<actor>{NAME})\s+(?:(?:also|will|now)\s+)?(?:plays|played|portrays|portrayed)\s+(?P<character>{NAME})"
    rf"{_NOT_POSSESSIVE}",
    NAME,
)
_PLAYED_BY = Led(
    rf"(?P<character>{NAME}),?\s+(?:(?:is|was|will\s+be)\s+)?(?:played|portrayed)\s+by\s+(?P<actor>{NAME})",
    NAME,
)
_BARE_AS = Led(rf"(?P<actor>{NAME})\s+as\s+(?P<character>{NAME}){_NOT_POSSESSIVE}", NAME)
# "... in <Title>": the title runs from its capital to the next , . or ;
_IN_OTHER_TITLE = re.compile(rf"\s+in\s+[\"“‘']?(?=[{UPPER}])")
_TITLE_END = re.compile(r"[,.;]")
_NOT_A_TITLE = re.compile(r"(?:[Ss]eason|Part|[Ee]pisode)\b")

_STARS_LIST = re.compile(
    rf"\b(?:(?:to|will|also|which|that|who)\s+star|stars|starring|co-stars|co-starring|features|featuring)"
    rf"\s+(?P<list>{NAME_LIST})"
)
_ROLES_LIST = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:(?:also\s+)?(?:play|plays|have|has|take|takes|round\s+out|rounds\s+out|in)\s+)?"
    r"(?:(?:crucial|key|major|supporting|recurring|guest|starring|main|pivotal|important|leading|lead"
    r"|significant|central)\s+)+roles?\b",
    NAME_LIST,
)
_SHOW_STAR = re.compile(
    rf"\b(?:show|series)['’]s?\s+(?:stars?|leads?|leading\s+(?:lady|man))\s*,?\s+(?P<list>{NAME_LIST})"
)
_CAST_INCLUDES = re.compile(
    rf"\bcast\s+(?:also\s+)?(?:includes|including|members?|features)\s*,?\s+(?P<list>{NAME_LIST})"
)
_JOINS_CAST = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:has\s+|have\s+)?(?:joined|joins|join)\s+the\s+cast\b(?!\s+as)", NAME_LIST
)

_ROLE = r"(?:co-?creator|creator|showrunner|head\s+writer|writer|director|executive\s+producer|producer)s?"
_ROLE_SERIES = rf"{_ROLE}(?:\s*(?:,\s*and|,|and|&)\s*{_ROLE})*"
_ROLE_BEFORE = re.compile(rf"\b(?P<roles>{_ROLE_SERIES})\s*,?\s+(?P<name>{NAME})")
_ROLE_APPOSITIVE = Led(
    rf"(?P<name>{NAME}),\s+(?:the\s+show['’]s\s+|the\s+series['’]?\s+|its\s+|the\s+)(?P<roles>{_ROLE_SERIES})\b",
    NAME,
)
_BY_VERB = r"(?:co-?created|created|written|directed|executive[- ]produced|produced)"
_BY = re.compile(
    rf"\b(?P<verbs>{_BY_VERB}(?:\s*(?:,\s*and|,|and|&)\s*{_BY_VERB})*)\s+by\s+(?P<list>{NAME_LIST})"
)
_AFFILIATED_LIST = rf"{NAME_LIST}(?:\s+of\s+{NAME})?(?:{SEPARATOR}{NAME_LIST}(?:\s+of\s+{NAME})?)*"
_SERVE_AS = Led(
    rf"(?P<list>{_AFFILIATED_LIST})\s+(?:also\s+)?(?:(?:will\s+)?serve|serves|served|serving|acts?|acting"
    rf"|are|is)\s+(?:also\s+)?(?:as\s+)?(?:the\s+show['’]s\s+|the\s+series['’]?\s+|its\s+|an?\s+|the\s+)?"
    rf"(?P<roles>{_ROLE_SERIES})\b(?!\s+of\b)",
    _AFFILIATED_LIST,
)
_COMPANY_LIST = rf"{NAME}(?:\s+(?:and|&)\s+{NAME})*"
_OF_COMPANY = Led(rf"(?P<list>{_COMPANY_LIST})\s+of\s+(?P<org>{NAME})", _COMPANY_LIST)

_ROLE_NAMES = {
    "cocreator": "creator", "co-creator": "creator", "creator": "creator", "showrunner": "showrunner",
    "head writer": "writer", "writer": "writer", "director": "director",
    "executive producer": "executive producer", "producer": "producer",
    "cocreated": "creator", "co-created": "creator", "created": "creator", "written": "writer",
    "directed": "director", "executive produced": "executive producer", "executive-produced": "executive producer",
    "produced": "producer",
}  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """The sentence a mention was found in, and the span of the words that say it."""

    article: Article
    sentence: Sentence
    start: int
    end: int


@dataclass(frozen=True)
class PairMention:
    """ "A (B)": one of the two is the actor, the other the character; the article's habit decides which."""

    outer: NameSpan
    inner: NameSpan
    evidence: Evidence
    listed: bool = False


@dataclass(frozen=True)
class CastMention:
    """An actor named as being in the cast, with the character when the sentence says it."""

    actor: str
    character: str | None
    evidence: Evidence
    needs_known_actor: bool = False
    joins_season: int | None = None


@dataclass(frozen=True)
class CrewMention:
    """A person or company credited with a role; role None for an affiliation only ("X of Acme Media")."""

    name: str
    role: str | None
    affiliation: str | None
    evidence: Evidence


@dataclass
class CreditMentions:
    """Everything credit-like found in one article."""

    pairs: list[PairMention]
    cast: list[CastMention]
    crew: list[CrewMention]


def _evidence(article: Article, sentence: Sentence, match: re.Match[str]) -> Evidence:
    return Evidence(article, sentence, sentence.start + match.start(), sentence.start + match.end())


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
        names = names_in(group)
        organisation = None
        if len(names) >= 2 and re.search(r"\bof\s+$", group[: names[-1].start]):
            organisation = names[-1].text
            names = names[:-1]
        result.extend((name, organisation) for name in names)
    return result


def _followed_by_other_title(sentence: str, ends: list[int], show: ShowContext) -> set[int]:
    """The ends of credits followed by "in <another title>" ("X as Y in Other Film").

    The credits of one clause share where their titles end, and a later title of a clause is the tail of an
    earlier one, so a few tests of the show's name settle a whole clause: one test per credit read the rest of
    the clause again each time (quadratic in a long clause of credits)."""
    clause_ends: list[int] | None = None
    titles: dict[int, list[int]] = defaultdict(list)
    title_of: dict[int, int] = {}
    for end in ends:
        match = _IN_OTHER_TITLE.match(sentence, end)
        if match is None:
            continue
        if clause_ends is None:
            clause_ends = [found.start() for found in _TITLE_END.finditer(sentence)] + [len(sentence)]
        start = match.end()
        stop = clause_ends[bisect.bisect_left(clause_ends, start)]
        if not _NOT_A_TITLE.match(sentence, start, stop):
            titles[stop].append(start)
            title_of[end] = start
    other: set[int] = set()
    for stop, starts in titles.items():
        ordered = sorted(set(starts))

        def elsewhere(start: int, stop: int = stop) -> bool:
            return not show.names_title_between(sentence, start, stop)

        other.update(ordered[first_true(ordered, elsewhere) :])
    return {end for end, start in title_of.items() if start in other}


def find_credit_mentions(article: Article, show: ShowContext) -> CreditMentions:
    """Every cast pair, cast credit and crew credit the article's sentences state."""
    found = CreditMentions([], [], [])
    headline = headline_season(article.sentences)
    for index, sentence in enumerate(article.sentences):
        joins = None
        lowered = sentence.text.lower()
        if ("join" in lowered or "new" in lowered) and _JOINING.search(sentence.text):
            joins = season_in_focus(article.sentences, index) or headline
        _cast_in(article, sentence, show, found, joins)
        _crew_in(article, sentence, show, found)
    return found


def _cast_in(
    article: Article, sentence: Sentence, show: ShowContext, found: CreditMentions, joins_season: int | None
) -> None:
    text = sentence.text
    present = {word for word in _CAST_KEYS if word in text}
    pairs = list(_PAIR.finditer(text)) if "(" in text else []
    for match in pairs:
        if ends_with(_NOT_CAST_BEFORE, text, match.start(), ":"):
            continue  # "Photographer John Doe (Getty)": a credit line, not a cast credit
        outer = NameSpan(
            clean(match.group("outer")),
            sentence.start + match.start("outer"),
            sentence.start + match.end("outer"),
        )
        inner = NameSpan(
            clean(match.group("inner")),
            sentence.start + match.start("inner"),
            sentence.start + match.end("inner"),
        )
        found.pairs.append(
            PairMention(outer, inner, _evidence(article, sentence, match), listed=len(pairs) >= 2)
        )
    seen: set[tuple[int, int]] = set()
    # Each pattern runs only where its key words are: the name patterns are costly on every capital letter.
    for pattern, needs_known, needed in _CAST_PATTERNS:
        if present.isdisjoint(needed):
            continue
        matches = list(pattern.finditer(text))
        other_title = _followed_by_other_title(text, [match.end() for match in matches], show)
        for match in matches:
            span = (match.start("actor"), match.start("character"))
            if span in seen or match.end() in other_title:
                continue
            seen.add(span)
            found.cast.append(
                CastMention(
                    clean(match.group("actor")),
                    clean(match.group("character")),
                    _evidence(article, sentence, match),
                    needs_known,
                    joins_season,
                )
            )
    for pattern, needed in _CAST_LIST_PATTERNS:
        if present.isdisjoint(needed):
            continue
        matches = list(pattern.finditer(text))
        if pattern is _STARS_LIST:
            # "Other Show star Jane Roe": a star of something else. Once the sentence has referred to the show
            # it has for every later match, so a few tests find the first match after that.
            matches = matches[
                first_true(matches, lambda match: show.refers_to_show_before(text, match.start())) :
            ]
        for match in matches:
            for name in names_in(match.group("list")):
                found.cast.append(
                    CastMention(
                        name.text, None, _evidence(article, sentence, match), joins_season=joins_season
                    )
                )


# Each pattern with the words it cannot match without, tested as plain substrings (the cheapest test there
# is). Case matters: "star" the verb, not "Star" the surname; "Starring" may open a sentence.
_CAST_PATTERNS: list[tuple[re.Pattern[str] | Led, bool, frozenset[str]]] = [
    (_WHO_PLAYS, False, frozenset({"who "})),
    (_VERB_AS, False, frozenset({" as "})),
    (_PLAYED_BY, False, frozenset({"ed by"})),
    (_PLAYS, False, frozenset({"play", "portray"})),
    (_BARE_AS, True, frozenset({" as "})),
]
_CAST_LIST_PATTERNS: list[tuple[re.Pattern[str] | Led, frozenset[str]]] = [
    (_STARS_LIST, frozenset({"star", "Starring", "featur", "Featur"})),
    (_ROLES_LIST, frozenset({"role"})),
    (_SHOW_STAR, frozenset({"star", "lead", "Lead"})),
    (_CAST_INCLUDES, frozenset({"cast", "Cast"})),
    (_JOINS_CAST, frozenset({"cast", "Cast"})),
]
_CAST_KEYS = sorted(
    frozenset().union(*(p[-1] for p in _CAST_PATTERNS), *(p[-1] for p in _CAST_LIST_PATTERNS))
)
# The crew patterns need a role noun or a "<role>ed by"; the company names end in a capitalized company word.
_CREW_GATE = re.compile("creator|showrunner|writer|director|producer|created|written|directed|produced")
_COMPANY_GATE = re.compile(r"\b(?:" + "|".join(sorted(re.escape(word) for word in COMPANY_WORDS)) + r")\b")


def _crew_in(article: Article, sentence: Sentence, show: ShowContext, found: CreditMentions) -> None:
    text = sentence.text

    def add(name: str, roles: list[str], match: re.Match[str], affiliation: str | None = None) -> None:
        evidence = _evidence(article, sentence, match)
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
                        name.text, None, clean(match.group("org")), _evidence(article, sentence, match)
                    )
                )
    if not crew_words or not show.refers_to_show(text):
        return
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
