"""Everything the local Discord knows: the application, its bot user and its guilds (the first one as
today's tests know it, more on demand)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from bot.local_discord.guilds import (
    BOT_PERMISSIONS,
    EMBED_LINKS,
    MANAGE_EVENTS,
    MANAGE_GUILD,
    MANAGE_ROLES,
    MEMBER_PERMISSIONS,
    MENTION_EVERYONE,
    MODERATOR_PERMISSIONS,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    USE_APPLICATION_COMMANDS,
    VIEW_CHANNEL,
    Channel,
    Guild,
    Member,
    Role,
)

__all__ = [
    "BOT_PERMISSIONS", "EMBED_LINKS", "MANAGE_EVENTS", "MANAGE_GUILD", "MANAGE_ROLES", "MEMBER_PERMISSIONS",
    "MENTION_EVERYONE", "MODERATOR_PERMISSIONS", "READ_MESSAGE_HISTORY", "SEND_MESSAGES",
    "USE_APPLICATION_COMMANDS", "VIEW_CHANNEL", "Channel", "Guild", "Member", "Role", "Snowflakes", "World",
]  # fmt: skip

_DISCORD_EPOCH_MS = 1_420_070_400_000
_WORLD_BORN_MS = 1_704_067_200_000  # 2024-01-01: when the local Discord's guild "was created"


class Snowflakes:
    """Discord-shaped ids, the same on every run: the guild, its channels and members keep their ids, so a
    bot state kept across sandbox runs (--db) still belongs to the same guild."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> str:
        """A new id, rising."""
        return self.later(0)

    def later(self, milliseconds: int) -> str:
        """A new id whose timestamp is `milliseconds` after the world's birth (the counter keeps it unique)."""
        return str(((_WORLD_BORN_MS - _DISCORD_EPOCH_MS + milliseconds) << 22) + next(self._counter))


@dataclass
class World:
    """The application, its bot user and its guilds; the single-guild API (`guild_id`, `channels`, `role()`,
    ...) is the first guild's."""

    ids: Snowflakes = field(default_factory=Snowflakes)
    application_id: str = ""
    guild_id: str = ""
    guilds: dict[str, Guild] = field(default_factory=dict)
    # channel id -> guild id: a route naming a channel finds its guild in one look-up, however many guilds
    channel_guilds: dict[str, str] = field(default_factory=dict)
    _people: tuple[str, str] = ("", "")  # the moderator's and the member's user ids, in every guild

    def __post_init__(self) -> None:
        # The order of the ids below is the first guild's since the start: states kept by the sandbox rely on it.
        self.application_id = self.ids.next()
        self.guild_id = self.ids.next()
        everyone = Role(self.guild_id, "@everyone", MEMBER_PERMISSIONS, 0)
        moderators = Role(self.ids.next(), "Moderators", MODERATOR_PERMISSIONS, 2)
        fans = Role(self.ids.next(), "Fans", MEMBER_PERMISSIONS, 1)
        bot_role = Role(self.ids.next(), "Savoir", BOT_PERMISSIONS, 3)
        guild = Guild(self.guild_id, "Savoir Test Server", "", self.application_id)
        guild.roles = {role.id: role for role in (everyone, moderators, fans, bot_role)}
        self.guilds[guild.id] = guild
        for name in ("general", "announcements"):
            self.add_channel(name, guild.id)
        bot_member = Member(self.application_id, "Savoir", [bot_role.id], bot=True)
        moderator = Member(self.ids.next(), "moderator", [moderators.id])
        member = Member(self.ids.next(), "member", [fans.id])
        guild.owner_id = moderator.id
        self._people = (moderator.id, member.id)
        guild.members = {m.id: m for m in (bot_member, moderator, member)}
        # Made last so the ids above stay what they were; a role members may give themselves through the bot,
        # below the bot's own role (Discord lets a bot manage only roles under its highest).
        pings = Role(self.ids.next(), "Premiere pings", 0, 2)
        guild.roles[pings.id] = pings
        for role, position in ((moderators, 3), (bot_role, 4)):
            role.position = position

    # -- several guilds ------------------------------------------------------------------------------------

    def add_guild(self, name: str | None = None) -> str:
        """One more guild, O(1): @everyone, Moderators, Fans and the bot's role; #general and #announcements;
        the bot, "moderator" (its owner) and "member" (the same users as in the first guild). Returns its id.

        Guild k is "created" k ms after the first, so its id's timestamp, and with it its shard
        ((id >> 22) % shard_count), goes round the shards: guild k lives on shard k % shard_count."""
        number = len(self.guilds)
        guild_id = self.ids.later(number)
        moderator_id, member_id = self._people
        guild = Guild(guild_id, name or f"Guild {number}", moderator_id, self.application_id)
        everyone = Role(guild_id, "@everyone", MEMBER_PERMISSIONS, 0)
        fans = Role(self.ids.next(), "Fans", MEMBER_PERMISSIONS, 1)
        moderators = Role(self.ids.next(), "Moderators", MODERATOR_PERMISSIONS, 2)
        bot_role = Role(self.ids.next(), "Savoir", BOT_PERMISSIONS, 3)
        guild.roles = {role.id: role for role in (everyone, fans, moderators, bot_role)}
        guild.members = {
            self.application_id: Member(self.application_id, "Savoir", [bot_role.id], bot=True),
            moderator_id: Member(moderator_id, "moderator", [moderators.id]),
            member_id: Member(member_id, "member", [fans.id]),
        }
        self.guilds[guild_id] = guild
        for channel_name in ("general", "announcements"):
            self.add_channel(channel_name, guild_id)
        return guild_id

    def add_guilds(self, count: int, prefix: str = "Guild") -> list[str]:
        """`count` more guilds ("Guild 1", ...), for load and benchmarks; their ids."""
        return [self.add_guild(f"{prefix} {len(self.guilds)}") for _ in range(count)]

    def add_channel(self, name: str, guild: str | None = None) -> Channel:
        """A new text channel in a guild (the first by default)."""
        found = self.guild_of(guild)
        channel = Channel(self.ids.next(), name, len(found.channels))
        found.channels[channel.id] = channel
        self.channel_guilds[channel.id] = found.id
        return channel

    def guild_of(self, guild: str | Guild | None = None) -> Guild:
        """A guild by id (or, more slowly, by name); the first guild for None."""
        if isinstance(guild, Guild):
            return guild
        if guild is None:
            return self.guilds[self.guild_id]
        found = self.guilds.get(guild)
        if found is None:
            found = next((g for g in self.guilds.values() if g.name == guild), None)
        if found is None:
            raise KeyError(f"no guild {guild!r}")
        return found

    def guild_of_channel(self, channel_id: str) -> Guild | None:
        """The guild a channel id belongs to (None: no such channel)."""
        guild_id = self.channel_guilds.get(channel_id)
        if guild_id is not None:
            return self.guilds[guild_id]
        # A channel put straight into the first guild's dict (world.channels[...] = ...) is not indexed.
        return self.guild if channel_id in self.guild.channels else None

    # -- the first guild, as the single-guild API ------------------------------------------------------

    @property
    def guild(self) -> Guild:
        """The first guild."""
        return self.guilds[self.guild_id]

    @property
    def guild_name(self) -> str:
        """The first guild's name."""
        return self.guild.name

    @property
    def owner_id(self) -> str:
        """The first guild's owner."""
        return self.guild.owner_id

    @property
    def channels(self) -> dict[str, Channel]:
        """The first guild's channels."""
        return self.guild.channels

    @property
    def roles(self) -> dict[str, Role]:
        """The first guild's roles."""
        return self.guild.roles

    @property
    def members(self) -> dict[str, Member]:
        """The first guild's members."""
        return self.guild.members

    def add_members(self, count: int, prefix: str = "fan", guild: str | None = None) -> list[Member]:
        """More plain members ("fan0", "fan1", ...), before the bot connects: for load and benchmarks."""
        found = self.guild_of(guild)
        fans = found.role("Fans").id
        added = [Member(self.ids.next(), f"{prefix}{number}", [fans]) for number in range(count)]
        found.members.update((member.id, member) for member in added)
        return added

    def channel(self, name_or_id: str) -> Channel:
        """A channel by id (of any guild) or by name in the first guild ("#announcements" or "announcements")."""
        key = name_or_id.lstrip("#")
        guild = self.guild_of_channel(key)
        if guild is not None:
            return guild.channels[key]
        return self.guild.channel(name_or_id)

    def role(self, name_or_id: str) -> Role:
        """A role of the first guild, by name or id."""
        return self.guild.role(name_or_id)

    def member(self, name_or_id: str) -> Member:
        """A member of the first guild, by user name ("moderator", "member") or id."""
        return self.guild.member(name_or_id)

    @property
    def bot_user(self) -> Member:
        """The bot's own member (in the first guild)."""
        return self.guild.bot_user

    def top_position(self, member: Member) -> int:
        """The position of a member's highest role in the first guild (0: @everyone alone)."""
        return self.guild.top_position(member)

    def permissions_of(self, member: Member) -> int:
        """A member's permissions in the first guild: the union of @everyone and their roles."""
        return self.guild.permissions_of(member)

    def guild_payload(self, guild: str | None = None) -> dict[str, Any]:
        """GUILD_CREATE's guild object (the first guild's by default)."""
        return self.guild_of(guild).payload()
