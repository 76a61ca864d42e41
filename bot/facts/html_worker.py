"""A child process that reduces one HTML page to its article: the page on stdin, JSON on stdout.

trafilatura can take seconds on a hostile page; run here, it never holds the bot's event loop, and the bot can
kill it at its time limit. It also limits its own CPU time (so it dies even if the bot is killed first) and
its memory."""

from __future__ import annotations

import json
import resource
import sys

MEMORY_BYTES = 1024 * 1024 * 1024


def extract(html: str) -> dict[str, str | None]:
    """The page's main text, title, publication date (ISO) and site name, as trafilatura finds them."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    data: dict[str, object] = {}
    if isinstance(document, dict):
        data = document
    elif document is not None:
        data = document.as_dict()
    found = {key: data.get(key) for key in ("text", "title", "date", "sitename")}
    return {key: str(value) if value else None for key, value in found.items()}


def main() -> None:
    """`python -m bot.facts.html_worker SECONDS`: read the page, write the findings."""
    seconds = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    # A hostile megabyte peaks near 200 MB here; past this, MemoryError ends the worker, not the host.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    html = sys.stdin.buffer.read().decode("utf-8")
    json.dump(extract(html), sys.stdout)


if __name__ == "__main__":
    main()
