"""The sandbox: lines typed as in Discord, sandbox lines, scripted runs and their exit status."""

from __future__ import annotations

import datetime as dt
import io
import shutil
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
from bot.sandbox.session import Session, parse_duration
from tests.conftest import REPO, SEEDS


@pytest.fixture
async def session(discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock) -> Session:
    async def echo(interaction: Interaction[SavoirBot], name: str, extra: str | None = None) -> None:
        await interaction.response.send_message(f"name={name!r} extra={extra!r}")

    guild = DiscordObject(id=int(discord.world.guild_id))
    savoir.tree.add_command(app_commands.Command(name="echo", description="echo", callback=echo), guild=guild)
    await savoir.tree.sync(guild=guild)
    return Session(discord, savoir, clock, ZoneInfo("UTC"), out=io.StringIO())


def _output(session: Session) -> str:
    assert isinstance(session.out, io.StringIO)
    return session.out.getvalue()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/echo Sylvie", "name='Sylvie' extra=None"),
        ("/echo Sylvie Grateau", "name='Sylvie Grateau' extra=None"),
        ("/echo name:Sylvie", "name='Sylvie' extra=None"),
        ("/echo name:Sylvie extra:Grateau here", "name='Sylvie' extra='Grateau here'"),
        ('/echo "name:Sylvie Grateau"', "name='Sylvie Grateau' extra=None"),
    ],
)
async def test_lines_typed_as_in_discord(session: Session, line: str, expected: str) -> None:
    assert await session.run(line)
    assert expected in _output(session)
    assert session.failures == 0


async def test_sandbox_lines(session: Session, clock: ManualClock) -> None:
    await session.run(":as moderator")
    await session.run(":locale fr")
    await session.run(":time 2024-08-07T12:00:00Z")
    assert (session.role, session.locale, clock.now()) == (
        "moderator",
        "fr",
        dt.datetime(2024, 8, 7, 12, tzinfo=dt.UTC),
    )
    await session.run(":wait 9d")
    assert clock.now() == dt.datetime(2024, 8, 16, 12, tzinfo=dt.UTC)
    assert "(the bot's clock now reads Friday 16 August 2024 12:00 UTC)" in _output(session)
    assert await session.run(":quit") is False
    assert session.failures == 0


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("/nothing", "unknown command /nothing"),
        ("/echo", "/echo needs name"),
        (":as admin", "who is that?"),
        (":wait soon", "cannot read 'soon' as a duration"),
        (":dance", "unknown sandbox line :dance"),
        ("hello", "type a command starting with /"),
    ],
)
async def test_a_line_that_cannot_run_says_why(session: Session, line: str, why: str) -> None:
    assert await session.run(line)
    assert f"error: {why}" in _output(session)
    assert session.failures == 1


def test_durations() -> None:
    assert parse_duration("7d") == dt.timedelta(days=7)
    assert parse_duration("30m") == dt.timedelta(minutes=30)


def _sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "sandbox", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip


def test_scripted_about_prints_the_answer_and_exits_0() -> None:
    result = _sandbox("--now", "2024-08-01T00:00:00Z", "-c", "/about")
    assert result.returncode == 0, result.stderr
    assert "> /about\n== About Savoir ==" in result.stdout
    assert "Thursday, 1 August 2024 00:00 UTC (now)" in result.stdout


def test_a_typing_mistake_says_why_and_the_script_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "state" / "sandbox.db"
    result = _sandbox("--db", str(db), "--tz", "America/New_York", "--now", "2024-08-01T12:00:00",
                      "-c", "/about", "-c", "/nope", "-c", ":time 2024-08-02T00:00:00Z")  # fmt: skip
    assert result.returncode == 0, "a typo is the member's, not the bot's: the exit status stays 0"
    assert "error: unknown command /nope" in result.stdout
    assert "(the bot's clock now reads Thursday 1 August 2024 20:00 EDT)" in result.stdout
    assert (tmp_path / "state" / "sandbox-facts.db").exists(), "with --db the state persists beside it"


def test_a_bad_zone_is_refused() -> None:
    result = _sandbox("--tz", "Mars/Olympus", "-c", "/about")
    assert result.returncode == 2 and "unknown time zone" in result.stderr


def test_cast_sylvie_names_the_actress_and_the_sources() -> None:
    result = _sandbox("-c", "/cast Sylvie")
    assert result.returncode == 0, result.stderr
    assert "== Sylvie Grateau ==\nPlayed by **Philippine Leroy-Beaulieu**." in result.stdout
    assert "[Sources]\n  `000_f560432dccdcb3a0.txt`, 12 August 2024" in result.stdout


def test_season_4_in_french() -> None:
    result = _sandbox("--locale", "fr", "--now", "2024-08-01T00:00:00Z", "-c", "/season 4")
    assert result.returncode == 0, result.stderr
    assert "== Saison 4 (2024) ==" in result.stdout
    assert "Partie 1 : jeudi 15 août 2024 07:00 UTC (dans 14 jours)" in result.stdout


def test_countdown_scenario_posts_in_order_and_never_twice(tmp_path: Path) -> None:
    lines = ["--db", str(tmp_path / "state.db"), "--now", "2024-08-07T12:00:00Z", "--as", "moderator",
             "-c", "/countdown channel #announcements", "-c", ":wait 9d"]  # fmt: skip
    first = _sandbox(*lines)
    assert first.returncode == 0, first.stderr
    posts = [line for line in first.stdout.splitlines() if line.startswith("#announcements")]
    stamps = [line.split("] ")[0].split("[")[1] for line in posts]

    def kind(post: str) -> str:
        text = post.split("] ", 1)[1]
        if text.startswith("Tickets"):
            return "tickets 14" if "individual" in text else "tickets 15"
        return "part 2" if "Part 2" in text else ("part 1 out" if "out now" in text else "part 1")

    assert [kind(p) for p in posts] == [
        "tickets 14", "part 1", "tickets 15", "part 2",  # 7 days before; Part 2's 30-day post
        "tickets 14", "part 1", "tickets 14", "tickets 14", "tickets 15",  # 1 day, 1 hour, the moment
        "part 1", "part 1 out", "tickets 15", "tickets 15",
    ]  # fmt: skip
    assert stamps[0] == "Wed 7 Aug 2024 16:00 UTC" and stamps[-1] == "Thu 15 Aug 2024 16:00 UTC"
    assert "[Thu 15 Aug 2024 07:00 UTC] **Season 4 Part 1** is out now!" in first.stdout
    assert "Season 4 Part 2** premieres in 30 days" in first.stdout
    again = _sandbox(*lines)
    assert again.returncode == 0 and not [
        line for line in again.stdout.splitlines() if line.startswith("#announcements")
    ]


def test_facts_reload_as_moderator_and_as_member(tmp_path: Path) -> None:
    moderator = _sandbox("--db", str(tmp_path / "state.db"), "--as", "moderator", "-c", "/facts reload")
    assert moderator.returncode == 0, moderator.stderr
    assert "== Reloaded: nothing changed ==" in moderator.stdout
    member = _sandbox("--db", str(tmp_path / "state.db"), "--as", "member", "-c", "/facts reload")
    assert "Only moderators (Manage Server, or a moderator role) can do this." in member.stdout
    assert (tmp_path / "state-seeds" / "show.toml").exists(), "the sandbox works on its own copy of the seeds"


def test_two_databases_in_one_folder_keep_their_own_seeds(tmp_path: Path) -> None:
    other = tmp_path / "other-seeds-source"
    shutil.copytree(SEEDS, other)
    (other / "900_extra.txt").write_text("date 2024-07-20\nEmily in Paris is back.\n", encoding="utf-8")
    first = _sandbox("--db", str(tmp_path / "a.db"), "-c", "/about")
    second = _sandbox("--seeds", str(other), "--db", str(tmp_path / "b.db"), "-c", "/about")
    assert first.returncode == second.returncode == 0
    assert not (tmp_path / "a-seeds" / "900_extra.txt").exists()
    assert (tmp_path / "b-seeds" / "900_extra.txt").exists(), "--seeds is used, not the other database's copy"


async def test_press_a_button_as_the_current_member(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    session = Session(discord, savoir, clock, ZoneInfo("UTC"), out=io.StringIO())
    await session.run(":press Notify me")
    assert "error: no message has a button 'Notify me'" in _output(session)
    await session.run(":as moderator")
    await session.run("/countdown channel channel:#announcements")
    await session.run('/countdown ping role:"Premiere pings"')
    await session.run(":wait 20d")  # the 7-day post before season 4's premiere (15 August) goes out
    shown = _output(session)
    assert "#announcements" in shown and "@Premiere pings" in shown
    assert "[ Notify me ]" in shown, "the post's button row is shown"
    await session.run(":as member")
    await session.run(':press "Notify me"')
    pings = discord.world.role("Premiere pings")
    assert pings.id in discord.world.member("member").roles
    assert pings.id not in discord.world.member("moderator").roles, "pressed as the :as member"
    assert "(only you can see this)\nYou now have @Premiere pings" in _output(session)
    await session.run(':press "Notify me"')
    assert pings.id not in discord.world.member("member").roles
    assert session.failures == 1  # the press before any post


def test_a_clock_line_beyond_what_the_clock_holds_is_one_error_line() -> None:
    result = _sandbox(
        "--now", "2024-08-01T12:00:00Z", "-c", ":wait 99999999999999d", "-c", ":time 9999-12-31T23:59:59Z",
        "-c", ":time 0001-01-01T00:00:00Z", "-c", "/upcoming",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("error: ") == 3 and "Traceback" not in result.stdout + result.stderr
    assert "Season 4 Part 1" in result.stdout, "the session went on: /upcoming answered at the clock it kept"


def test_a_feed_is_served_followed_and_its_article_approved_in_the_sandbox(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>TV news</title>'
        "<item><title>Emily in Paris casting news</title><link>{base}/casting.html</link></item>"
        "<item><title>Harbour Lights news</title><link>{base}/other.html</link></item></channel></rss>",
        encoding="utf-8",
    )
    (site / "casting.html").write_text(
        '<!doctype html><html><head><title>Emily in Paris adds a new face</title><meta property="article:published_'
        'time" content="2025-01-14T09:00:00Z"></head><body><article><h1>Emily in Paris adds a new face</h1><p>Ines '
        "Varga joins the cast of Emily in Paris as Maren Holt, a rival designer who arrives in Paris.</p><p>More "
        "casting news is expected before the premiere, the streamer said in its announcement this week.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = _sandbox("--now", "2025-01-15T09:00:00Z", "--feed", str(site / "feed.xml"), "--as", "moderator",
                      "-c", ":wait 40m", "-c", ':press "Approve all"', "-c", "/cast Ines Varga")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "> /facts feeds add url:http://127.0.0.1:" in out and "Now reading http://127.0.0.1:" in out
    assert "#general  == Emily in Paris adds a new face ==" in out and "[ Approve all ] [ Reject ]" in out
    assert "Approved #1: its facts are live." in out
    assert "> /cast Ines Varga\n== Ines Varga ==" in out
    assert "Harbour Lights" not in out.split("Now reading")[1], "an entry not naming the show is left out"
    missing = _sandbox("--feed", str(tmp_path / "nope.xml"), "-c", "/about")
    assert missing.returncode == 2 and "no such file" in missing.stderr
