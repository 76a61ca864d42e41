"""The annotated corpus: one folder per show (show.toml, articles, and a `.gold.toml` beside each article)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.facts.documents import article_files
from bot.facts.models import DateKind, Precision
from bot.facts.seed_files import SHOW_FILE

GOLD_SUFFIX = ".gold.toml"


class CorpusError(Exception):
    """A corpus folder or gold file that cannot be used; names the file."""


class GoldArticle(BaseModel):
    """What a careful reader finds on the page itself: its headline, outlet and date."""

    model_config = ConfigDict(extra="forbid")

    headline: str | None = None
    outlet: str | None = None
    publication_date: str | None = None


class GoldCast(BaseModel):
    """An actor of this show and, when the article names one, the character."""

    model_config = ConfigDict(extra="forbid")

    actor: str = Field(min_length=1)
    character: str | None = None


class GoldCrew(BaseModel):
    """A person or company behind the show, with the roles the article states."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    roles: list[str] = []


class GoldDate(BaseModel):
    """A dated fact the article states about this show."""

    model_config = ConfigDict(extra="forbid")

    kind: DateKind
    season: int | None = None
    part: int | None = None
    date: str
    precision: Precision = "day"
    time: str | None = None
    timezone: str | None = None
    city: str | None = None
    venue: str | None = None
    evidence: str | None = None


class GoldTraps(BaseModel):
    """Names and dates in the article that must not become facts of this show."""

    model_config = ConfigDict(extra="forbid")

    names: list[str] = []
    dates: list[str] = []


class Gold(BaseModel):
    """One article's gold file."""

    model_config = ConfigDict(extra="forbid")

    article: GoldArticle = GoldArticle()
    cast: list[GoldCast] = []
    crew: list[GoldCrew] = []
    dates: list[GoldDate] = []
    traps: GoldTraps = GoldTraps()


class AnnotatedArticle(BaseModel):
    """An article file and its gold."""

    path: Path
    gold: Gold


class ShowCorpus(BaseModel):
    """One show's folder of annotated articles."""

    name: str
    folder: Path
    articles: list[AnnotatedArticle]


def gold_path(article: Path) -> Path:
    """Where an article's gold file lives."""
    return article.with_name(article.stem + GOLD_SUFFIX)


def load_gold(path: Path) -> Gold:
    """Read one gold file; CorpusError names the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Gold.model_validate(data)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError, RecursionError) as error:
        raise CorpusError(f"{path}: {error}") from error


def load_show_corpus(folder: Path) -> ShowCorpus:
    """Every annotated article of one show folder (articles without a gold file are an error)."""
    articles = []
    for path in article_files(folder):
        gold = gold_path(path)
        if not gold.is_file():
            raise CorpusError(f"{path}: no gold file {gold.name} beside it")
        articles.append(AnnotatedArticle(path=path, gold=load_gold(gold)))
    return ShowCorpus(name=folder.name, folder=folder, articles=articles)


def load_corpus(root: Path) -> list[ShowCorpus]:
    """A corpus: root is one show folder (with show.toml) or holds show folders."""
    if (root / SHOW_FILE).is_file():
        return [load_show_corpus(root)]
    if not root.is_dir():
        raise CorpusError(f"{root} is not a folder")
    shows = [load_show_corpus(child) for child in sorted(root.iterdir()) if (child / SHOW_FILE).is_file()]
    if not shows:
        raise CorpusError(f"{root} holds no show folder (a folder with {SHOW_FILE})")
    return shows
