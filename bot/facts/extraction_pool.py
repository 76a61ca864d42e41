"""Extraction of many articles at once on every core: articles are independent, so a large build (a first
start, a changed show.toml or extractor) is split over worker processes; a small one stays in-process."""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence

from bot.facts.extraction import Extracted, read_and_extract
from bot.facts.scanning import compile_all
from bot.facts.seed_files import ShowConfig
from bot.facts.show_context import ShowContext

log = logging.getLogger(__name__)

# Below this much text, starting worker processes (each imports the extractor) costs more than it saves.
PARALLEL_MIN_BYTES = 1_000_000
MAX_WORKERS = 4
# Articles per task: large enough that pickling overhead is small, small enough to balance the cores.
_CHUNK_ARTICLES = 16
_PARENT_CHECK_SECONDS = 1.0

_show: ShowContext | None = None


def _watch_parent(parent: int) -> None:
    """In a worker: exit once the building process is gone (killed past its time limit, kill -9), instead
    of waiting forever on a queue nobody will feed."""
    stopped = threading.Event()
    while not stopped.wait(_PARENT_CHECK_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


def _start_worker(config: ShowConfig, parent: int) -> None:
    global _show
    _show = ShowContext(config)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _extract_chunk(items: list[tuple[str, bytes]]) -> list[Extracted]:
    assert _show is not None, "worker started without its show"
    return [read_and_extract(item, _show) for item in items]


def _start_method() -> str:
    """fork where it is safe: workers then start with the extractor's patterns compiled (compiling them takes
    about a second per process). A process with other threads (the bot's own start-up build runs beside its
    event loop and database threads) spawns instead, since a fork would copy locks those threads may hold."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def worker_count(items: Sequence[tuple[str, bytes]]) -> int:
    """How many processes extraction of these articles is worth: 1 for a small build or a single core."""
    size = sum(len(data) for _, data in items)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if size < PARALLEL_MIN_BYTES or cores < 2:
        return 1
    return min(cores, MAX_WORKERS, max(1, len(items) // _CHUNK_ARTICLES))


def extract_all(
    items: Sequence[tuple[str, bytes]], config: ShowConfig, workers: int | None = None
) -> dict[str, Extracted]:
    """Each article read and extracted, by file name; on `workers` processes (default: as worth it)."""
    workers = worker_count(items) if workers is None else workers
    if workers <= 1:
        show = ShowContext(config)
        return {name: read_and_extract((name, data), show) for name, data in items}
    chunks = [list(items[start : start + _CHUNK_ARTICLES]) for start in range(0, len(items), _CHUNK_ARTICLES)]
    results: dict[str, Extracted] = {}
    if _start_method() == "fork":
        compile_all()
    try:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(_start_method()),
            initializer=_start_worker,
            initargs=(config, os.getpid()),
        ) as pool:
            for chunk, outcome in zip(chunks, pool.map(_extract_chunk, chunks), strict=True):
                for (name, _), extracted in zip(chunk, outcome, strict=True):
                    results[name] = extracted
    except (concurrent.futures.process.BrokenProcessPool, OSError) as error:
        # A worker killed (out of memory) or none could start: the same work, in this process.
        log.warning("parallel extraction failed (%s); extracting %d articles in-process", error, len(items))
        return extract_all(items, config, workers=1)
    log.info("extracted %d articles on %d processes", len(items), workers)
    return results
