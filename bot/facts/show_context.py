"""What counts as the show in a sentence: its title and aliases, "the series", and other titles that are not it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.facts.documents import fold
from bot.facts.names import STOPWORDS, UPPER
from bot.facts.seed_files import ShowConfig

_ADJECTIVES = ["hit", "popular", "new", "beloved", "romantic[- ]comedy", "comedy", "drama", "streaming"]


def _generic_reference(service: str) -> re.Pattern[str]:
    """ "the series", "this hit comedy", "the <service> show": words that stand for the show."""
    adjectives = "|".join([*_ADJECTIVES, re.escape(service)])
    return re.compile(
        rf"\b(?:the|this|its|our)\s+(?:(?:{adjectives})\s+)*(?:show|series|comedy|drama|programme|program|dramedy)\b",
        re.IGNORECASE,
    )


_TITLE_WORDS = rf"(?:[{UPPER}][\w'’:&-]*\s+){{0,5}}[{UPPER}][\w'’&-]*"
_SEASON_OF = re.compile(rf"\b[Ss]eason\s+(?:\w+\s+)?of\s+(?P<title>(?:the\s+)?{_TITLE_WORDS})")
_TITLE_SEASON = re.compile(
    rf"(?P<title>{_TITLE_WORDS})['’]?\s*:?\s+[Ss]eason\s+(?:\d|one|two|three|four|five|six)"
)
_QUOTED = re.compile(r"[\"“‘'](?P<title>[^\"“”‘’']{2,80})[\"”’']")


@dataclass(frozen=True)
class ShowContext:
    """The show as extraction sees it: which words name it and which names belong to nobody."""

    config: ShowConfig
    folded_titles: tuple[str, ...] = field(init=False)
    reserved: frozenset[str] = field(init=False)
    generic_reference: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # Every extractor asks the same questions of each sentence: answer each once.
    _answers: dict[tuple[str, str], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_answers", {})
        object.__setattr__(self, "generic_reference", _generic_reference(self.config.show.service))
        titles = tuple(sorted({fold(title) for title in self.config.titles()}, key=len, reverse=True))
        object.__setattr__(self, "folded_titles", titles)
        object.__setattr__(self, "reserved", frozenset({*titles, fold(self.config.show.service)}))

    @property
    def service(self) -> str:
        """The streaming service's name."""
        return self.config.show.service

    def names_title(self, text: str) -> bool:
        """Whether text names the show by its title or an alias."""
        folded = fold(text)
        return any(title in folded for title in self.folded_titles)

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

    def _is_ours(self, title: str) -> bool:
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
            self._answers[key] = "season" in text.lower() and self._names_other_title(text)
        return self._answers[key]

    def _names_other_title(self, text: str) -> bool:
        for pattern in (_SEASON_OF, _TITLE_SEASON):
            for match in pattern.finditer(text):
                if not self._is_ours(match.group("title")):
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
