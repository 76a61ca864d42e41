"""The local Discord's member role routes (PUT/DELETE /guilds/{g}/members/{u}/roles/{r}), refused the way
Discord refuses them: Manage Roles missing, or a role at or above the bot's highest role, is 403 50013."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.local_discord.guilds import MANAGE_ROLES, Guild, Member, Role
from bot.local_discord.world import World

JSON_HEADERS = {"Content-Type": "application/json"}
ROUTE = "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"


@dataclass(frozen=True)
class RoleChange:
    """One role the bot gave (`added`) or took from a member."""

    member_id: str
    role_id: str
    added: bool
    reason: str | None


def _error(message: str, code: int, status: int) -> web.Response:
    body = json.dumps({"message": message, "code": code}).encode()
    return web.Response(body=body, status=status, headers=JSON_HEADERS)


def refusal(guild: Guild | World, role: Role) -> web.Response | None:
    """Discord's answer when the bot may not give or take this role in a guild (a World: its first guild);
    None when it may."""
    guild = guild.guild if isinstance(guild, World) else guild
    bot = guild.bot_user
    if not guild.permissions_of(bot) & MANAGE_ROLES:
        return _error("Missing Permissions", 50013, 403)
    if role.id == guild.id or role.position >= guild.top_position(bot):
        return _error("Missing Permissions", 50013, 403)
    return None


class MemberRoles:
    """Handlers for the two member role routes; `changes` records every change made, oldest first."""

    def __init__(
        self,
        world: World,
        checked: Callable[[web.Request, str], web.Response | None],
        member_updated: Callable[[Guild, Member], Awaitable[Any]],
    ) -> None:
        self.world = world
        self._checked = checked  # the bot token and the OpenAPI check of the route
        self._member_updated = member_updated
        self.changes: list[RoleChange] = []

    def _target(self, request: web.Request) -> tuple[Guild, Member, Role] | web.Response:
        match = request.match_info
        guild = self.world.guilds.get(match["guild"])
        if guild is None:
            return _error("Unknown Guild", 10004, 404)
        member = guild.members.get(match["user"])
        if member is None:
            return _error("Unknown Member", 10007, 404)
        role = guild.roles.get(match["role"])
        if role is None:
            return _error("Unknown Role", 10011, 404)
        return guild, member, role

    async def _change(self, request: web.Request, add: bool) -> web.Response:
        denied = self._checked(request, ROUTE)
        if denied is not None:
            return denied
        target = self._target(request)
        if isinstance(target, web.Response):
            return target
        guild, member, role = target
        refused = refusal(guild, role)
        if refused is not None:
            return refused
        has = role.id in member.roles
        if add != has:  # Discord answers 204 either way; only a real change is dispatched
            if add:
                member.roles.append(role.id)
            else:
                member.roles.remove(role.id)
            self.changes.append(
                RoleChange(member.id, role.id, add, request.headers.get("X-Audit-Log-Reason"))
            )
            await self._member_updated(guild, member)
        return web.Response(status=204)

    async def add(self, request: web.Request) -> web.Response:
        """PUT: give a member a role."""
        return await self._change(request, add=True)

    async def remove(self, request: web.Request) -> web.Response:
        """DELETE: take a role from a member."""
        return await self._change(request, add=False)
