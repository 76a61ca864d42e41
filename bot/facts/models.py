"""The fact set: what extraction and resolution produce, what the store keeps and `facts export` prints."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

DateKind = Literal["premiere", "production_start", "renewal", "event", "ticket_sale"]
Precision = Literal["day", "month", "year"]

_DATE_SHAPES = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII),
    "month": re.compile(r"\d{4}-\d{2}", re.ASCII),
    "year": re.compile(r"\d{4}", re.ASCII),
}
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d", re.ASCII)
# SQLite keeps whole numbers in 64 bits; a larger one cannot be stored.
STORED_INTEGER = 2**63 - 1


def _real_date(value: str) -> bool:
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


@functools.cache
def _zones() -> frozenset[str]:
    # The machine's own ("localtime") and the database's odd files ("Factory", "posix/...") are not places.
    odd = {"localtime", "posixrules", "Factory"}
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in odd and not name.startswith(("posix/", "right/"))
    )


def known_zone(name: str) -> bool:
    """Whether name is a place's IANA time zone, spelled exactly ("Europe/Paris", "UTC"): not a folder such as
    "America", a path, the machine's own "localtime" or the database's "Factory"."""
    return name in _zones()


def _storable_numbers(**numbers: int | None) -> None:
    for name, number in numbers.items():
        if number is not None and not -STORED_INTEGER <= number <= STORED_INTEGER:
            raise ValueError(f"{name} {number} is too large")


class Source(BaseModel):
    """Where a fact comes from: a sentence of an article (with its character span), or a correction."""

    model_config = ConfigDict(frozen=True)

    file: str
    sentence: str
    start: int = Field(ge=0, description="character offset of the evidence in the article's text")
    end: int = Field(ge=0)
    publication_date: dt.date | None = None
    correction_by: str | None = None
    # The article as a reader knows it (copied from its document; not stored with each source).
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None


class Document(BaseModel):
    """One article read from seeds/."""

    file: str
    publication_date: dt.date | None
    characters: int
    facts: int = 0
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None


class Quote(BaseModel):
    """Something an article says, kept in its words: about a character, or a season's story."""

    id: str
    text: str
    sources: list[Source]


class CastCredit(BaseModel):
    """An actor in the cast and the character they play (None when the articles name no character)."""

    id: str
    actor: str
    character: str | None
    actor_aliases: list[str] = []
    character_aliases: list[str] = []
    about: list[Quote] = Field(default=[], description="what the articles say about the character")
    sources: list[Source]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def aliases(self) -> list[str]:
        """Every other spelling of the actor and character, for lookup."""
        return [*self.actor_aliases, *self.character_aliases]


class CrewCredit(BaseModel):
    """A person or company behind the show, with its roles (creator, writer, director, ...)."""

    id: str
    name: str
    roles: list[str]
    is_company: bool = False
    affiliations: list[str] = []
    aliases: list[str] = []
    sources: list[Source]


class DatedFact(BaseModel):
    """A premiere, production start, renewal, event or ticket sale, with its date as precise as stated."""

    id: str
    kind: DateKind
    title: str
    season: int | None = None
    part: int | None = None
    date: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY, as given by precision")
    precision: Precision = "day"
    time: str | None = Field(default=None, description="HH:MM local time in `timezone`")
    timezone: str | None = None
    time_source: Literal["article", "show default"] | None = None
    place: str | None = None
    venue: str | None = None
    city: str | None = None
    audience: str | None = None
    event_id: str | None = None
    weekday_warning: str | None = None
    already_under_way: bool = Field(
        default=False,
        description="the date is when an article reported it under way (tickets 'now on sale'), not when it began",
    )
    sources: list[Source]

    @model_validator(mode="after")
    def _consistent(self) -> DatedFact:
        # Exactly the shapes the store and every reader parse back (strptime alone takes "2024-8-1").
        shapes = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
        if not _DATE_SHAPES[self.precision].fullmatch(self.date) or not _real_date(self.date):
            raise ValueError(
                f"date {self.date!r} is not a {self.precision} (expected {shapes[self.precision]})"
            )
        if self.time is not None and not _TIME.fullmatch(self.time):
            raise ValueError(f"time {self.time!r} is not HH:MM")
        if self.timezone is not None and not known_zone(self.timezone):
            raise ValueError(f"unknown time zone {self.timezone!r} (use an IANA name like Europe/Paris)")
        _storable_numbers(season=self.season, part=self.part)
        return self

    def calendar_date(self) -> dt.date | None:
        """The day, when the precision is a day."""
        return dt.date.fromisoformat(self.date) if self.precision == "day" else None

    def starts_at(self) -> dt.datetime | None:
        """The aware moment this happens, when the day, the time and the zone are all known."""
        day = self.calendar_date()
        if day is None or self.time is None or self.timezone is None:
            return None
        return dt.datetime.combine(day, dt.time.fromisoformat(self.time), tzinfo=ZoneInfo(self.timezone))


class Figure(BaseModel):
    """A stated audience figure, e.g. 12 million households in the first week."""

    id: str
    season: int | None
    amount: int
    text: str
    unit: str
    window: str | None
    sources: list[Source]

    @model_validator(mode="after")
    def _fits(self) -> Figure:
        _storable_numbers(season=self.season, amount=self.amount)
        return self


class Accolade(BaseModel):
    """A stated ranking, e.g. the service's most popular comedy series of a year."""

    id: str
    season: int | None
    text: str
    sources: list[Source]


class Season(BaseModel):
    """Everything known about one season, with links to its dated facts."""

    number: int
    year: int | None = None
    date_ids: list[str] = []
    figures: list[Figure] = []
    accolades: list[Accolade] = []
    story: list[Quote] = []
    new_cast: list[str] = []
    sources: list[Source] = []


def _nested(values: dict[str, str | int], render: Callable[[str], str]) -> dict[str, str | int]:
    """Values with each `<name>_key` (a catalogue key itself, such as a skipped file's reason) also given
    rendered as `<name>`."""
    found = dict(values)
    for name, value in values.items():
        if name.endswith("_key") and isinstance(value, str):
            found[name.removesuffix("_key")] = render(value)
    return found


class BuildWarning(BaseModel):
    """A problem found while building: a skipped file, a conflict between sources, a date that disagrees."""

    model_config = ConfigDict(frozen=True)

    file: str | None
    message: str
    line: int | None = None
    # The catalogue key and values the message was made from, so each reader gets it in their language.
    key: str | None = None
    values: dict[str, str | int] = {}

    @classmethod
    def of(cls, key: str, file: str | None, *, line: int | None = None, **values: str | int) -> BuildWarning:
        """A warning from the catalogues (its `message`, for logs and the command line, in English)."""
        return cls.from_values(key, file, values, line)

    @classmethod
    def from_values(
        cls, key: str, file: str | None, values: dict[str, str | int], line: int | None = None
    ) -> BuildWarning:
        """As `of`, with the values in a dict."""
        from bot.i18n.en import MESSAGES  # a plain dict: no Discord import in the build's workers

        message = MESSAGES[key].format(**_nested(values, lambda inner: MESSAGES[inner].format(**values)))
        return cls(file=file, line=line, key=key, values=values, message=message)

    def describe(self, locale: str | None) -> str:
        """ "file:line: message" in the reader's language (messages made before keys existed stay English)."""
        from bot.i18n import text  # rendering only: the build never calls this

        message = text(self.key, locale, **self.values) if self.key else self.message
        where = self.file or text("warning.all_sources", locale)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {message}"

    def __str__(self) -> str:
        where = self.file or "(all sources)"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class FactSet(BaseModel):
    """The whole fact set built from seeds/: the unit that is stored, swapped and exported."""

    show_title: str
    credits: list[CastCredit] = []
    crew: list[CrewCredit] = []
    dates: list[DatedFact] = []
    seasons: list[Season] = []
    figures: list[Figure] = []
    documents: list[Document] = []
    warnings: list[BuildWarning] = []

    def sourced_facts(self) -> list[CastCredit | CrewCredit | DatedFact | Figure]:
        """Every fact with an id and sources: credits, crew, dates and figures."""
        return [*self.credits, *self.crew, *self.dates, *self.figures]

    def fact_count(self) -> int:
        """How many facts the set holds (credits, crew, dates and figures)."""
        return len(self.sourced_facts())
