"""Cast pairs in a post written all in small letters ("brianne howey's georgia", "ty doran as wolfe", "scott
porter (paul)"), where no capital marks a name: a name is a short run of words that are not everyday English
words, between a clear boundary and the cue that pairs it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from bot.facts.calendar import is_city
from bot.facts.credit_mentions import CastMention, Evidence
from bot.facts.dated_mentions import rumoured
from bot.facts.dictionary import everyday_words
from bot.facts.documents import Article, Sentence, fold
from bot.facts.names import CHARACTER_TITLES
from bot.facts.show_context import ShowContext


def _words(text: str) -> list[str]:
    """The words of a list written as one string."""
    return text.split()


# Words that are never part of a name: they end a run of name words (articles, pronouns, prepositions, link
# words, auxiliaries, the days and months).
_FUNCTION = frozenset(
    _words(
        "a an the and or but nor so yet if then than that this these those there here what who whom whose "
        "which when where why how i me my mine we us our ours you your yours he him his she her hers it its "
        "they them their theirs is are was were be been being am do does did done have has had having will "
        "would shall should can could may might must not no yes ok okay oh also just still even only very "
        "really too much many more most some any all both each every other another such own same as at by for "
        "from in into of off on onto out over to up upon with within without about above after against along "
        "among around before behind below beneath beside between beyond during except inside near outside "
        "since through till toward towards under until via aka like plus per vs lol omg tbh imo pls please ep "
        "eps episode episodes season seasons s1 s2 s3 s4 s5 monday tuesday wednesday thursday friday saturday "
        "sunday january february march april june july august september october november december jan feb mar "
        "apr jun jul aug sep sept oct nov dec one two three four five six seven eight nine ten first second "
        "third last next new old "
        # chat words that open or close a fan's sentence: never part of a name
        "ngl fr srsly bestie ps tbh btw rn ofc tho idk smh lowkey highkey literally honestly obsessed iconic "
        "omfg lmao lmfao ily thx pls plz bc cuz tho dm irl imho fyi asap"
    )
)
# Words after which a name may start: the end of a clause, a list's link, a verb of being.
_OPENERS = frozenset(
    _words(
        "and but also plus then so ok okay honestly meanwhile now yes oh because that while when where is was "
        "are were"
    )
)
# Punctuation a name may follow: a list's bullet or comma, a colon, a bracket, a dash.
_BOUNDARY_MARKS = tuple(",:;(-–—•*+&/!?.")
# Little words inside a three-word name ("diesel la torraca", "michael j fox").
_PARTICLES = frozenset(_words("la le de du da di del van von der den st"))
# Another work in a small-letter sentence, which no capital marks: "the succession finale", "the wire remake",
# "rewatching ...", "in the books": its people are not this show's.
_OTHER_WORK = re.compile(
    r"\b(?!(?:the|a|an|this|that|new|final|first|last|next|whole|entire|latest|current|same|other|tv|our|my|its|his"
    r"|her|their|so|of|in|on|to|and|but)\b)(?P<name>[a-z][\w'’-]*)\s+(?:finale|premiere|pilot|reboot|remake|movie"
    r"|film|series|show|sitcom|episode|era|books?|novels?)\b"
    r"|\b(?:rewatch\w*|re-watch\w*|binge\w*|the\s+books?|the\s+novels?|the\s+original|the\s+movie|the\s+film)\b"
)
# A clause that only supposes: "heard X is playing Y", "if X comes back as Y".
_SUPPOSED = re.compile(
    r"\b(?:heard|rumou?rs?|rumou?red|apparently|supposedly|reportedly|allegedly|if|whether|unless|might|could"
    r"|would|maybe|hope|hoping|wish|imagine|pls|please|should)\b"
)
# A sentence about costumes or an audiobook: "went as mara", "the cosplay winner was ... as mara".
_NOT_A_CASTING = re.compile(
    r"\b(?:cosplay\w*|costumes?|halloween|audiobooks?|narrat\w+|dressed\s+(?:up\s+)?as|went\s+as)\b"
)
_NAME_WORD = re.compile(r"[^\W\d_A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*")
_CUES = re.compile(
    r"\s+as\s+|['’]s\s+|,?\s+who\s+(?:plays|played|has\s+played|is\s+playing)\s+|\s+plays\s+|\s+is\s+|\s*\("
)
_IN_BRACKETS = re.compile(
    r"\s*\((?:(?:our|my|the|your)\s+(?:[^\W\d_]+\s+)?)?(?P<name>[^()!?.,]{2,40}?)[!?.]*\)"
)
# What follows a character from another work: "as marshall in how i met your mother", "as maria from ...".
_OTHER_WORK_AFTER = re.compile(
    r"\s+(?:from\b|(?:in|on)\s+(?!(?:a|an|the|this|that|her|his|their|my|our|every|each|episode|ep|season|s\d)\b))"
)
# The maker of a work, whose possessive is a book's or a film's ("author lee child's reacher").
_MAKER_BEFORE = re.compile(r"\b(?:author|novelist|writer|creator|showrunner|director|books?|novels?)\s+$")
# Platforms and brands written like names in small letters ("apple tv's ...", "hbo max's ...").
_PLATFORMS = frozenset(
    ["tv", "hbo", "bbc", "itv", "amc", "fx", "abc", "nbc", "cbs", "cw", "hulu", "netflix", "prime",
     "peacock", "starz", "showtime", "paramount", "disney", "apple", "amazon", "youtube", "tiktok", "instagram",
     "twitter", "reddit", "tumblr", "spotify", "imdb", "tudum", "crunchyroll", "britbox", "acorn", "mubi"]
)  # fmt: skip
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)(]|$|\s+(?:and|but|who|with)\b)")
# A word that says where someone is from, before a name: "glasgow's", "dublin-born", "la-based".
_ORIGIN = re.compile(r"['’]s$|-(?:born|based|raised|bred)$")
# A word after a one-word character that goes on with the sentence: "mara deserves", "mara looked", "mara slaps".
_VERB_ENDING = re.compile(r"(?:ed|ing)$")
# A sentence about a book and its author names the author: "wren hadley wrote the books", "books by wren hadley".
_AUTHOR = re.compile(
    r"\b([a-z][\w'’-]+\s+[a-z][\w'’-]+)\s+(?:wrote|writes|penned|authored)\b"
    r"|\b(?:books?|novels?|trilogy|series|saga|memoir)\s+(?:are\s+|is\s+|was\s+|were\s+)?by\s+([a-z][\w'’-]+\s+[a-z][\w'’-]+)"
    r"|\b(?:adapted\s+from|based\s+on)\s+([a-z][\w'’-]+\s+[a-z][\w'’-]+)['’]s\b"
)
# A name is at most this far before its cue: the words are read in a window, never across the whole sentence.
_WINDOW = 80


def _name_like(words: Sequence[str]) -> bool:
    """Whether words can be a name: none an everyday link word, one at least no dictionary word."""
    everyday = everyday_words()
    return (
        all(
            (word not in _FUNCTION and len(word) >= 2) or word in _PARTICLES or len(word) == 1
            for word in words
        )
        and any(word not in everyday and len(word) >= 2 for word in words)
        and words[0] not in _PARTICLES
        and len(words[0]) >= 2
    )


def _actor_before(text: str, end: int) -> tuple[int, list[str]] | None:
    """The run of two or three name words right before end, when a boundary (a mark, a link word or the start
    of the sentence) comes before it; None otherwise."""
    begin = max(0, end - _WINDOW)
    window = text[begin:end]
    if window != window.rstrip():
        return None
    chunks = [(m.start() + begin, m.group(0)) for m in re.finditer(r"\S+", window)]
    words: list[str] = []
    start = end
    for position, (at, chunk) in enumerate(reversed(chunks)):
        if _NAME_WORD.fullmatch(chunk) and chunk not in _FUNCTION and _ORIGIN.search(chunk) is None:
            words.insert(0, chunk)
            start = at
            continue
        # ("glasgow's kelra roe as mara", "dublin-born kelra roe": a place's possessive or origin opens the name)
        opened = chunk in _OPENERS or chunk.endswith(_BOUNDARY_MARKS) or _ORIGIN.search(chunk) is not None
        if not opened or (position == len(chunks) - 1 and begin > 0 and not chunk.endswith(_BOUNDARY_MARKS)):
            return None
        break
    else:
        if begin > 0:
            return None  # the run reaches the window's edge: too long to be a name
    if not 2 <= len(words) <= 3 or not _name_like(words):
        return None
    if len(words) == 3 and words[0] in everyday_words() and words[1] not in _PARTICLES and len(words[1]) > 1:
        return None  # "love brianne howey": an everyday word ahead of a name
    return start, words


def _character_after(text: str, begin: int) -> tuple[int, list[str]] | None:
    """One or two name words right after begin, ending the phrase (no possessive, no third name word)."""
    words: list[str] = []
    end = begin
    for match in re.finditer(r"\S+", text[begin : begin + _WINDOW]):
        chunk = match.group(0)
        bare = chunk.rstrip(",.;:!?)")
        if bare.endswith(("'s", "’s")) or not _NAME_WORD.fullmatch(bare) or bare in _FUNCTION:
            if bare.endswith(("'s", "’s")) and words == []:
                return None  # "as jimmy's dad": the character is someone else's
            break
        if words and bare in everyday_words() and bare == chunk:
            break  # "joe remains": an everyday word after the name is the sentence going on ("beck," ends it)
        if words and (
            _VERB_ENDING.search(bare)
            or (bare.endswith("s") and bare[:-1] in everyday_words())
            or (bare in everyday_words() and bare == chunk)
        ):
            break  # "mara deserves", "mara looked", "mara slaps.": the sentence's verb, not a surname
        words.append(bare)
        end = begin + match.start() + len(bare)
        if bare != chunk or len(words) == 2:
            break
    if not words or not _name_like(words) or (len(words) == 1 and words[0] in everyday_words()):
        return None
    return end, words


def _names_another_work(found: re.Match[str], title_words: set[str]) -> bool:
    """Whether a match of _OTHER_WORK names another work: a word before "finale" that is no verb ("showed
    episode one"), no link word and not the show's own title ("harbour lights finale")."""
    name = found.group("name")
    if name is None:
        return True  # "rewatching", "in the books"
    return name not in _FUNCTION and not name.endswith(("ed", "ing")) and fold(name) not in title_words


def _display(words: Sequence[str]) -> str:
    """A name written in small letters, capitalised as names are ("t'nia miller" -> "T'Nia Miller")."""

    def one(word: str) -> str:
        parts = re.split(r"([-'’])", word)
        shown = "".join(part[:1].upper() + part[1:] if part not in "-'’" else part for part in parts)
        if shown.startswith("Mc") and len(shown) > 3:
            shown = "Mc" + shown[2:3].upper() + shown[3:]
        return shown

    return " ".join(one(word) for word in words)


def _pairs_in(sentence: Sentence) -> Iterator[tuple[int, int, list[str], list[str]]]:
    """Each (start, end, actor words, character words) a small-letter sentence states."""
    text = sentence.text
    for cue in _CUES.finditer(text):
        cue_text = cue.group(0)
        if "(" in cue_text:
            inside = _IN_BRACKETS.match(text, cue.start())
            actor = _actor_before(text, cue.start())
            if inside is None or actor is None:
                continue
            name = inside.group("name").split()
            if (
                not 1 <= len(name) <= 2
                or not _name_like(name)
                or (len(name) == 1 and name[0] in everyday_words())
            ):
                continue
            if actor[1][0] in CHARACTER_TITLES:
                # "captain brell (oskar venn)": a rank marks the character, the brackets hold the actor
                if len(name) >= 2 and name[0] not in CHARACTER_TITLES:
                    yield actor[0], inside.end(), name, actor[1]
                continue
            yield actor[0], inside.end(), actor[1], name
            continue
        actor = _actor_before(text, cue.start())
        character = _character_after(text, cue.end())
        if actor is None or character is None:
            continue
        if cue_text.strip() == "is" and not _CLAUSE_END.match(text, character[0]):
            continue  # "brian tee is quinn, ..." names a role; "x y is great fun" does not
        if _OTHER_WORK_AFTER.match(text, character[0]):
            continue  # "jason roe as marshall in other show": a role in another work
        if cue_text.lstrip().startswith(("'", "’")) and _MAKER_BEFORE.search(
            text, max(0, actor[0] - 20), actor[0]
        ):
            continue  # "author lee roe's ginny": the book's character, not a casting
        yield actor[0], character[0], actor[1], character[1]


def small_letter_cast(article: Article, show: ShowContext, focus: Sequence[bool]) -> list[CastMention]:
    """The cast pairs of an article written in small letters, from its sentences about the show."""
    if not article.small_starts:
        return []
    title_words = {word for title in show.folded_titles for word in title.split()}
    service_words = set(re.findall(r"\w+", fold(show.config.show.service)))
    authors = {
        next(group for group in found.groups() if group) for found in _AUTHOR.finditer(article.text.lower())
    }
    found = []
    for index, sentence in enumerate(article.sentences):
        if not focus[index] or not _CUES.search(sentence.text):
            continue
        if any(_names_another_work(found, title_words) for found in _OTHER_WORK.finditer(sentence.text)):
            continue  # "the succession finale with brian cox as logan roy": another work's cast
        for start, end, actor, character in _pairs_in(sentence):
            if (
                _SUPPOSED.search(sentence.text, max(0, start - 40), start)
                or rumoured(sentence.text)
                or _NOT_A_CASTING.search(sentence.text)
            ):
                continue  # "heard henry cavill is playing ...", "fancast: ...": a rumour or a wish, not a credit
            if " ".join(actor) in authors:
                continue  # "wren hadley wrote the books. wren hadley's mara ...": the author's character
            folded = {fold(word) for word in actor + character}
            if folded & (title_words | _PLATFORMS | service_words):
                continue  # the show's own title or a platform ("apple tv's ted") is no actor
            if is_city(_display(actor)) or is_city(_display(character)):
                continue  # "los angeles is paris": places, not people
            evidence = Evidence(article, sentence, sentence.start + start, sentence.start + end)
            found.append(CastMention(_display(actor), _display(character), evidence))
    return found
