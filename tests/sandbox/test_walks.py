"""Every reply path walked in both languages (no English catalogue text inside a French reply), and a newcomer's
scripted session of 100 varied lines that runs to the end with exit 0 and no traceback (issue 15)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.i18n.en import MESSAGES as ENGLISH
from bot.i18n.fr import MESSAGES as FRENCH
from bot.local_discord import LocalDiscord
from bot.sandbox.session import Session
from tests.conftest import REPO, SEEDS

_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _walk(upload: Path, page: Path) -> list[str]:
    """Lines that reach every reply a member or a moderator can get (English command names: they work in
    both languages)."""
    return [
        ":as member", "/about", "/cast Sylvie", "/cast Lily Collins", "/cast Darren Star", "/cast Lily",
        "/cast Carrie", "/cast Sylvy", ":wait 1m", "/cast zzzzqqq", "/cast Lucien", "/season 4", "/season 2",
        "/season 9", "/upcoming", ":wait 1m", "/upcoming kind:events", "/upcoming kind:ticket sales",
        "/facts status", "/countdown status", ":as moderator", "/countdown status", "/countdown off",
        "/countdown channel #announcements", "/countdown status", "/countdown milestones banana",
        "/countdown milestones 100000d", "/countdown milestones 7", "/countdown milestones ,",
        "/countdown milestones 1d,2d,3d,4d,5d,6d,7d,8d,9d,10d,11d", "/countdown milestones 7d,1d,0",
        "/countdown ping @Fans", "/countdown ping @everyone", "/countdown ping", "/countdown off",
        "/facts reload", "/facts status", "/facts sources 4", "/facts sources Sylvie", "/facts sources 2024-08",
        "/facts sources premiere-s4-p1", "/facts sources nobody-at-all", "/facts import",
        f"/facts import file:{page}", f"/facts import file:{upload}", "/facts import url:http://10.0.0.1/x.html",
        "/facts import url:ftp://example.org/a", "/facts import url:http://exa mple.org/",
        "/facts correct fact:nope field:date value:2024-01-01", "/facts correct fact:premiere-s4-p2 field:season value:two",
        "/facts correct fact:premiere-s4-p2 field:date value:12/09/2024",
        "/facts correct fact:premiere-s4-p2 field:date value:2024-09-13 reason:moved",
        "/facts correct fact:premiere-s4-p2 field:season value:5000",
        "/facts correct fact:premiere-s4-p2 field:date value:1850-01-01",
        f"/facts correct fact:premiere-s4-p2 field:venue value:{'x' * 300}",
        "/facts log #announcements", "/facts suppress fact:cast-arnaud-viardin reason:uncredited", "/facts log",
        ":as member", "/cast Sylvie", "/upcoming", "/facts reload", "/countdown off",
        ":time 2031-01-01T00:00:00Z", "/upcoming", "/upcoming kind:premieres",
    ]  # fmt: skip


def _fragments() -> set[str]:
    """The English catalogue's own words: pieces between placeholders of texts the French catalogue words
    differently, at least two words long, that no article contains (articles are quoted as written)."""
    articles = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    found = set()
    for key, english in ENGLISH.items():
        if FRENCH.get(key) == english:
            continue
        for piece in _PLACEHOLDER.split(english):
            piece = piece.strip(" .,:;()“”—>\n*`!?")
            if (
                len(re.findall(r"[A-Za-z]+", piece)) >= 2
                and piece not in articles
                and piece not in str(FRENCH)
            ):
                found.add(piece)
    return found


def _replies(output: str) -> list[str]:
    """The bot's replies in a session's output (not the sandbox's own lines, nor the guild's log posts)."""
    return [
        line for line in output.splitlines()
        if line and not line.startswith(("> ", "(", "error:", "#"))
    ]  # fmt: skip


@pytest.mark.parametrize("locale", ["fr", "en-US"])
async def test_every_reply_path_speaks_the_members_language(
    discord: LocalDiscord,
    savoir: SavoirBot,
    clock: ManualClock,
    seeds_copy: Path,
    tmp_path: Path,
    locale: str,
) -> None:
    savoir.settings.seeds_dir = seeds_copy
    # A reload then warns about both: an article about something else, and a file that is no article.
    (seeds_copy / "elsewhere.txt").write_text(
        "date 2024-08-20\n\nA cooking contest returns to Lyon in May.\n"
    )
    (seeds_copy / "broken.txt").write_bytes(b"\x00\x01binary")
    upload = tmp_path / "new.txt"
    upload.write_text("date 2024-08-20\n\nEmily in Paris adds Jane Doe (Odile Martin) to its cast.\n")
    page = tmp_path / "notes.pdf"
    page.write_bytes(b"%PDF-1.4")
    out = io.StringIO()
    session = Session(discord, savoir, clock, ZoneInfo("UTC"), locale=locale, out=out)
    for line in _walk(upload, page):
        assert await session.run(line)
    output = out.getvalue()
    assert session.faults == 0 and "Traceback" not in output, output
    replies = _replies(output)
    assert len(replies) > 150, "the walk reached the replies"
    if locale == "fr":
        fragments = _fragments()
        english = sorted(
            {f"{piece!r} in {line!r}" for line in replies for piece in fragments if piece in line}
        )
        assert english == [], "English inside French replies:\n" + "\n".join(english)
        joined = "\n".join(replies)
        for seen in (
            "Sources pour Saison 4", "« general public »", "producteur délégué", "1 événement,",
            "ne nomme pas Emily in Paris", "ignoré : fichier binaire",
        ):  # fmt: skip
            assert seen in joined, seen
        assert "executive producer" not in joined and "1191" not in joined
    else:
        joined = "\n".join(replies)
        for seen in ("go on sale to the general public", "1 event,", "1 other date,", "From 5 articles"):
            assert seen in joined, seen
        assert "ago) (past)" not in joined and "years ago)" in joined, "a line saying 'ago' needs no (past)"
        assert "by at start-up" not in joined and "1191" not in joined


NEWCOMER = [
    "/about", "/abuot", "about", "/cast Sylvie", "/cast sylvie grateau", "/cast Sylvy", "/cast Emily's boss",
    "/cast name:l'agence", "/cast Leory", "/cast", "/cast name:", '/cast "Lily Collins"', '/cast Lily "Collins',
    ":wait 10s", "/season 4", "/season abc", "/season 4.5", "/season -1", "/season 100", "/season 2",
    "/season number:1", "/season nombre:4", "/upcoming", "/upcoming events", "/upcoming kind:ticket sales",
    "/upcoming bananas", "/upcoming kind:", ":wait 10s", ":locale fr", "/distribution Sylvie", "/saison 4",
    "/à-venir", "/à-venir type:premières", "/à-venir événements", "/distribution nom:Gabriel", "/à-propos",
    "/saison quatre", "/distribution Emily's boss", ":wait 10s", ":locale en-US", ":as moderator",
    "/countdown channel #nonexistent", "/countdown channel #announcements", "/countdown channel announcements",
    "/countdown ping @everyone", "/countdown ping @nobody", "/countdown ping @Fans", "/countdown ping",
    "/countdown milestones 100000d", "/countdown milestones banana", "/countdown milestones 7d,1d,0",
    "/countdown status", "/countdown", "/countdown stauts", "/countdown off", "/countdown off",
    "/facts", "/facts reload", "/facts status", "/facts sources 4", "/facts sources Sylvie",
    "/facts sources l'agence", "/facts sources 2024-08-15", "/facts import", "/facts import file:/no/such.txt",
    "/facts import file:{upload}", "/facts import file:{pdf}", "/facts import url:http://10.0.0.1/",
    "/facts import url:not a url", "/facts correct fact:nope field:date value:x",
    "/facts correct fact:premiere-s4-p2 field:date value:12/09/2024", "/facts log #general",
    "/facts suppress fact:cast-arnaud-viardin reason:it's wrong", "/facts log", "/facts log #nowhere",
    ":locale fr", "/faits état", "/compte-à-rebours état", "/compte-à-rebours étapes banane", "/faits sources 4",
    ":locale en-US", ":as member", "/facts reload", "/countdown status", ":as admin", ":locale",
    ":time yesterday", ":time 2024-08-14T15:00:00Z", ":wait 2h", ":wait soon", "/upcoming", ":dance",
    "hello", "# a comment", "", ":help", "/cast Lucien", "/cast lu", ":time 2031-01-01T00:00:00Z", "/upcoming",
]  # fmt: skip


def test_a_newcomers_scripted_session_of_100_lines_runs_to_the_end(tmp_path: Path) -> None:
    upload = tmp_path / "an article.txt"
    upload.write_text("date 2024-08-20\n\nEmily in Paris adds Jane Doe (Odile Martin) to its cast.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    lines = [line.format(upload=upload, pdf=tmp_path / "notes.pdf") for line in NEWCOMER]
    assert len(lines) == 100
    args = [arg for line in lines for arg in ("-c", line)]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--db", str(tmp_path / "state.db"), "--now",
         "2024-08-01T00:00:00Z", *args],
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    echoed = [line for line in result.stdout.splitlines() if line.startswith("> ") or line == ">"]
    assert [line.removeprefix("> ").removeprefix(">") for line in echoed if line[2:] in lines or line == ">"][
        -len(lines) :
    ] == [line for line in lines], "every line ran, in order"
    assert "> /upcoming\n== Coming up ==\nNothing lies ahead" in result.stdout
    assert result.stdout.count("error: ") >= 20, "the mistakes were each told"
