"""Opt-in pings through the real bot on the local Discord: the "Notify me" button on countdown posts (before and
after a restart), /countdown subscribe and unsubscribe, and every refusal said in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.local_discord.components import NoButtonError, button_rows
from bot.local_discord.world import BOT_PERMISSIONS, MANAGE_GUILD, MANAGE_ROLES
from bot.local_run import LocalBot
from tests.conftest import Starter, restartable
from tests.countdown.test_dispatcher import MOMENT, PREMIERE, at, only

PINGS = "Premiere pings"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2030, 7, 1, tzinfo=dt.UTC))


@pytest.fixture
async def start(discord: LocalDiscord, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Starter]:
    """Start the bot (again) on the same state file; every bot still running is stopped at the end."""
    async with restartable(discord, tmp_path, clock, prepare=lambda b: only(b, PREMIERE)) as starter:
        yield starter


def has_pings(discord: LocalDiscord, user: str = "member") -> bool:
    return discord.world.role(PINGS).id in discord.world.member(user).roles


async def _post_with_button(
    discord: LocalDiscord, running: LocalBot, clock: ManualClock
) -> dict[str, object]:
    """Countdowns in #announcements mentioning the ping role; the 30-day post goes out."""
    await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    await discord.slash("/countdown ping", user="moderator", role=PINGS)
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30))
    [post] = discord.channel_messages("announcements")
    return post


async def test_the_button_toggles_the_role_before_and_after_a_restart(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    post = await _post_with_button(discord, running, clock)
    assert button_rows(post) == [["Notify me"]]
    role = discord.world.role(PINGS).id
    assert str(post["content"]).startswith(f"<@&{role}> ")
    assert post["allowed_mentions"] == {"parse": [], "roles": [int(role)]}, (
        "that one role, and nothing else, may ping"
    )

    on = await discord.press("Notify me", user="member")
    assert on.ephemeral and on.content.startswith(f"You now have <@&{role}>")
    assert on.message["allowed_mentions"] == {"parse": []}, "the private reply mentions nobody"
    assert has_pings(discord)
    off = await discord.press("Notify me", user="member")
    assert (
        off.ephemeral and off.content == f"You no longer have <@&{role}>: countdown posts won't mention you."
    )
    assert not has_pings(discord)

    await running.stop()
    await start()  # a new process: only the view registered in setup_hook can answer the old post
    again = await discord.press("Notify me", user="member", message=post)
    assert again.ephemeral and again.content.startswith(f"You now have <@&{role}>")
    assert has_pings(discord)
    changes = [(c.member_id, c.added) for c in discord.member_roles.changes]
    member = discord.world.member("member").id
    assert changes == [(member, True), (member, False), (member, True)]


async def test_subscribe_and_unsubscribe(discord: LocalDiscord, start: Starter, clock: ManualClock) -> None:
    await start()
    await discord.slash("/countdown ping", user="moderator", role=PINGS)
    role = discord.world.role(PINGS).id
    assert (await discord.slash("/countdown unsubscribe")).content == (
        f"You don't have <@&{role}>: countdown posts don't mention you."
    )
    subscribed = await discord.slash("/countdown subscribe", user="member")
    assert subscribed.ephemeral and subscribed.content.startswith(f"You now have <@&{role}>")
    assert has_pings(discord)
    assert (await discord.slash("/countdown subscribe")).content.startswith(f"You already have <@&{role}>")
    assert (await discord.slash("/countdown unsubscribe")).content.startswith(
        f"You no longer have <@&{role}>"
    )
    assert not has_pings(discord)
    assert len(discord.member_roles.changes) == 2, "asking twice changes nothing the second time"


async def test_no_ping_role_is_a_clear_note_and_posts_have_no_button(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    reply = await discord.slash("/countdown subscribe")
    assert reply.ephemeral
    assert (
        reply.content
        == "This server has no countdown ping role: a moderator can choose one with `/countdown ping`."
    )
    await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    await at(running.bot, clock, MOMENT - dt.timedelta(days=30))
    [post] = discord.channel_messages("announcements")
    assert button_rows(post) == [] and post["allowed_mentions"] == {"parse": []}
    with pytest.raises(NoButtonError):
        await discord.press("Notify me")


async def test_a_post_whose_role_was_cleared_says_so(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _post_with_button(discord, running, clock)
    await discord.slash("/countdown ping", user="moderator")  # no role: nobody is mentioned any more
    reply = await discord.press("Notify me")
    assert reply.ephemeral and reply.content.startswith("This server has no countdown ping role")
    assert discord.member_roles.changes == []


async def test_without_manage_roles_the_bot_refuses_and_status_says_why(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _post_with_button(discord, running, clock)
    await discord.update_role("Savoir", permissions=BOT_PERMISSIONS & ~MANAGE_ROLES)
    note = "I can't give roles here: a moderator needs to give me the Manage Roles permission."
    assert (await discord.press("Notify me")).content == note
    assert (await discord.slash("/countdown subscribe")).content == note
    assert not has_pings(discord) and discord.member_roles.changes == []
    status = await discord.slash("/countdown status", user="moderator")
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Notify me"] == note


async def test_a_role_at_or_above_the_bots_is_refused(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    await start()
    await discord.slash("/countdown ping", user="moderator", role=PINGS)
    role = discord.world.role(PINGS).id
    top = discord.world.role("Savoir").position
    for position in (top, top + 1):  # equal to the bot's highest role is refused too, as on Discord
        await discord.update_role(PINGS, position=position)
        reply = await discord.slash("/countdown subscribe")
        assert reply.ephemeral and reply.content == (
            f"I can't give <@&{role}>: it is at or above my highest role. A moderator needs to move my role above it."
        )
    status = await discord.slash("/countdown status", user="moderator")
    assert (
        "at or above my highest role" in {f["name"]: f["value"] for f in status.embed["fields"]}["Notify me"]
    )
    await discord.update_role(PINGS, position=top - 1)
    assert (await discord.slash("/countdown subscribe")).content.startswith(f"You now have <@&{role}>")
    status = await discord.slash("/countdown status", user="moderator")
    assert {f["name"]: f["value"] for f in status.embed["fields"]}["Notify me"] == (
        f"Members get <@&{role}> with the “Notify me” button or `/countdown subscribe`."
    )


async def test_discord_refusing_the_change_is_said_and_nothing_changes(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    """The bot's view of its role is out of date (an edit it never heard of): Discord's 403 is said in words."""
    await start()
    await discord.slash("/countdown ping", user="moderator", role=PINGS)
    discord.world.role(PINGS).position = 10  # moved above the bot's role; no GUILD_ROLE_UPDATE sent
    reply = await discord.slash("/countdown subscribe")
    assert reply.ephemeral and "Discord refused to change" in reply.content
    assert not has_pings(discord)
    assert [c.status for c in discord.calls if "/roles/" in c.path] == [403]


async def test_the_only_mention_ever_sent_is_the_ping_role(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _post_with_button(discord, running, clock)
    await discord.press("Notify me")
    await discord.slash("/countdown subscribe")
    await discord.slash("/countdown status", user="moderator")
    role = discord.world.role(PINGS).id
    for call in discord.calls:
        body = call.body if isinstance(call.body, dict) else {}
        message = body.get("data") if "type" in body else body
        if not isinstance(message, dict) or "allowed_mentions" not in message:
            continue
        allowed = message["allowed_mentions"]
        if call.route == "/channels/{channel}/messages":
            assert allowed == {"parse": [], "roles": [int(role)]} and str(message["content"]).startswith(
                f"<@&{role}> "
            )
        else:
            assert allowed == {"parse": []}, call


async def test_members_may_subscribe_but_not_change_settings(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    await start()
    refused = await discord.slash("/countdown spoilers", user="member", days=3)
    assert refused.content == "Only moderators (Manage Server, or a moderator role) can do this."
    assert (await discord.slash("/countdown subscribe")).content.startswith(
        "This server has no countdown ping"
    )


@pytest.mark.parametrize("name", ["Moderators", "Savoir"])
async def test_a_role_with_power_or_the_bots_own_cannot_be_the_ping_role(
    discord: LocalDiscord, start: Starter, name: str
) -> None:
    running = await start()
    reply = await discord.slash("/countdown ping", user="moderator", options={"role": f"@{name}"})
    assert reply.ephemeral and "can't" in reply.content
    assert running.bot.countdown.guild(int(discord.world.guild_id)).ping_role_id is None


async def test_a_ping_role_that_gains_power_later_is_not_handed_out(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _post_with_button(discord, running, clock)
    await discord.update_role(PINGS, permissions=MANAGE_GUILD)  # an admin gives the role Manage Server later
    reply = await discord.press("Notify me", user="member")
    assert "can't be the ping role" in reply.content
    assert discord.world.role(PINGS).id not in discord.world.member("member").roles


async def test_pressing_and_subscribing_have_the_members_cooldown(
    discord: LocalDiscord, start: Starter, clock: ManualClock
) -> None:
    running = await start()
    await _post_with_button(discord, running, clock)
    replies = [await discord.press("Notify me", user="member") for _ in range(7)]
    assert sum("Slow down" in reply.content for reply in replies) == 2, [r.content for r in replies]
    commands = [await discord.slash("/countdown subscribe", user="member") for _ in range(6)]
    assert "Slow down" in commands[-1].content
