"""What a newcomer meets in the sandbox (issue 15): it never dies on a typo, reads lines as a person types
them, speaks the member's language, completes what can be completed, and exits 0 unless the bot failed."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from discord import Interaction, app_commands
from discord import Object as DiscordObject

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.sandbox.lines import words
from bot.sandbox.session import LOOPBACK_NOTE, Session
from tests.conftest import REPO


@pytest.fixture
async def session(discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock) -> Session:
    async def boom(interaction: Interaction[SavoirBot]) -> None:
        raise RuntimeError("a bug inside the bot")

    guild = DiscordObject(id=int(discord.world.guild_id))
    savoir.tree.add_command(
        app_commands.Command(name="boom", description="fails", callback=boom), guild=guild
    )
    await savoir.tree.sync(guild=guild)
    return Session(discord, savoir, clock, ZoneInfo("UTC"), out=io.StringIO())


def _output(session: Session) -> str:
    assert isinstance(session.out, io.StringIO)
    return session.out.getvalue()


async def _run(session: Session, *lines: str) -> str:
    assert isinstance(session.out, io.StringIO)
    start = len(session.out.getvalue())
    for line in lines:
        assert await session.run(line)
    return session.out.getvalue()[start:]


@pytest.mark.parametrize(
    ("role", "line", "why"),
    [
        ("member", "/season abc", "option number takes a whole number: Discord does not let 'abc' be sent"),
        ("member", "/season 4.5", "option number takes a whole number: Discord does not let '4.5' be sent"),
        ("member", "/season 0", "option number takes a whole number from 1 to 99, not 0"),
        ("member", "/upcoming bananas", "'bananas' is not a choice of kind: pick one of premieres, events"),
        ("moderator", "/countdown channel #nonexistent", "there is no channel #nonexistent to pick"),
        ("moderator", "/countdown ping @nobody", "there is no role @nobody to pick for role"),
        ("moderator", "/facts import file:/no/such/file.txt", "file: no file at /no/such/file.txt"),
        ("moderator", "/facts", "/facts needs a subcommand: reload, import, sources"),
        ("member", "/csat Sylvie", "unknown command /csat"),
        ("member", "/cast name:", "option name needs a value"),
    ],
)
async def test_a_value_discord_would_not_send_is_one_error_line_and_the_session_goes_on(
    session: Session, role: str, line: str, why: str
) -> None:
    session.role = role
    shown = await _run(session, line, "/about")
    assert f"error: {why}" in shown
    assert "== About Savoir ==" in shown, "the session goes on"
    assert "Traceback" not in shown and session.failures == 1 and session.faults == 0


def test_words_are_read_as_typed() -> None:
    assert words("/cast Emily's boss") == ["/cast", "Emily's", "boss"]
    assert words('/cast "name:Sylvie Grateau"') == ["/cast", "name:Sylvie Grateau"]
    assert words('/cast name:"Sylvie Grateau" x') == ["/cast", "name:Sylvie Grateau", "x"]
    assert words('/cast 5" tall') == ["/cast", '5"', "tall"]


async def test_an_apostrophe_is_part_of_the_value(session: Session) -> None:
    shown = await _run(session, "/cast Emily's boss", "/cast name:l'agence")
    assert "Nothing found for “Emily's boss”" in shown and "Nothing found for “l'agence”" in shown
    assert session.failures == 0


async def test_a_path_after_file_uploads_that_file(
    session: Session, tmp_path: Path, seeds_copy: Path
) -> None:
    session.bot.settings.seeds_dir = seeds_copy  # imports write into seeds/: a copy, never the repository's
    article = tmp_path / "new article.txt"
    article.write_text("date 2024-08-20\n\nInes Varga joins the cast of Emily in Paris as Maren Holt.\n")
    session.role = "moderator"
    shown = await _run(session, f"/facts import file:{article}")
    assert "Queued for review as #1" in shown and "[ Approve all ] [ Reject ]" in shown, shown
    saved = await asyncio.to_thread(lambda: [p.read_text() for p in seeds_copy.glob("pending/*/*.txt")])
    assert article.read_text() in saved, "the file arrives byte for byte as an attachment"


async def test_french_names_as_a_french_client_offers_them(session: Session) -> None:
    session.locale = "fr"
    shown = await _run(
        session, "/distribution Sylvie", "/saison 4", "/à-venir type:premières", "/cast nom:Sylvie"
    )
    assert "== Sylvie Grateau ==\nJoué par **Philippine Leroy-Beaulieu**." in shown
    assert "== Saison 4 (2024) ==" in shown
    assert "== À venir : premières ==" in shown
    assert session.failures == 0


async def test_tab_completes_commands_subcommands_choices_and_names(session: Session) -> None:
    loop = asyncio.get_running_loop()

    def complete(buffer: str) -> list[str]:
        return session.completions(loop, buffer)

    assert await asyncio.to_thread(complete, "/ca") == ["/calendar ", "/cast "]
    assert await asyncio.to_thread(complete, "/cas") == ["/cast "]
    assert await asyncio.to_thread(complete, "/facts st") == ["/facts status "]
    assert "/facts reload " in await asyncio.to_thread(complete, "/facts ")
    assert await asyncio.to_thread(complete, "/countdown m") == ["/countdown milestones "]
    assert await asyncio.to_thread(complete, "/upcoming ") == [
        "/upcoming premieres", "/upcoming events", "/upcoming ticket sales"
    ]  # fmt: skip
    assert await asyncio.to_thread(complete, "/upcoming kind:ti") == ["/upcoming kind:ticket sales"]
    assert "/cast Sylvie Grateau" in await asyncio.to_thread(complete, "/cast Syl")
    assert "/facts import file:" in await asyncio.to_thread(complete, "/facts import ")
    session.locale = "fr"
    assert await asyncio.to_thread(complete, "/dis") == ["/distribution "]
    assert await asyncio.to_thread(complete, "/faits ét") == ["/faits état "]


async def test_the_member_cooldown_follows_the_bots_clock(session: Session) -> None:
    shown = await _run(session, *["/cast Sylvie"] * 6)
    assert shown.count("== Sylvie Grateau ==") == 5 and "Slow down a little: try again in 10 s." in shown
    shown = await _run(session, ":wait 10s", "/cast Sylvie")
    assert "== Sylvie Grateau ==" in shown and "Slow down" not in shown


async def test_the_log_post_shows_with_the_command_that_made_it(session: Session, tmp_path: Path) -> None:
    session.role = "moderator"
    await _run(session, "/facts log #announcements")
    shown = await _run(session, "/facts reload")
    assert "#announcements  Reload by moderator: nothing changed" in shown
    assert "1191" not in shown, "no raw id in a channel members may read"


async def test_a_failure_inside_the_bot_is_a_fault(session: Session) -> None:
    shown = await _run(session, "/boom")
    assert "error: /boom failed inside the bot" in shown and session.faults == 1


def _sandbox(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "sandbox", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60, check=False, input=stdin)  # fmt: skip


def test_the_prompt_says_loopback_imports_are_allowed_and_quit_exits_0_after_an_error() -> None:
    result = _sandbox("--now", "2024-08-01T00:00:00Z", stdin="/season abc\n/nope\n:quit\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert LOOPBACK_NOTE in result.stdout and "loopback" in LOOPBACK_NOTE
    assert "error: option number takes a whole number" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_scripted_seconds_and_a_missing_value() -> None:
    result = _sandbox("--now", "2024-08-01T00:00:00Z", "-c", ":wait 45s", "-c", "/cast")
    assert result.returncode == 0
    assert "(the bot's clock now reads Thursday 1 August 2024 00:00 UTC)" in result.stdout
    assert "error: /cast needs name" in result.stdout


async def test_a_reply_s_file_is_shown_by_name_and_size_and_saved_with_save(
    session: Session, tmp_path: Path
) -> None:
    session.save = tmp_path / "saved"
    out = await _run(session, "/calendar")
    saved = tmp_path / "saved" / "emily-in-paris.ics"
    assert saved.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert f"[file] emily-in-paris.ics ({saved.stat().st_size:,} bytes)" in out
    assert f"saved {saved}" in out


async def test_a_save_folder_that_cannot_be_written_is_one_error_line(
    session: Session, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    session.save = blocker
    out = await _run(session, "/calendar", "/about")
    assert out.count("error: cannot save emily-in-paris.ics in") == 1
    assert "Traceback" not in out and session.faults == 0


async def test_events_lists_the_servers_scheduled_events(session: Session) -> None:
    assert "(no scheduled events in this server)" in await _run(session, ":events")
    session.role = "moderator"
    out = await _run(session, "/countdown events on", ":events")
    listed = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(listed) == len(session.server.scheduled_events) >= 2
    assert all("| made by @Savoir" in line for line in listed)
    assert "Season 4 Part 2 premiere | Thu 12 Sep 2024 07:00 UTC | Netflix" in out
