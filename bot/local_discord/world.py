"""The local Discord's one guild: its channels, roles and members, written as Discord's payloads."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

# Permission bits (https://discord.com/developers/docs/topics/permissions).
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
MANAGE_ROLES = 1 << 28
MANAGE_EVENTS = 1 << 33
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
)
BOT_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_EVENTS | MANAGE_ROLES
MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD | MANAGE_EVENTS

_DISCORD_EPOCH_MS = 1_420_070_400_000
_WORLD_BORN_MS = 1_704_067_200_000  # 2024-01-01: when the local Discord's guild "was created"


class Snowflakes:
    """Discord-shaped ids, the same on every run: the guild, its channels and members keep their ids, so a
    bot state kept across sandbox runs (--db) still belongs to the same guild."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> str:
        """A new id, rising."""
        return str(((_WORLD_BORN_MS - _DISCORD_EPOCH_MS) << 22) + next(self._counter))


@dataclass
class Channel:
    """A text channel; `forbidden` makes posting answer 403, `deleted` makes it answer 404."""

    id: str
    name: str
    position: int
    forbidden: bool = False
    deleted: bool = False

    def payload(self, guild_id: str) -> dict[str, Any]:
        """The channel as Discord sends it."""
        return {
            "id": self.id, "type": 0, "name": self.name, "position": self.position, "guild_id": guild_id,
            "permission_overwrites": [], "nsfw": False, "topic": None, "last_message_id": None,
            "parent_id": None, "rate_limit_per_user": 0, "flags": 0,
        }  # fmt: skip


@dataclass
class Role:
    """A guild role and its permissions."""

    id: str
    name: str
    permissions: int
    position: int

    def payload(self) -> dict[str, Any]:
        """The role as Discord sends it."""
        return {
            "id": self.id, "name": self.name, "permissions": str(self.permissions), "position": self.position,
            "color": 0, "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False, "managed": False, "mentionable": True, "flags": 0, "icon": None, "unicode_emoji": None,
        }  # fmt: skip


@dataclass
class Member:
    """A guild member: a user with roles and a locale."""

    id: str
    username: str
    roles: list[str]
    bot: bool = False
    locale: str = "en-US"

    def user(self) -> dict[str, Any]:
        """The user object."""
        return {
            "id": self.id, "username": self.username, "global_name": self.username, "discriminator": "0",
            "avatar": None, "bot": self.bot, "public_flags": 0, "flags": 0,
        }  # fmt: skip

    def payload(self, permissions: int | None = None) -> dict[str, Any]:
        """The guild member object (with `permissions` when inside an interaction)."""
        data: dict[str, Any] = {
            "user": self.user(), "roles": list(self.roles), "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False,
            "mute": False, "flags": 0, "pending": False, "nick": None, "avatar": None, "premium_since": None,
            "communication_disabled_until": None,
        }  # fmt: skip
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class World:
    """Everything the local Discord knows: the application, its bot user, one guild."""

    ids: Snowflakes = field(default_factory=Snowflakes)
    application_id: str = ""
    guild_id: str = ""
    guild_name: str = "Savoir Test Server"
    owner_id: str = ""
    channels: dict[str, Channel] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.application_id = self.ids.next()
        self.guild_id = self.ids.next()
        everyone = Role(self.guild_id, "@everyone", MEMBER_PERMISSIONS, 0)
        moderators = Role(self.ids.next(), "Moderators", MODERATOR_PERMISSIONS, 2)
        fans = Role(self.ids.next(), "Fans", MEMBER_PERMISSIONS, 1)
        bot_role = Role(self.ids.next(), "Savoir", BOT_PERMISSIONS, 3)
        self.roles = {role.id: role for role in (everyone, moderators, fans, bot_role)}
        for position, name in enumerate(("general", "announcements")):
            channel = Channel(self.ids.next(), name, position)
            self.channels[channel.id] = channel
        bot_member = Member(self.application_id, "Savoir", [bot_role.id], bot=True)
        moderator = Member(self.ids.next(), "moderator", [moderators.id])
        member = Member(self.ids.next(), "member", [fans.id])
        self.owner_id = moderator.id
        self.members = {m.id: m for m in (bot_member, moderator, member)}
        # Made last so the ids above stay what they were; a role members may give themselves through the bot,
        # below the bot's own role (Discord lets a bot manage only roles under its highest).
        pings = Role(self.ids.next(), "Premiere pings", 0, 2)
        self.roles[pings.id] = pings
        for role, position in ((moderators, 3), (bot_role, 4)):
            role.position = position

    def add_members(self, count: int, prefix: str = "fan") -> list[Member]:
        """More plain members ("fan0", "fan1", ...), before the bot connects: for load and benchmarks."""
        fans = self.role("Fans").id
        added = [Member(self.ids.next(), f"{prefix}{number}", [fans]) for number in range(count)]
        self.members.update((member.id, member) for member in added)
        return added

    def channel(self, name_or_id: str) -> Channel:
        """A channel by name ("#announcements" or "announcements") or id."""
        key = name_or_id.lstrip("#")
        for channel in self.channels.values():
            if key in (channel.name, channel.id):
                return channel
        raise KeyError(f"no channel {name_or_id!r}")

    def role(self, name_or_id: str) -> Role:
        """A role by name or id."""
        key = name_or_id.lstrip("@")
        for role in self.roles.values():
            if key in (role.name, role.id) or key.lower() == role.name.lower():
                return role
        raise KeyError(f"no role {name_or_id!r}")

    def member(self, name_or_id: str) -> Member:
        """A member by user name ("moderator", "member") or id."""
        found = self.members.get(name_or_id) or self._by_name().get(name_or_id)
        if found is None:
            raise KeyError(f"no member {name_or_id!r}")
        return found

    def _by_name(self) -> dict[str, Member]:
        return {member.username: member for member in self.members.values()}

    @property
    def bot_user(self) -> Member:
        """The bot's own member."""
        return self.members[self.application_id]

    def top_position(self, member: Member) -> int:
        """The position of a member's highest role (0: @everyone alone)."""
        return max((self.roles[role_id].position for role_id in member.roles if role_id in self.roles), default=0)

    def permissions_of(self, member: Member) -> int:
        """A member's guild permissions: the union of @everyone and their roles."""
        bits = self.roles[self.guild_id].permissions
        for role_id in member.roles:
            bits |= self.roles[role_id].permissions
        return bits

    def guild_payload(self) -> dict[str, Any]:
        """GUILD_CREATE's guild object."""
        return {
            "id": self.guild_id, "name": self.guild_name, "icon": None, "splash": None, "discovery_splash": None,
            "owner_id": self.owner_id, "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "features": [], "mfa_level": 0,
            "application_id": None, "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "max_members": 500000, "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": "en-US", "public_updates_channel_id": None,
            "nsfw_level": 0, "premium_progress_bar_enabled": False, "safety_alerts_channel_id": None,
            "joined_at": "2024-01-01T00:00:00+00:00", "large": False, "unavailable": False,
            "member_count": len(self.members), "voice_states": [], "presences": [], "threads": [],
            "stage_instances": [], "guild_scheduled_events": [], "emojis": [], "stickers": [],
            "roles": [role.payload() for role in self.roles.values()],
            "members": [member.payload() for member in self.members.values()],
            "channels": [c.payload(self.guild_id) for c in self.channels.values() if not c.deleted],
        }  # fmt: skip
