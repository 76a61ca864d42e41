"""Import helpers: files checked and reduced to articles, saved atomically under a name the bot makes, and
connections refused to anything but public addresses."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.facts.documents import MAX_ARTICLE_BYTES, read_article
from bot.facts.imports import (
    Imported,
    ImportRefusedError,
    NotPublicError,
    PublicOnlyResolver,
    article_from_bytes,
    save_article,
)


async def test_plain_text_stays_as_written() -> None:
    article = await article_from_bytes("news.md", b"Emily in Paris returns.\n", "news.md")
    assert (article.text, article.published) == ("Emily in Paris returns.\n", None)


def test_saved_with_a_made_name_and_a_date_header(tmp_path: Path) -> None:
    saved = save_article(tmp_path, Imported("Body text.", "A/../Title: here", dt.date(2025, 1, 20), "x"))
    assert (
        saved.parent == tmp_path and saved.name.startswith("import_a-title-here_") and saved.suffix == ".txt"
    )
    assert saved.read_text(encoding="utf-8") == "date 2025-01-20\ntitle A/../Title: here\nBody text."
    assert os.listdir(tmp_path) == [saved.name], "no temporary file left behind"
    with pytest.raises(ImportRefusedError, match="already in seeds"):
        save_article(tmp_path, Imported("Body text.", "A/../Title: here", dt.date(2025, 1, 20), "x"))


async def test_an_upload_of_exactly_the_limit_is_saved_byte_for_byte_and_read(tmp_path: Path) -> None:
    data = ("\ufeffEmily in Paris, encore.\r\n" * 50_000).encode("utf-8")[:MAX_ARTICLE_BYTES]
    data = data[: len(data.decode("utf-8", "ignore").encode("utf-8"))]  # whole characters only
    data += b"." * (MAX_ARTICLE_BYTES - len(data))
    saved = save_article(tmp_path, await article_from_bytes("big.txt", data, "big.txt"))
    assert saved.read_bytes() == data and len(data) == MAX_ARTICLE_BYTES
    assert read_article(saved).text.startswith("Emily in Paris")  # the build's own reader takes it


async def test_one_byte_over_the_limit_is_refused() -> None:
    with pytest.raises(ImportRefusedError, match="too large"):
        await article_from_bytes("big.txt", b"x" * (MAX_ARTICLE_BYTES + 1), "big.txt")


def test_an_extracted_article_that_the_build_would_skip_is_not_saved(tmp_path: Path) -> None:
    near = "y" * (MAX_ARTICLE_BYTES - 5)  # fits alone, not with its date header
    with pytest.raises(ImportRefusedError, match="too large"):
        save_article(tmp_path, Imported(near, None, dt.date(2025, 1, 1), "page"))
    with pytest.raises(ImportRefusedError, match="binary file"):
        save_article(tmp_path, Imported("text\x00" * 100, None, None, "page"))
    assert os.listdir(tmp_path) == []


def test_a_write_that_fails_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds").rmdir()  # a seeds folder that went away: the write itself fails
    with pytest.raises(ImportRefusedError, match="writing to seeds/ failed"):
        save_article(tmp_path / "seeds", Imported("Body text.", None, None, "x"))


def test_a_temporary_file_of_a_killed_import_is_removed_by_the_next(tmp_path: Path) -> None:
    # A real import killed with SIGKILL while its temporary file is open: fsync never returns.
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from bot.facts.imports import Imported, save_article\n"
        "os.fsync = lambda fd: time.sleep(60)\n"
        "save_article(Path(sys.argv[1]), Imported('Killed mid-write. ' * 1000, None, None, 'x'))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)])
    try:
        deadline = time.monotonic() + 20
        while not any(name.endswith(".tmp") for name in os.listdir(tmp_path)):
            assert time.monotonic() < deadline and child.poll() is None, "the child never started writing"
            time.sleep(0.02)
        time.sleep(0.1)
    finally:
        child.kill()
        child.wait()
    (leftover,) = os.listdir(tmp_path)
    assert leftover.startswith(".") and leftover.endswith(".tmp")
    saved = save_article(tmp_path, Imported("Body text.", None, None, "x"))
    assert os.listdir(tmp_path) == [saved.name], "the dead import's temporary file is gone"


async def test_connections_to_loopback_are_refused_unless_allowed() -> None:
    with pytest.raises(NotPublicError):
        await PublicOnlyResolver(allow_loopback=False).resolve("localhost", 80)
    assert await PublicOnlyResolver(allow_loopback=True).resolve("localhost", 80)
