"""The review queue through the real bot on the local Discord: an imported article waits under seeds/pending/ with
what it would change, and moderators approve or reject it by button or command, once, after restarts too."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Upload
from bot.local_discord.components import NoButtonError, button_rows
from bot.local_discord.world import Member
from tests.conftest import SEEDS, Starter, restartable

NEW = """date 2025-01-10
Emily in Paris season 5 premieres on Thursday, August 14. Kate Walsh returns as Madeline Wheeler.
"""
# Every fact it states is live already (the seeds say the same): it goes live without review.
CONFIRMING = """date 2024-05-01
Lily Collins stars as Emily Cooper in Emily in Paris, and Philippine Leroy-Beaulieu plays Sylvie Grateau.
"""
NOTHING = """date 2025-02-02
Emily in Paris was mentioned in passing in a story about something else entirely, which gives no fact at all.
"""


def _moderator(discord: LocalDiscord, name: str) -> Member:
    world = discord.world
    member = Member(world.ids.next(), name, [world.role("Moderators").id])
    world.members[member.id] = member
    return member


@pytest.fixture
async def start(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Starter]:
    """The bot (again, on the same files, as a restart) on a writable copy of seeds/, with a mod-log channel."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    _moderator(discord, "moderator2")
    async with restartable(discord, tmp_path / "state", clock, seeds=seeds) as starter:
        yield starter


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return tmp_path / "seeds"


def pending(seeds: Path) -> list[Path]:
    return sorted((seeds / "pending").rglob("*.txt")) if (seeds / "pending").exists() else []


def imported(seeds: Path) -> list[Path]:
    return sorted(seeds.glob("import_*"))


def review_messages(discord: LocalDiscord) -> list[dict[str, object]]:
    return [m for m in discord.channel_messages("announcements") if m.get("embeds")]


async def _queue(discord: LocalDiscord, text: str = NEW, name: str = "new.txt") -> object:
    await discord.slash("/facts log", user="moderator", options={"channel": "#announcements"})
    return await discord.slash(
        "/facts import", user="moderator", timeout=60, file=Upload(name, text.encode())
    )


async def test_an_import_waits_for_review_and_an_approval_puts_it_live(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    reply = await _queue(discord)
    assert reply.content.startswith("Queued for review as #1")  # type: ignore[attr-defined]
    [waiting] = pending(seeds)
    assert not imported(seeds), "nothing reaches the build before a moderator approves"
    assert "premiere-s5" not in {d.id for d in running.bot.facts.facts.dates}
    [posted] = review_messages(discord)
    assert button_rows(posted) == [["Approve all", "Reject"], ["Leave out 1"]]
    embed = posted["embeds"][0]  # type: ignore[index]
    assert (
        "`premiere-s5`" in embed["description"]
        and "> Emily in Paris season 5 premieres" in embed["description"]
    )
    assert embed["footer"]["text"] == f"Review #1 · {waiting.name}"

    approved = await discord.press("Approve all", user="moderator", message=posted, timeout=60)
    assert approved.ephemeral and approved.content == "Approved #1: its facts are live."
    assert "premiere-s5" in {d.id for d in running.bot.facts.facts.dates}
    assert (seeds / waiting.name).is_file() and pending(seeds) == []
    [settled] = review_messages(discord)
    assert button_rows(settled) == [], "a decided item has no buttons"
    decision = {f["name"]: f["value"] for f in settled["embeds"][0]["fields"]}["Decision"]  # type: ignore[index]
    assert decision.startswith("Approved by moderator <t:") and "(" not in decision, "the name, never the id"
    again = await discord.slash("/facts review approve", user="moderator", item=1)
    assert again.content.startswith("Review item #1 was already approved by moderator")


async def test_members_cannot_press_and_nothing_changes(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    [posted] = review_messages(discord)
    refused = await discord.press("Reject", user="member", message=posted)
    assert refused.ephemeral and refused.content.startswith("Only moderators")
    assert len(pending(seeds)) == 1 and button_rows(review_messages(discord)[0])[0] == [
        "Approve all",
        "Reject",
    ]
    assert (await running.bot.newsdesk.ledger.item(1)).status == "pending"  # type: ignore[union-attr]


async def test_two_moderators_pressing_at_once_apply_one_decision(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    [posted] = review_messages(discord)
    approve, reject = await asyncio.gather(
        discord.press("Approve all", user="moderator", message=posted, timeout=60),
        discord.press("Reject", user="moderator2", message=posted, timeout=60),
    )
    item = await running.bot.newsdesk.ledger.item(1)
    assert item is not None
    if item.status == "approved":
        assert approve.content.startswith("Approved #1") and "already approved by moderator" in reject.content
        assert imported(seeds) and not (seeds / "rejected").exists()
    else:
        assert (
            reject.content.startswith("Rejected #1") and "already rejected by moderator2" in approve.content
        )
        assert not imported(seeds)
    assert pending(seeds) == []


async def test_reject_by_command_keeps_who_and_why(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    before = running.bot.facts.facts
    reply = await discord.slash(
        "/facts review reject", user="moderator2", item=1, reason="a rumour, not news"
    )
    assert reply.content.startswith("Rejected #1")
    assert running.bot.facts.facts is before, "a rejection rebuilds nothing"
    [kept] = (seeds / "rejected").rglob("*.txt")
    assert kept.read_text(encoding="utf-8") == NEW and pending(seeds) == []
    item = await running.bot.newsdesk.ledger.item(1)
    assert item is not None and item.status == "rejected" and item.reason == "a rumour, not news"
    assert item.decided_by is not None and item.decided_by.startswith("moderator2 (")
    decision = {f["name"]: f["value"] for f in review_messages(discord)[0]["embeds"][0]["fields"]}["Decision"]  # type: ignore[index]
    assert decision.startswith("Rejected by moderator2") and "Why: a rumour, not news" in decision
    # The same article again is known, whatever it is called.
    again = await discord.slash(
        "/facts import", user="moderator", timeout=60, file=Upload("again.txt", NEW.encode())
    )
    assert again.content.startswith("Nothing was saved: the bot already has that article")
    unknown = await discord.slash("/facts review approve", user="moderator", item=99)
    assert unknown.content == "There is no review item #99 in this server."


async def test_the_buttons_work_after_a_restart(discord: LocalDiscord, start: Starter, seeds: Path) -> None:
    running = await start()
    await _queue(discord)
    [posted] = review_messages(discord)
    await running.stop()
    running = await start()
    listed = await discord.slash("/facts review list", user="moderator")
    assert "#1 " in listed.content and button_rows(listed.message) == [["Approve all #1", "Reject #1"]]
    approved = await discord.press("Approve all", user="moderator", message=posted, timeout=60)
    assert approved.content == "Approved #1: its facts are live."
    assert "premiere-s5" in {d.id for d in running.bot.facts.facts.dates}
    with pytest.raises(NoButtonError):
        await discord.press("Approve all", user="moderator", message=review_messages(discord)[0])


async def test_what_only_confirms_goes_live_at_once_and_nothing_is_refused(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    confirming = await _queue(discord, CONFIRMING, "confirming.txt")
    assert confirming.content == "It only confirms facts already live, so it went live at once."  # type: ignore[attr-defined]
    assert len(imported(seeds)) == 1 and pending(seeds) == []
    [posted] = review_messages(discord)
    assert button_rows(posted) == [] and "Approved by the bot (it only confirms" in str(posted["embeds"])
    nothing = await discord.slash(
        "/facts import", user="moderator", timeout=60, file=Upload("n.txt", NOTHING.encode())
    )
    assert nothing.content == "Nothing was saved: n.txt states nothing about the show the bot could use."
    assert pending(seeds) == [] and not (seeds / "pending").exists(), "no folder left behind either"
    assert len(running.bot.facts.facts.documents) == 6


async def test_auto_approve_puts_imports_live_and_says_so(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    listed = await discord.slash("/facts review list", user="moderator")
    assert listed.content.startswith("New articles wait here for a moderator")
    await discord.slash("/facts review auto", user="moderator", on=True)
    reply = await _queue(discord)
    assert reply.embed["title"].startswith("Imported import_")  # type: ignore[attr-defined]
    assert "premiere-s5" in {d.id for d in running.bot.facts.facts.dates}
    refused = await discord.slash("/facts review auto", user="member", on=False)
    assert refused.content.startswith("Only moderators") and running.bot.newsdesk.auto_approves(
        int(discord.world.guild_id)
    )


async def test_a_crash_between_the_move_and_its_record_is_put_right(
    discord: LocalDiscord, start: Starter, seeds: Path, clock: ManualClock
) -> None:
    running = await start()
    await _queue(discord)
    await _queue(discord, NEW.replace("August 14", "August 21").replace("Kate Walsh", "Ines Varga"), "b.txt")
    first, second = pending(seeds)
    items = {item.file: item.id for item in await running.bot.newsdesk.ledger.items()}
    await running.stop()
    # As a kill -9 would leave it: the first moved into seeds/ but not recorded; the second's record lost.
    first.rename(seeds / first.name)
    clock.advance(dt.timedelta(minutes=1))
    with sqlite3.connect(running.bot.settings.state_db) as db:
        db.execute("DELETE FROM review_items WHERE file = ?", (second.name,))
    running = await start()
    decided = await running.bot.newsdesk.ledger.item(items[first.name])
    assert decided is not None and decided.status == "approved" and decided.decided_by == "newsdesk.recovered"
    assert first.name in {d.file for d in running.bot.facts.facts.documents}, "reloaded with it"
    for _ in range(100):  # the orphan is queued again once the bot is ready
        if [i for i in await running.bot.newsdesk.ledger.items() if i.file == second.name]:
            break
        await asyncio.sleep(0.1)
    [again] = [i for i in await running.bot.newsdesk.ledger.items() if i.file == second.name]
    assert again.status == "pending" and second.is_file()


async def test_a_fact_left_out_stays_out_after_approval(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    [posted] = review_messages(discord)
    description = str(posted["embeds"][0]["description"])  # type: ignore[index]
    first = description.split("`")[1]  # the first proposed fact's id
    refused = await discord.press("Leave out 1", user="member", message=posted)
    assert refused.content.startswith("Only moderators")
    dropped = await discord.press("Leave out 1", user="moderator", message=posted)
    assert dropped.kind == "update"
    [shown] = review_messages(discord)
    assert button_rows(shown) == [["Approve the rest", "Reject"], ["Put back 1"]]
    assert f"~~1. ➕ `{first}`" in str(shown["embeds"][0]["description"])  # type: ignore[index]
    await discord.press("Put back 1", user="moderator", message=shown)
    await discord.press("Leave out 1", user="moderator", message=review_messages(discord)[0])
    approved = await discord.press(
        "Approve the rest", user="moderator", message=review_messages(discord)[0], timeout=60
    )
    assert approved.content == "Approved #1: its facts are live."
    facts = running.bot.facts.facts
    live = {fact.id for fact in facts.sourced_facts()} | {
        f"season-{season.number}" for season in facts.seasons
    }
    second = description.split("`")[3]  # a season: it goes with the article, no button of its own
    assert first not in live and second in live
    corrections = (seeds / "corrections.toml").read_text(encoding="utf-8")
    assert f'fact = "{first}"' in corrections and "left out when review #1 was approved" in corrections
    await running.stop()
    running = await start()
    assert first not in {fact.id for fact in running.bot.facts.facts.sourced_facts()}, "across every rebuild"
    await discord.slash("/facts reload", user="moderator", timeout=60)
    assert first not in {fact.id for fact in running.bot.facts.facts.sourced_facts()}


async def test_leaving_out_is_a_choice_not_a_flip_and_every_copy_shows_it(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    reply = await _queue(discord)
    [posted] = review_messages(discord)
    both = await asyncio.gather(  # two moderators at once, each on their own copy
        discord.press("Leave out 1", user="moderator", message=reply.message),  # type: ignore[attr-defined]
        discord.press("Leave out 1", user="moderator2", message=posted),
    )
    assert all(press.kind == "update" for press in both)
    item = await running.bot.newsdesk.ledger.item(1)
    assert item is not None and len(item.dropped) == 1, "pressed twice, still left out"
    assert button_rows(review_messages(discord)[0]) == [["Approve the rest", "Reject"], ["Put back 1"]]
    listed = await discord.slash("/facts review list", user="moderator")
    assert button_rows(listed.message) == [["Approve the rest #1", "Reject #1"]]


async def test_an_approval_the_live_facts_moved_under_is_refused_and_shown_again(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    await _queue(discord, NEW.replace("August 14", "August 21").replace("2025-01-10", "2025-01-11"), "b.txt")
    second = review_messages(discord)[1]
    assert "✏️ `premiere-s5`" not in str(second["embeds"]), "queued as a new date"
    await discord.slash("/facts review approve", user="moderator", item=1, timeout=60)
    before = running.bot.facts.facts
    refused = await discord.slash("/facts review approve", user="moderator", item=2, timeout=60)
    assert refused.content.startswith("Not approved: the live facts changed since this article was queued")
    assert running.bot.facts.facts is before and len(pending(seeds)) == 1
    redrawn = str(review_messages(discord)[1]["embeds"])
    assert "✏️ `premiere-s5`" in redrawn and "2025-08-14 → 2025-08-21" in redrawn, "now shown as a change"
    approved = await discord.slash("/facts review approve", user="moderator", item=2, timeout=60)
    assert approved.content == "Approved #2: its facts are live."
    assert {d.id: d.date for d in running.bot.facts.facts.dates}["premiere-s5"] == "2025-08-21"


async def test_a_pending_file_changed_or_removed_by_hand(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    [waiting] = pending(seeds)
    waiting.write_text(NEW.replace("Kate Walsh", "Zed Unreviewed"), encoding="utf-8")
    refused = await discord.slash("/facts review approve", user="moderator", item=1, timeout=60)
    assert refused.content.startswith(f"Not approved: the article {waiting.name} was changed on disk")
    assert "cast-zed-unreviewed" not in {c.id for c in running.bot.facts.facts.credits}
    waiting.unlink()
    rejected = await discord.slash("/facts review reject", user="moderator", item=1)
    assert rejected.content.startswith("Rejected #1: its article file was already gone")


async def test_a_broken_corrections_file_with_a_fact_left_out_is_said(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    running = await start()
    await _queue(discord)
    await discord.press("Leave out 1", user="moderator", message=review_messages(discord)[0])
    corrections = seeds / "corrections.toml"
    broken = corrections.read_text(encoding="utf-8") + "\n[[correction\nbroken =\n"
    corrections.write_text(broken, encoding="utf-8")
    refused = await discord.press(
        "Approve the rest", user="moderator", message=review_messages(discord)[0], timeout=60
    )
    assert refused.content.startswith("Nothing was done: corrections.toml is already broken")
    assert running.bot.command_failures == 0 and corrections.read_text(encoding="utf-8") == broken
    assert len(pending(seeds)) == 1 and (await running.bot.newsdesk.ledger.item(1)).status == "pending"  # type: ignore[union-attr]


async def test_leaving_out_from_the_private_reply_redraws_the_mod_log_copy(
    discord: LocalDiscord, start: Starter, seeds: Path
) -> None:
    await start()
    reply = await _queue(discord)
    await discord.press("Leave out 1", user="moderator", message=reply.message)  # type: ignore[attr-defined]
    wanted = [["Approve the rest", "Reject"], ["Put back 1"]]
    for _ in range(100):  # redrawn just after the press is answered
        if button_rows(review_messages(discord)[0]) == wanted:
            break
        await asyncio.sleep(0.05)
    assert button_rows(review_messages(discord)[0]) == wanted
