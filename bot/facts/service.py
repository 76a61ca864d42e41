"""The facts the bot answers from: read from the store at start-up (built from seeds/ on a first run), rebuilt
by reloads in a child process with a time limit, every change to them made one at a time."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import gc
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator, Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from bot.clock import Clock
from bot.facts.build import build_fact_set
from bot.facts.corrections import check_values
from bot.facts.diff import FactDiff, diff_facts
from bot.facts.extraction_cache import cache_path_for
from bot.facts.models import BuildWarning, FactSet
from bot.facts.seed_files import CORRECTIONS_FILE, SeedFileError, load_corrections
from bot.facts.worker import WorkerDiedError, WorkerTimeoutError, in_worker
from bot.queries.people import PeopleIndex
from bot.settings import Settings
from bot.store.facts import read_fact_store, write_fact_store
from bot.store.integrity import damage, remove_sidecars
from bot.store.shared_seeds import SeedsBusyError, SeedsChange

log = logging.getLogger(__name__)
T = TypeVar("T")


REMEMBERED_ANSWERS = 4096


class ReloadBusyError(Exception):
    """A reload was asked for while another change to the facts is running."""

    def __init__(self, started: Reload) -> None:
        super().__init__(f"a reload started by {started.by} is still running")
        self.started = started


class ReloadFailedError(Exception):
    """A rebuild that failed for a reason other than a seed file: too slow, the store could not be written,
    an internal error. `why` is the catalogue key of the reason shown to the moderator. Nothing changed."""

    def __init__(self, why: str, **values: Any) -> None:
        super().__init__(f"{why} {values}" if values else why)
        self.why = why
        self.values = values


@dataclass(frozen=True)
class Reload:
    """Who asked for a reload (or another change to the facts), and when."""

    by: str
    at: dt.datetime


@dataclass(frozen=True)
class ReloadResult:
    """What a reload changed and what it warned about."""

    diff: FactDiff
    warnings: list[BuildWarning]
    documents: int
    seconds: float


def _build_in_child(job: tuple[Path, Path, dt.datetime, str, Path]) -> None:
    """Runs in a separate process: build from seeds/ and write the store to a candidate file beside the live
    one (both are CPU work, and the bot's event loop must keep answering). Articles that did not change come
    from the extraction cache beside the live store."""
    seeds_dir, candidate, built_at, by, live = job
    facts = build_fact_set(seeds_dir, cache=cache_path_for(live))
    asyncio.run(write_fact_store(candidate, facts, built_at, built_by=by))


def _read_back(candidate: Path) -> FactSet:
    """In a thread: the new store read exactly as the next start would read it. Reading it here rather than
    receiving the facts from the build process also keeps the event loop free: unpickling a whole fact set is
    one call that holds the interpreter lock for 0.4 s per 1,000 articles."""
    facts, _, _ = asyncio.run(read_fact_store(candidate))
    return facts


@contextlib.contextmanager
def _no_full_collections() -> Iterator[None]:
    """While a new fact set is read and compared: no full garbage collection, and afterwards the facts in memory
    are frozen out of every later one. A full collection walks every object in the process, facts included,
    holding the interpreter lock: 0.1 to 0.3 s with 1,000 articles, during which the event loop cannot run."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)
    try:
        yield
    finally:
        # The young generations only (a few thousand objects), so that no garbage is frozen with the facts.
        gc.collect(1)
        gc.freeze()
        gc.set_threshold(*thresholds)


def _frozen(service: FactService) -> FactService:
    """At start-up, before the bot answers: collect once, then keep the facts out of later full collections."""
    gc.collect()
    gc.freeze()
    return service


def _remove_candidate(candidate: Path) -> None:
    """The candidate store, and what a build process killed while writing it left (its own temporary file)."""
    try:
        for path in [candidate, *candidate.parent.glob(f".{candidate.name}.building-*")]:
            path.unlink(missing_ok=True)
    except OSError:  # clean-up never hides why the reload failed
        log.warning("could not remove %s", candidate, exc_info=True)


def why_not_written(error: BaseException) -> str:
    """The catalogue key that says, in a moderator's words, why a file could not be written."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return "facts.why.disk_full"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "facts.why.read_only"
    if isinstance(error, sqlite3.Error):
        message = str(error).lower()
        if "full" in message:
            return "facts.why.disk_full"
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            return "facts.why.read_only"
    return "facts.why.internal"


class FactService:
    """Holds the current fact set in memory, and the lookup index built from it; cogs ask it, never the database.

    Every change to seeds/, corrections.toml and the store (reloads, corrections, imports) runs under one lock,
    `changing()`: two moderators at once are served one after the other, never interleaved.
    """

    def __init__(self, facts: FactSet, loaded_at: dt.datetime, loaded_by: str | None = None) -> None:
        # Called after each reload with its outcome (ok, refused, error) and seconds: the metrics.
        self.reload_observers: list[Callable[[str, float], None]] = []
        self.facts = facts
        self.loaded_at = loaded_at
        self.loaded_by = loaded_by
        self.running: Reload | None = None
        self.people = PeopleIndex(facts)
        self._answers: dict[Hashable, Any] = {}
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[Any] | None = None
        # Told when the facts change (the countdown looks again).
        self.listeners: list[Callable[[], None]] = []
        # Set when several processes share the seeds (bot/store/shared_seeds.py): a change also holds their
        # one lock, starts from the shared copy and sends what it changed.
        self.guard: Callable[..., contextlib.AbstractAsyncContextManager[SeedsChange]] | None = None
        self._change: SeedsChange | None = None

    def replace(self, facts: FactSet, loaded_at: dt.datetime, people: PeopleIndex | None = None) -> None:
        """Answer from a new fact set from now on; the lookup index is rebuilt (unless given) and remembered
        answers forgotten."""
        people = people or PeopleIndex(facts)
        self.facts, self.loaded_at, self.people, self._answers = facts, loaded_at, people, {}
        for listener in self.listeners:
            try:
                listener()
            except Exception:  # the facts are swapped whatever a listener does
                log.exception("a listener failed after the facts changed")

    def remembered(self, key: Hashable, make: Callable[[], T]) -> T:
        """An answer that depends only on the facts and `key`, made once until the facts change."""
        if key not in self._answers:
            if len(self._answers) >= REMEMBERED_ANSWERS:
                self._answers.clear()
            self._answers[key] = make()
        return cast(T, self._answers[key])

    def holds_changes(self) -> bool:
        """Whether the running task holds the lock on changes (inside `changing()`)."""
        return self._holder is not None and self._holder is asyncio.current_task()

    @contextlib.asynccontextmanager
    async def changing(
        self, by: str, at: dt.datetime, *, wait: bool = True, shared: bool = True
    ) -> AsyncIterator[None]:
        """Hold the one lock on changes to seeds/, corrections.toml and the store while the block runs (and,
        when processes share the seeds, their lock too, unless `shared` is off: a rebuild from seeds another
        process changed writes none).

        With wait=False, raise ReloadBusyError instead of waiting for a change under way.
        """
        if self.holds_changes():
            yield  # already held by this task: one change made of several steps
            return
        if not wait and self._lock.locked():
            raise ReloadBusyError(self.running or Reload("?", at))
        async with self._lock:
            self._holder, self.running = asyncio.current_task(), Reload(by, at)
            try:
                if self.guard is None or not shared:
                    yield
                else:
                    async with self._guarded(at, wait):
                        yield
            finally:
                self._holder, self.running = None, None

    @contextlib.asynccontextmanager
    async def _guarded(self, at: dt.datetime, wait: bool) -> AsyncIterator[None]:
        """The processes' shared lock on the seeds; another process's change under way is a busy change."""
        assert self.guard is not None
        try:
            async with self.guard(wait=wait) as change:
                self._change = change
                try:
                    yield
                finally:
                    self._change = None
        except SeedsBusyError as error:  # raised on entry only: the block never raises it
            raise ReloadBusyError(Reload("another bot process", at)) from error

    async def reload(
        self,
        settings: Settings,
        clock: Clock,
        by: str,
        *,
        accept: Callable[[FactSet], None] | None = None,
        shared: bool = True,
    ) -> ReloadResult:
        """Rebuild from seeds/ in a separate process, write a new store and swap it in, then answer from it.

        Inside `changing()` it runs as part of that change; otherwise a reload while another change runs raises
        ReloadBusyError. `accept` may refuse the new facts (by raising) before anything is written. A build that
        fails raises SeedFileError (a seed file is wrong) or ReloadFailedError (too slow, the store could not
        be written, an internal error), and leaves the store on disk and the facts in memory as they were.
        """
        async with self.changing(by, clock.now(), wait=False, shared=shared):
            began, outcome = time.perf_counter(), "error"
            try:
                result = await self._rebuild(settings, clock, by, accept)
                outcome = "ok"
                return result
            except SeedFileError:
                outcome = "refused"
                raise
            finally:
                for observe in self.reload_observers:
                    observe(outcome, time.perf_counter() - began)

    async def _rebuild(
        self, settings: Settings, clock: Clock, by: str, accept: Callable[[FactSet], None] | None
    ) -> ReloadResult:
        began, limit, live = time.perf_counter(), settings.reload_timeout_seconds, settings.facts_db
        candidate = live.with_name(f".{live.name}.building-{uuid.uuid4().hex[:8]}.candidate")
        loaded_at = clock.now()
        try:
            try:
                await asyncio.to_thread(live.parent.mkdir, parents=True, exist_ok=True)
                await in_worker(
                    _build_in_child, (settings.seeds_dir, candidate, loaded_at, by, live), timeout=limit
                )
                left = max(0.0, limit - (time.perf_counter() - began))
                with _no_full_collections():
                    facts = await asyncio.wait_for(asyncio.to_thread(_read_back, candidate), left)
            except (WorkerTimeoutError, TimeoutError) as error:
                log.warning("reload by %s abandoned after %g s; the facts in use stay", by, limit)
                raise ReloadFailedError("facts.why.timeout", seconds=limit) from error
            except WorkerDiedError as error:
                log.error("reload by %s: %s", by, error)
                raise ReloadFailedError("facts.why.worker") from error
            except SeedFileError:
                raise
            except Exception as error:
                log.exception("reload by %s: the new facts could not be built and stored", by)
                raise ReloadFailedError(why_not_written(error)) from error
            if accept is not None:
                await asyncio.to_thread(accept, facts)  # a check may compare whole fact sets: off the loop
            if self._change is not None:
                await self._send_change(by)
            with _no_full_collections():
                diff = await self._swap(facts, candidate, live, loaded_at, by)
        finally:
            await asyncio.to_thread(_remove_candidate, candidate)
        return ReloadResult(diff, facts.warnings, len(facts.documents), time.perf_counter() - began)

    async def share_change(self) -> None:
        """Within a change that writes no facts (a rejection): send what it did to the shared seeds now, before
        it is recorded; raises what stopped it (the caller undoes its files). Nothing to do unshared."""
        if self._change is not None:
            await self._change.commit()

    async def _send_change(self, by: str) -> None:
        """Before the facts are swapped: the shared seeds get what this change did, or the reload fails and
        the change is undone (no process answers from seeds the others do not have)."""
        assert self._change is not None
        try:
            await self._change.commit()
        except Exception as error:
            log.warning("reload by %s: the shared seeds could not take the change (%s)", by, error)
            raise ReloadFailedError("facts.why.shared") from error

    async def _swap(
        self, facts: FactSet, candidate: Path, live: Path, loaded_at: dt.datetime, by: str
    ) -> FactDiff:
        """Put the candidate store in place of the live one and answer from its facts: disk and memory change
        together or not at all, even if the reload is cancelled half-way."""
        # CPU work on the whole fact set: off the event loop.
        diff, people = await asyncio.to_thread(lambda: (diff_facts(self.facts, facts), PeopleIndex(facts)))
        renaming = asyncio.ensure_future(asyncio.to_thread(os.replace, candidate, live))
        try:
            await asyncio.shield(renaming)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await renaming
            if not renaming.cancelled() and renaming.exception() is None:
                self._answer_from(facts, people, loaded_at, by)
            raise
        except OSError as error:
            log.exception("reload by %s: the new store could not replace the live one", by)
            raise ReloadFailedError(why_not_written(error)) from error
        self._answer_from(facts, people, loaded_at, by)
        return diff

    def _answer_from(self, facts: FactSet, people: PeopleIndex, loaded_at: dt.datetime, by: str) -> None:
        self.loaded_by = by
        self.replace(facts, loaded_at, people)

    @classmethod
    async def open(cls, settings: Settings, clock: Clock, *, rebuild: bool = False) -> FactService:
        """The store at settings.facts_db; built from settings.seeds_dir when there is none yet, or when the one
        there cannot be used whatever the reason: another schema version, damaged pages, cut short, emptied,
        not a database (the store is derived from seeds/, so rebuilding loses nothing; why is logged). A broken corrections.toml does not stop the bot: it starts from the last good store, or
        from the articles without corrections, and the moderators see a warning in /facts status. Raises
        SeedFileError when show.toml cannot be used and there is no store. With `rebuild` (the seeds are
        shared, and other processes may have changed them while this one was stopped), it is always rebuilt:
        only the articles that changed are extracted again."""
        await asyncio.to_thread(remove_leftovers, settings.facts_db)
        path = settings.facts_db
        try:
            problem = None if rebuild else await damage(path)
            if rebuild:
                log.info(
                    "the seeds are shared: building the facts from %s as the database holds them",
                    settings.seeds_dir,
                )
            elif problem is None:
                facts, built_at, built_by = await read_fact_store(path)
                log.info("fact store %s: %d facts, built %s", path, facts.fact_count(), built_at)
                facts.warnings += await asyncio.to_thread(_corrections_problems, settings.seeds_dir)
                return _frozen(cls(facts, built_at, built_by))
            else:
                log.warning(
                    "the fact store %s is damaged (%s): rebuilding it from %s",
                    path,
                    problem,
                    settings.seeds_dir,
                )
        except FileNotFoundError:
            log.info("no fact store at %s yet: building it from %s", path, settings.seeds_dir)
        except Exception as error:  # whatever makes a derived file unreadable, it is rebuilt
            log.warning(
                "the fact store %s cannot be read (%s: %s): rebuilding it from %s",
                path, type(error).__name__, error, settings.seeds_dir,
            )  # fmt: skip
        await asyncio.to_thread(remove_sidecars, path)
        facts = await asyncio.to_thread(build_at_start, settings.seeds_dir, cache_path_for(settings.facts_db))
        built_at = clock.now()
        await write_fact_store(settings.facts_db, facts, built_at, built_by=None)
        for warning in facts.warnings:
            log.warning("facts: %s", warning)
        return _frozen(cls(facts, built_at))


def remove_leftovers(facts_db: Path) -> None:
    """Delete what a bot killed in the middle of writing a store left beside it (never read, never finished)."""
    for leftover in [
        *facts_db.parent.glob(f".{facts_db.name}.building-*"),  # a store being written, or a candidate
        *facts_db.parent.glob(f"..{facts_db.name}.building-*"),  # a candidate being written
        # Not the live store's own journal: a hot journal says a write was cut short, and the store is then
        # rebuilt (see FactService.open); deleting it first would hide that.
    ]:
        try:
            leftover.unlink(missing_ok=True)
            log.info("removed %s, left by a store write that did not finish", leftover)
        except OSError:
            log.warning("could not remove %s", leftover, exc_info=True)


def _not_applied(error: SeedFileError, key: str) -> BuildWarning:
    return BuildWarning.of(key, CORRECTIONS_FILE, line=error.line, reason=error.reason)


def build_at_start(seeds_dir: Path, cache: Path | None = None) -> FactSet:
    """The build at start-up: when corrections.toml is broken, the articles alone, with a warning saying so."""
    try:
        return build_fact_set(seeds_dir, cache=cache)
    except SeedFileError as error:
        if error.file != CORRECTIONS_FILE:
            raise
        log.error("facts: %s; starting without corrections", error)
        facts = build_fact_set(seeds_dir, cache=cache, with_corrections=False)
        facts.warnings.insert(0, _not_applied(error, "warning.corrections_ignored"))
        return facts


def _corrections_problems(seeds_dir: Path) -> list[BuildWarning]:
    """corrections.toml as it is now, next to a store built earlier: a warning when it cannot be used."""
    try:
        for correction in load_corrections(seeds_dir):
            check_values(correction)
    except SeedFileError as error:
        log.error("facts: %s; the store built before it stays in use", error)
        return [_not_applied(error, "warning.corrections_not_applied")]
    return []
