"""/facts through the real bot on the local Discord: moderators reload, import, correct and look; members
are refused everywhere; bad input changes nothing."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from bot.local_run import LocalBot, local_settings, start_local_bot
from tests.conftest import approve_without_review

ARTICLE = """date 2025-01-10
Emily in Paris season 5 premieres on Thursday, August 14. Kate Walsh returns as Madeline Wheeler.
"""
HTML = """<!doctype html><html><head><title>Emily in Paris renewed</title>
<meta property="article:published_time" content="2025-01-20T09:00:00Z"></head>
<body><nav>Home | TV | Film</nav><article><h1>Emily in Paris renewed</h1>
<p>Netflix announced today that Emily in Paris season 5 premieres on Thursday, August 14 at 12 a.m. PT, in two parts.</p>
<p>The romantic comedy from creator Darren Star returns with Lily Collins, who plays Emily Cooper, and Eugenio
Franceschini joins the cast as Marcello, an Italian heir with a complicated family.</p>
</article><footer>All rights reserved</footer></body></html>"""


def listing(seeds: Path) -> list[str]:
    return sorted(os.listdir(seeds))


@pytest.fixture
async def moderated(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[LocalBot]:
    """The bot on a writable copy of seeds/, allowed to fetch pages served on 127.0.0.1, importing without review."""
    settings = local_settings(discord, seeds_copy, tmp_path / "state")
    settings.allow_loopback_imports = True
    running = await start_local_bot(discord, settings, clock)
    await approve_without_review(discord)
    yield running
    await running.stop()


@pytest.fixture
async def site() -> AsyncIterator[str]:
    """Pages served on loopback: an article, a page with no article, a 50 MB file."""

    async def article(_: web.Request) -> web.Response:
        return web.Response(text=HTML, content_type="text/html")

    async def empty(_: web.Request) -> web.Response:
        return web.Response(text="<html><body><div>menu</div></body></html>", content_type="text/html")

    async def huge(_: web.Request) -> web.Response:
        return web.Response(body=b"x" * (50 * 1024 * 1024), content_type="text/plain")

    app = web.Application()
    app.router.add_get("/article", article)
    app.router.add_get("/empty", empty)
    app.router.add_get("/huge", huge)
    runner = web.AppRunner(app)
    await runner.setup()
    served = web.TCPSite(runner, "127.0.0.1", 0)
    await served.start()
    port = served._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_reload_with_nothing_changed_then_with_a_new_article(
    discord: LocalDiscord, moderated: LocalBot, seeds_copy: Path
) -> None:
    same = await discord.slash("/facts reload", user="moderator")
    assert same.ephemeral and same.embed["title"] == "Reloaded: nothing changed"
    (seeds_copy / "005_new.txt").write_text(ARTICLE, encoding="utf-8")
    more = await discord.slash("/facts reload", user="moderator", timeout=30)
    fields = {f["name"]: f["value"] for f in more.embed["fields"]}
    assert more.embed["title"] == "Reloaded: 2 added, 0 removed, 1 changed"
    assert "`premiere-s5` Season 5 2025-08-14 00:00" in fields["Added"]
    assert "`season-5` Season 5 (2025)" in fields["Added"], "a season members can now look up"
    assert fields["Changed"] == "• `cast-kate-walsh` character: — → Madeline Wheeler"
    assert (await discord.slash("/season", number=5)).embed["title"] == "Season 5 (2025)"


async def test_a_broken_corrections_file_changes_nothing(
    discord: LocalDiscord, moderated: LocalBot, seeds_copy: Path
) -> None:
    store = moderated.bot.settings.facts_db
    before_store, before_facts = store.read_bytes(), moderated.bot.facts.facts
    (seeds_copy / "corrections.toml").write_text(
        '# note\n[[corrections]]\naction = "fix"\n', encoding="utf-8"
    )
    reply = await discord.slash("/facts reload", user="moderator", timeout=30)
    assert reply.ephemeral
    assert reply.content.startswith("Nothing changed: the facts could not be rebuilt. corrections.toml:2:")
    assert store.read_bytes() == before_store and moderated.bot.facts.facts is before_facts


async def test_a_second_reload_while_one_runs_is_told_so(discord: LocalDiscord, moderated: LocalBot) -> None:
    first, second = await asyncio.gather(
        discord.slash("/facts reload", user="moderator", timeout=30),
        discord.slash("/facts reload", user="moderator", timeout=30),
    )
    notes = sorted([first.content, second.content])
    assert notes[1].startswith("A reload started by moderator") and "is still running" in notes[1]


async def test_members_keep_getting_answers_during_a_reload(
    discord: LocalDiscord, moderated: LocalBot
) -> None:
    reload = asyncio.create_task(discord.slash("/facts reload", user="moderator", timeout=30))
    await asyncio.sleep(0.05)
    assert moderated.bot.facts.running is not None, "the reload is under way"
    answer = await discord.slash("/cast", name="Sylvie")
    assert answer.embed["title"] == "Sylvie Grateau" and answer.latency < 0.5
    assert not reload.done(), "answered while the build was still running"
    await reload


async def test_import_an_attached_text_article(
    discord: LocalDiscord, moderated: LocalBot, seeds_copy: Path
) -> None:
    reply = await discord.slash("/facts import", user="moderator", timeout=30,
                                file=Upload("../../etc/new article.txt", ARTICLE.encode()))  # fmt: skip
    saved = [name for name in listing(seeds_copy) if name.startswith("import_")]
    assert len(saved) == 1 and "/" not in saved[0] and ".." not in saved[0], "a safe name made by the bot"
    assert reply.embed["title"] == f"Imported {saved[0]}"
    assert "premiere-s5" in {f["name"]: f["value"] for f in reply.embed["fields"]}["Added"]


async def test_import_an_html_page(
    discord: LocalDiscord, moderated: LocalBot, seeds_copy: Path, site: str
) -> None:
    reply = await discord.slash("/facts import", user="moderator", url=f"{site}/article", timeout=30)
    (saved,) = [name for name in listing(seeds_copy) if name.startswith("import_")]
    text = (seeds_copy / saved).read_text(encoding="utf-8")
    assert (
        text.startswith("date 2025-01-20\n") and "Home | TV" not in text and "All rights reserved" not in text
    )
    added = {f["name"]: f["value"] for f in reply.embed["fields"]}["Added"]
    assert "`premiere-s5-p1`" in added or "`premiere-s5`" in added
    assert "Eugenio Franceschini as Marcello" in added
    assert f"title Emily in Paris renewed\nurl {site}/article\n" in text, "the headline and address are kept"
    members_see = await discord.slash("/cast", name="Eugenio Franceschini")
    sources = {f["name"]: f["value"] for f in members_see.embed["fields"]}["Sources"]
    assert sources == f"[127.0.0.1](<{site}/article>), 20 January 2025", "the site, linked to the page"
    moderators_see = await discord.slash("/facts sources", user="moderator", query="Eugenio Franceschini")
    assert (
        f"[127.0.0.1](<{site}/article>) (`{saved}`), 20 January 2025" in moderators_see.embed["description"]
    )


@pytest.mark.parametrize(
    ("options", "why"),
    [
        ({"file": Upload("clip.txt", b"\x00\x01\x02binary" * 10)}, "binary file"),
        ({"file": Upload("article.pdf", b"%PDF-1.7")}, "only .txt, .md or .html articles"),
        ({"file": Upload("latin.txt", "café Emily in Paris".encode("latin-1"))}, "not UTF-8"),
        ({"url": "ftp://example.org/article.txt"}, "only http:// or https://"),
        ({"url": "http://10.1.2.3/article"}, "not a public address"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "not a public address"),
        ({"url": "SITE/empty"}, "no article found"),
        ({"url": "SITE/huge"}, "too large"),
        ({}, "Give either a file or a url"),
    ],
)
async def test_refused_imports_change_nothing(
    discord: LocalDiscord,
    moderated: LocalBot,
    seeds_copy: Path,
    site: str,
    options: dict[str, object],
    why: str,
) -> None:
    before = listing(seeds_copy)
    if "url" in options:
        options = {"url": str(options["url"]).replace("SITE", site)}
    reply = await discord.slash("/facts import", user="moderator", timeout=30, options=options)
    assert reply.ephemeral and why in reply.content
    assert listing(seeds_copy) == before


async def test_loopback_is_refused_unless_allowed(
    discord: LocalDiscord, moderated: LocalBot, site: str
) -> None:
    moderated.bot.settings.allow_loopback_imports = False
    reply = await discord.slash("/facts import", user="moderator", url=f"{site}/article", timeout=30)
    assert "not a public address" in reply.content


async def test_a_correction_survives_the_next_reload(
    discord: LocalDiscord, moderated: LocalBot, seeds_copy: Path
) -> None:
    reply = await discord.slash("/facts correct", user="moderator", timeout=30, fact="premiere-s4-p2", field="date",
                                value="2024-09-13", reason="Netflix moved Part 2")  # fmt: skip
    assert reply.content == "Correction saved to corrections.toml and applied."
    corrections = (seeds_copy / "corrections.toml").read_text(encoding="utf-8")
    assert 'fact = "premiere-s4-p2"' in corrections and 'set = { date = "2024-09-13" }' in corrections
    assert 'by = "moderator (' in corrections
    await discord.slash("/facts reload", user="moderator", timeout=30)
    part_2 = next(d for d in moderated.bot.facts.facts.dates if d.id == "premiere-s4-p2")
    assert part_2.date == "2024-09-13"
    sources = await discord.slash("/facts sources", user="moderator", query="premiere-s4-p2")
    assert "a correction by moderator\n" in sources.embed["description"], "a name, never an id"


@pytest.mark.parametrize(
    ("command", "options", "why"),
    [
        (
            "/facts correct",
            {"fact": "premiere-s9", "field": "date", "value": "2030-01-01"},
            "no fact has the id `premiere-s9`",
        ),
        ("/facts correct", {"fact": "premiere-s4-p2", "field": "date", "value": "2024-13-45"}, "date"),
        (
            "/facts correct",
            {"fact": "premiere-s4-p2", "field": "colour", "value": "red"},
            "cannot set colour",
        ),
        ("/facts suppress", {"fact": "cast-nobody"}, "no fact has the id `cast-nobody`"),
    ],
)
async def test_a_correction_that_cannot_apply_is_refused(
    discord: LocalDiscord,
    moderated: LocalBot,
    seeds_copy: Path,
    command: str,
    options: dict[str, str],
    why: str,
) -> None:
    before = (seeds_copy / "corrections.toml").read_text(encoding="utf-8")
    reply = await discord.slash(command, user="moderator", timeout=30, options=options)
    assert reply.content.startswith("Not saved:") and why in reply.content
    assert (seeds_copy / "corrections.toml").read_text(encoding="utf-8") == before


async def test_status_sources_and_the_mod_log(discord: LocalDiscord, moderated: LocalBot) -> None:
    status = await discord.slash("/facts status", user="moderator")
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Articles"] == "5 loaded (2 without a publication date)"
    assert fields["What I know"].startswith(
        "12 cast credits, 8 crew credits, 2 premieres, 1 event, 3 ticket sales, 1 other date"
    )
    season = await discord.slash("/facts sources", user="moderator", query="season 4")
    assert (
        season.embed["title"] == "Sources for Season 4"
        and "the first debuts on August 15" in season.embed["description"]
    )
    unknown = await discord.slash("/facts sources", user="moderator", query="Nobody Known")
    assert unknown.content.startswith("I know nothing by that name")
    logged = await discord.slash("/facts log", user="moderator", options={"channel": "#general"})
    assert logged.content.startswith("Changes to the facts will be logged in")
    await discord.slash(
        "/facts suppress", user="moderator", fact="cast-arnaud-viardin", reason="uncredited", timeout=30
    )
    (post,) = await discord.wait_for_messages("general", 1)
    assert post["content"].startswith("Correction of cast-arnaud-viardin by moderator: "), (
        "a name, never an id"
    )
    assert "-cast-arnaud-viardin" in post["content"]


@pytest.mark.parametrize(
    ("command", "options"),
    [("/facts reload", {}), ("/facts status", {}), ("/facts sources", {"query": "Sylvie"}),
     ("/facts import", {"url": "https://example.org/a"}), ("/facts log", {}),
     ("/facts correct", {"fact": "premiere-s4-p1", "field": "date", "value": "2024-08-16"}),
     ("/facts suppress", {"fact": "premiere-s4-p1"})],
)  # fmt: skip
async def test_members_are_refused_everywhere(
    discord: LocalDiscord, savoir: SavoirBot, command: str, options: dict[str, str]
) -> None:
    reply = await discord.slash(command, user="member", options=options)
    assert (
        reply.ephemeral
        and reply.content == "Only moderators (Manage Server, or a moderator role) can do this."
    )
