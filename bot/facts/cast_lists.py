"""Reading a cast list item by item, as journalists write them: a label before a name ("Emmy winner Jane
Roe"), an aside after it ("Jane Roe ("Other Title")"), a role after it ("Jane Roe as Lottie"), and the list's
tail after "with" ("A, B, with C and D")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts.names import NAME, UPPER, clean

# The nouns a label before a name ends in: "Academy Award nominee", "former rapper", "newcomer".
_LABEL_NOUNS = (
    r"nominee|winner|alum|alumna|alumnus|newcomer|newcomers|veteran|actor|actress|singer|rapper|comedian"
    r"|comic|member|favou?rite|standout|icon|legend|model|musician|performer|personality|host|breakout"
)
# One to four words ending in a label noun, right before the name. Capitalised words may open the label
# ("Academy Award nominee", "BIGBANG rapper"), never follow its noun.
_LABEL = (
    rf"(?:(?:[{UPPER}][\w'’*.-]*|[a-z][\w'’-]*)[ \t\xa0]+){{0,3}}(?:{_LABEL_NOUNS})[ \t\xa0]+(?=[{UPPER}])"
)
# Lower-case words that may describe the character before its name ("as detective Hwang Jun-ho").
_ROLE_WORDS = (
    r"(?:the\s+voice\s+of\s+)?(?:(?:the|a|an|her|his|their)\s+)?"
    r"(?:(?!(?:and|or|with|in|on|for|at|to|from|by|of|who|which|is|was|are|were)\b)[a-z][\w'’-]*\s+){0,3}"
)
_ITEM = re.compile(
    rf"(?:(?P<label>{_LABEL}))?(?P<name>{NAME})(?P<aside>\s*\([^()\n]{{1,80}}\))?"
    rf"(?:\s+as\s+{_ROLE_WORDS}(?P<character>{NAME})(?![\w'’]))?"
)
_SEPARATOR = re.compile(
    r"\s*(?:,\s*and\s+also|,\s*and|(?P<tail>,\s*(?:with|plus|along\s+with|as\s+well\s+as))|,|and|&)\s+"
)
# After "with", a name followed by its own clause is that clause's subject ("with Jane Roe lending her voice
# to Lottie"), not a list item.
_OWN_CLAUSE = re.compile(
    r"\s+(?!as\b|and\b|among\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:actors|cast|stars|players|newcomers|regulars|performers)\b)[a-z]"
)
_RESPECTIVELY = re.compile(r",?\s+respectively\b")
# A role in the plural after a list: "as the grown survivors", "as their teenage selves".
_AS_GROUP = re.compile(
    r"\s+as\s+(?:the|their|its)\s+(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*s(?=\s*[,.;]|\s*$)"
    # "A and B as rival anchors at the network", "as sisters": a plural role, no determiner
    r"|\s+as\s+(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*(?:ers|ors|ists|ants|ents|ives|ies|ses|ins|ters|ns)"
    r"(?=\s*[,.;]|\s*$|\s+(?:at|in|on|for|who|whose|with|of|from)\b)"
)
_AS_LOWER = re.compile(r"\s+as\s+[a-z]")
# "Helly R. (Britt Lower)": a name in brackets makes the item a pair whose sides only the article can tell.
_NAME_ASIDE = re.compile(rf"\s*\(\s*{NAME}\s*\)")


@dataclass(frozen=True)
class ListItem:
    """One member of a cast list: the actor, the character when the list gives one, their offsets."""

    actor: str
    character: str | None
    start: int
    end: int


def read_cast_list(text: str, start: int, limit: int = 40) -> list[ListItem]:
    """The items of a cast list that begins at `start`, read until something is not a list item; at most
    `limit` items, so a long run of names costs no more than the list it is."""
    items: list[ListItem] = []
    at = start
    tail = False
    tail_from: int | None = None  # where the items after "with" begin
    while len(items) < limit:
        match = _ITEM.match(text, at)
        if match is None:
            break
        character = match.group("character")
        if character is None and _AS_LOWER.match(text, match.end()):
            group = _AS_GROUP.match(text, match.end())
            if group is None:
                break  # "Gong Yoo as the ddakji-wielding recruiter": a role without a name ends the list
            # "A, B and C as the grown survivors, with D and E ...": the list's role, then maybe its tail.
            items.append(ListItem(clean(match.group("name")), None, match.start("name"), match.end()))
            if tail_from is not None and _RESPECTIVELY.match(text, group.end()):
                # "..., with D and E as their teenage counterparts, respectively": each the young one of
                # a character named before, a pairing the list alone cannot tell.
                del items[tail_from:]
                break
            separator = _SEPARATOR.match(text, group.end())
            if separator is None or separator.group("tail") is None:
                break
            at, tail, tail_from = separator.end(), True, len(items)
            continue
        aside = match.group("aside")
        if tail and _OWN_CLAUSE.match(text, match.end()):
            # "..., with Jane Roe and Ann Vale producing": the whole tail is a clause of its own
            del items[tail_from if tail_from is not None else len(items) :]
            break
        unnamed = _unnamed_before(items, tail_from)
        more = _names_after(text, match.end("character")) if character is not None and unnamed else []
        if more and not _AS_AFTER.match(text, more[-1][1]):
            # "A and B as C and D": the actors listed, then as many characters, in order; a count that
            # differs ("A, B and C as D and E") pairs no one.
            characters = [(character, match.end("character")), *more]
            actors = [
                *items[len(items) - unnamed :],
                ListItem(clean(match.group("name")), None, match.start("name"), match.end("name")),
            ]
            del items[len(items) - unnamed :]
            if len(characters) == len(actors):
                items.extend(
                    ListItem(actor.actor, clean(name), actor.start, end)
                    for actor, (name, end) in zip(actors, characters, strict=True)
                )
            break
        if aside is None or not _NAME_ASIDE.fullmatch(aside):
            items.append(
                ListItem(
                    clean(match.group("name")),
                    clean(character) if character else None,
                    match.start("name"),
                    match.end(),
                )
            )
        separator = _SEPARATOR.match(text, match.end())
        if separator is None:
            break
        at = separator.end()
        if separator.group("tail") is not None and tail_from is None:
            tail_from = len(items)
        tail = tail or separator.group("tail") is not None
    return items


def _unnamed_before(items: list[ListItem], tail_from: int | None) -> int:
    """How many items at the list's end have no character (since its tail began, if it has one)."""
    count = 0
    for item in reversed(items[tail_from or 0 :]):
        if item.character is not None:
            break
        count += 1
    return count


_MORE_NAMES = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?P<name>{NAME})(?![\w'’])")
_AS_AFTER = re.compile(r"\s+as\b")


def _names_after(text: str, at: int, limit: int = 12) -> list[tuple[str, int]]:
    """The names listed right after position `at` ("..., Kit and Ann Marr"), each with its end."""
    names: list[tuple[str, int]] = []
    while len(names) < limit and (more := _MORE_NAMES.match(text, at)) is not None:
        names.append((more.group("name"), more.end("name")))
        at = more.end("name")
    return names


__all__ = ["ListItem", "read_cast_list"]
