"""A child process that reads one feed (see feeds.read_feed): its bytes on stdin, JSON on stdout. feedparser (and the check of which
entries name the show) can take seconds on a hostile feed, in C code that holds the interpreter lock; here it
never holds the bot's event loop or its other feeds, and it is killed at its time limit."""

from __future__ import annotations

import resource
import sys
from dataclasses import asdict
from pathlib import Path

from bot.facts.refusals import ImportRefusedError
from bot.newsdesk.feed_document import CUTS
from bot.newsdesk.feeds import FeedRead, ReadEntry, parse_feed

MEMORY_BYTES = 1024 * 1024 * 1024


def _read(data: bytes, url: str, charset: str | None, seeds: Path | None) -> FeedRead:
    try:
        title, entries = parse_feed(data, url, charset=charset)
    except ImportRefusedError as error:
        return FeedRead(refusal=(error.key, dict(error.values)))
    show = None
    if seeds is not None:
        from bot.facts.seed_files import load_show
        from bot.facts.show_context import ShowContext

        show = ShowContext(load_show(seeds))
    found = [
        ReadEntry(
            **asdict(entry), names_show=show is None or show.names_title(f"{entry.title}\n{entry.summary}")
        )
        for entry in entries
    ]
    return FeedRead(title=title, entries=found, cut=bool(CUTS))


def main() -> None:
    """`python -m bot.newsdesk.feed_worker SECONDS URL CHARSET SEEDS`: read the feed, write what it holds."""
    seconds = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    url, charset, seeds = sys.argv[2], sys.argv[3] or None, sys.argv[4] or None
    read = _read(sys.stdin.buffer.read(), url, charset, Path(seeds) if seeds else None)
    sys.stdout.write(read.model_dump_json())


if __name__ == "__main__":
    main()
