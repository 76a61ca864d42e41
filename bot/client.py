"""The bot: a fixed start-up (settings -> fact store -> every extension in cogs/ -> a deliberate sync)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import pkgutil
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.calendar_export.feed import PATH, SHOW_PARAMETER, CalendarFeed
from bot.calendar_export.service import CalendarService
from bot.clock import Clock
from bot.cooldown import MemberCooldown
from bot.countdown.dispatcher import CountdownDispatcher
from bot.countdown.pings import NotifyView
from bot.events.sync import EventSync
from bot.facts.service import FactService
from bot.i18n.commands import CatalogueTranslator
from bot.metrics import HealthServer, Metrics
from bot.newsdesk.board import ReviewBoard, register_buttons
from bot.newsdesk.desk import NewsDesk
from bot.newsdesk.poller import FeedPoller
from bot.settings import Settings
from bot.sharding import ShardPlan
from bot.shows.registry import Show, Shows
from bot.store.event_ledger import EventLedger
from bot.store.newsdesk_ledger import NewsDeskLedger
from bot.store.notices import EVENTS, NEWSDESK, SEEDS, SETTINGS, Notices
from bot.store.shared_seeds import SeedsBusyError
from bot.store.state import StateStore
from bot.tree import SavoirTree

log = logging.getLogger(__name__)
# A notice's fetch that found the seeds locked this many times in a row (a minute each) gives up until the next.
FETCH_ATTEMPTS = 5
# A rebuild from another process's seeds that failed is tried again after this long, doubling while it fails.
REBUILD_RETRY_SECONDS = (10, 20, 40, 80, 160, 300)
# A service manager waits about 5 s after SIGTERM before it kills: posts under way get most of that.
STOP_GRACE_SECONDS = 3.0

# A text-only bot: discord.py need not warn at every start that voice libraries are missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


def extension_names() -> list[str]:
    """Every extension module in cogs/, skipping private ones ("_helpers")."""
    return sorted(
        f"{cogs.__name__}.{module.name}"
        for module in pkgutil.iter_modules(cogs.__path__)
        if not module.name.startswith("_")
    )


class SavoirBot(commands.Bot):
    """The Savoir bot; the shows (or the one show's fact service) and the clock are made before it and handed
    in."""

    tree: SavoirTree

    def __init__(
        self,
        settings: Settings,
        facts: FactService | Shows,
        state: StateStore,
        clock: Clock,
        *,
        guild_ready_timeout: float = 2.0,
        shards: ShardPlan | None = None,
    ) -> None:
        # Sharded (ShardedSavoirBot): discord.py's AutoShardedBot runs exactly these shards of the whole bot.
        options: dict[str, Any] = (
            {"shard_count": shards.count, "shard_ids": list(shards.ids)} if shards else {}
        )
        self.shard_plan = shards
        super().__init__(
            **options,
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=SavoirTree,
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.settings = settings
        # Every show's facts, held once for every guild; each guild is answered from the show it follows.
        self.shows = facts if isinstance(facts, Shows) else Shows.single(settings, facts)
        self.state = state
        self.clock = clock
        self.command_failures = 0
        self.countdown = CountdownDispatcher(self, state, clock, self.shows)
        self.events = EventSync(self, EventLedger(state), clock, self.shows)
        # Presses of any post's "Notify me" button share one members' cooldown (each is a role change).
        self.ping_presses = MemberCooldown()
        self.metrics = Metrics()
        self.metrics.watch(self._fact_counts, lambda: self.latency)
        for show in self.shows.all():
            show.facts.reload_observers.append(
                lambda outcome, seconds: self.metrics.reloads.labels(outcome).observe(seconds)
            )
        self._health: HealthServer | None = None
        # One calendar per show, shared by every guild following it and by the feed.
        self.show_calendars = {
            show.key: CalendarService(show.facts, state, clock, show.key if self.shows.several else "")
            for show in self.shows.all()
        }
        self._feed: CalendarFeed | None = None
        # The news desk: the review queue, its messages in Discord, and the feeds it polls.
        self.newsdesk = NewsDesk(settings, self.shows, clock, NewsDeskLedger(state))
        board = ReviewBoard(self, self.newsdesk)
        self.newsdesk.post, self.newsdesk.settle = board.post, board.settle
        self.feeds = FeedPoller(
            self.newsdesk, self.newsdesk.ledger, clock, settings, ready=self.wait_until_ready, owns=self.owns
        )
        self._share_changes(settings, state)

    def _share_changes(self, settings: Settings, state: StateStore) -> None:
        """Tell other processes on the same database what a moderator changed here, and read again what they
        changed there (PostgreSQL LISTEN/NOTIFY; nothing to do with SQLite)."""
        url = settings.database_url.get_secret_value() if settings.database_url else None
        self.notices = notices = Notices(state.database, url)
        self.countdown.changed = lambda: notices.publish(SETTINGS)
        self.events.changed = lambda: notices.publish(EVENTS)
        self.newsdesk.changed = lambda: notices.publish(NEWSDESK)
        notices.subscribe(SETTINGS, self._reload_shows)
        notices.subscribe(SETTINGS, self.countdown.reload_settings)
        notices.subscribe(EVENTS, self.events.reload_settings)
        notices.subscribe(NEWSDESK, self.newsdesk.reload_settings)
        notices.subscribe(NEWSDESK, self._wake_feeds)
        self._notice_tasks: set[asyncio.Task[None]] = set()
        if self.shows.seeds is not None:
            # The seeds themselves are shared: what a change sent is fetched by the others, who rebuild.
            self.shows.seeds.notice = lambda: notices.payload(SEEDS)
            self.shows.seeds.fetched = self._rebuild_later
            self.newsdesk.files_changed = self.shows.seeds.send_new
            self.newsdesk.files_withdrawn = self.shows.seeds.withdraw
            self.newsdesk.file_saved = self.shows.seeds.mark_new
            notices.subscribe(SEEDS, self._fetch_seeds)
            self._rebuilding = asyncio.Lock()
            self._rebuild_failures = 0
        self.shows.listeners.append(lambda: self._publish(SETTINGS))  # a guild chose another show

    async def _wake_feeds(self) -> None:
        self.feeds.wake()

    async def _reload_shows(self) -> None:
        """Read again which show each guild follows (a moderator chose in another process)."""
        await self.shows.load(self.state)

    def _publish(self, topic: str) -> None:
        task = asyncio.create_task(self.notices.publish(topic))
        self._notice_tasks.add(task)
        task.add_done_callback(self._notice_tasks.discard)

    async def _fetch_seeds(self) -> None:
        """Another process sent changes to the seeds: fetch them, and rebuild when the build reads any of them
        (a pending or rejected article is not built; only what changed is extracted again)."""
        assert self.shows.seeds is not None
        seeds = self.shows.seeds
        for attempt in range(FETCH_ATTEMPTS):
            try:
                await seeds.fetch()
                break
            except SeedsBusyError:  # a long change elsewhere: its end sends another notice, but it may fail
                log.warning(
                    "fetching the shared seeds waited too long (attempt %d); trying again", attempt + 1
                )
        else:
            log.error("could not fetch the shared seeds after %d attempts; the next change or notice here fetches them",
                      FETCH_ATTEMPTS)  # fmt: skip
        await self._rebuild_unbuilt()

    def _rebuild_again_later(self, delay: float) -> None:
        """A rebuild from fetched seeds failed (a timeout under load, say): tried again in a while, so that no
        process answers from older facts than the rest for long."""
        current = asyncio.current_task()
        if any(task.get_name() == "rebuild-again" and task is not current for task in self._notice_tasks):
            return  # one retry waiting is enough (a retry that fails again schedules the next one itself)

        async def again() -> None:
            await asyncio.sleep(delay)
            await self._rebuild_unbuilt()

        task = asyncio.create_task(again(), name="rebuild-again")
        self._notice_tasks.add(task)
        task.add_done_callback(self._notice_tasks.discard)

    async def _rebuild_later(self) -> None:
        """A change here fetched seeds it did not build (another show's, or it built none): rebuilt once the
        change has ended, not in the moderator's wait."""
        task = asyncio.create_task(self._rebuild_unbuilt(), name="rebuild-fetched-seeds")
        self._notice_tasks.add(task)
        task.add_done_callback(self._notice_tasks.discard)

    async def _rebuild_unbuilt(self) -> None:
        """Rebuild from seeds fetched and not built yet, after any change under way here (outside the
        processes' lock: it writes no seeds, and other processes' moderators need not wait for it)."""
        assert self.shows.seeds is not None
        seeds = self.shows.seeds
        async with self._rebuilding:
            while seeds.unbuilt:
                since = seeds.fetches  # a fetch during the rebuild may bring newer files: then once more
                for show in self.shows.all():
                    try:
                        async with show.facts.changing("another bot process", self.clock.now(), shared=False):
                            await show.facts.reload(
                                show.settings, self.clock, by="another bot process", shared=False
                            )
                    except Exception:
                        delay = REBUILD_RETRY_SECONDS[
                            min(self._rebuild_failures, len(REBUILD_RETRY_SECONDS) - 1)
                        ]
                        self._rebuild_failures += 1
                        log.exception("show %s: rebuilding after another process's change failed; facts in use stay,"
                                      " trying again in %d s", show.key, delay)  # fmt: skip
                        self._rebuild_again_later(delay)
                        return
                seeds.built(since)
                self._rebuild_failures = 0

    def owns(self, guild_id: int) -> bool:
        """Whether this process is the one to post in a guild: it holds the guild's shard (every guild when the
        bot is not sharded)."""
        return self.shard_plan is None or self.shard_plan.owns(guild_id)

    @property
    def facts(self) -> FactService:
        """The facts of a one-show deployment (with several shows, the first's: cogs ask `show_for`)."""
        return self.shows.first().facts

    @property
    def calendars(self) -> CalendarService:
        """The calendar of a one-show deployment (with several shows, the first's)."""
        return self.show_calendars[self.shows.first().key]

    def show_for(self, guild_id: int | None) -> Show | None:
        """The show a guild follows; None in a guild of a several-show deployment that has not chosen yet."""
        return self.shows.for_guild(guild_id)

    async def setup_hook(self) -> None:
        """Load every extension, then sync to the development guild when one is configured."""
        await self.tree.set_translator(CatalogueTranslator())
        await self.shows.load(self.state)
        await self.countdown.load()
        await self.events.load()
        # The "Notify me" button of every countdown post ever made, answered again after a restart.
        self.add_view(NotifyView())
        # Every review message's Approve and Reject, answered again after a restart.
        register_buttons(self)
        await self.newsdesk.load()
        for name in extension_names():
            await self.load_extension(name)
        log.info("loaded %d extensions: %s", len(self.extensions), ", ".join(self.extensions))
        if self.settings.dev_guild_id is not None:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild.id)
        self.countdown.start()
        self.events.start()
        self.feeds.start()
        self.notices.start()
        await self.start_health()
        await self.start_calendar_feed()

    async def start_health(self) -> None:
        """Serve /healthz, /readyz and /metrics when METRICS_PORT is set (once; `run` starts them before it
        logs in, so a host sees the process alive and not yet ready while it connects)."""
        if self.settings.metrics_port is not None and self._health is None:
            self._health = HealthServer(self, self.settings.metrics_host, self.settings.metrics_port)
            await self._health.start()

    async def start_calendar_feed(self) -> None:
        """Serve GET /calendar.ics when CALENDAR_PORT is set (once; `run` starts it before it logs in, as the
        health endpoints)."""
        if self.settings.calendar_port is not None and self._feed is None:
            calendars = self.show_calendars if self.shows.several else self.calendars
            feed = CalendarFeed(calendars, self.settings.calendar_host, self.settings.calendar_port)
            if await feed.start():
                self._feed = feed

    def calendar_feed_url(self, show: Show | None = None) -> str | None:
        """The feed's address for members: CALENDAR_PUBLIC_URL, else webcal://host:port when the host is one a
        member's device can reach; None when the feed is off or only this machine could use the address. With
        several shows, the address of `show`'s calendar (`?show=<key>`)."""
        base = self._feed_base()
        if base is None or not self.shows.several or show is None:
            return base
        return f"{base}{'&' if '?' in base else '?'}{SHOW_PARAMETER}={show.key}"

    def _feed_base(self) -> str | None:
        if self._feed is None:
            return None
        if self.settings.calendar_public_url:
            return self.settings.calendar_public_url
        try:
            address = ipaddress.ip_address(self._feed.host)
        except ValueError:
            return (
                None
                if self._feed.host == "localhost"
                else f"webcal://{self._feed.host}:{self._feed.port}{PATH}"
            )
        if address.is_loopback or address.is_unspecified:
            return None  # 127.0.0.1 on a member's phone is the phone itself
        host = f"[{address}]" if address.version == 6 else str(address)
        return f"webcal://{host}:{self._feed.port}{PATH}"

    async def close(self) -> None:
        """Stop the countdown (a post under way is sent and recorded first, for a few seconds at most) before
        the connection closes, then the health endpoints."""
        await self.countdown.stop(grace=STOP_GRACE_SECONDS)
        await self.events.stop()
        await self.feeds.stop()
        await self.notices.stop()
        for task in list(
            self._notice_tasks
        ):  # rebuilds from another process's seeds: the next start does them
            task.cancel()
        await asyncio.gather(*self._notice_tasks, return_exceptions=True)
        await super().close()
        if self._health is not None:
            await self._health.stop()
        if self._feed is not None:
            await self._feed.stop()
            self._feed = None

    def _fact_counts(self) -> dict[str, int]:
        """Facts in use by kind, over every show."""
        counts = dict.fromkeys(("cast", "crew", "dates", "seasons", "figures", "articles"), 0)
        for show in self.shows.all():
            facts = show.facts.facts
            for kind, found in (
                ("cast", facts.credits), ("crew", facts.crew), ("dates", facts.dates),
                ("seasons", facts.seasons), ("figures", facts.figures), ("articles", facts.documents),
            ):  # fmt: skip
                counts[kind] += len(found)
        return counts

    async def on_app_command_completion(
        self,
        interaction: discord.Interaction[SavoirBot],
        command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu,
    ) -> None:
        """Count an answered command and its latency."""
        self.metrics.answered(command.qualified_name, "ok", interaction.extras.get("started"))

    async def sync_globally(self) -> int:
        """Publish the commands to every guild (Discord allows 200 command creations a day: do it on purpose)."""
        synced = await self.tree.sync()
        log.info("synced %d commands globally", len(synced))
        return len(synced)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        log.info("connected as %s to %d guilds", self.user, len(self.guilds))


class ShardedSavoirBot(SavoirBot, commands.AutoShardedBot):
    """The bot running some of Discord's shards (`run --shard-count N --shard-ids ...`); other processes run the
    rest over the same PostgreSQL state."""

    async def on_shard_ready(self, shard_id: int) -> None:
        """A shard (re)connected with a new session: it may have come from a process that stopped, so what that
        process left claimed and the settings it wrote are read again."""
        log.info("shard %d ready: %d guilds in all", shard_id, len(self.guilds))
        await self.countdown.shard_arrived()
        self.events.wake()


def make_bot(
    settings: Settings,
    facts: FactService | Shows,
    state: StateStore,
    clock: Clock,
    *,
    shards: ShardPlan | None = None,
    guild_ready_timeout: float = 2.0,
) -> SavoirBot:
    """The bot, sharded when a shard plan is given."""
    if shards is None:
        return SavoirBot(settings, facts, state, clock, guild_ready_timeout=guild_ready_timeout)
    return ShardedSavoirBot(
        settings, facts, state, clock, guild_ready_timeout=guild_ready_timeout, shards=shards
    )
