"""The facts the bot answers from: read from the store at start-up (built from seeds/ on a first run)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from bot.clock import Clock
from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.queries.people import PeopleIndex
from bot.settings import Settings
from bot.store.facts import read_fact_store, write_fact_store
from bot.store.migrations import SchemaTooNewError

log = logging.getLogger(__name__)
T = TypeVar("T")
REMEMBERED_ANSWERS = 4096


class FactService:
    """Holds the current fact set in memory, and the lookup index built from it; cogs ask it, never the database."""

    def __init__(self, facts: FactSet, loaded_at: dt.datetime) -> None:
        self.facts = facts
        self.loaded_at = loaded_at
        self.people = PeopleIndex(facts)
        self._answers: dict[Hashable, Any] = {}
        self.listeners: list[
            Callable[[], None]
        ] = []  # told when the facts change (the countdown looks again)

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

    @classmethod
    async def open(cls, settings: Settings, clock: Clock) -> FactService:
        """The store at settings.facts_db; built from settings.seeds_dir when there is none yet, or when it
        was written by another version of the schema (the store is derived from seeds/, so rebuilding loses
        nothing). Raises SeedFileError when seeds/ cannot be built."""
        try:
            facts, built_at = await read_fact_store(settings.facts_db)
            log.info("fact store %s: %d facts, built %s", settings.facts_db, facts.fact_count(), built_at)
            return cls(facts, built_at)
        except FileNotFoundError:
            log.info("no fact store at %s yet: building it from %s", settings.facts_db, settings.seeds_dir)
        except (ValueError, SchemaTooNewError) as error:
            log.warning("rebuilding the fact store %s: %s", settings.facts_db, error)
        facts = await asyncio.to_thread(build_fact_set, settings.seeds_dir)
        built_at = clock.now()
        await write_fact_store(settings.facts_db, facts, built_at)
        for warning in facts.warnings:
            log.warning("facts: %s", warning)
        return cls(facts, built_at)
