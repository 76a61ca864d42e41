"""Several shows through the real bot on the local Discord: a guild follows none until a moderator chooses with
/setup show; then every member's command, /facts, the countdown and the calendar are about that show."""

from __future__ import annotations

import datetime as dt

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord
from bot.store.state import GuildSettings

CHOOSE_FIRST = "This server has not chosen its show yet: a moderator can choose it with `/setup show`."
OTHER_GUILD = 987654321


async def _follow(discord: LocalDiscord, key: str) -> str:
    reply = await discord.slash("/setup show", user="moderator", show=key)
    assert reply.ephemeral
    return str(reply.content)


async def test_members_are_told_to_wait_until_a_show_is_chosen(
    discord: LocalDiscord, several: SavoirBot
) -> None:
    for command, options in (("/cast", {"name": "Sylvie"}), ("/about", {}), ("/upcoming", {}), ("/season", {"number": 4}),
                             ("/calendar", {})):  # fmt: skip
        reply = await discord.slash(command, **options)
        assert reply.ephemeral and reply.content == CHOOSE_FIRST, command
    french = await discord.slash("/about", locale="fr")
    assert french.content.startswith("Ce serveur n'a pas encore choisi sa série")
    assert (await discord.autocomplete("/cast", "name", "syl")).message["choices"] == []
    status = await discord.slash("/facts status", user="moderator")
    assert status.ephemeral and status.content == CHOOSE_FIRST
    assert several.command_failures == 0


async def test_setup_show_is_for_moderators_with_the_titles_offered(
    discord: LocalDiscord, several: SavoirBot
) -> None:
    commands = {c["name"]: c for c in discord.syncs[-1].body}
    assert commands["setup"]["name_localizations"]["fr"] == "configurer"
    offered = await discord.autocomplete("/setup show", "show", "", user="moderator")
    assert [(c["name"], c["value"]) for c in offered.message["choices"]] == [
        ("Emily in Paris", "emily"), ("The Lighthouse Keepers", "lighthouse"),
    ]  # fmt: skip
    typed = await discord.autocomplete("/setup show", "show", "light", user="moderator")
    assert [c["value"] for c in typed.message["choices"]] == ["lighthouse"]
    assert (await discord.autocomplete("/setup show", "show", "", user="member")).message["choices"] == []
    refused = await discord.slash("/setup show", user="member", show="emily")
    assert refused.ephemeral and refused.content.startswith("Only moderators")
    unknown = await discord.slash("/setup show", user="moderator", show="Nowhere")
    assert unknown.content == "I don't know a show called `Nowhere`: choose one from the list."
    assert several.show_for(int(discord.world.guild_id)) is None


async def test_members_are_answered_from_the_show_the_guild_follows(
    discord: LocalDiscord, several: SavoirBot
) -> None:
    assert (await _follow(discord, "lighthouse")).startswith(
        "This server now follows **The Lighthouse Keepers**"
    )
    cast = await discord.slash("/cast", name="Agnes")
    assert not cast.ephemeral and "Marta Quillfeather" in str(cast.embed)
    assert "Grateau" not in str((await discord.slash("/cast", name="Sylvie")).embed)
    about = await discord.slash("/about")
    fields = {item["name"]: item["value"] for item in about.embed["fields"]}
    assert "**The Lighthouse Keepers**" in about.embed["description"]
    assert fields["This server follows"].startswith("**The Lighthouse Keepers**")
    assert "From 2 articles" in fields
    suggested = await discord.autocomplete("/cast", "name", "ag")
    assert [c["value"] for c in suggested.message["choices"]] == ["Agnes Tull"]

    assert (await _follow(discord, "emily")).startswith("This server now follows **Emily in Paris**")
    assert (await _follow(discord, "Emily in Paris")) == "This server already follows **Emily in Paris**."
    sylvie = await discord.slash("/cast", name="Sylvie")
    assert "Philippine Leroy-Beaulieu" in str(sylvie.embed)
    about = await discord.slash("/about")
    assert "**Emily in Paris**" in about.embed["description"]
    status = await discord.slash("/facts status", user="moderator")
    assert status.ephemeral and "5" in str(status.embed)
    assert several.command_failures == 0


async def test_facts_commands_act_on_the_guilds_show_only(discord: LocalDiscord, several: SavoirBot) -> None:
    await _follow(discord, "lighthouse")
    emily, lighthouse = several.shows.get("emily"), several.shows.get("lighthouse")
    assert emily is not None and lighthouse is not None
    before = emily.facts.facts
    (lighthouse.settings.seeds_dir / "003_more.txt").write_text(
        "date 2024-07-20\ntitle More lighthouse news\noutlet Tidewater Gazette\n\n"
        "In The Lighthouse Keepers, Wenna Holloway plays Bryony Marsh, the harbour master.\n",
        encoding="utf-8",
    )
    reloaded = await discord.slash("/facts reload", user="moderator", timeout=60)
    assert reloaded.ephemeral and reloaded.embed["title"].startswith("Reloaded")
    assert len(lighthouse.facts.facts.documents) == 3 and emily.facts.facts is before
    suppressed = await discord.slash("/facts suppress", user="moderator", fact="premiere-s2", timeout=60)
    assert suppressed.content.startswith("Correction saved")
    assert "premiere-s2" in (lighthouse.settings.seeds_dir / "corrections.toml").read_text(encoding="utf-8")
    assert emily.facts.facts is before
    offered = await discord.autocomplete("/facts suppress", "fact", "cast", user="moderator")
    assert {c["value"] for c in offered.message["choices"]} <= {
        f.id for f in lighthouse.facts.facts.sourced_facts()
    }
    assert several.command_failures == 0


async def test_the_countdown_follows_each_guilds_show(
    discord: LocalDiscord, several: SavoirBot, clock: ManualClock
) -> None:
    guild = int(discord.world.guild_id)
    await discord.slash("/countdown channel", user="moderator", options={"channel": "#announcements"})
    # Not chosen: nothing planned, nothing posted.
    assert several.countdown.upcoming(guild) == []
    await _follow(discord, "lighthouse")
    # A second guild following the other show, planned by the same dispatcher (at the service level: the local
    # Discord has one guild).
    await several.shows.choose(OTHER_GUILD, "emily", clock.now(), by=None)
    await several.countdown.update(GuildSettings(OTHER_GUILD, channel_id=42), None, restart_watch=True)
    ours = {target.fact.id for _, target in several.countdown.upcoming(guild)}
    theirs = {target.fact.id for _, target in several.countdown.upcoming(OTHER_GUILD)}
    assert ours == {"premiere-s2"}
    assert {"premiere-s4-p1", "premiere-s4-p2"} <= theirs and "premiere-s2" not in theirs
    await several.countdown.update(GuildSettings(OTHER_GUILD), None, restart_watch=True)  # its channel off

    # Emily in Paris's premieres count down in August; this guild follows the other show: nothing is posted.
    clock.set(dt.datetime(2024, 8, 14, 8, tzinfo=dt.UTC))
    await several.countdown.tick()
    assert discord.channel_messages("announcements") == []
    # 30 days before The Lighthouse Keepers' season 2 (3 October 2024, midnight in London).
    clock.set(dt.datetime(2024, 9, 2, 23, 30, tzinfo=dt.UTC))
    await several.countdown.tick()
    [post] = discord.channel_messages("announcements")
    assert "Season 2" in str(post["content"]) and "Season 4" not in str(post["content"])


async def test_the_calendar_is_the_guilds_show(discord: LocalDiscord, several: SavoirBot) -> None:
    await _follow(discord, "lighthouse")
    reply = await discord.slash("/calendar", timeout=30)
    assert reply.ephemeral
    [attachment] = reply.message["attachments"]
    assert attachment["filename"] == "the-lighthouse-keepers.ics"
