"""A guild of the local Discord: its channels, roles and members, written as Discord's payloads."""

from __future__ import annotations

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
class Guild:
    """One guild: its channels, roles and members (the bot's among them)."""

    id: str
    name: str
    owner_id: str
    bot_id: str
    channels: dict[str, Channel] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)

    def channel(self, name_or_id: str) -> Channel:
        """A channel by name ("#announcements" or "announcements") or id."""
        key = name_or_id.lstrip("#")
        found = self.channels.get(key)
        if found is not None:
            return found
        for channel in self.channels.values():
            if key == channel.name:
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
        found = self.members.get(name_or_id)
        if found is None:
            found = next((m for m in self.members.values() if m.username == name_or_id), None)
        if found is None:
            raise KeyError(f"no member {name_or_id!r}")
        return found

    @property
    def bot_user(self) -> Member:
        """The bot's own member."""
        return self.members[self.bot_id]

    def top_position(self, member: Member) -> int:
        """The position of a member's highest role (0: @everyone alone)."""
        return max(
            (self.roles[role_id].position for role_id in member.roles if role_id in self.roles), default=0
        )

    def permissions_of(self, member: Member) -> int:
        """A member's guild permissions: the union of @everyone and their roles."""
        bits = self.roles[self.id].permissions
        for role_id in member.roles:
            if role_id in self.roles:  # a Member object of another guild carries that guild's roles
                bits |= self.roles[role_id].permissions
        return bits

    def payload(self) -> dict[str, Any]:
        """GUILD_CREATE's guild object."""
        return {
            "id": self.id, "name": self.name, "icon": None, "splash": None, "discovery_splash": None,
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
            "channels": [c.payload(self.id) for c in self.channels.values() if not c.deleted],
        }  # fmt: skip
