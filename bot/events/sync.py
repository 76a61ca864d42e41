"""Keeps each guild's Discord scheduled events in step with the facts: made once, edited when a date moves,
deleted when the date goes; never an event the bot did not make. Runs after every reload, when a moderator
turns it on or off, and every half hour."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.clock import Clock
from bot.events.plan import MAX_EVENTS, WantedEvent, ref_of, wanted_events
from bot.facts.seed_files import SeedFileError, load_show
from bot.store.event_ledger import EventLedger, EventSettings
from bot.store.notices import nothing_to_tell

if TYPE_CHECKING:
    from bot.client import SavoirBot
    from bot.shows.registry import Show, Shows

log = logging.getLogger(__name__)

T = TypeVar("T")
EVERY = dt.timedelta(minutes=30)
# Discord's error code when a guild already holds its 100 scheduled or active events.
MAX_EVENTS_REACHED = 30038
RETRY_AFTER_PROBLEM = dt.timedelta(minutes=15)
# Discord's statuses: an event that started, ended or was cancelled is history, never edited or deleted.
_UPCOMING = discord.EventStatus.scheduled


class EventProblem(Exception):
    """Discord refused the bot's events in one guild; `key` names the reason in the catalogues."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _differs(event: discord.ScheduledEvent, wanted: WantedEvent) -> bool:
    """Whether an event shows something other than the bot would write now (white space at the ends aside:
    an edit Discord trims must not be sent again every pass)."""
    return (
        event.name.strip() != wanted.name.strip()
        or (event.description or "").strip() != wanted.description.strip()
        or (event.location or "").strip() != wanted.location.strip()
        or event.start_time != wanted.start
        or event.end_time != wanted.end
    )


class EventSync:
    """One task for every guild that wants scheduled events; a problem in one guild stops no other."""

    def __init__(self, bot: SavoirBot, ledger: EventLedger, clock: Clock, shows: Shows) -> None:
        # Each guild's events are the dates of the show it follows.
        self.bot, self.ledger, self.clock, self.shows = bot, ledger, clock, shows
        self.settings: dict[int, EventSettings] = {}
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.passes = 0  # completed passes (the tests and the sandbox wait on it)
        self._home_services: dict[str, str] = {}
        # Told after a moderator turned events on or off (other processes read the settings again).
        self.changed: Callable[[], Awaitable[None]] = nothing_to_tell

    async def load(self) -> None:
        """Read every guild's setting."""
        self.settings = await self.ledger.settings()

    def start(self) -> None:
        """Start the task; it waits for the bot to be ready before its first pass."""
        for show in self.shows.all():
            show.facts.listeners.append(self.wake)
        self.shows.listeners.append(self.wake)
        self._task = asyncio.create_task(self._run(), name="scheduled-events")

    async def stop(self) -> None:
        """Stop the task (a guild half done is finished by the next start: the ledger and the refs say where)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def wake(self) -> None:
        """Look again now: the facts or a setting changed (a reload may have changed show.toml too)."""
        self._home_services = {}
        self._wake.set()

    def guild(self, guild_id: int) -> EventSettings:
        """A guild's setting (a fresh one when it never set any)."""
        return self.settings.get(guild_id) or EventSettings(guild_id)

    async def reload_settings(self) -> None:
        """Read every guild's setting again (another process changed one) and look again."""
        async with self._lock:
            self.settings = await self.ledger.settings()
        self.wake()

    async def set_enabled(self, guild_id: int, enabled: bool) -> EventSettings:
        """Turn events on or off for a guild and sync it at once, whatever retry was pending (off deletes the
        bot's own upcoming events: that needs no free place)."""
        async with self._lock:
            settings = self.guild(guild_id)
            settings.enabled, settings.problem, settings.problem_until = enabled, None, None
            await self.ledger.save(settings, self.clock.now())
            self.settings[guild_id] = settings
            await self._sync_guild(guild_id)
            found = self.settings[guild_id]
        await self.changed()
        return found

    def _next_look(self, now: dt.datetime) -> dt.datetime:
        """The next pass: the earliest retry a refusal announced, else in half an hour."""
        retries = [
            s.problem_until for s in self.settings.values() if s.problem_until and s.problem_until > now
        ]
        return min([now + EVERY, *retries])

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            try:
                await self.sync_all()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduled events pass failed; trying again in %s", EVERY)
            await self.clock.sleep_until(self._next_look(self.clock.now()), self._wake)

    async def sync_all(self) -> None:
        """One pass over every guild that wants events, or had some and turned them off."""
        for guild_id in list(self.settings):
            await self.sync_guild(guild_id)
        self.passes += 1

    async def sync_guild(self, guild_id: int) -> None:
        """Bring one guild's events in step, unless a refusal's retry time has not come yet."""
        async with self._lock:
            settings = self.guild(guild_id)
            if settings.problem_until is not None and settings.problem_until > self.clock.now():
                return
            await self._sync_guild(guild_id)

    async def _sync_guild(self, guild_id: int) -> None:
        """One guild, the lock held; a refusal is recorded for /countdown status and retried at the time said."""
        settings = self.guild(guild_id)
        now = self.clock.now()
        guild = self.bot.get_guild(guild_id)
        if guild is None:
            return  # not in the guild (any more): nothing to keep in step
        if settings.enabled and self.shows.for_guild(guild_id) is None:
            return  # several shows and none chosen yet: nothing to make, nothing to remove
        settings.problem, settings.problem_until = None, None
        try:
            await self._sync(guild, settings, now)
        except EventProblem as problem:
            settings.problem, settings.problem_until = problem.key, now + RETRY_AFTER_PROBLEM
            log.warning("scheduled events in guild %s: %s; trying again at %s", guild_id, problem.key,
                        settings.problem_until.isoformat())  # fmt: skip
        except discord.HTTPException as error:
            settings.problem, settings.problem_until = "events.problem.discord", now + RETRY_AFTER_PROBLEM
            log.warning("scheduled events in guild %s: Discord answered %s %s", guild_id, error.status,
                        error.text)  # fmt: skip
        await self.ledger.save(settings, now)
        self.settings[guild_id] = settings

    async def _sync(self, guild: discord.Guild, settings: EventSettings, now: dt.datetime) -> None:
        """Delete, then edit, then make the bot's events in one guild, so that a refused creation (the limit
        reached) leaves every move and removal done. Counts what it holds on `settings` as it goes."""
        ledger = await self.ledger.events(guild.id)
        if not settings.enabled and not ledger:
            settings.held = settings.left_out = 0
            return  # off, and nothing of the bot's there: no request at all
        listed = await self._call(guild.fetch_scheduled_events())
        me = self.bot.user.id if self.bot.user else 0
        by_id = {event_id: fact_id for fact_id, (event_id, _) in ledger.items() if event_id is not None}
        ours: dict[str, list[discord.ScheduledEvent]] = {}
        taken = 0  # places Discord counts that this pass will not free: others' events, the bot's begun ones
        for event in listed:
            # The bot's own event, by its ref line, or by the ledger when someone edited the line away.
            fact_id = (ref_of(event.description) or by_id.get(event.id)) if event.creator_id == me else None
            if fact_id is not None and event.status == _UPCOMING and event.end_time and event.end_time <= now:
                # Its hour is over and nobody started it: it never happened in Discord's terms, yet a scheduled
                # event stays in the Events list, and takes one of the 100 places, until someone removes it.
                await self._gone_ok(event.delete())
                continue
            open_now = event.status in (discord.EventStatus.scheduled, discord.EventStatus.active)
            if fact_id is None or not (event.status == _UPCOMING and event.start_time > now):
                taken += open_now
                if fact_id is not None:
                    ours.setdefault(fact_id, []).append(event)
                continue
            ours.setdefault(fact_id, []).append(event)
        show = self.shows.for_guild(guild.id)
        wanted, settings.left_out = (
            wanted_events(show.facts.facts, self._service(show), now, MAX_EVENTS - taken)
            if settings.enabled and show is not None
            else ([], 0)
        )
        wanted_ids = {w.fact_id for w in wanted}
        gone: list[str] = []
        kept: dict[str, discord.ScheduledEvent] = {}
        for fact_id, events in ours.items():
            upcoming = sorted(
                (e for e in events if e.status == _UPCOMING and e.start_time > now), key=lambda e: e.id
            )
            for extra in upcoming[1:]:  # a crash between Discord's answer and the ledger: keep one
                await self._gone_ok(extra.delete())
            if upcoming and fact_id not in wanted_ids:
                await self._gone_ok(upcoming[0].delete())
                gone.append(fact_id)
            elif upcoming:
                kept[fact_id] = upcoming[0]
            # An event that began or ended is history, left as it is (a date moved later gets a new one).
        gone += [fact_id for fact_id in ledger if fact_id not in ours and fact_id not in wanted_ids]
        if gone:
            await self.ledger.forget(guild.id, sorted(set(gone)))
        for item in wanted:
            current = kept.get(item.fact_id)
            if current is None or current.status != _UPCOMING:
                continue
            if _differs(current, item):
                await self._gone_ok(current.edit(**self._fields(item)))
            if ledger.get(item.fact_id) != (current.id, "live"):
                await self.ledger.made(guild.id, item.fact_id, current.id, now)
        settings.held = sum(1 for e in kept.values() if e.status == _UPCOMING and e.start_time > now)
        for item in wanted:
            if item.fact_id in kept:
                continue
            await self.ledger.claim(guild.id, item.fact_id, now)
            made = await self._call(
                guild.create_scheduled_event(
                    entity_type=discord.EntityType.external,
                    privacy_level=discord.PrivacyLevel.guild_only,
                    **self._fields(item),
                )
            )
            await self.ledger.made(guild.id, item.fact_id, made.id, now)
            settings.held += 1

    @staticmethod
    def _fields(item: WantedEvent) -> dict[str, Any]:
        return {"name": item.name, "description": item.description, "location": item.location,
                "start_time": item.start, "end_time": item.end}  # fmt: skip

    @staticmethod
    async def _call(call: Awaitable[T]) -> T:
        """One request to Discord; a refusal the moderators can mend becomes an EventProblem."""
        try:
            return await call
        except discord.Forbidden as error:
            raise EventProblem("events.problem.permission") from error
        except discord.HTTPException as error:
            if error.code == MAX_EVENTS_REACHED:
                raise EventProblem("events.problem.limit") from error
            raise

    async def _gone_ok(self, call: Awaitable[object]) -> None:
        """A delete or an edit of an event someone else deleted meanwhile: nothing left to do."""
        with contextlib.suppress(discord.NotFound):
            await self._call(call)

    def _service(self, show: Show) -> str:
        """The show's home service (its show.toml), the location of a premiere's event: read once per reload,
        not once per guild and pass."""
        if show.key not in self._home_services:
            try:
                self._home_services[show.key] = load_show(show.settings.seeds_dir).show.service
            except SeedFileError:
                self._home_services[show.key] = ""
        return self._home_services[show.key]
