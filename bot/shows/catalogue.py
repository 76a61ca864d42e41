"""Finding the shows in seeds/: the folder itself when it holds show.toml (one show, as before), else each
folder of it that holds a show.toml (the folder's name is the show's key)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.facts.seed_files import SHOW_FILE, SeedFileError, load_show

log = logging.getLogger(__name__)

# The key of the one show of seeds/ laid out as before (show.toml at its root).
ROOT_KEY = "default"
# Folders the news desk keeps in a show's seeds (bot/newsdesk/pending_files.py): never shows themselves.
NOT_SHOWS = frozenset({"pending", "rejected"})
# A key names a store file and sits in the calendar feed's address: letters, digits, "-" and "_" only.
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class ShowFolder:
    """One show's key, its articles' folder and its own fact store."""

    key: str
    seeds_dir: Path
    facts_db: Path


@dataclass(frozen=True)
class Catalogue:
    """The shows found, and a line for each folder that looked like a show and was left out."""

    shows: list[ShowFolder]
    warnings: list[str] = field(default_factory=list)

    @property
    def several(self) -> bool:
        """Whether guilds must choose which show they follow."""
        return len(self.shows) > 1


def store_for(facts_db: Path, key: str) -> Path:
    """A show's own fact store beside FACTS_DB: data/facts.db -> data/facts-<key>.db."""
    return facts_db.with_name(f"{facts_db.stem}-{key}{facts_db.suffix}")


def _show_folders(seeds_dir: Path) -> list[Path]:
    """The folders of seeds/ that hold a show.toml, in name order (hidden and news-desk folders skipped)."""
    try:
        children = sorted(seeds_dir.iterdir())
    except OSError:  # no seeds/ at all: the root layout reports it as it always did
        return []
    return [
        child
        for child in children
        if child.is_dir() and not child.name.startswith(".") and child.name not in NOT_SHOWS
        and (child / SHOW_FILE).is_file()
    ]  # fmt: skip


def discover(seeds_dir: Path, facts_db: Path) -> Catalogue:
    """The shows in seeds_dir. show.toml at its root (or no show folder at all) is one show, key ROOT_KEY,
    with its store at facts_db exactly as before; its folders are then not read as shows. Otherwise each
    folder holding a show.toml is a show; one whose name cannot be a key or whose show.toml cannot be used is
    left out with a warning naming it. Raises SeedFileError when show folders exist and none can be used."""
    folders = _show_folders(seeds_dir)
    if (seeds_dir / SHOW_FILE).is_file() or not folders:
        ignored = [
            f"{folder / SHOW_FILE} is not read: {seeds_dir / SHOW_FILE} makes {seeds_dir} one show"
            for folder in folders
        ]
        return Catalogue([ShowFolder(ROOT_KEY, seeds_dir, facts_db)], ignored)
    shows: list[ShowFolder] = []
    warnings: list[str] = []
    first_error: tuple[str, SeedFileError] | None = None
    keys: set[str] = set()
    for folder in folders:
        if not KEY.fullmatch(folder.name):
            warnings.append(
                f"{folder} is left out: a show's folder name may hold only letters, digits, - and _"
            )
            continue
        if folder.is_symlink():
            # A link to another show's folder would be the same show twice; shared through PostgreSQL, a link
            # is not carried either.
            warnings.append(f"{folder} is left out: a show's folder is a folder, not a link")
            continue
        if folder.name.casefold() in keys:
            # On a case-insensitive disk their fact stores would be one file.
            warnings.append(
                f"{folder} is left out: another show's folder has the same name in other letters' case"
            )
            continue
        keys.add(folder.name.casefold())
        try:
            load_show(folder)
        except SeedFileError as error:
            first_error = first_error or (folder.name, error)
            warnings.append(f"{folder.name}/{error}: the show {folder.name!r} is left out")
            continue
        shows.append(ShowFolder(folder.name, folder, store_for(facts_db, folder.name)))
    if not shows:
        if first_error is not None:
            name, broken = first_error
            raise SeedFileError(
                f"{name}/{broken.file}", broken.line, f"{broken.reason} (no show can be used)"
            )
        raise SeedFileError(str(seeds_dir), None, "no folder of it can be a show: " + "; ".join(warnings))
    return Catalogue(shows, warnings)
