"""Recognising people's and companies' names in article text, and telling them from other capitalized words."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.facts.calendar import is_city
from bot.facts.documents import fold

UPPER = "A-ZÀ-ÖØ-Þ"
LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"

# Capitalized words that start sentences or titles but never names.
STOPWORDS = frozenset(
    [
        # descriptors written before a name ("Newcomer Jane Doe", "Photographer John Doe")
        "Newcomer",
        "Newcomers",
        "Veteran",
        "Photographer",
        "Reporter",
        "Journalist",
        "Editor",
        "Critic",
        "Host",
        "Guest",
        "Guests",
        "CEO",
        "President",
        "Chairman",
        "Chairwoman",
        "Spokesperson",
        "Spokesman",
        "Author",
        "Designer",
        "Stylist",
        "Singer",
        "Model",
        "Fan",
        "Fans",
        "Viewers",
        "Actors",
        "Actresses",
        "A",
        "About",
        "According",
        "Across",
        "Actor",
        "Actress",
        "Adds",
        "After",
        "Again",
        "Ahead",
        "All",
        "Along",
        "Also",
        "Although",
        "Among",
        "An",
        "And",
        "Another",
        "Any",
        "Anything",
        "Are",
        "As",
        "At",
        "Avid",
        "Back",
        "Be",
        "Because",
        "Been",
        "Before",
        "Being",
        "Below",
        "Between",
        "Both",
        "But",
        "By",
        "Can",
        "Cast",
        "Clearly",
        "Could",
        "Creator",
        "Did",
        "Director",
        "Do",
        "Does",
        "During",
        "Each",
        "Earlier",
        "Either",
        "Episode",
        "Even",
        "Ever",
        "Every",
        "Everyone",
        "Executive",
        "Filming",
        "First",
        "Following",
        "For",
        "Fourth",
        "Fifth",
        "Friends",
        "From",
        "Furthermore",
        "Given",
        "Grab",
        "Had",
        "Has",
        "Have",
        "He",
        "Her",
        "Here",
        "Hers",
        "Him",
        "His",
        "How",
        "However",
        "I",
        "If",
        "In",
        "Including",
        "Instead",
        "Into",
        "Is",
        "It",
        "Its",
        "Just",
        "Last",
        "Later",
        "Latest",
        "Like",
        "Meanwhile",
        "More",
        "Moreover",
        "Most",
        "Mr",
        "Mrs",
        "Ms",
        "Much",
        "My",
        "Naturally",
        "New",
        "News",
        "Next",
        "No",
        "None",
        "Nor",
        "Not",
        "Now",
        "Of",
        "Official",
        "Officially",
        "On",
        "Once",
        "One",
        "Only",
        "Or",
        "Other",
        "Our",
        "Over",
        "Part",
        "Participants",
        "Per",
        "Photo",
        "Photograph",
        "Please",
        "Plus",
        "Pop",
        "Producer",
        "Production",
        "Read",
        "Recent",
        "Says",
        "Season",
        "Second",
        "Series",
        "Seven",
        "Several",
        "She",
        "Show",
        "Since",
        "So",
        "Some",
        "Soon",
        "Sorry",
        "Source",
        "Stars",
        "Starring",
        "Still",
        "Such",
        "Take",
        "Than",
        "Thanks",
        "That",
        "The",
        "Their",
        "Them",
        "Then",
        "There",
        "These",
        "They",
        "Third",
        "This",
        "Those",
        "Though",
        "Three",
        "Through",
        "Thus",
        "To",
        "Today",
        "Together",
        "Tomorrow",
        "Too",
        "Two",
        "Under",
        "Until",
        "Up",
        "Upon",
        "Us",
        "Very",
        "Via",
        "Was",
        "We",
        "Well",
        "Were",
        "What",
        "When",
        "Whenever",
        "Where",
        "Whether",
        "Which",
        "While",
        "Who",
        "Whom",
        "Whose",
        "Why",
        "Will",
        "With",
        "Within",
        "Without",
        "Writer",
        "Yes",
        "Yesterday",
        "Yet",
        "You",
        "Your",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)
COMPANY_WORDS = frozenset(
    [
        "Studios",
        "Studio",
        "Productions",
        "Production",
        "Media",
        "Entertainment",
        "Pictures",
        "Films",
        "Film",
        "Television",
        "TV",
        "Network",
        "Networks",
        "Company",
        "Group",
        "Inc",
        "Inc.",
        "LLC",
        "Ltd",
        "Ltd.",
        "Partners",
        "Channel",
        "Records",
        "Animation",
        "Bros",
        "Bros.",
        "Brothers",
    ]
)
PARTICLES = "de|du|da|di|dos|das|van|von|der|den|del|della|le|la|bin|al|St\\."


def _trie_pattern(words: frozenset[str]) -> str:
    """An alternation factored by shared prefixes: Python's regex engine tries a plain list of hundreds of
    words one by one at every capital letter; a trie tries a handful."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return emit(trie)


# Days and months also open names ("April Vance", "Monday Okafor"): one of them followed by another
# capitalized word may be a first name; alone it never is.
CALENDAR_NAMES = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
     "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)  # fmt: skip
# Words that open a name only before another capitalised word: the days and months, and "Will" (the verb alone,
# "Will Poulter" before a surname).
NAME_OPENERS = CALENDAR_NAMES | {"Will"}
_STOP = _trie_pattern(STOPWORDS - NAME_OPENERS)
_CALENDAR = _trie_pattern(CALENDAR_NAMES)
# A word of a name; an apostrophe only inside it ("O'Brien"), never the possessive ("Odile's").
# A run of letters is taken whole (possessive): a word ends before a non-letter anyway, and giving letters back
# one by one made every failed match on a long run of capitalised words read it again letter by letter.
_WORD_BODY = rf"[{LETTER}]*+(?:['’](?!s\b)[{LETTER}]++)*"
# A given name of two syllables joined by a hyphen, the second in lower case ("Min-jae", "Seo-yeon"): a short
# first part, a short second one that is not an English compound's ("Paris-set", "Rome-based", "Seoul-born").
_COMPOUND_TAILS = (
    "set|born|bred|led|run|made|shot|era|age|like|wide|free|year|old|time|star|in|on|off|out|up|by|to|and"
    "|less|ish|type|fed|grown|area|based|style|sized|owned|bound|proof|ready|heavy|level|laden|savvy|esque"
    "|only|first|last|new|area|city|side|week|day|night|home|man|men|led"
)
_SYLLABLE_PAIR = (
    rf"[{UPPER}][{LETTER}]{{0,4}}-(?!(?:{_COMPOUND_TAILS})(?![{LETTER}]))[a-zà-öø-ÿ]{{2,5}}(?![{LETTER}-])"
)
TOKEN = (
    rf"(?=[{UPPER}])(?:{_SYLLABLE_PAIR}|(?!(?:{_STOP})\b)"
    rf"(?!(?:{_CALENDAR})\b(?![ \t\xa0]+[{UPPER}][{LETTER}]*[a-zà-öø-ÿ]))"
    # "Will" opens a first and last name only ("Will Poulter"; "Will Jane Roe return?" asks a question)
    rf"(?!Will\b(?:(?![ \t\xa0]+[{UPPER}][{LETTER}]*[a-zà-öø-ÿ])|[ \t\xa0]+[{UPPER}][{LETTER}]*[ \t\xa0]+[{UPPER}]))"
    rf"[{UPPER}]{_WORD_BODY}(?:-[{UPPER}]{_WORD_BODY})*(?![{LETTER}]))"
)
# After a first word, a day's or month's name is a surname ("Joy Sunday"), when it ends the name and no
# date or time of day follows ("Roe Tuesday, Netflix said", "Moss April 4", "Felix Sunday night" are not).
_CALENDAR_SURNAME = (
    rf"(?:{_CALENDAR})(?![{LETTER}])(?![ \t\xa0]+[{UPPER}])(?!,?\s*\d)"
    r"(?!\s+(?:night|morning|evening|afternoon|nights|mornings|evenings|afternoons)\b)(?!,\s+(?:[A-Z]\w+\s+)?(?:said|says|announced|confirmed))"
)
INITIAL = rf"[{UPPER}]\."
# A nickname in double quotes between a first and a last name (Marisol "Mari" Quint).
_NICKNAME = rf"[\"“]{TOKEN}[\"”](?=[ \t\xa0]+[{UPPER}])"
# Ranks and offices written before a character's name, never before an actor's ("Sir" and "Dame" are actors'
# honours too, so they are not here).
CHARACTER_TITLES = frozenset(
    ["lady", "lord", "queen", "king", "duke", "duchess", "prince", "princess", "count", "countess", "baron",
     "baroness", "earl", "emperor", "empress", "mrs", "mr", "ms", "miss", "dr", "doctor", "detective", "inspector",
     "sergeant", "sgt", "captain", "capt", "agent", "officer", "constable", "chef", "coach", "principal",
     "professor", "prof", "nurse", "judge", "sheriff", "deputy", "mayor", "senator", "president", "general",
     "colonel", "major", "lieutenant", "commander", "admiral", "aunt", "uncle", "grandma", "grandpa", "father",
     "mother", "sister", "brother", "reverend", "saint", "vice", "ambassador", "secretary", "minister", "governor",
     "young", "old", "little", "baby",
     "chancellor", "premier", "chief"]
)  # fmt: skip
# Courtesy titles that are stop words on their own but open a character's name ("Mr. Johnson").
TITLE_WORDS = "Mr|Mrs|Ms|Dr|Miss|Mx"
NAME = (
    rf"(?:(?:{TITLE_WORDS})\.?[ \t\xa0]+(?=[{UPPER}]))?"
    rf"{TOKEN}(?:[ \t\xa0]+{_CALENDAR_SURNAME}"
    rf"|(?:[ \t\xa0]+(?:(?:{PARTICLES})[ \t\xa0]+)?(?:{INITIAL}|{_NICKNAME}|{TOKEN}))*)"
)
SEPARATOR = r"\s*(?:,\s*and|,|and|&)\s+"
NAME_LIST = rf"{NAME}(?:{SEPARATOR}{NAME})*"

_NAME_RE = re.compile(NAME)
_TITLES = frozenset(TITLE_WORDS.split("|"))


@dataclass(frozen=True)
class NameSpan:
    """A name as written, with its offsets in the text it was found in."""

    text: str
    start: int
    end: int


def clean(name: str) -> str:
    """A name with its white space folded ("Jane\xa0Roe" -> "Jane Roe")."""
    return " ".join(name.replace("’", "'").split())


def tokens(name: str) -> list[str]:
    """A name's words, hyphenated parts kept together."""
    return clean(name).split(" ")


@functools.lru_cache(maxsize=65536)
def is_company(name: str) -> bool:
    """Whether a name is a company's ("Acme Media", "ACME Entertainment Studios")."""
    words = tokens(name)
    return len(words) >= 2 and words[-1] in COMPANY_WORDS


# Last words of capitalized phrases that name an honour, an event or a place, never a person or a character.
_NOT_A_PERSON_LAST = frozenset(
    ["Award", "Awards", "Prize", "Prizes", "Globe", "Globes", "Festival", "Trophy", "Medal", "Winner", "Winners",
     "Nominee", "Nominees", "Laureate", "Ceremony", "Gala",
     # places: never a surname often enough to matter ("House", "Hall" and "Lane" are, so they are not here)
     "Academy", "School", "College", "University", "Cinema", "Theatre", "Theater", "Centre", "Square", "Palace",
     "Station", "Airport", "Hospital", "Museum", "Avenue", "Road", "Boulevard", "Stadium", "Arena", "Cathedral",
     "Street", "Hotel", "Motel", "Resort", "Restaurant", "Café", "Cafe", "Club", "Bar", "Pub", "Bay", "Island",
     "Islands", "Isles", "Lake", "Mountain", "Mountains", "Valley", "County", "City", "Coast", "Sea", "Ocean",
     "Kingdom", "Republic", "Zealand", "Britain", "States",
     # works and outlets
     "Show", "Series", "Podcast", "Magazine", "Newsletter", "Tour"]
)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def looks_like_person(name: str, reserved: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalized phrase can be a person's or character's name.

    `reserved` holds folded words that are never names here (the show's title, its streaming service).
    """
    words = tokens(name)
    if not 1 <= len(words) <= 4 or is_company(name) or is_city(clean(name)):
        return False
    if fold(clean(name)) in reserved or any(fold(word) in reserved for word in words):
        return False
    if len(words) >= 2 and words[0].rstrip(".") in _TITLES:
        words = words[1:]  # "Mr. Johnson": the title is not the name
    if len(words) >= 2 and words[0] in NAME_OPENERS and words[1] not in NAME_OPENERS:
        words = words[1:]  # "April Vance", "Will Roe": a day, a month or "Will" as a first name
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
        return False  # "TV", "UK": initials alone are a medium or a country here, not a name
    if words[-1] in _NOT_A_PERSON_LAST:
        return False  # "Academy Award", "Peabody Prize": an honour written before a winner's name
    for index, word in enumerate(words):
        if (word in STOPWORDS and not (index and word in CALENDAR_NAMES)) or any(
            char.isdigit() for char in word
        ):
            return False  # (a day's or month's name after a first one is a surname: "Joy Sunday")
        if len(word) > 2 and word.isupper():
            return False  # an acronym: a network or a brand, not a person
    return True


def names_in(text: str, offset: int = 0) -> list[NameSpan]:
    """Every capitalized name-like phrase in text, with offsets shifted by `offset`."""
    return [
        NameSpan(clean(match.group(0)), offset + match.start(), offset + match.end())
        for match in _NAME_RE.finditer(text)
    ]
