"""Import helpers: files checked and reduced to articles, saved atomically under a name the bot makes, and
connections refused to anything but public addresses."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.facts.imports import (
    Imported,
    ImportRefusedError,
    NotPublicError,
    PublicOnlyResolver,
    article_from_bytes,
    save_article,
)


def test_plain_text_stays_as_written() -> None:
    article = article_from_bytes("news.md", b"Emily in Paris returns.\n", "news.md")
    assert (article.text, article.published) == ("Emily in Paris returns.\n", None)


def test_saved_with_a_made_name_and_a_date_header(tmp_path: Path) -> None:
    saved = save_article(tmp_path, Imported("Body text.", "A/../Title: here", dt.date(2025, 1, 20), "x"))
    assert (
        saved.parent == tmp_path and saved.name.startswith("import_a-title-here_") and saved.suffix == ".txt"
    )
    assert saved.read_text(encoding="utf-8") == "date 2025-01-20\ntitle A/../Title: here\nBody text.\n"
    assert os.listdir(tmp_path) == [saved.name], "no temporary file left behind"
    with pytest.raises(ImportRefusedError, match="already in seeds"):
        save_article(tmp_path, Imported("Body text.", "A/../Title: here", dt.date(2025, 1, 20), "x"))


async def test_connections_to_loopback_are_refused_unless_allowed() -> None:
    with pytest.raises(NotPublicError):
        await PublicOnlyResolver(allow_loopback=False).resolve("localhost", 80)
    assert await PublicOnlyResolver(allow_loopback=True).resolve("localhost", 80)
