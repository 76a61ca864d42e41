"""Moderators changing the facts through the real bot on the local Discord: hostile corrections are refused and
change nothing, a rebuild that fails for any reason puts corrections.toml back, two moderators at once both get
what they were told, a slow rebuild is abandoned, and a broken corrections.toml does not stop the bot."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from bot.local_discord.world import Member
from bot.local_run import LocalBot, local_settings, start_local_bot
from bot.store.facts import read_fact_store
from tests.conftest import SEEDS, approve_without_review, seeds_fingerprint

CORRECTED = "Correction saved to corrections.toml and applied."
ARTICLE = """date 2025-01-10
Emily in Paris season 5 premieres on Thursday, August 14. Kate Walsh returns as Madeline Wheeler.
"""


def _corrections(seeds: Path) -> str:
    return (seeds / "corrections.toml").read_text(encoding="utf-8")


def _names(folder: Path, pattern: str) -> list[str]:
    return sorted(path.name for path in folder.glob(pattern))


def _moderator(discord: LocalDiscord, name: str) -> Member:
    world = discord.world
    member = Member(world.ids.next(), name, [world.role("Moderators").id])
    world.members[member.id] = member
    return member


async def _start(discord: LocalDiscord, seeds: Path, state: Path, clock: ManualClock) -> LocalBot:
    return await start_local_bot(discord, local_settings(discord, seeds, state), clock)


@pytest.fixture
async def bot(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> AsyncIterator[LocalBot]:
    """The bot on a writable copy of seeds/, with a second moderator in the guild."""
    _moderator(discord, "moderator2")
    running = await _start(discord, seeds_copy, tmp_path / "state", clock)
    yield running
    await running.stop()


HOSTILE = [
    (
        {"fact": "premiere-s4-p2", "field": "date", "value": "2024-8-1"},
        "`2024-8-1` is not a date: write it as year-month-day",
    ),
    ({"fact": "premiere-s4-p2", "field": "date", "value": "2024-09- 1"}, "is not a date"),
    ({"fact": "premiere-s4-p2", "field": "date", "value": "0001-01-01"}, "between the years 1900 and 2199"),
    (
        {"fact": "premiere-s4-p2", "field": "season", "value": "9" * 30},
        "season must be a whole number from 0",
    ),
    ({"fact": "premiere-s4-p2", "field": "season", "value": "9" * 5000}, "season takes a whole number"),
    ({"fact": "premiere-s4-p2", "field": "part", "value": "-1"}, "part must be a whole number from 0 to 99"),
    ({"fact": "figure-s0-58000000-people", "field": "amount", "value": "9" * 19}, "amount must be"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "America"}, "`America` is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "../../etc/passwd"}, "is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "Europe/" + "x" * 190}, "is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "localtime"}, "`localtime` is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "Factory"}, "`Factory` is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "posix/Europe/Paris"}, "is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "timezone", "value": "europe/paris"}, "is not a time zone"),
    ({"fact": "premiere-s4-p2", "field": "time", "value": "12:00:00"}, "`12:00:00` is not a time"),
    ({"fact": "premiere-s4-p2", "field": "time", "value": "24:00"}, "is not a time"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "Made\ud800line"}, "not valid text"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "x" * 5000}, "too long"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "Made\x00line"}, "control character"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "Made\u202eline"}, "invisible or unassigned"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "\ufeffMadeline"}, "invisible or unassigned"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "Made\U000e0001"}, "invisible or unassigned"),
    ({"fact": "crew-darren-star", "field": "roles", "value": ",".join("r" * 30)}, "at most 25"),
    ({"fact": "cast-kate-walsh", "field": "char\udfffacter", "value": "M"}, "field name holds a character"),
    ({"fact": "cast-kate-walsh", "field": "character", "value": "M", "reason": "\ud83d"}, "reason holds"),
    ({"fact": "cast-\ud800", "field": "character", "value": "M"}, "fact holds a character that is not valid"),
    ({"fact": "premiere-s4-p2", "field": "title", "value": ""}, "title"),
]


@pytest.mark.parametrize(("options", "why"), HOSTILE, ids=[why[:30] for _, why in HOSTILE])
async def test_a_hostile_correction_is_refused_and_later_reloads_still_work(
    discord: LocalDiscord, bot: LocalBot, seeds_copy: Path, options: dict[str, str], why: str
) -> None:
    before, store = _corrections(seeds_copy), bot.bot.settings.facts_db.read_bytes()
    reply = await discord.slash("/facts correct", user="moderator", timeout=30, options=options)
    assert reply.ephemeral and reply.content.startswith("Not saved:"), reply.content
    assert why in reply.content
    assert _corrections(seeds_copy) == before and bot.bot.settings.facts_db.read_bytes() == store
    again = await discord.slash("/facts reload", user="moderator", timeout=30)
    assert again.embed["title"] == "Reloaded: nothing changed"
    assert bot.bot.command_failures == 0


async def test_hostile_values_elsewhere_get_a_clear_answer(discord: LocalDiscord, bot: LocalBot) -> None:
    suppress = await discord.slash("/facts suppress", user="moderator", fact="premiere-s4-p2", reason="\udc00",
                                   timeout=30)  # fmt: skip
    assert suppress.content.startswith("Not saved: reason holds a character that is not valid text")
    sources = await discord.slash("/facts sources", user="moderator", query="Sylvie \ud800")
    assert sources.content.startswith("I know nothing by that name") or sources.embed
    assert bot.bot.command_failures == 0


async def test_a_moderator_with_an_unusual_name_can_still_correct(
    discord: LocalDiscord, bot: LocalBot
) -> None:
    odd = _moderator(discord, "Mod\ud800\x07erator")
    reply = await discord.slash("/facts suppress", user=odd, fact="cast-arnaud-viardin", timeout=30)
    assert reply.content == CORRECTED
    assert f'by = "Mod?erator ({odd.id})"' in _corrections(bot.bot.settings.seeds_dir)


@pytest.mark.parametrize("failure", ["too slow", "store not writable"])
async def test_a_rebuild_that_fails_for_any_reason_puts_corrections_back(
    discord: LocalDiscord, bot: LocalBot, seeds_copy: Path, tmp_path: Path, failure: str
) -> None:
    before, facts = _corrections(seeds_copy), bot.bot.facts.facts
    if failure == "too slow":
        bot.bot.settings.reload_timeout_seconds = 0.01
        why = "the rebuild took longer than 0.01 s and was stopped"
    else:
        (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
        bot.bot.settings.facts_db = tmp_path / "not-a-folder" / "facts.db"
        why = "an internal error, which has been logged"
    reply = await discord.slash("/facts correct", user="moderator", timeout=30,
                                fact="premiere-s4-p2", field="date", value="2024-09-13")  # fmt: skip
    assert reply.content == (
        f"Not saved: with it the facts could not be rebuilt ({why}); corrections.toml is as it was."
    )
    assert _corrections(seeds_copy) == before and bot.bot.facts.facts is facts
    assert multiprocessing.active_children() == []


async def test_a_slow_reload_is_abandoned_and_the_facts_in_use_stay(
    discord: LocalDiscord, bot: LocalBot
) -> None:
    store, facts = bot.bot.settings.facts_db.read_bytes(), bot.bot.facts.facts
    bot.bot.settings.reload_timeout_seconds = 0.01
    reply = await discord.slash("/facts reload", user="moderator", timeout=30)
    assert reply.ephemeral and reply.content == (
        "Nothing changed: the facts could not be rebuilt (the rebuild took longer than 0.01 s and was stopped); "
        "the facts in use stay."
    )
    assert bot.bot.facts.facts is facts and bot.bot.settings.facts_db.read_bytes() == store
    assert multiprocessing.active_children() == [], "the build worker was killed"
    state = bot.bot.settings.facts_db.parent
    assert _names(state, "*facts.db*") == ["facts.db"], "no half-written store is left beside the live one"
    french = await discord.slash("/facts reload", user="moderator", locale="fr", timeout=30)
    assert "a pris plus de 0.01 s" in french.content
    bot.bot.settings.reload_timeout_seconds = 60
    assert (await discord.slash("/facts reload", user="moderator", timeout=30)).embed["title"]


async def test_two_moderators_correcting_at_once_both_get_what_they_were_told(
    discord: LocalDiscord, bot: LocalBot, seeds_copy: Path
) -> None:
    replies = await asyncio.gather(
        discord.slash("/facts correct", user="moderator", timeout=60,
                      fact="premiere-s4-p2", field="date", value="2024-09-13"),
        discord.slash("/facts suppress", user="moderator2", timeout=60, fact="cast-arnaud-viardin"),
        discord.slash("/facts correct", user="moderator2", timeout=60,
                      fact="cast-kate-walsh", field="character", value="Madeline Wheeler"),
        discord.slash("/facts suppress", user="moderator", timeout=60, fact="production-s2"),
    )  # fmt: skip
    assert [reply.content for reply in replies] == [CORRECTED] * 4
    written = _corrections(seeds_copy)
    assert (
        written.count("[[corrections]]")
        - SEEDS.joinpath("corrections.toml").read_text().count("[[corrections]]")
        == 4
    )
    for facts in (bot.bot.facts.facts, (await read_fact_store(bot.bot.settings.facts_db))[0]):
        dates = {d.id: d for d in facts.dates}
        credits = {c.id: c for c in facts.credits}
        assert dates["premiere-s4-p2"].date == "2024-09-13" and "production-s2" not in dates
        assert (
            "cast-arnaud-viardin" not in credits
            and credits["cast-kate-walsh"].character == "Madeline Wheeler"
        )


async def test_a_correction_an_import_and_a_reload_at_once(
    discord: LocalDiscord, bot: LocalBot, seeds_copy: Path
) -> None:
    await approve_without_review(discord)
    correction, imported, reload = await asyncio.gather(
        discord.slash("/facts suppress", user="moderator2", timeout=60, fact="cast-arnaud-viardin"),
        discord.slash(
            "/facts import", user="moderator", timeout=60, file=Upload("new.txt", ARTICLE.encode())
        ),
        discord.slash("/facts reload", user="moderator", timeout=60),
    )
    assert correction.content == CORRECTED
    assert imported.embed["title"].startswith("Imported import_")
    assert reload.embed or reload.content.startswith("A reload started by moderator")
    facts = bot.bot.facts.facts
    assert "cast-arnaud-viardin" not in {c.id for c in facts.credits}
    assert "premiere-s5" in {d.id for d in facts.dates}
    assert _names(seeds_copy, "import_*.txt") and "cast-arnaud-viardin" in _corrections(seeds_copy)


async def test_a_correction_that_no_longer_applies_on_disk_is_not_reported_saved(
    discord: LocalDiscord, bot: LocalBot, seeds_copy: Path
) -> None:
    """The facts in use still have the fact, but the article behind it was removed from seeds/ by hand."""
    before = _corrections(seeds_copy)
    for name in _names(seeds_copy, "*.txt"):
        if "Kate Walsh" in (seeds_copy / name).read_text(encoding="utf-8"):
            (seeds_copy / name).unlink()
    reply = await discord.slash("/facts correct", user="moderator", timeout=30,
                                fact="cast-kate-walsh", field="character", value="Madeline Wheeler")  # fmt: skip
    assert reply.content.startswith("Not saved: cast-kate-walsh is not what it was in the facts in use")
    assert _corrections(seeds_copy) == before
    assert "cast-kate-walsh" in {c.id for c in bot.bot.facts.facts.credits}


BROKEN_BY_HAND = """
[[corrections]]
action = "fix"
fact = "premiere-s4-p2"
set = { date = "2024-8-1" }
"""


async def test_the_bot_starts_with_a_broken_corrections_file_and_no_store(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> None:
    (seeds_copy / "corrections.toml").write_text(
        _corrections(seeds_copy)
        + BROKEN_BY_HAND
        + '\n[[corrections]]\naction = "suppress"\nfact = "production-s2"\n',
        encoding="utf-8",
    )
    running = await _start(discord, seeds_copy, tmp_path / "state", clock)
    try:
        assert "production-s2" in {d.id for d in running.bot.facts.facts.dates}, "no correction applied"
        status = await discord.slash("/facts status", user="moderator")
        warnings = next(f["value"] for f in status.embed["fields"] if f["name"].startswith("Open warnings"))
        assert "corrections.toml:" in warnings and "is not a day" in warnings
        assert "built without any correction" in warnings
        season = await discord.slash("/season", number=4)
        assert season.embed["title"] == "Season 4 (2024)"
    finally:
        await running.stop()


async def test_the_bot_starts_from_its_last_store_when_corrections_break_meanwhile(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> None:
    first = await _start(discord, seeds_copy, tmp_path / "state", clock)
    await discord.slash("/facts suppress", user="moderator", fact="production-s2", timeout=30)
    await first.stop()
    (seeds_copy / "corrections.toml").write_text(
        _corrections(seeds_copy) + "[[corrections\n", encoding="utf-8"
    )
    again = await _start(discord, seeds_copy, tmp_path / "state", clock)
    try:
        assert "production-s2" not in {d.id for d in again.bot.facts.facts.dates}, "the last good store"
        status = await discord.slash("/facts status", user="moderator")
        warnings = next(f["value"] for f in status.embed["fields"] if f["name"].startswith("Open warnings"))
        assert "corrections.toml:" in warnings and "invalid TOML" in warnings
        assert "facts in use were built before this change" in warnings
    finally:
        await again.stop()


async def test_leftovers_of_a_killed_store_write_are_removed_at_start(
    discord: LocalDiscord, seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    leftovers = [state / ".facts.db.building-1a2b3c4d", state / ".facts.db.building-1a2b3c4d-journal",
                 state / "facts.db-journal"]  # fmt: skip
    for leftover in leftovers:
        leftover.write_bytes(b"half a database")
    running = await _start(discord, seeds_copy, state, clock)
    try:
        assert not any(leftover.exists() for leftover in leftovers)
        kept = sorted(p.name for p in state.iterdir() if p.name.startswith((".facts", "facts")))
        assert kept == ["facts.db", "facts.extraction-cache.db"], "the store, and the cache of its build"
    finally:
        await running.stop()


async def test_fact_ids_are_offered_to_moderators_only(discord: LocalDiscord, bot: LocalBot) -> None:
    member = await discord.autocomplete("/facts correct", "fact", "premiere", user="member")
    assert member.message["choices"] == []
    moderator = await discord.autocomplete("/facts correct", "fact", "premiere", user="moderator")
    assert [c["value"] for c in moderator.message["choices"]] == ["premiere-s4-p1", "premiere-s4-p2"]
    suppress = await discord.autocomplete("/facts suppress", "fact", "cast", user="member")
    assert suppress.message["choices"] == []


async def test_the_reload_diff_shows_every_field_a_member_sees(discord: LocalDiscord, bot: LocalBot) -> None:
    event = "event-emily-in-paris-the-magic-behind-the-scenes"
    reply = await discord.slash(
        "/facts correct", user="moderator", timeout=30, fact=event, field="city", value="Rome"
    )
    changed = next(f["value"] for f in reply.embed["fields"] if f["name"] == "Changed")
    assert changed == f"• `{event}` city: New York → Rome"
    venue = await discord.slash(
        "/facts correct", user="moderator", timeout=30, fact=event, field="venue", value=""
    )
    assert next(f["value"] for f in venue.embed["fields"] if f["name"] == "Changed") == (
        f"• `{event}` venue: The Paley Museum → —"
    )


async def test_the_savoir_fixture_works_on_a_copy_of_the_seeds(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    before = seeds_fingerprint()
    reply = await discord.slash("/facts suppress", user="moderator", fact="cast-arnaud-viardin", timeout=30)
    assert reply.content == CORRECTED
    assert savoir.settings.seeds_dir != SEEDS and "cast-arnaud-viardin" in _corrections(
        savoir.settings.seeds_dir
    )
    assert seeds_fingerprint() == before, "the working tree's seeds/ is unchanged"
