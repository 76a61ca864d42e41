"""Spoiler-safe stories through the real bot on the local Discord: a season's story is behind spoiler tags for
N days after its premiere (day N-1 hidden, day N not), never before it, with article text escaped inside."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.facts.models import DatedFact, Quote, Season
from bot.local_discord import LocalDiscord

# A season of an imaginary show: its premiere day (UTC, no time: the day starts at midnight) and a story whose
# words try every way out of the tags: pipes, a trailing backslash, markdown, a mention.
PREMIERE_DAY = dt.datetime(2030, 6, 1, tzinfo=dt.UTC)
HOSTILE = "They meet || at *dawn* @everyone, <@&123456789012345678> and `ticks` | end \\"
PLAIN = "A quiet story."


def _facts(savoir: SavoirBot, story: str = HOSTILE, *, part_2: str | None = None) -> None:
    dates = [
        DatedFact(
            id="p9-1", kind="premiere", title="Season 9", season=9, part=1, date="2030-06-01", sources=[]
        )
    ]
    if part_2:
        dates.append(
            DatedFact(id="p9-2", kind="premiere", title="Season 9", season=9, part=2, date=part_2, sources=[])
        )
    season = Season(number=9, story=[Quote(id="s9", text=story, sources=[])])
    facts = savoir.facts.facts.model_copy(update={"dates": dates, "seasons": [season]})
    savoir.facts.replace(facts, savoir.facts.loaded_at)


def spoiler_tags(value: str) -> list[int]:
    """Where Discord would see a "||" tag: every unescaped pair of pipes (a backslash escapes the next char)."""
    found, index = [], 0
    while index < len(value):
        if value[index] == "\\":
            index += 2
            continue
        if value.startswith("||", index):
            found.append(index)
            index += 2
            continue
        index += 1
    return found


async def _story(discord: LocalDiscord, locale: str = "en-US") -> tuple[str, str]:
    reply = await discord.slash("/season", number=9, locale=locale)
    [(name, value)] = [
        (f["name"], f["value"]) for f in reply.embed["fields"] if f["name"].startswith(("Story", "Hist"))
    ]
    return name, value


@pytest.mark.parametrize(
    ("after", "hidden"),
    [
        (dt.timedelta(seconds=-1), False),  # not out yet: no spoiler
        (dt.timedelta(0), True),  # premiere day
        (dt.timedelta(days=29, hours=23, minutes=59), True),  # day 29 (N-1), its last minute
        (dt.timedelta(days=30), False),  # day 30 (N): in the clear from its first minute
    ],
)
async def test_the_default_thirty_days_at_the_boundaries(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock, after: dt.timedelta, hidden: bool
) -> None:
    _facts(savoir)
    clock.set(PREMIERE_DAY + after)
    name, value = await _story(discord)
    if hidden:
        assert name == "Story (spoilers: tap to reveal)"
        assert value.startswith("• ||") and value.endswith("||")
        assert spoiler_tags(value) == [2, len(value) - 2], "nothing inside can close the tags early"
    else:
        assert name == "Story" and spoiler_tags(value) == []
    assert "@everyone" not in value and "<@&123456789012345678>" not in value  # escaped either way


async def test_a_guilds_own_days_and_zero(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    _facts(savoir, PLAIN)
    done = await discord.slash("/countdown spoilers", user="moderator", days=7)
    assert done.ephemeral and done.content.startswith(
        "A season's story is now hidden behind spoiler tags for 7 day"
    )
    clock.set(PREMIERE_DAY + dt.timedelta(days=6, hours=23))
    assert (await _story(discord))[1] == f"• ||{PLAIN}||"
    clock.set(PREMIERE_DAY + dt.timedelta(days=7))
    assert (await _story(discord))[1] == f"• {PLAIN}"
    status = await discord.slash("/countdown status", user="moderator")
    assert {f["name"]: f["value"] for f in status.embed["fields"]}["Spoilers"] == (
        "stories hidden for 7 day(s) after a premiere"
    )
    off = await discord.slash("/countdown spoilers", user="moderator", days=0)
    assert off.content == "Season stories are no longer hidden behind spoiler tags."
    clock.set(PREMIERE_DAY + dt.timedelta(hours=1))
    assert (await _story(discord))[1] == f"• {PLAIN}"
    assert savoir.countdown.guild(int(discord.world.guild_id)).spoiler_days == 0
    assert (await savoir.state.guild_settings())[int(discord.world.guild_id)].spoiler_days == 0, "saved"


async def test_a_later_part_starts_the_window_again(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    _facts(savoir, PLAIN, part_2="2030-08-01")
    clock.set(PREMIERE_DAY + dt.timedelta(days=40))  # part 1 is 40 days old, part 2 not out
    assert (await _story(discord))[1] == f"• {PLAIN}"
    clock.set(dt.datetime(2030, 8, 5, tzinfo=dt.UTC))  # part 2 is 4 days old
    assert (await _story(discord))[1] == f"• ||{PLAIN}||"


async def test_a_long_story_keeps_its_closing_tags(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    _facts(savoir, "|" * 3000)
    clock.set(PREMIERE_DAY)
    _, value = await _story(discord)
    assert value.endswith("…||") and len(value) <= 1024
    assert spoiler_tags(value) == [2, len(value) - 2]


async def test_french(discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock) -> None:
    _facts(savoir, PLAIN)
    clock.set(PREMIERE_DAY)
    assert await _story(discord, "fr") == ("Histoire (divulgâchage : touchez pour révéler)", f"• ||{PLAIN}||")
