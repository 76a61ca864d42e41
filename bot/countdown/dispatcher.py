"""The one countdown dispatcher: sleeps on the bot's clock until the next post falls due or it is woken
(settings or facts changed), then claims each due post and hands it to its channel's lane, which sends and
records it: exactly once, and a channel Discord holds back delays no other."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot.clock import Clock
from bot.countdown.jobs import Job, Sent, nonce_still_known
from bot.countdown.lanes import ChannelLanes
from bot.countdown.milestones import parse_milestones
from bot.countdown.pings import NotifyView
from bot.countdown.planning import (
    GuildPlan,
    Plan,
    Post,
    Target,
    countdown_targets,
    plan_countdown_posts,
    upcoming_posts,
)
from bot.rendering.countdown import render_countdown_post
from bot.store.notices import nothing_to_tell
from bot.store.recovery import Recovery
from bot.store.state import GuildSettings, StateStore

if TYPE_CHECKING:
    from bot.client import SavoirBot
    from bot.shows.registry import Shows

log = logging.getLogger(__name__)

RETRY_AFTER_PROBLEM = dt.timedelta(minutes=15)
RETRY_AFTER_ERROR = dt.timedelta(minutes=1)
# How long /countdown status tells moderators that the state database was recovered.
RECOVERY_SHOWN = dt.timedelta(days=30)


class CountdownDispatcher:
    """Posts each guild's countdown milestones on time, exactly once, through restarts and crashes."""

    def __init__(self, bot: SavoirBot, state: StateStore, clock: Clock, shows: Shows) -> None:
        self.bot = bot
        self.state = state
        self.clock = clock
        # The machine's own clock, apart from the injectable one: with both, a clock set back cannot make a
        # crashed claim look young (tests replace it to play a machine whose time moved).
        self.wall: Callable[[], float] = time.time
        self.lanes = ChannelLanes()
        # Each guild counts down to the dates of the show it follows (none before it chose one).
        self.shows = shows
        self.settings: dict[int, GuildSettings] = {}
        self._seen: dict[str, dt.datetime] = {}
        self._recorded: dict[tuple[str, str], set[int]] = defaultdict(set)  # (fact, milestone) -> guilds
        self._next_due: dt.datetime | None = None
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._recovered = False
        # Posts this process has claimed and not yet recorded: a recovery run while they are under way (a shard
        # arrived) leaves them to their lane.
        self._in_flight: set[tuple[int, str, str]] = set()
        self._retry: asyncio.Task[None] | None = None
        self._state_recovery: Recovery | None = None
        self.first_pass_done = asyncio.Event()
        # Told after a moderator changed a guild's settings (other processes read them again: bot/store/notices).
        self.changed: Callable[[], Awaitable[None]] = nothing_to_tell

    # -- life -----------------------------------------------------------------------------------------------

    async def load(self) -> None:
        """Read settings, first sightings and the ledger from the state store."""
        self.settings = await self.state.guild_settings()
        self._seen = await self.state.facts_seen()
        self._recorded = defaultdict(set)
        for guild_id, fact_id, milestone in await self.state.recorded():
            self._recorded[(fact_id, milestone)].add(guild_id)
        self._state_recovery = await self.state.last_recovery()

    async def reload_settings(self) -> None:
        """Read every guild's settings again (another process changed some) and look again."""
        async with self._lock:
            self.settings = await self.state.guild_settings()
        self.wake()

    async def shard_arrived(self) -> None:
        """A shard connected to this process (a start, or a takeover from a process that stopped): read the
        settings again, finish what was left claimed in its guilds, and look again."""
        async with self._lock:
            self.settings = await self.state.guild_settings()
            self._recovered = False
        self.wake()

    def state_recovery(self) -> Recovery | None:
        """The last time the state database was found damaged and replaced, for a month after."""
        recovery = self._state_recovery
        return recovery if recovery and self.clock.now() - recovery.at <= RECOVERY_SHOWN else None

    def start(self) -> None:
        """Start the dispatcher task; it waits for the bot to be ready before its first pass."""
        for show in self.shows.all():
            show.facts.listeners.append(self.wake)
        self.shows.listeners.append(self.wake)
        self._task = asyncio.create_task(self._run(), name="countdown-dispatcher")

    async def stop(self, grace: float = 0.0) -> None:
        """Stop planning, give the posts under way up to `grace` seconds to be sent and recorded, then stop the
        channel lanes (what they had not sent stays claimed for the next start, which never posts it twice)."""
        for task in (self._task, self._retry):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._task = self._retry = None
        if grace > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.lanes.settled(), grace)
        await self.lanes.stop()

    def _note(self, key: tuple[int, str, str]) -> None:
        """Remember that a post is claimed, sent or skipped."""
        self._recorded[(key[1], key[2])].add(key[0])

    def wake(self) -> None:
        """Look again now: facts or settings changed."""
        self._wake.set()

    def next_due(self) -> dt.datetime | None:
        """When the next post falls due, as of the last pass."""
        return self._next_due

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            try:
                await self._pass()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("countdown pass failed; trying again in a minute")
                self._next_due = self.clock.now() + RETRY_AFTER_ERROR
            await self.clock.sleep_until(self._next_due, self._wake)

    # -- passes ---------------------------------------------------------------------------------------------

    def _targets(self) -> dict[str, dict[str, Target]]:
        """Each show's countdown targets by fact id, by show key."""
        return {
            show.key: {target.fact.id: target for target in countdown_targets(show.facts.facts.dates)}
            for show in self.shows.all()
        }

    def _guild_targets(self, targets: dict[str, dict[str, Target]], guild_id: int) -> dict[str, Target]:
        """The targets of the show a guild follows (none when it has not chosen)."""
        show = self.shows.for_guild(guild_id)
        return targets[show.key] if show is not None else {}

    async def tick(self) -> list[Sent]:
        """One pass, then wait until every channel has sent what it was given (the sandbox and tests)."""
        sent = await self._pass()
        await self.lanes.settled()
        return sent

    async def _pass(self) -> list[Sent]:
        """Record what was missed for good, claim what is due and queue it in its channel's lane, note when to
        look next. Returns the list the lanes fill as posts go out."""
        async with self._lock:
            sent: list[Sent] = []
            if not self._recovered:
                await self._recover(sent)
                self._recovered = True
            now = self.clock.now()
            targets = self._targets()
            unseen = list(
                {
                    fact_id: None
                    for by_id in targets.values()
                    for fact_id in by_id
                    if fact_id not in self._seen
                }
            )
            if unseen:
                self._seen.update(await self.state.see_facts(unseen, now))
            posting = [
                g for g in self.settings.values() if g.channel_id is not None and self.bot.owns(g.guild_id)
            ]
            # A guild whose channel failed waits until its retry time; that time is when to look again.
            retries = [g.problem_until for g in posting if g.problem_until and g.problem_until > now]
            guilds: dict[str, list[GuildPlan]] = defaultdict(list)
            for g in posting:
                show = self.shows.for_guild(g.guild_id)
                if show is not None and not (g.problem_until and g.problem_until > now):
                    guilds[show.key].append(GuildPlan(g.guild_id, g.milestones, g.watching_since))
            plan = self._plan(targets, guilds, now)
            if plan.missed:
                await self.state.skipped(
                    [(p.key, p.due, p.nonce) for p in plan.missed], now, "missed while the bot was away"
                )
                for post in plan.missed:
                    self._note(post.key)
                log.info("countdown: %d posts missed for good, recorded as skipped", len(plan.missed))
                self.bot.metrics.posts.labels("skipped").inc(len(plan.missed))
            for post in sorted(plan.due, key=lambda p: p.due):
                self._plan_send(post, self._guild_targets(targets, post.guild_id)[post.fact_id], sent)
            self._next_due = min(
                [moment for moment in (plan.next_due, *retries) if moment is not None], default=None
            )
            self.first_pass_done.set()
            return sent

    def _plan(
        self, targets: dict[str, dict[str, Target]], guilds: dict[str, list[GuildPlan]], now: dt.datetime
    ) -> Plan:
        """Each show's dates planned for the guilds that follow it (planning is per show, one call each)."""
        plans = [
            plan_countdown_posts(list(targets[key].values()), members, self._seen, self._recorded, now)
            for key, members in guilds.items()
        ]
        moments = [plan.next_due for plan in plans if plan.next_due is not None]
        return Plan(
            [post for plan in plans for post in plan.due],
            [post for plan in plans for post in plan.missed],
            min(moments, default=None),
        )

    def _plan_send(self, post: Post, target: Target, sent: list[Sent]) -> None:
        """Queue a due post in its channel's lane; it is claimed when its turn comes, so a post still waiting
        when the bot stops or dies was never claimed and is planned again at the next start."""
        settings = self.settings.get(post.guild_id)
        if settings is None or settings.channel_id is None:
            return
        self._note(post.key)
        milestone = parse_milestones(post.milestone)[0]
        self._queue(Job(post.key, post.nonce, post.due, settings.channel_id, target, milestone), sent)

    def _queue(self, job: Job, sent: list[Sent]) -> None:
        async def send() -> None:
            done = await self._deliver(job)
            if done is not None:
                sent.append(done)

        self.lanes.submit(job.channel_id, send)

    async def _deliver(self, job: Job) -> Sent | None:
        key, channel_id = job.key, job.channel_id
        settings = self.settings.get(key[0])
        if settings is None or settings.channel_id != channel_id:
            # Moved or turned off while the post waited: not posted (a new channel watches from now on). A
            # crashed claim may have gone out in the old channel: it is recorded as skipped.
            if job.resend:
                now = self.clock.now()
                await self.state.release(key)
                await self.state.skipped([(key, now, job.nonce)], now, "claimed before a crash, not resent")
            else:
                self._recorded[(key[1], key[2])].discard(key[0])
            return None
        if not self.bot.owns(key[0]):
            return None  # its shard went to another process while the post waited: that process posts it
        try:
            won = job.resend or await self.state.claim(
                key, job.due, job.nonce, channel_id, self.clock.now(), self.wall()
            )
        except Exception:
            # Nothing was claimed (the state database failed): planned again after a minute, not forgotten.
            log.exception(
                "countdown: could not claim %s %s in guild %s; trying again in a minute", *key[1:], key[0]
            )
            self._recorded[(key[1], key[2])].discard(key[0])
            self._retry_at(self.clock.now() + RETRY_AFTER_ERROR)
            return None
        if not won:
            return None
        self._in_flight.add(key)
        try:
            return await self._send(job, settings)
        finally:
            self._in_flight.discard(key)

    async def _send(self, job: Job, settings: GuildSettings) -> Sent | None:
        """Send a claimed post and record it (or give the claim back when Discord refuses)."""
        key, channel_id = job.key, job.channel_id
        guild = self.bot.get_guild(settings.guild_id)
        locale = str(guild.preferred_locale) if guild else None
        content = render_countdown_post(job.target, job.milestone, locale, settings.ping_role_id)
        # The guild's ping role is the one mention a post may make: named alone, so that a mention anywhere
        # else in the text (article text is escaped as well) could never ping another role.
        mentions = (
            discord.AllowedMentions(
                everyone=False, users=False, roles=[discord.Object(id=settings.ping_role_id)]
            )
            if settings.ping_role_id
            else discord.AllowedMentions.none()
        )
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                raise TypeError(f"channel {channel_id} cannot hold messages")
            # Members opt in with the button (a persistent view: it answers after a restart too); without a
            # ping role there is nothing to opt into, so no button.
            if settings.ping_role_id:
                view = NotifyView(locale)
                message = await channel.send(content, nonce=job.nonce, allowed_mentions=mentions, view=view)
            else:
                message = await channel.send(content, nonce=job.nonce, allowed_mentions=mentions)
        except (discord.Forbidden, discord.NotFound, TypeError) as error:
            why = (
                "I may not post in the countdown channel (missing permission)"
                if isinstance(error, discord.Forbidden)
                else "the countdown channel no longer exists"
            )
            now = self.clock.now()
            await self._give_back(key, settings, why, now + RETRY_AFTER_PROBLEM, now, error)
            return None
        except discord.HTTPException as error:
            now = self.clock.now()
            await self._give_back(
                key, settings, f"Discord refused a post ({error.status})", now + RETRY_AFTER_ERROR, now, error
            )
            return None
        now = self.clock.now()
        await self.state.sent(key, message.id, now)
        self.bot.metrics.posts.labels("sent").inc()
        if settings.problem is not None:
            settings.problem, settings.problem_until = None, None
            await self.state.save_guild(settings, now, by=None)
        done = Sent(settings.guild_id, channel_id, key[1], key[2], job.due, message.id)
        log.info("countdown: posted %s %s in guild %s", key[1], key[2], settings.guild_id)
        return done

    def _retry_at(self, moment: dt.datetime) -> None:
        """Look again at `moment` (the dispatcher may be asleep until much later)."""
        if self._retry is not None and not self._retry.done():
            return

        async def wake_then() -> None:
            await self.clock.sleep_until(moment, asyncio.Event())
            self.wake()

        self._retry = asyncio.create_task(wake_then(), name="countdown-retry")

    async def _give_back(
        self,
        key: tuple[int, str, str],
        settings: GuildSettings,
        why: str,
        retry_at: dt.datetime,
        now: dt.datetime,
        error: Exception,
    ) -> None:
        """Release the claim so the post can be tried again, and note the problem for /countdown status."""
        self.bot.metrics.posts.labels("failed").inc()
        await self.state.release(key)
        self._recorded[(key[1], key[2])].discard(key[0])
        settings.problem, settings.problem_until = why, retry_at
        await self.state.save_guild(settings, now, by=None)
        self._next_due = min(retry_at, self._next_due or retry_at)
        self.wake()  # the dispatcher looks again at the retry time
        log.warning(
            "countdown: guild %s channel %s: %s (%s)", settings.guild_id, settings.channel_id, why, error
        )

    async def _recover(self, sent: list[Sent]) -> None:
        """Finish posts claimed before a crash: resend with the same nonce while Discord still dedupes it
        (it then returns the message that did go out), otherwise record them as skipped rather than risk
        a second message. A nonce only dedupes in its own channel, so a claim for a channel that is no
        longer the guild's countdown channel is skipped too."""
        now, wall = self.clock.now(), self.wall()
        targets = self._targets()
        for claim in await self.state.claimed():
            key = (claim.guild_id, claim.fact_id, claim.milestone)
            if not self.bot.owns(claim.guild_id) or key in self._in_flight:
                continue  # another process's guild, or a post of ours under way
            settings = self.settings.get(claim.guild_id)
            target = self._guild_targets(targets, claim.guild_id).get(claim.fact_id)
            if (
                settings is None
                or settings.channel_id != claim.channel_id
                or target is None
                or not nonce_still_known(claim.claimed_at, claim.claimed_wall, now, wall)
            ):
                await self.state.release(key)
                await self.state.skipped([(key, now, claim.nonce)], now, "claimed before a crash, not resent")
                self._note(key)
                continue
            milestone = parse_milestones(claim.milestone)[0]
            self._queue(Job(key, claim.nonce, now, claim.channel_id, target, milestone, resend=True), sent)

    # -- settings -------------------------------------------------------------------------------------------

    def guild(self, guild_id: int) -> GuildSettings:
        """A guild's settings (defaults when it has none yet)."""
        return self.settings.get(guild_id) or GuildSettings(guild_id, watching_since=self.clock.now())

    async def update(self, settings: GuildSettings, by: int | None, *, restart_watch: bool) -> None:
        """Save a guild's settings and look again. With restart_watch, milestones already behind now are
        never posted (setting a channel or milestones does not flood it with old countdowns)."""
        now = self.clock.now()
        if restart_watch:
            settings.watching_since = now
        settings.problem, settings.problem_until = None, None
        self.settings[settings.guild_id] = settings
        await self.state.save_guild(settings, now, by)
        self.wake()
        await self.changed()

    def upcoming(self, guild_id: int, limit: int = 5) -> list[tuple[Post, Target]]:
        """The next posts due in a guild, soonest first."""
        settings = self.settings.get(guild_id)
        if settings is None or settings.channel_id is None:
            return []
        targets = self._guild_targets(self._targets(), guild_id)
        plan = GuildPlan(guild_id, settings.milestones, settings.watching_since)
        posts = upcoming_posts(list(targets.values()), plan, self.clock.now(), limit)
        return [(post, targets[post.fact_id]) for post in posts]
