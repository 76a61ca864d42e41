"""Extraction on several processes: the same facts as in one process, and no worker outlives a killed build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import write_corpus
from bot.facts.build import build_fact_set
from bot.facts.extraction_pool import PARALLEL_MIN_BYTES, worker_count

REPO = Path(__file__).resolve().parents[2]


def test_several_processes_build_exactly_the_facts_of_one(seeds_copy: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(seeds_copy, corpus, 60)
    alone = build_fact_set(corpus, workers=1)
    shared = build_fact_set(corpus, workers=2)
    assert alone.fact_count() > 100
    assert shared == alone


def test_small_builds_stay_in_process_and_large_ones_use_the_cores() -> None:
    small = [("a.txt", b"x" * 1000)] * 50
    large = [(f"{index}.txt", b"x" * 20_000) for index in range(PARALLEL_MIN_BYTES // 20_000 + 1)]
    assert worker_count(small) == 1
    cores = len(os.sched_getaffinity(0))
    assert worker_count(large) == (1 if cores < 2 else min(cores, 4))


_SCRIPT = """
import sys, threading, time, multiprocessing
from pathlib import Path
from bot.facts.build import build_fact_set

def report():
    while not multiprocessing.active_children():
        time.sleep(0.02)
    print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)

threading.Thread(target=report, daemon=True).start()
build_fact_set(Path(sys.argv[1]), workers=2)
print("finished", flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_the_build_is_killed(seeds_copy: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(seeds_copy, corpus, 600)
    build = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, str(corpus)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert build.stdout is not None
        workers = [int(pid) for pid in build.stdout.readline().split()]
        assert workers, "the build started no worker"
        build.send_signal(signal.SIGKILL)
        build.wait(10)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), "a worker outlived the killed build"
    finally:
        build.kill()
        build.wait()


_WARM_START = """
import sys
from pathlib import Path
from bot.facts import scanning
from bot.facts.build import build_fact_set
build_fact_set(Path(sys.argv[1]), cache=Path(sys.argv[2]))
print(sum("pattern" in led.__dict__ for led in scanning._CREATED), len(scanning._CREATED))
"""


def test_a_build_from_a_warm_cache_compiles_no_extraction_pattern(seeds_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    build_fact_set(seeds_copy, cache=cache)
    output = subprocess.run(
        [sys.executable, "-c", _WARM_START, str(seeds_copy), str(cache)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    compiled, created = map(int, output.stdout.split())
    assert created > 10 and compiled == 0
