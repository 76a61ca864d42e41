"""A damaged state database never stops the bot and is never deleted: through a real bot start on the local
Discord it is kept under a timestamped name, a fresh one holds what could be read of it, no countdown claimed or
sent in the old one is posted again, and /countdown status tells moderators, in both languages."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_run import LocalBot, local_settings, start_local_bot
from bot.store.state import GuildSettings
from tests.conftest import SEEDS
from tests.countdown.test_dispatcher import MOMENT, PREMIERE, only, posted

UTC = dt.UTC
MONTH_BEFORE = MOMENT - dt.timedelta(days=30)
OTHER_GUILD = 999
Starter = Callable[[], Awaitable[LocalBot]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2030, 7, 1, tzinfo=UTC))


@pytest.fixture
async def start(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Starter]:
    running: list[LocalBot] = []

    async def start_bot() -> LocalBot:
        bot = await start_local_bot(
            discord, local_settings(discord, SEEDS, tmp_path), clock, prepare=lambda b: only(b, PREMIERE)
        )
        running.append(bot)
        return bot

    yield start_bot
    for bot in running:
        if not bot.bot.is_closed():
            await bot.stop()


async def _history(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    """Two guilds count down; both month-before posts go out; the bot stops."""
    first = await start()
    reply = await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    assert "Countdown posts will go to" in reply.content
    other = GuildSettings(OTHER_GUILD, int(discord.world.channel("general").id), watching_since=clock.now())
    await first.bot.countdown.update(other, by=None, restart_watch=False)
    clock.set(MONTH_BEFORE)
    await first.bot.countdown.tick()
    assert len(posted(discord)) == 1 and len(posted(discord, "general")) == 1
    await first.stop()


def _sql(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        for statement in statements:
            db.execute(statement)
        db.commit()


def cut_in_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def first_page_destroyed(path: Path) -> None:
    """The header and the schema are gone: SQLite cannot read a thing; the rows are still on their pages."""
    with path.open("r+b") as handle:
        handle.write(random.Random(3).randbytes(4096))


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(4).randbytes(path.stat().st_size))


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def newer_schema(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 99")


def older_schema(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 1")


def ledger_dropped(path: Path) -> None:
    _sql(path, "DROP TABLE countdown_posts")


def unreadable_value(path: Path) -> None:
    _sql(path, "UPDATE guild_settings SET milestones = 'soon-ish' WHERE guild_id = 999")  # OTHER_GUILD


@dataclass(frozen=True)
class Form:
    """A way a state database gets damaged, and what can be carried over from it (None: depends on layout)."""

    damage: Callable[[Path], None]
    reason: str
    guilds: int | None
    posts: int | None
    ledger_whole: bool


FORMS = [
    Form(cut_in_half, "damaged", None, None, False),
    Form(first_page_destroyed, "not_database", 2, 2, False),
    Form(random_bytes, "not_database", 0, 0, False),
    Form(zero_bytes, "empty", 0, 0, False),
    Form(newer_schema, "version", 2, 2, True),
    Form(older_schema, "schema", 2, 2, True),
    Form(ledger_dropped, "schema", 2, None, False),
    Form(unreadable_value, "values", 1, 2, True),
]
REASONS = {
    "damaged": ("damaged", "endommagé"),
    "not_database": ("unreadable (not a database any more)", "illisible (ce n'est plus une base de données)"),
    "empty": ("empty", "vide"),
    "version": ("written by a newer version of the bot", "écrit par une version plus récente du bot"),
    "schema": ("laid out differently from what I expect", "organisé autrement que prévu"),
    "values": ("holding values I cannot read", "avec des valeurs illisibles"),
}


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("state.db.damaged-*"))


def _same(one: Path, other: Path) -> bool:
    return os.path.samefile(one, other)


def _fields(embed: dict[str, object]) -> dict[str, str]:
    return {item["name"]: item["value"] for item in embed.get("fields", [])}  # type: ignore[attr-defined]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.damage.__name__)
async def test_a_damaged_state_database_is_kept_replaced_and_salvaged(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path, form: Form
) -> None:
    await _history(discord, start, clock)
    state_db = tmp_path / "state.db"
    form.damage(state_db)
    damaged = state_db.read_bytes()
    discord.advance_clock(3600)  # Discord has long forgotten the nonces...
    clock.set(MONTH_BEFORE + dt.timedelta(hours=1))  # ...and the month-before posts are still "due"
    second = await start()
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1 and len(posted(discord, "general")) == 1, "nothing is posted twice"

    (kept,) = _kept(tmp_path)
    assert kept.name == "state.db.damaged-20300716T080000Z"
    assert kept.read_bytes() == damaged, "the damaged file is kept as it was"
    assert not _same(kept, state_db)
    with contextlib.closing(sqlite3.connect(state_db)) as db:
        assert db.execute("PRAGMA quick_check").fetchall() == [("ok",)]

    recovery = second.bot.countdown.state_recovery()
    assert recovery is not None and (recovery.reason, recovery.ledger_whole) == (
        form.reason,
        form.ledger_whole,
    )
    assert form.guilds in (None, recovery.guilds) and form.posts in (None, recovery.posts)
    settings = await second.bot.state.guild_settings()
    assert len(settings) == recovery.guilds
    assert len(await second.bot.state.post_statuses()) == recovery.posts

    here = int(discord.world.guild_id)
    for locale, language in (("en-US", 0), ("fr", 1)):
        status = await discord.slash("/countdown status", user="moderator", locale=locale)
        fields = _fields(status.embed)
        notice = fields["State recovered" if language == 0 else "État récupéré"]
        assert kept.name in notice and REASONS[form.reason][language] in notice
        lost_ledger = ("Part of the record", "Une partie du registre")[language]
        lost_settings = ("could not be read from it", "n'ont pas pu y être lus")[language]
        assert (lost_ledger in notice) is (not form.ledger_whole)
        assert (lost_settings in notice) is (here not in settings)

    if here in settings:  # the countdown goes on in its channel, and no post is sent twice
        await second.bot.countdown.tick()
        clock.set(MOMENT - dt.timedelta(days=7))
        await second.bot.countdown.tick()
        assert [text.split(":")[0] for text in posted(discord)] == [
            "**Season 9** premieres in 30 days", "**Season 9** premieres in 7 days",
        ]  # fmt: skip


async def test_a_crashed_claim_in_a_damaged_ledger_is_not_posted_again(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path
) -> None:
    first = await start()
    await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})

    async def power_cut(*_: object) -> None:
        raise RuntimeError("power cut after the message went out")

    first.bot.state.sent = power_cut  # type: ignore[method-assign,assignment]
    clock.set(MONTH_BEFORE)
    await first.bot.countdown.tick()
    assert len(posted(discord)) == 1
    await first.stop()
    newer_schema(tmp_path / "state.db")  # the ledger stays whole: catching up is not given up
    discord.advance_clock(600)
    clock.set(MONTH_BEFORE + dt.timedelta(minutes=10))
    second = await start()
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1
    key = (int(discord.world.guild_id), "premiere-s9", "30d")
    assert (await second.bot.state.post_statuses())[key] == "skipped"


async def test_a_recovery_cut_short_runs_again(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path
) -> None:
    await _history(discord, start, clock)
    state_db = tmp_path / "state.db"
    first_page_destroyed(state_db)
    os.link(state_db, tmp_path / "state.db.damaged-20300716T070000Z")  # killed right after keeping the file
    second = await start()
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1
    kept = _kept(tmp_path)
    assert [k.name for k in kept] == [
        "state.db.damaged-20300716T070000Z",
        "state.db.damaged-20300716T070000Z-1",
    ]
    assert _same(*kept) and not _same(kept[0], state_db)
    recovery = second.bot.countdown.state_recovery()
    assert recovery is not None and recovery.guilds == 2 and recovery.posts == 2


async def test_a_locked_state_database_is_not_taken_for_a_damaged_one(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path
) -> None:
    await _history(discord, start, clock)
    state_db = tmp_path / "state.db"
    with contextlib.closing(sqlite3.connect(state_db, timeout=0)) as other:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")  # another bot holds the file
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await start_local_bot(discord, local_settings(discord, SEEDS, tmp_path), clock, timeout=5)
    assert _kept(tmp_path) == []


async def test_a_lost_ledger_and_a_clock_set_back_post_nothing_twice(
    discord: LocalDiscord, start: Starter, clock: ManualClock, tmp_path: Path
) -> None:
    """The bot's clock runs ahead of the machine's, the ledger is lost, and the clock is set back before a
    post that already went out: the latest due time ever claimed, kept beside the database, still stops it."""
    await _history(discord, start, clock)
    ledger_dropped(tmp_path / "state.db")
    discord.advance_clock(3600)
    clock.set(MONTH_BEFORE - dt.timedelta(days=2))  # set back, before the post that went out
    second = await start()
    clock.set(MONTH_BEFORE + dt.timedelta(hours=1))
    await second.bot.countdown.tick()
    assert len(posted(discord)) == 1 and len(posted(discord, "general")) == 1, "nothing is posted twice"
    recovery = second.bot.countdown.state_recovery()
    assert recovery is not None and not recovery.ledger_whole
