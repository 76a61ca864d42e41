"""What around a name says whether a credit is one: another work named in the sentence, a caption, a clause's
subject, a character named again in the article."""

from __future__ import annotations

import re
from collections import Counter

from bot.facts.calendar import is_city
from bot.facts.cast_list_patterns import _ROLES_LIST
from bot.facts.cast_patterns import _IN_OTHER_TITLE, _OTHER_WORK, _QUOTED_WORK
from bot.facts.names import NAME, STOPWORDS, UPPER, clean, looks_like_person, tokens
from bot.facts.show_context import TITLE_SEASON, ShowContext


def followed_by_other_title(sentence: str, end: int, show: ShowContext) -> bool:
    match = _IN_OTHER_TITLE.match(sentence, end)
    if match is None or _A_PART_OF_A_SHOW.match(match.group("title")):
        return False  # ("who played Lottie in Seasons 1 and 3": the show's own seasons)
    return another_title(match.group("title"), show)


_A_PART_OF_A_SHOW = re.compile(r"(?:Seasons?|Series|Parts?|Episodes?|Volumes?|Chapters?)\b")


# "..., the new head of the Dogs,": a person described after the name, as a character is.
DESCRIBED_AFTER = re.compile(r",\s+(?:the|a|an|[a-z]+['’]s)\s+[a-z][\w'’-]*(?:\s+[\w'’-]+){0,8},")


# An actor named as the one someone else follows or is compared with: "to succeed Jane Roe as Lottie".
IN_ANOTHERS_PLACE = re.compile(
    r"\b(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|follow(?:s|ed|ing)?|than|like|unlike|after)\s+$",
    re.IGNORECASE,
)
# The words before a character's name: "as", "plays".
ROLE_SLOT_BEFORE = re.compile(r"\b(?:as|plays|played|playing|portrays)\s+$")
# A picture's caption: "[Image: Jane Roe as Lottie ...", "Photo: Jane Roe as Lottie in <Title>".
_CAPTION = re.compile(r"^\W{0,3}(?:image|photo|pictured|picture|caption|above|below)\s*:\s*$", re.IGNORECASE)
# What a clause does after its subject "Jane Roe as Lottie": "is", "remains", "steals", "singing".
_PREDICATE = re.compile(r"\s+(?!(?:in|on|of|and|or|at|to|for|with|from|by|the|a|an)\b)[a-z][\w'’-]*\b")


def bare_as_is_credit(text: str, match: re.Match[str], show: ShowContext) -> bool:
    """ "Jane Roe as Lottie" is a credit when it is a caption, names the show right after ("... as Lottie in
    <Title>"), or opens the sentence as its subject ("Jane Roe as Lottie is a delight")."""
    before = text[: match.start("actor")]
    if _CAPTION.match(before):
        return True
    after = text[match.end() : match.end() + 80]
    if re.match(r"\s+in\s+", after) and show.names_title_between(text, match.end(), match.end() + 80):
        return True
    return not before.strip(" \t-•*·–—") and _PREDICATE.match(after) is not None


class WordCounts:
    """How often each word is written in an article, counted once when first asked (a search of the whole
    article per mention would be quadratic)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def __getitem__(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(_ARTICLE_WORD.findall(self._text))
        return self._counts[word]


_ARTICLE_WORD = re.compile(r"[\w'’-]+")

# What an actor's name may own that is never a character: honours, platforms, services ("Jane Roe's Emmy",
# "Jane Roe's Instagram", "Jane Roe's Netflix debut").
_OWNED_NOT_CHARACTER = frozenset(
    ["emmy", "emmys", "oscar", "oscars", "tony", "tonys", "grammy", "grammys", "bafta", "baftas", "sag", "golden",
     "globe", "globes", "instagram", "twitter", "tiktok", "facebook", "youtube", "threads", "snapchat", "substack",
     "patreon", "podcast", "netflix", "hulu", "max", "hbo", "apple", "prime", "amazon", "disney", "peacock",
     "paramount", "showtime", "starz", "bbc", "itv", "sky"]
)  # fmt: skip
# A maker named: "creator Jane Roe", "Jane Roe, who created the series": her name owns her works, not roles.
_MAKER_NAMED = re.compile(
    r"\b(?i:creator|co-creator|showrunner|writer|director|producer|author|novelist|filmmaker|(?:created|written"
    rf"|directed|produced)\s+by)\s+(?P<name>{NAME})"
    rf"|(?P<named>{NAME}),?\s+who\s+(?:also\s+)?(?:created|co-created|wrote|directs|directed|produces|runs|adapted)\b"
)
_MAKER_CUES = ("reat", "rect", "rit", "roduc", "uthor", "ovel", "howrunner", "ilmmaker", "runs", "adapted")


# Ranks a historical or a legendary owner bears, never an actor ("Saint Brigid's Cloak", "Queen Maeve's
# Connacht"); an actor's honours are "Sir" and "Dame".
_RANKS = frozenset(["Saint", "St", "Queen", "King", "Lord", "Lady", "Prince", "Princess", "Pope", "Emperor",
                    "Empress", "Duke", "Duchess", "Count", "Countess", "Baron", "Emir", "Sultan", "Tsar"])  # fmt: skip
# A character named: "stars as Lottie Hale", "plays Lottie Hale".
_CHARACTER_NAMED = re.compile(rf"\b(?:as|plays|played|playing|portrays|portrayed)\s+(?P<name>{NAME})")


class NamedRoles:
    """The surnames of an article's makers and the names it gives characters, found once when first asked (a
    search per mention would be quadratic)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._surnames: set[str] | None = None
        self._characters: set[str] | None = None

    def is_character(self, name: str) -> bool:
        """Whether the article gives this name to a character ("Mara Voss stars as Lottie Hale")."""
        if self._characters is None:
            found = (
                _CHARACTER_NAMED.finditer(self._text) if " as " in self._text or "play" in self._text else ()
            )
            self._characters = {clean(match.group("name")).casefold() for match in found}
        return clean(name).casefold() in self._characters

    def is_maker(self, name: str) -> bool:
        """Whether the article names this person as one of the show's makers ("creator Jane Roe")."""
        if self._surnames is None:
            found = _MAKER_NAMED.finditer(self._text) if any(c in self._text for c in _MAKER_CUES) else ()
            self._surnames = {
                tokens(clean(m.group("name") or m.group("named")))[-1].casefold() for m in found
            }
        words = tokens(name)
        return bool(words) and words[-1].casefold() in self._surnames


def owned_character_alone(
    actor: str, character: str, roles: NamedRoles, show: ShowContext, counts: WordCounts
) -> bool:
    """Whether "Jane Roe's Lottie" stands as a credit with nothing else in the article to confirm it: a
    person's full name, written again in the article (an actor is: "Roe plays her ..."; an author, a place or a
    saint named once for their work is not), owning a person-like name that is no honour, platform, service or
    title of ours; the owner is not one of the article's makers ("creator Jane Roe ... Jane Roe's Tidewater
    is") nor one of its characters ("stars as Lottie Hale ... Lottie Hale's Daniel")."""
    words = tokens(character)
    owner = tokens(actor)
    return (
        len(owner) >= 2
        and (counts[owner[-1]] >= 2 or owner[0].rstrip(".") not in _RANKS)
        and looks_like_person(actor, show.reserved)
        and looks_like_person(character, show.reserved)
        and not words[0].startswith("The")
        and not any(word.casefold() in _OWNED_NOT_CHARACTER for word in words)
        and not roles.is_maker(actor)
        and not roles.is_character(actor)
    )


def named_again(words: WordCounts, name: str) -> bool:
    """Whether a name, its first word or its last, appears at least twice in the article ("Jackson Lamb ...
    Lamb"); a phrase that only looks like a name ("Big Prize") is not written twice."""
    parts = clean(name).split(" ")
    return any(words[word] >= 2 for word in {parts[0], parts[-1]} if len(word) >= 3)


def another_title(title: str, show: ShowContext) -> bool:
    """A capitalized phrase that names a title other than the show (not a season, a city or the service)."""
    first = title.split()[0].strip("'’")
    if show.subtitled(title):
        return True  # "<Title>: New Vegas", the game the show adapts
    return not (
        show.names_title(title)
        or re.match(r"(?:[Ss]eason|Part|[Ee]pisode|The\s+(?:[Ss]eries|[Ss]how))\b", title)
        or is_city(title.strip())
        or is_city(first)
        or first.lower() == show.service.lower()
    )


def words_on(text: str, start: int, count: int) -> int:
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
# itself is no other work (another_title tells them apart).
_TITLED_WORK = re.compile(
    rf"\b(?:on|in)\s+(?P<title>The\s+[{UPPER}][\w'’]+(?:\s+[{UPPER}][\w'’]+){{0,4}}"
    rf"|[{UPPER}][\w'’]+(?:\s+[{UPPER}][\w'’]+){{0,3}}\s+(?:of|and|&)(?:\s+the)?\s+[{UPPER}][\w'’]+)"
)


def other_work_at(text: str, show: ShowContext) -> int:
    """Where the sentence first names another work ("on Showtime's Other Title"); its length when it does not.
    People named after it may be that work's cast."""
    found = len(text)
    if "season" in text or "Season" in text:
        # "Other Title season 5 hit its service, with Jane Roe back as Lottie"
        for match in TITLE_SEASON.finditer(text):
            if all(word in STOPWORDS for word in match.group("title").split()):
                continue  # "The season six premiere": no title
            if another_title(match.group("title"), show):
                found = match.start()
                break
    for pattern in (_OTHER_WORK, _QUOTED_WORK, _TITLED_WORK):
        for match in pattern.finditer(text):
            if match.start() >= found:
                break
            if another_title(match.group("title"), show):
                found = match.start()
                break
    return found


# "Jane Austen's Emma is the obvious model for the heroine": a work the show draws on, not a role.
A_WORK_AS_MODEL = re.compile(
    r"\s+(?:is|was|were|are)\s+(?:the|an?|another|one)\s+(?:[\w'’-]+\s+){0,2}(?:model|influence|inspiration"
    r"|template|touchstone|reference|blueprint|source|basis)\b"
)


# Jobs behind the camera written before a name: "composer Ann Vale also appears", "Director Jane Roe is back".
CREW_WORDS = frozenset(
    ["creator", "co-creator", "showrunner", "writer", "director", "producer", "composer", "cinematographer",
     "editor", "designer", "author", "novelist", "choreographer", "executive", "host", "presenter"]
)  # fmt: skip
NOT_THE_CAST_BEFORE = re.compile(
    r"(?i)\b(?:writers|writing|staff|crew|produc\w*|companies|studios|team|room)\b"
)
# The same jobs, singular or plural, right before a list ("Showrunners Tess Orr and Max Lund also appear").
CREW_BEFORE = re.compile(r"\b(?i:" + "|".join(f"{word}s?" for word in sorted(CREW_WORDS)) + r")\s+$")


def loosely_named(pattern: object, group: str, match: re.Match[str]) -> bool:
    """Whether a list names the cast only by what they do ("A and B also star", "A is back", "A turns up as a
    doctor", "an ensemble that includes A", "A leads the new ensemble"), not by a word of casting news."""
    if group in ("back", "added", "members"):
        return True
    return pattern is _ROLES_LIST and "role" not in match.group(0) and "round" not in match.group(0)


# A question that asks whether someone is in the cast: "Will Jane Roe return as Lottie?", "Is Roe back?" (its
# bracketed pairs are still said: "Can Emily win over Sylvie (Jane Roe)?").
ASKS = re.compile(r"^(?:Will|Would|Could|Is|Are|Does|Do|Did|Has|Have|Can|Should|Who|Whether)\b[^?]*\?\W*$")
RETURNS_WITH = re.compile(r"(?:returns?|is\s+back|are\s+back)\b")
# The returning actor before "returns, along with ...": "Jane Roe returns", "Jane Roe, who ..., returns".
_NAME_OPENS = re.compile(r"[A-Z][\w'’-]+\s+[A-Z][\w'’-]+,")


def returning_person_before(text: str, at: int, show: ShowContext) -> bool:
    """Whether a person (not the show) is who "returns" at `at`: a capitalised word right before it, or a
    sentence opened by a name and an aside ("Jane Roe, who ..., returns along with ...")."""
    before = text[max(0, at - 40) : at].rstrip()
    last = before.rsplit(None, 1)[-1] if before else ""
    if show.names_title_between(text, 0, at) or show.generic_reference.search(text, max(0, at - 40), at):
        return False
    if last in ("It", "This", "That", "Which"):
        return False  # "It returns alongside ...": the show
    return (last[:1].isupper() and not last.endswith(",")) or (
        before.endswith(",") and _NAME_OPENS.match(text) is not None
    )
