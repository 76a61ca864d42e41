"""What counts as the show in a sentence: its title and aliases, "the series", and other titles that are not it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.facts.documents import fold
from bot.facts.names import STOPWORDS, UPPER
from bot.facts.scanning import Led
from bot.facts.seed_files import ShowConfig

_ADJECTIVES = ["hit", "popular", "new", "beloved", "romantic[- ]comedy", "comedy", "drama", "streaming"]


def _generic_reference(service: str) -> re.Pattern[str]:
    """ "the series", "this hit comedy", "the <service> show": words that stand for the show."""
    adjectives = "|".join([*_ADJECTIVES, re.escape(service)])
    return re.compile(
        rf"\b(?:the|this|its|our)\s+(?:(?:{adjectives})\s+)*(?:show|series|comedy|drama|programme|program|dramedy)\b",
        re.IGNORECASE,
    )


_CALENDAR_WORDS = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
)  # fmt: skip
_TITLE_BEFORE = re.compile(r"(?:['’]s|\bof|\bin|\bon\s+set\s+of|['‘\"“])\s*$")
_TITLE_AFTER = re.compile(
    r"^(?:['’\"”]|['’]s\b|\s+(?:season|series|show|cast|stars?|star's|creators?|fans?|returns|is|was|has|had"
    r"|will|part|volume|finale|premiere|episodes?|renewed|picked|gets|sets|spin-?off)\b)"
)


# Words before a day's name that make it a day, in capitals too: "THIS FRIDAY", "on FRIDAY".
_DAY_LEAD = re.compile(r"\b(?:on|this|next|last|every|by|until|from|till)\s+$")


def _calendar_use(folded: str, start: int, end: int) -> bool:
    """Whether a day's or month's name at folded[start:end] is not the title: it is the title only where
    the words around it say so ("'wednesday'", "netflix's wednesday", "wednesday season 2", "wednesday
    returns"); "drops wednesday" or "on wednesday" is a day."""
    before, after = folded[max(0, start - 16) : start], folded[end : end + 16]
    return not (_TITLE_BEFORE.search(before) or _TITLE_AFTER.match(after))


# "queen charlotte: a " just before the title: the title is part of a longer one (a spin-off's).
INSIDE_OTHER_TITLE = re.compile(r"\w[\w'’]*:\s+(?:a|an|the)\s+$")
# How far before a title's mention the other title's "Word: A" is looked for: a fixed window, so that a long run
# of letters before many mentions is not scanned again for each (that was quadratic).
OTHER_TITLE_WINDOW = 60
# "<Title> Part II", "<Title>: Part Two": a sequel (a game, a film) that carries the title.
_SEQUEL_AFTER = re.compile(r":?\s+part\s+(?:i{1,3}|iv|v|vi|two|three|four|five|six)\b")
# "<Title> spinoff", "the <Title> prequel": another work, named after the show.
_SPINOFF_AFTER = re.compile(r"(?:['’]s)?\s+(?:spin-?offs?|prequels?|sequels?)\b")
_SPINOFF_BEFORE = re.compile(r"\b(?:spin-?off|prequel|sequel)\s+(?:of|to)\s+(?:the\s+)?$")
# "in <Title>: New Vegas", "from <Title>: Queen Charlotte": a work whose title carries the show's, then its own.
_SUBTITLED_BEFORE = re.compile(r"(?:^|\s)(?:in|from|on|of)\s+[\"“‘']?$")
# A subtitle written as a title: every word capitalised but the short ones ("Blood of My Blood").
_TITLE_CASED = re.compile(
    rf"[{UPPER}][\w'’-]*(?:\s+(?:of|the|a|an|and|in|on|at|to|for|with|[{UPPER}][\w'’-]*))*"
)
# "<Title>: Blood of My Blood, the prequel, ...": a subtitle in title case, and the sentence goes on in prose.
_SUBTITLE_IN_PROSE = re.compile(
    rf":\s+(?!(?:Season|Part|Volume|Vol|Episode|Series|Chapter)\b){_TITLE_CASED.pattern}"
    r"(?=[\"”’']|\s*[,(]|\s+(?!(?:of|the|a|an|and|in|on|at|to|for|with)\b)[a-z]|\s+[A-Z])"
)
_PART_OF_THE_SHOW = re.compile(r"\b(?:Season|Seasons|Series|Part|Volume|Episode|Chapter|Finale|Special)\b")
_DESCRIBED_WORK = re.compile(
    r"[\"”’']?,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?(?:prequel|sequel|spin-?off|series|show|drama|comedy)\b"
)
_NUMBERED_SEASON = re.compile(
    r"\b[Ss](?:eason|EASON)\s+(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)\b"
)


def _subtitled_in_prose(text: str, folded: str, end: int) -> bool:
    """Whether the title at folded[:end] goes on with a subtitle of its own that makes another series: one
    described as a work ("<Title>: Blood of My Blood, the prequel, ...") or given a season of its own
    ("'<Title>: Blood of My Blood' Wraps Season 2"); not an event ("<Title>: The Magic Behind the Scenes") nor
    a name ("<Title>: Jane Roe and Ann Vale play ...")."""
    if len(folded) != len(text):
        return False
    subtitle = _SUBTITLE_IN_PROSE.match(text, end)
    if subtitle is not None and _PART_OF_THE_SHOW.search(subtitle.group(0)):
        return False  # "<Title>: The Final Season, the show's farewell": a part of the show, not another
    return subtitle is not None and (
        _DESCRIBED_WORK.match(text, subtitle.end()) is not None
        or _NUMBERED_SEASON.search(text, subtitle.end(), subtitle.end() + 40) is not None
    )


_SUBTITLE_AFTER = re.compile(r"[\"”’']?:\s+(?!(?:season|part|volume|vol|episode|series|chapter)\b)[^\W\d_]")
# Words of at most 40 characters, taken whole: a run of letters without spaces is read once from each capital,
# not given back letter by letter (that was quadratic on a page-long run).
_TITLE_WORDS = rf"(?:[{UPPER}][\w'’:&-]{{0,40}}+\s+){{0,5}}[{UPPER}][\w'’&-]{{0,40}}+"
_SEASON_OF = re.compile(rf"\b[Ss]eason\s+(?:\w+\s+)?of\s+(?P<title>(?:the\s+)?{_TITLE_WORDS})")
# Led by its first word: tried from each capital of a long word, it read the rest of the word each time.
TITLE_SEASON = Led(
    rf"(?P<title>{_TITLE_WORDS})['’]?\s*:?\s+(?:[Ss]eason\s+(?:\d|one|two|three|four|five|six)|[Ss]\d{{1,2}}\b)",
    rf"[{UPPER}][\w'’&-]*",
)
# A prize named in an adjective: "the Emmy®-winning", "the Golden Globe® and Peabody Award-winning".
# "Other Title's sophomore run", "Other Title's second season": a title's own season, by its possessive.
_TITLES_SEASON = re.compile(
    rf"(?P<title>(?:[{UPPER}][\w&:-]{{0,40}}+\s+){{0,5}}[{UPPER}][\w&-]{{0,40}}+)['’]s?\s+"
    r"(?:first|second|third|fourth|fifth|sixth|sophomore|new|next|final|latest)"
    r"\s+(?:season|series|run)\b"
)
_AWARD_ADJECTIVE = re.compile(r"[®™]|[^.;]{0,60}?-(?:winning|nominated)\b")
_PRIZED = ("-winning", "-nominated")
_QUOTED = re.compile(r"[\"“‘'](?P<title>[^\"“”‘’']{2,80})[\"”’']")


@dataclass(frozen=True)
class ShowContext:
    """The show as extraction sees it: which words name it and which names belong to nobody."""

    config: ShowConfig
    folded_titles: tuple[str, ...] = field(init=False)
    reserved: frozenset[str] = field(init=False)
    _calendar_titles: frozenset[str] = field(init=False, repr=False, compare=False)
    generic_reference: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # Every extractor asks the same questions of each sentence: answer each once.
    _answers: dict[tuple[str, str], bool] = field(init=False, repr=False, compare=False)
    # The last article's focus (see focus.py), kept by the extractors that read the same article in turn.
    remembered_focus: list[tuple[object, str | None, tuple[bool, ...]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_answers", {})
        object.__setattr__(self, "remembered_focus", [])
        object.__setattr__(self, "generic_reference", _generic_reference(self.config.show.service))
        titles = tuple(sorted({fold(title) for title in self.config.titles()}, key=len, reverse=True))
        object.__setattr__(self, "folded_titles", titles)
        object.__setattr__(self, "reserved", frozenset({*titles, fold(self.config.show.service)}))
        # A title that is also a day or a month ("Wednesday") is the show only where it is not a date.
        object.__setattr__(self, "_calendar_titles", frozenset(t for t in titles if t in _CALENDAR_WORDS))

    @property
    def service(self) -> str:
        """The streaming service's name."""
        return self.config.show.service

    def names_title(self, text: str) -> bool:
        """Whether text names the show by its title or an alias (not inside another title that carries it,
        "Spin-off: A <Title> Story")."""
        folded = fold(text)
        for title in self.folded_titles:
            start = folded.find(title)
            while start >= 0:
                end = start + len(title)
                if (
                    not INSIDE_OTHER_TITLE.search(folded, max(0, start - OTHER_TITLE_WINDOW), start)
                    and not _SEQUEL_AFTER.match(folded, end)
                    and not _SPINOFF_AFTER.match(folded, end)
                    and not _SPINOFF_BEFORE.search(folded, max(0, start - 24), start)
                    and not (
                        _SUBTITLE_AFTER.match(folded, end)
                        and _SUBTITLED_BEFORE.search(folded, max(0, start - 8), start)
                    )
                    and not (start and folded[start - 1] in _QUOTES and folded.startswith(":", end))
                    and not self._surname_at(text, folded, start)
                    and not _subtitled_in_prose(text, folded, end)
                    and not (
                        title in self._calendar_titles and _calendar_use(folded, start, start + len(title))
                    )
                ):
                    return True
                start = folded.find(title, start + 1)
        return False

    def names_spinoff(self, text: str) -> bool:
        """Whether text names the show only to describe another work ("Neagley, the <Title> spinoff")."""
        folded = fold(text)
        return any(
            _SPINOFF_AFTER.match(folded, found + len(ours)) is not None
            for ours in self.folded_titles
            if (found := folded.find(ours)) >= 0
        )

    def subtitled(self, title: str) -> bool:
        """Whether a title is the show's followed by a subtitle of its own ("<Title>: New Vegas"): another work."""
        folded = fold(title)
        return any(
            folded.startswith(ours) and _SUBTITLE_AFTER.match(folded, len(ours)) is not None
            for ours in self.folded_titles
        )

    @staticmethod
    def _surname_at(text: str, folded: str, start: int) -> bool:
        """Whether the title at `start` is a family name after a first name ("Lady Violet <Title>")."""
        if len(text) != len(folded) or start == 0:
            return False
        # Only the few characters before the title: copying all of text[:start] for each of many mentions of
        # the title would be quadratic.
        window = text[max(0, start - _SURNAME_REACH) : start]
        before = window.rstrip(" \t\xa0")
        if len(before) == len(window) or before.endswith(("\n", "\r")):
            return False  # no space before (part of a word), or the title opens a line
        word = before.rsplit(None, 1)[-1] if before else ""
        if len(word) == len(before) and start > _SURNAME_REACH:
            return False  # a "word" as long as the window: no name
        return bool(word) and word[:1].isupper() and word.isalpha() and word not in STOPWORDS

    def names_title_between(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] names the show; not remembered (a long sentence has many such pieces)."""
        folded = fold.__wrapped__(text[start:end])
        return any(title in folded for title in self.folded_titles)

    def refers_to_show_before(self, text: str, end: int) -> bool:
        """Whether text[:end] names or refers to the show; not remembered (a long sentence has many beginnings)."""
        return (
            self.names_title_between(text, 0, end) or self.generic_reference.search(text, 0, end) is not None
        )

    def refers_to_show(self, text: str) -> bool:
        """Whether text names the show or refers to it ("the series", "the show's")."""
        key = ("refers", text)
        if key not in self._answers:
            self._answers[key] = self.names_title(text) or self.generic_reference.search(text) is not None
        return self._answers[key]

    def mask_titles(self, text: str) -> str:
        """Text with the show's title blanked out (same length), so its words are not read as places."""
        folded = fold(text)
        if len(folded) != len(text):
            return text
        # Blanked spans are gathered first and the text rebuilt once: rebuilding it for each title found was
        # quadratic in a text that names the show many times.
        spans = sorted(
            (match.start(), match.end())
            for title in self.folded_titles
            for match in re.finditer(re.escape(title), folded)
        )
        pieces: list[str] = []
        done = 0
        for start, end in spans:
            start = max(start, done)
            if end > start:
                pieces += [text[done:start], " " * (end - start)]
                done = end
        return "".join([*pieces, text[done:]]) if pieces else text

    def is_title_at(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end], a day's or month's name, is the show's title there ("'Friday' returns")."""
        folded = fold(text)
        if len(folded) != len(text) or folded[start:end] not in self._calendar_titles:
            return False
        if text[start:end].isupper() and not _DAY_LEAD.search(folded, max(0, start - 8), start):
            return True  # "Netflix Renews WEDNESDAY for Season 3": a title in capitals ("on sale THIS FRIDAY" is a day)
        return not _calendar_use(folded, start, end)

    def names_subtitled(self, text: str) -> bool:
        """Whether text names another title made of the show's and a subtitle ("<Title>: Blood of My Blood,
        the prequel, ...")."""
        folded = fold(text)
        for title in self.folded_titles:
            start = folded.find(title)
            while start >= 0:
                if _subtitled_in_prose(text, folded, start + len(title)):
                    return True
                start = folded.find(title, start + 1)
        return False

    def is_ours(self, title: str) -> bool:
        """Whether a title is the show's (or begins with its name)."""
        words = [word for word in re.split(r"[\s:]+", title.strip()) if word]
        while words and (words[0] in STOPWORDS or fold(words[0]) == fold(self.service) or words[0] == "the"):
            words.pop(0)
        if not words:
            return True
        folded = fold(" ".join(words))
        return any(
            folded.startswith(ours) or ours.startswith(folded) or ours.endswith(folded)
            for ours in self.folded_titles
        )

    def names_other_title(self, text: str) -> bool:
        """Whether text speaks of another title's season ("The Second Season of Other Title", "Other Title season 3")."""
        key = ("other", text)
        if key not in self._answers:
            lowered = text.lower()
            self._answers[key] = (
                "season" in lowered or "sophomore" in lowered or _SHORT_SEASON.search(lowered) is not None
            ) and (self._names_other_title(text))
        return self._answers[key]

    def _names_other_title(self, text: str) -> bool:
        for pattern in (_SEASON_OF, TITLE_SEASON, _TITLES_SEASON):
            for match in pattern.finditer(text):
                if _AWARD_ADJECTIVE.match(text, match.end("title")) or match.group("title").endswith(_PRIZED):
                    continue  # "season of the Emmy®, Peabody Award-winning series": a prize, not a title
                if match.group("title").endswith(("'s", "’s")):
                    continue  # "the second season of Streamly's most-watched series": its owner, not a title
                if match.group("title").lower() in _LEADING_WORDS:
                    continue  # "Unlike Season 1, ...", "During Season 2": a sentence's first word, no title
                if not self.is_ours(match.group("title")):
                    return True
        return False

    def quoted_titles(self, text: str) -> list[str]:
        """Quoted, title-cased phrases in text ("<Show>: A Night With the Cast")."""
        found = []
        for match in _QUOTED.finditer(text):
            title = match.group("title").strip().rstrip(",.;")
            words = title.split()
            if not 2 <= len(words) <= 12 or re.search(r"[.!?]\s", title):
                continue
            capitalized = sum(1 for word in words if word[:1].isupper())
            if capitalized * 2 >= len(words) and words[0][:1].isupper():
                found.append(title)
        return found


# A roundup's heading: "2. 'Other Title' (Service) — Tuesday", "Other Title, Season 3 (Service)".
# A heading's title may join its capitalized words with short ones ("George & Tammy", "Darby and the Dead").


_SHORT_SEASON = re.compile(r"\bs\d{1,2}\b")
# Words that open a sentence before "Season 2" without being a title.
_LEADING_WORDS = frozenset(
    ["unlike", "like", "after", "before", "since", "during", "until", "throughout", "in", "for", "from", "with",
     "as", "when", "while", "by", "of", "on", "and", "but", "so", "then", "also", "unless", "if", "once", "plus",
     "meanwhile", "finally", "ahead", "across", "into", "following"]
)  # fmt: skip
_SURNAME_REACH = 60
_QUOTES = frozenset("\"“‘'")
