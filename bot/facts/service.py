"""The facts the bot answers from: read from the store at start-up (built from seeds/ on a first run)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import logging
import multiprocessing
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from bot.clock import Clock
from bot.facts.build import build_fact_set
from bot.facts.diff import FactDiff, diff_facts
from bot.facts.extraction_cache import cache_path_for
from bot.facts.models import BuildWarning, FactSet
from bot.queries.people import PeopleIndex
from bot.settings import Settings
from bot.store.facts import read_fact_store, write_fact_store
from bot.store.integrity import damage, remove_sidecars

log = logging.getLogger(__name__)
T = TypeVar("T")
A = TypeVar("A")


async def _in_child_process(function: Callable[[A], T], argument: A) -> T:
    """Run a function in a fresh process (spawned: no inherited threads or sockets) and await its result."""
    context = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, function, argument)
    finally:
        # Joining the worker takes a few hundred milliseconds: never on the event loop.
        await asyncio.shield(asyncio.to_thread(pool.shutdown, wait=True))


REMEMBERED_ANSWERS = 4096


class ReloadBusyError(Exception):
    """A reload was asked for while another one is running."""

    def __init__(self, started: Reload) -> None:
        super().__init__(f"a reload started by {started.by} is still running")
        self.started = started


@dataclass(frozen=True)
class Reload:
    """Who asked for a reload, and when."""

    by: str
    at: dt.datetime


@dataclass(frozen=True)
class ReloadResult:
    """What a reload changed and what it warned about."""

    diff: FactDiff
    warnings: list[BuildWarning]
    documents: int
    seconds: float


def _build_in_child(paths: tuple[Path, Path]) -> FactSet:
    """Runs in a separate process: the build is CPU work, and the bot's event loop must keep answering.
    Articles that did not change come from the extraction cache beside the fact store."""
    seeds_dir, facts_db = paths
    return build_fact_set(seeds_dir, cache=cache_path_for(facts_db))


class FactService:
    """Holds the current fact set in memory, and the lookup index built from it; cogs ask it, never the database."""

    def __init__(self, facts: FactSet, loaded_at: dt.datetime, loaded_by: str | None = None) -> None:
        self.facts = facts
        self.loaded_at = loaded_at
        self.loaded_by = loaded_by
        self.running: Reload | None = None
        self.people = PeopleIndex(facts)
        self._answers: dict[Hashable, Any] = {}
        # Told when the facts change (the countdown looks again).
        self.listeners: list[Callable[[], None]] = []

    def replace(self, facts: FactSet, loaded_at: dt.datetime) -> None:
        """Answer from a new fact set from now on; the lookup index is rebuilt and remembered answers forgotten."""
        people = PeopleIndex(facts)
        self.facts, self.loaded_at, self.people, self._answers = facts, loaded_at, people, {}
        for listener in self.listeners:
            listener()

    def remembered(self, key: Hashable, make: Callable[[], T]) -> T:
        """An answer that depends only on the facts and `key`, made once until the facts change."""
        if key not in self._answers:
            if len(self._answers) >= REMEMBERED_ANSWERS:
                self._answers.clear()
            self._answers[key] = make()
        return cast(T, self._answers[key])

    async def reload(self, settings: Settings, clock: Clock, by: str) -> ReloadResult:
        """Rebuild from seeds/ in a separate process, write a new store and swap it in, then answer from it.

        One reload at a time: a second one raises ReloadBusyError. A build that fails raises SeedFileError and
        leaves the store on disk and the facts in memory exactly as they were.
        """
        if self.running is not None:
            raise ReloadBusyError(self.running)
        self.running = Reload(by, clock.now())
        began = time.perf_counter()
        try:
            facts = await _in_child_process(_build_in_child, (settings.seeds_dir, settings.facts_db))
            loaded_at = clock.now()
            await write_fact_store(settings.facts_db, facts, loaded_at, built_by=by)
            before = self.facts
            self.loaded_by = by
            self.replace(facts, loaded_at)
        finally:
            self.running = None
        return ReloadResult(
            diff_facts(before, facts), facts.warnings, len(facts.documents), time.perf_counter() - began
        )

    @classmethod
    async def open(cls, settings: Settings, clock: Clock) -> FactService:
        """The store at settings.facts_db; built from settings.seeds_dir when there is none yet, or when the one
        there cannot be used whatever the reason: another schema version, damaged pages, cut short, emptied,
        not a database (the store is derived from seeds/, so rebuilding loses nothing; why is logged). Raises
        SeedFileError when seeds/ cannot be built."""
        path = settings.facts_db
        try:
            problem = await damage(path)
            if problem is None:
                facts, built_at, built_by = await read_fact_store(path)
                log.info("fact store %s: %d facts, built %s", path, facts.fact_count(), built_at)
                return cls(facts, built_at, built_by)
            log.warning(
                "the fact store %s is damaged (%s): rebuilding it from %s", path, problem, settings.seeds_dir
            )
        except FileNotFoundError:
            log.info("no fact store at %s yet: building it from %s", path, settings.seeds_dir)
        except Exception as error:  # whatever makes a derived file unreadable, it is rebuilt
            log.warning(
                "the fact store %s cannot be read (%s: %s): rebuilding it from %s",
                path, type(error).__name__, error, settings.seeds_dir,
            )  # fmt: skip
        await asyncio.to_thread(remove_sidecars, path)
        facts = await asyncio.to_thread(
            build_fact_set, settings.seeds_dir, cache=cache_path_for(settings.facts_db)
        )
        built_at = clock.now()
        await write_fact_store(settings.facts_db, facts, built_at, built_by=None)
        for warning in facts.warnings:
            log.warning("facts: %s", warning)
        return cls(facts, built_at)
