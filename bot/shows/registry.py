"""The shows of one process, each with its one FactService, and the show each guild follows."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.facts.service import FactService
from bot.settings import Settings
from bot.shows.catalogue import ROOT_KEY, discover
from bot.store.shared_seeds import SharedSeeds
from bot.store.state import StateStore

log = logging.getLogger(__name__)


@dataclass
class Show:
    """One show: its key, the settings its facts are built with (its own seeds folder and fact store) and the
    facts every guild following it is answered from."""

    key: str
    settings: Settings
    facts: FactService

    @property
    def title(self) -> str:
        """The show's title, as its show.toml gives it."""
        return self.facts.facts.show_title


class Shows:
    """Every show, held once per process whatever the number of guilds, and which one each guild follows.

    With one show every guild follows it; with several, a guild follows none until a moderator chooses."""

    def __init__(self, shows: list[Show], warnings: list[str] | None = None) -> None:
        if not shows:
            raise ValueError("a deployment has at least one show")
        self._shows = {show.key: show for show in shows}
        self._chosen: dict[int, str] = {}
        self._state: StateStore | None = None
        self.warnings = warnings or []
        # Told when a guild changes show (the countdown and the scheduled events look again).
        self.listeners: list[Callable[[], None]] = []
        # The seeds folder as every process shares it (PostgreSQL), when they do.
        self.seeds: SharedSeeds | None = None
        # A choice made here while the choices are read again (another process changed one) is not undone.
        self._choosing = asyncio.Lock()

    @classmethod
    def single(cls, settings: Settings, facts: FactService) -> Shows:
        """One show, the facts already open: the layout of seeds/ from before several shows."""
        return cls([Show(ROOT_KEY, settings, facts)])

    @classmethod
    async def open(cls, settings: Settings, clock: Clock, state: StateStore | None = None) -> Shows:
        """Find the shows in SEEDS_DIR and open (or build) each one's fact store. With a state database shared
        by several processes, SEEDS_DIR is first brought up to date from it (or fills it, the first time), and
        every later change to the seeds goes through it. Raises SeedFileError as FactService.open does, or when
        no show folder can be used."""
        url = settings.database_url.get_secret_value() if settings.database_url else None
        seeds = SharedSeeds(url, settings.seeds_dir) if url and state is not None and state.shared else None
        if seeds is not None:
            await seeds.start()
        catalogue = discover(settings.seeds_dir, settings.facts_db)
        for warning in catalogue.warnings:
            log.warning("shows: %s", warning)
        shows = []
        for folder in catalogue.shows:
            # The root layout's one show uses the deployment's settings themselves (a change to them, such as a
            # reload's time limit, applies to it as before); a show folder gets its own copy.
            scoped = (
                settings
                if (folder.seeds_dir, folder.facts_db) == (settings.seeds_dir, settings.facts_db)
                else settings.model_copy(update={"seeds_dir": folder.seeds_dir, "facts_db": folder.facts_db})
            )
            facts = await FactService.open(scoped, clock, rebuild=seeds is not None)
            shows.append(Show(folder.key, scoped, facts))
        if catalogue.several:
            log.info("shows: %s", ", ".join(f"{show.key} ({show.title})" for show in shows))
        opened = cls(shows, catalogue.warnings)
        if seeds is not None:
            opened.seeds = seeds
            for show in shows:
                show.facts.guard = seeds.holding
        return opened

    async def load(self, state: StateStore) -> None:
        """Read each guild's choice; a choice naming a show no longer in seeds/ is set aside (kept in the
        database, so putting the folder back restores it)."""
        self._state = state
        async with self._choosing:
            chosen = await state.guild_shows()
            self._take(chosen)

    def _take(self, chosen: dict[int, str]) -> None:
        gone = {key for key in chosen.values() if key not in self._shows}
        if gone and self.several:
            log.warning("shows: guilds follow shows no longer in seeds/: %s", ", ".join(sorted(gone)))
        self._chosen = {guild: key for guild, key in chosen.items() if key in self._shows}

    @property
    def several(self) -> bool:
        """Whether guilds choose which show they follow."""
        return len(self._shows) > 1

    def all(self) -> list[Show]:
        """Every show, in key order."""
        return list(self._shows.values())

    def first(self) -> Show:
        """The only show of a one-show deployment (with several, the first in key order)."""
        return next(iter(self._shows.values()))

    def get(self, key: str) -> Show | None:
        """A show by key."""
        return self._shows.get(key)

    def for_guild(self, guild_id: int | None) -> Show | None:
        """The show a guild follows: with one show, that one; with several, the guild's choice (None until a
        moderator makes it, and outside a guild)."""
        if not self.several:
            return self.first()
        key = self._chosen.get(guild_id) if guild_id is not None else None
        return self._shows.get(key) if key is not None else None

    def guilds(self) -> dict[int, str]:
        """Each guild that chose, and its show's key."""
        return dict(self._chosen)

    def matching(self, typed: str) -> list[Show]:
        """The shows whose title or key contains what is typed (any case), in title order."""
        wanted = typed.strip().casefold()
        found = [
            show for show in self.all() if wanted in show.title.casefold() or wanted in show.key.casefold()
        ]
        return sorted(found, key=lambda show: show.title.casefold())

    async def choose(self, guild_id: int, key: str, now: dt.datetime, by: int | None) -> Show:
        """Record the show a guild follows from now on; KeyError for a key that is not a show."""
        show = self._shows[key]
        async with self._choosing:
            if self._state is not None:
                await self._state.choose_show(guild_id, key, now, by)
            self._chosen[guild_id] = key
        for listener in self.listeners:
            try:
                listener()
            except Exception:  # the choice is made whatever a listener does
                log.exception("a listener failed after a guild changed show")
        return show


async def open_deployment(settings: Settings, clock: Clock) -> tuple[StateStore, Shows]:
    """The state database (SQLite, or PostgreSQL with DATABASE_URL) and every show's facts, as `run` and the
    local bot open them: the state first, since shared seeds come from it; closed again if the shows fail."""
    state = await StateStore.open_configured(
        settings.state_db, settings.database_url.get_secret_value() if settings.database_url else None, clock
    )
    try:
        return state, await Shows.open(settings, clock, state)
    except BaseException:
        await state.close()
        raise
