"""Finding cast and crew mentions in an article's sentences, in the forms journalists write them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Protocol

from bot.facts.calendar import is_city
from bot.facts.cast_patterns import (
    _ACTORS_CHARACTER,
    _ATTRIBUTED,
    _BARE_AS,
    _BOTH_PLAY,
    _BY,
    _CAST_CUE,
    _CAST_KEYS,
    _CAST_LIST_PATTERNS,
    _CAST_PATTERNS_CHECKED,
    _COMPANY_GATE,
    _COPULA,
    _COPULA_RELATIVE,
    _CREATED_THE_SERIES,
    _CREW_GATE,
    _CREW_LABEL,
    _EXECUTIVE_PRODUCES,
    _HEDGED_BEFORE,
    _IN_OTHER_TITLE,
    _JOINING,
    _JOINING_WORD,
    _LABEL_ROLES,
    _LIST_HEADLINES,
    _LISTS_AS,
    _MAKER_BEFORE,
    _MAKER_WORDS,
    _NOT_CAST_BEFORE,
    _OF_COMPANY,
    _OTHER_WORK,
    _PAIR,
    _PRODUCES_ALONGSIDE,
    _QUOTED_WORK,
    _ROLE_APPOSITIVE,
    _ROLE_BEFORE,
    _ROLE_NAMES,
    _ROLE_VERB_AFTER,
    _SEASON_SUBJECT,
    _SERVE_AS,
    _STARS_LIST,
    _SUBJECT_SERVES_AS,
)
from bot.facts.documents import Article, Sentence
from bot.facts.names import (
    STOPWORDS,
    UPPER,
    NameSpan,
    clean,
    is_company,
    names_in,
)
from bot.facts.scanning import ends_with
from bot.facts.seasons import headline_season, season_in_focus
from bot.facts.show_context import ShowContext, show_focus


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


def _followed_by_other_title(sentence: str, end: int, show: ShowContext) -> bool:
    match = _IN_OTHER_TITLE.match(sentence, end)
    if match is None:
        return False
    return _another_title(match.group("title"), show)


# "..., the new head of the Dogs,": a person described after the name, as a character is.
_DESCRIBED_AFTER = re.compile(r",\s+(?:the|a|an|[a-z]+['’]s)\s+[a-z][\w'’-]*(?:\s+[\w'’-]+){0,8},")


# An actor named as the one someone else follows or is compared with: "to succeed Jane Roe as Lottie".
_IN_ANOTHERS_PLACE = re.compile(
    r"\b(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|follow(?:s|ed|ing)?|than|like|unlike|after)\s+$",
    re.IGNORECASE,
)
# The words before a character's name: "as", "plays".
_ROLE_SLOT_BEFORE = re.compile(r"\b(?:as|plays|played|playing|portrays)\s+$")
# A picture's caption: "[Image: Jane Roe as Lottie ...", "Photo: Jane Roe as Lottie in <Title>".
_CAPTION = re.compile(r"^\W{0,3}(?:image|photo|pictured|picture|caption|above|below)\s*:\s*$", re.IGNORECASE)
# What a clause does after its subject "Jane Roe as Lottie": "is", "remains", "steals", "singing".
_PREDICATE = re.compile(r"\s+(?!(?:in|on|of|and|or|at|to|for|with|from|by|the|a|an)\b)[a-z][\w'’-]*\b")


def _bare_as_is_credit(text: str, match: re.Match[str], show: ShowContext) -> bool:
    """ "Jane Roe as Lottie" is a credit when it is a caption, names the show right after ("... as Lottie in
    <Title>"), or opens the sentence as its subject ("Jane Roe as Lottie is a delight")."""
    before = text[: match.start("actor")]
    if _CAPTION.match(before):
        return True
    after = text[match.end() : match.end() + 80]
    if re.match(r"\s+in\s+", after) and show.names_title_between(text, match.end(), match.end() + 80):
        return True
    return not before.strip(" \t-•*·–—") and _PREDICATE.match(after) is not None


def _named_again(text: str, name: str) -> bool:
    """Whether a name, its first word or its last, appears at least twice in the article ("Jackson Lamb ...
    Lamb"); a phrase that only looks like a name ("Big Prize") is not written twice."""
    words = clean(name).split(" ")
    return any(
        len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text)) >= 2
        for word in {words[0], words[-1]}
        if len(word) >= 3
    )


def _another_title(title: str, show: ShowContext) -> bool:
    """A capitalized phrase that names a title other than the show (not a season, a city or the service)."""
    first = title.split()[0].strip("'’")
    return not (
        show.names_title(title)
        or re.match(r"(?:[Ss]eason|Part|[Ee]pisode|The\s+(?:[Ss]eries|[Ss]how))\b", title)
        or is_city(title.strip())
        or is_city(first)
        or first.lower() == show.service.lower()
    )


def _words_on(text: str, start: int, count: int) -> int:
    """Where the `count`-th word after `start` ends (the end of text when there are fewer)."""
    end = start
    for _ in range(count):
        found = _NEXT_WORD.search(text, end)
        if found is None:
            return len(text)
        end = found.end()
    return end


_NEXT_WORD = re.compile(r"\S{1,60}")


# "on Game of Thrones", "in The Two Popes": a title after on/in, written as titles are and names are not
# (opening with "The", or joining capitalized words with "of", "and", "&"); a city, a service or the show
# itself is no other work (_another_title tells them apart).
_TITLED_WORK = re.compile(
    rf"\b(?:on|in)\s+(?P<title>The\s+[{UPPER}][\w'’]+(?:\s+[{UPPER}][\w'’]+){{0,4}}"
    rf"|[{UPPER}][\w'’]+(?:\s+[{UPPER}][\w'’]+){{0,3}}\s+(?:of|and|&)(?:\s+the)?\s+[{UPPER}][\w'’]+)"
)


def _other_work_at(text: str, show: ShowContext) -> int:
    """Where the sentence first names another work ("on Showtime's Other Title"); its length when it does not.
    People named after it may be that work's cast."""
    found = len(text)
    for pattern in (_OTHER_WORK, _QUOTED_WORK, _TITLED_WORK):
        for match in pattern.finditer(text):
            if match.start() >= found:
                break
            if _another_title(match.group("title"), show):
                found = match.start()
                break
    return found


def find_credit_mentions(article: Article, show: ShowContext) -> CreditMentions:
    """Every cast pair, cast credit and crew credit the article's sentences state."""
    found = CreditMentions([], [], [])
    headline = headline_season(article.sentences)
    focus = show_focus(show, article.sentences, article.headline)
    for index, sentence in enumerate(article.sentences):
        if not focus[index]:
            continue  # a sentence about another title: its people are not this show's
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
        if _ROLE_VERB_AFTER.match(text, match.end()):
            continue  # "Roe (Other Title) plays Jane Doe": the brackets hold her credits, the verb her role
        if _ROLE_SLOT_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "Jane Roe as Lottie (Lottie Fenn)": the brackets name the character again
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
    # A sentence that speaks of another work ("on Showtime's Other Title"): its pairs need the actor known.
    elsewhere = " on " in text or " in " in text or " from " in text
    other_at = _other_work_at(text, show) if elsewhere else len(text)
    for match in _LISTS_AS.finditer(text) if " as " in text else ():
        actors, characters = names_in(match.group("actors")), names_in(match.group("characters"))
        before = text[max(0, match.start("actors") - 60) : match.start("actors")].rstrip()
        if (
            before
            and before[-1].isalpha()
            and not before.split()[-1].islower()
            and before.split()[-1] not in STOPWORDS
        ):
            continue  # the list began earlier, inside a name
        actors = actors[max(0, len(actors) - len(characters)) :]  # "In Title, A and B ...": the list's tail
        if len(actors) >= 2 and len(actors) == len(characters):
            for actor, character in zip(actors, characters, strict=True):
                seen.add((match.start("actors") + actor.start, match.start("characters") + character.start))
                seen.add((match.start("actors") + actor.start, -1))
                found.cast.append(
                    CastMention(
                        actor.text,
                        character.text,
                        _evidence(article, sentence, match),
                        match.start("actors") > other_at,
                        joins_season,
                    )
                )
    # "A as B" alone may be anything ("Paris as Backdrop"); in a cast list, a bulleted line or a sentence
    # of several such pairs it is a credit.
    listed_as = " as " in text and (
        _CAST_CUE.search(text) is not None
        or sum(1 for _ in itertools.islice(_BARE_AS.finditer(text), 2)) >= 2
    )
    # Each pattern runs only where its key words are: the name patterns are costly on every capital letter.
    for pattern, needs_known, needed, precheck in _CAST_PATTERNS_CHECKED:
        if present.isdisjoint(needed):
            continue
        if precheck is not None and precheck.search(text) is None:
            continue
        if pattern is _BARE_AS and listed_as:
            needs_known = False
        for match in pattern.finditer(text):
            span = (match.start("actor"), match.start("character"))
            if (
                span in seen
                or (match.start("actor"), -1) in seen
                or _followed_by_other_title(text, match.end(), show)
            ):
                continue
            seen.add(span)
            known_needed = needs_known
            if pattern in (_COPULA, _COPULA_RELATIVE, _ACTORS_CHARACTER) and len(clean(match.group("actor")).split()) < 2:
                if pattern is _ACTORS_CHARACTER:
                    continue  # "Lottie's Corwin": only a full name is an actor here
                known_needed = True  # "Varga is Lottie Fenn, a diver": the surname of an actor named before
            if pattern is _BARE_AS and known_needed and _bare_as_is_credit(text, match, show):
                known_needed = False
            if _HEDGED_BEFORE.search(text, max(0, match.start("actor") - 12), match.start("actor")):
                continue  # "Whether Jane Roe returns as Lottie is an open question": not a credit
            if _IN_ANOTHERS_PLACE.search(text, max(0, match.start("actor") - 24), match.start("actor")):
                continue  # "the favourite to succeed Jane Roe as Lottie": her role elsewhere, not here
            if pattern is _ACTORS_CHARACTER and (
                _DESCRIBED_AFTER.match(text, match.end()) is not None
                or sum(1 for _ in itertools.islice(_ACTORS_CHARACTER.finditer(text), 2)) >= 2
            ):
                pass  # "Jane Roe's Lottie Fenn, the new head of ...", "A's B and C's D": characters, described
            elif (pattern is _ACTORS_CHARACTER or match.start("actor") > other_at) and not _named_again(
                article.text, match.group("character")
            ):
                # A character is named again in the article; "Jane Roe's Big Prize" is not, nor a role in the
                # other work the sentence names ("a film in which Jane Roe played his wife, Lottie").
                continue
            if pattern is _ACTORS_CHARACTER:
                # "Jane Roe's Lottie gets ...": an actor's character, unless the owner is the book's author or
                # another maker ("novelist Jane Roe's Lottie").
                before = text[max(0, match.start() - 12) : match.start()].rstrip()
                subject = (
                    not before or before.endswith((",", ";", ":", "—", "–")) or _JOINING_WORD.search(before) is not None
                )
                maker = (
                    _MAKER_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None
                    or match.group("actor").split()[0].lower() in _MAKER_WORDS
                )
                known_needed = not subject or maker
            found.cast.append(
                CastMention(
                    clean(match.group("actor")),
                    clean(match.group("character")),
                    _evidence(article, sentence, match),
                    known_needed or match.start("actor") > other_at,
                    joins_season,
                )
            )
            if pattern is _BOTH_PLAY:
                found.cast.append(
                    CastMention(
                        clean(match.group("actor2")),
                        clean(match.group("character2")),
                        _evidence(article, sentence, match),
                        needs_known,
                        joins_season,
                    )
                )
    for list_pattern, needed in _CAST_LIST_PATTERNS:
        if present.isdisjoint(needed):
            continue
        for match in list_pattern.finditer(text):
            if (
                list_pattern is _STARS_LIST
                and not show.refers_to_show(text[max(0, match.start() - 200) : match.start()])
                and _SEASON_SUBJECT.search(text, max(0, match.start() - 30), match.start()) is None
            ):
                continue  # "Other Show star Jane Roe": a star of something else ("Season two stars ..." is ours)
            stop = _words_on(text, match.end(), 4) if list_pattern is _LIST_HEADLINES else 0
            if list_pattern is _LIST_HEADLINES and not (
                show.names_title_between(text, match.end(), stop)
                or show.generic_reference.search(text, match.end(), stop) is not None
            ):
                continue  # "... will lead the charge", "... star in a film": not this show
            group = next(
                (name for name in ("guests", "returning") if name in match.re.groupindex and match.group(name)),
                "list",
            )
            names = names_in(match.group(group))
            if names and _ATTRIBUTED.match(text, match.end(group)):
                names = names[:-1]  # the outlet that reports it, not a cast member
            for name in names:
                found.cast.append(
                    CastMention(
                        name.text,
                        None,
                        _evidence(article, sentence, match),
                        match.start() > other_at,
                        joins_season,
                    )
                )




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
            for name in [*names_in(match.group("subjects")), *names_in(match.group("list") or "")]:
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
    if not crew_words:
        return
    # A sentence in focus that names no other work may speak of the show's crew without naming the show
    # ("Storer and Calo executive produce with ..."); one that names another work must name the show too.
    if not show.refers_to_show(text):
        if _other_work_at(text, show) < len(text) or any(
            not show._is_ours(title) for title in show.quoted_titles(text)
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
