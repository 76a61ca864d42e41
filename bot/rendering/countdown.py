"""Countdown posts: "Season 4 Part 1 premieres in 7 days", "Tickets ... go on sale tomorrow", "... is out now"."""

from __future__ import annotations

import datetime as dt

import discord

from bot.countdown.milestones import Milestone, codes, parse_milestones
from bot.countdown.pings import ping_problem
from bot.countdown.planning import Post, Target
from bot.discord_limits import CONTENT, FIELD_VALUE
from bot.i18n import day, plural, text
from bot.rendering.common import audience_words, bullet_lines, fact_title, safe
from bot.rendering.limits import clip, fit
from bot.store.event_ledger import EventSettings
from bot.store.recovery import Recovery
from bot.store.state import GuildSettings


def _left(milestone: Milestone, locale: str | None) -> str:
    if milestone.in_days:
        count, unit = milestone.minutes // 1440, "day"
    elif milestone.minutes % 60 == 0:
        count, unit = milestone.minutes // 60, "hour"
    else:
        count, unit = milestone.minutes, "minute"
    one = plural(count, locale) == "one"
    return text(f"countdown.left.{unit}" if one else f"countdown.left.{unit}s", locale, count=count)


def _when(target: Target, locale: str | None) -> str:
    if not target.exact:
        return day(target.moment.date(), locale)
    stamp = int(target.moment.timestamp())
    shown = f"<t:{stamp}:F> (<t:{stamp}:R>)"
    fact = target.fact
    if fact.kind == "ticket_sale" and fact.time and fact.city:
        local = text("when.local", locale, time=fact.time, city=safe(fact.city))
        return text("countdown.local", locale, when=shown, local=local)
    return shown


def render_countdown_post(
    target: Target, milestone: Milestone, locale: str | None, ping_role_id: int | None
) -> str:
    """The text of one countdown post, with the role to ping in front when the guild set one."""
    fact = target.fact
    title = fact_title(fact, locale)
    values = {"title": title, "audience": audience_words(fact, locale), "when": _when(target, locale)}
    if milestone.minutes == 0:
        key = f"countdown.{fact.kind}.now"
        if fact.kind == "event" and not target.exact:
            key = "countdown.event.today"
    elif fact.kind == "event" and milestone.minutes == 1440:
        key = "countdown.event.tomorrow"
    else:
        key = f"countdown.{fact.kind}.before"
        values["left"] = _left(milestone, locale)
    body = text(key, locale, **values)
    if ping_role_id is not None:
        body = f"<@&{ping_role_id}> {body}"
    return clip(body, CONTENT)


def _status_title(target: Target, locale: str | None) -> str:
    """What a post is about, saying which entry is a ticket sale and which the event of the same title."""
    fact = target.fact
    title = fact_title(fact, locale)
    if fact.kind == "ticket_sale":
        return text("countdown.status.ticket_sale", locale, title=title, audience=safe(fact.audience or "?"))
    if fact.kind == "event":
        return text("countdown.status.event", locale, title=title)
    return title


def moment_label(moment: dt.datetime) -> str:
    """A Discord timestamp for a post's due time, as /countdown status shows it."""
    stamp = int(moment.timestamp())
    return f"<t:{stamp}:F> (<t:{stamp}:R>)"


def render_recovery(recovery: Recovery, settings_found: bool, locale: str | None) -> str:
    """What /countdown status tells moderators after the state database was found damaged and replaced."""
    reason = text(f"countdown.recovered.reason.{recovery.reason}", locale)
    lines = [
        text("countdown.status.recovered.value", locale, timestamp=int(recovery.at.timestamp()), reason=reason,
             file=recovery.kept_as.replace("`", "'"), guilds=recovery.guilds, posts=recovery.posts)
    ]  # fmt: skip
    if not recovery.ledger_whole:
        lines.append(text("countdown.status.recovered.ledger", locale))
    if not settings_found:
        lines.append(text("countdown.status.recovered.settings", locale))
    if len(lines) == 1:
        lines.append(text("countdown.status.recovered.nothing_else", locale))
    return "\n".join(lines)


def render_status(
    settings: GuildSettings,
    upcoming: list[tuple[Post, Target]],
    locale: str | None,
    recovery: str | None = None,
) -> discord.Embed:
    """/countdown status: where posts go, the milestones, who is mentioned, the next posts, any problem, and a
    recovery of the state database (rendered by render_recovery)."""
    embed = discord.Embed(title=text("countdown.status.title", locale))
    channel = f"<#{settings.channel_id}>" if settings.channel_id else text("countdown.status.off", locale)
    embed.add_field(name=text("countdown.status.channel", locale), value=channel, inline=False)
    embed.add_field(
        name=text("countdown.status.milestones", locale), value=codes(settings.milestones), inline=True
    )
    ping = (
        f"<@&{settings.ping_role_id}>" if settings.ping_role_id else text("countdown.status.nobody", locale)
    )
    embed.add_field(name=text("countdown.status.ping", locale), value=ping, inline=True)
    if settings.channel_id:
        lines = []
        for post, target in upcoming:
            milestone = parse_milestones(post.milestone)[0]
            when = (
                text("countdown.status.milestone.now", locale)
                if milestone.minutes == 0
                else text("countdown.status.milestone.before", locale, left=_left(milestone, locale))
            )
            lines.append(text("countdown.status.post", locale, title=_status_title(target, locale), milestone=when,
                              when=moment_label(post.due)))  # fmt: skip
        value = bullet_lines(lines, FIELD_VALUE, locale) if lines else text("countdown.status.none", locale)
        embed.add_field(name=text("countdown.status.next", locale), value=value, inline=False)
    if settings.problem:
        embed.add_field(name=text("countdown.status.problem", locale), value=settings.problem, inline=False)
    if recovery:
        embed.add_field(name=text("countdown.status.recovered", locale), value=recovery, inline=False)
    return fit(embed)


def add_pings_status(
    embed: discord.Embed,
    settings: GuildSettings,
    guild: discord.Guild | None,
    permissions: discord.Permissions,
    moderator_roles: list[int],
    locale: str | None,
) -> None:
    """/countdown status, continued: whether members can get the ping role through the bot (and if not, why),
    and how long a season's story stays behind spoiler tags."""
    if settings.ping_role_id is not None and guild is not None:
        role = f"<@&{settings.ping_role_id}>"
        problem = ping_problem(guild, settings.ping_role_id, permissions, moderator_roles)
        # The button as posts show it: in the server's language, whatever the reader's.
        button = text("pings.button", str(guild.preferred_locale))
        value = text(problem or "countdown.status.notify.ok", locale, role=role, button=button)
        embed.add_field(name=text("countdown.status.notify", locale), value=value, inline=False)
    days = settings.spoiler_days
    spoilers = (
        text("countdown.status.spoilers.days", locale, days=days)
        if days
        else text("countdown.status.spoilers.off", locale)
    )
    embed.add_field(name=text("countdown.status.spoilers", locale), value=spoilers, inline=False)
    fit(embed)


def add_events_status(embed: discord.Embed, events: EventSettings, count: int, locale: str | None) -> None:
    """/countdown status, continued: whether Discord events are kept, how many, and any problem with them."""
    if not events.enabled:
        value = text("countdown.status.events.off", locale)
    else:
        lines = [text("countdown.status.events.on", locale, count=count)]
        if events.left_out:
            lines.append(text("countdown.status.events.left_out", locale, count=events.left_out))
        if events.problem:
            lines.append(text(events.problem, locale))
        value = "\n".join(lines)
    embed.add_field(name=text("countdown.status.events", locale), value=value, inline=False)
    fit(embed)
