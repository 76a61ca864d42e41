"""The news desk with several shows: an article a guild imports waits in its show's own pending/ folder, and
an approval puts it in that show's seeds folder and facts, even when the guild chose another show since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.client import SavoirBot
from bot.facts.imports import Imported
from bot.local_discord import LocalDiscord, Upload
from bot.newsdesk.keys import link_key
from bot.newsdesk.outcomes import Submission, Submitted

ARTICLE = """date 2024-07-25
In The Lighthouse Keepers, Wenna Holloway plays Bryony Marsh, the harbour master.
"""


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.txt")) if folder.exists() else []


async def test_an_import_waits_and_goes_live_in_the_guilds_show(
    discord: LocalDiscord, several: SavoirBot, two_shows: Path
) -> None:
    guild = discord.world.guild_id
    emily, lighthouse = several.shows.get("emily"), several.shows.get("lighthouse")
    assert emily is not None and lighthouse is not None
    before = emily.facts.facts
    await discord.slash("/setup show", user="moderator", show="lighthouse")
    await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
    upload = Upload("keeper.txt", ARTICLE.encode())
    reply = await discord.slash("/facts import", user="moderator", timeout=60, file=upload)
    assert str(reply.content).startswith("Queued for review as #1")
    [waiting] = _files(two_shows / "lighthouse" / "pending" / str(guild))
    assert _files(two_shows / "emily" / "pending") == [] and _files(two_shows / "pending") == []

    # The guild changes show while the article waits: approving it still feeds the show it was queued for.
    await discord.slash("/setup show", user="moderator", show="emily")
    approved = await discord.press("Approve all", user="moderator", timeout=60)
    assert approved.ephemeral and approved.content == "Approved #1: its facts are live."
    assert (two_shows / "lighthouse" / waiting).exists() and not (two_shows / "emily" / waiting).exists()
    assert waiting in {document.file for document in lighthouse.facts.facts.documents}
    assert emily.facts.facts is before
    assert several.command_failures == 0


async def test_each_show_remembers_its_own_articles(several: SavoirBot) -> None:
    """A shared TV news feed followed by two communities: an article that names one show gives nothing to the
    other show's guild, and is still news to the guild of the show it names."""
    other_guild, lighthouse_guild = 1111 << 22, 2222 << 22
    now = several.clock.now()
    await several.shows.choose(other_guild, "emily", now, 1)
    await several.shows.choose(lighthouse_guild, "lighthouse", now, 1)
    link = "https://news.example.org/tv/the-lighthouse-keepers-cast"
    article = Imported(ARTICLE, "The Lighthouse Keepers adds a harbour master", dt.date(2024, 7, 25), link)
    feed = "https://feeds.example.org/tv.xml"
    [first] = await several.newsdesk.submit_many(
        [Submission(other_guild, article, feed, (link_key(link),), remember_empty=True)]
    )
    [second] = await several.newsdesk.submit_many(
        [Submission(lighthouse_guild, article, feed, (link_key(link),), remember_empty=True)]
    )
    assert isinstance(first, Submitted) and isinstance(second, Submitted), (first, second)
    assert first.outcome == "no_facts"
    assert second.outcome in ("queued", "live"), second
    [again] = await several.newsdesk.submit_many(
        [Submission(lighthouse_guild, article, feed, (link_key(link),), remember_empty=True)]
    )
    assert (
        isinstance(again, Submitted) and again.outcome == "duplicate"
    )  # within one show an article is still taken once
