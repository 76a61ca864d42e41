"""The bot: a fixed start-up (settings -> fact store -> every extension in cogs/ -> a deliberate sync)."""

from __future__ import annotations

import logging
import pkgutil

import discord
from discord.ext import commands

import cogs
from bot.clock import Clock
from bot.countdown.dispatcher import CountdownDispatcher
from bot.facts.service import FactService
from bot.i18n import CatalogueTranslator
from bot.settings import Settings
from bot.store.state import StateStore
from bot.tree import SavoirTree

log = logging.getLogger(__name__)

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
    """The Savoir bot; the fact service and the clock are made before it and handed in."""

    tree: SavoirTree

    def __init__(
        self,
        settings: Settings,
        facts: FactService,
        state: StateStore,
        clock: Clock,
        *,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=SavoirTree,
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.settings = settings
        self.facts = facts
        self.state = state
        self.clock = clock
        self.command_failures = 0
        self.countdown = CountdownDispatcher(self, state, clock, facts)

    async def setup_hook(self) -> None:
        """Load every extension, then sync to the development guild when one is configured."""
        await self.tree.set_translator(CatalogueTranslator())
        await self.countdown.load()
        for name in extension_names():
            await self.load_extension(name)
        log.info("loaded %d extensions: %s", len(self.extensions), ", ".join(self.extensions))
        if self.settings.dev_guild_id is not None:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild.id)
        self.countdown.start()

    async def close(self) -> None:
        """Stop the countdown before the connection closes."""
        await self.countdown.stop()
        await super().close()

    async def sync_globally(self) -> int:
        """Publish the commands to every guild (Discord allows 200 command creations a day: do it on purpose)."""
        synced = await self.tree.sync()
        log.info("synced %d commands globally", len(synced))
        return len(synced)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        log.info("connected as %s to %d guilds", self.user, len(self.guilds))
