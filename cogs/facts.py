"""/facts: moderators see what the bot knows, feed it articles, correct it and reload it, from Discord."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.audit import record_change, who
from bot.client import SavoirBot
from bot.discord_limits import CHOICE_TEXT, CHOICES, CONTENT
from bot.facts.correcting import (
    CorrectionNotWrittenError,
    CorrectionRefusedError,
    make_correction,
    save_and_apply,
    typed_value,
)
from bot.facts.diff import FactDiff
from bot.facts.documents import MAX_ARTICLE_BYTES
from bot.facts.imports import Imported, ImportRefusedError, article_from_bytes, article_from_url, save_article
from bot.facts.refusals import failure_refusal, shown
from bot.facts.seed_files import Correction, SeedFileError
from bot.facts.service import ReloadBusyError, ReloadFailedError, ReloadResult
from bot.i18n import text
from bot.i18n.commands import command_text
from bot.newsdesk.board import review_view
from bot.queries.sources import provenance
from bot.rendering.facts import render_import, render_reload, render_sources, render_status
from bot.rendering.limits import clip
from bot.rendering.review import render_item
from bot.tree import NotModeratorError
from cogs._moderators import is_moderator
from cogs._shows import guild_show

log = logging.getLogger(__name__)


def _unsave(saved: Path) -> None:
    try:
        saved.unlink(missing_ok=True)
    except OSError:
        log.exception("could not remove %s after a failed import", saved)


async def _refuse_correction(interaction: discord.Interaction[SavoirBot], error: CorrectionRefusedError) -> None:
    """A correction refused before anything was written, said in the moderator's language."""
    locale = str(interaction.locale)
    note = text("facts.correct.refused", locale, reason=error.describe(locale))
    await interaction.response.send_message(clip(note, CONTENT), ephemeral=True)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Facts(commands.GroupCog, group_name=command_text("facts.command"),
            group_description=command_text("facts.command.description")):  # fmt: skip
    """The /facts group; Discord shows it to Manage Server by default, and the bot checks again."""

    def __init__(self, bot: SavoirBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[SavoirBot]) -> bool:  # type: ignore[override]
        """Every subcommand: moderators only, whatever a server admin did to the command's permissions."""
        return is_moderator(interaction)

    # -- shared -------------------------------------------------------------------------------------------

    async def _reload(self, interaction: discord.Interaction[SavoirBot]) -> ReloadResult:
        """Rebuild the guild's show only: every other show's facts stay as they are."""
        show = guild_show(interaction)
        return await show.facts.reload(show.settings, self.bot.clock, by=who(interaction))

    async def _refuse_busy_or_failed(
        self, interaction: discord.Interaction[SavoirBot], error: Exception, locale: str
    ) -> None:
        if isinstance(error, ReloadBusyError):
            note = text(
                "facts.busy", locale, by=error.started.by, timestamp=int(error.started.at.timestamp())
            )
        elif isinstance(error, ReloadFailedError):
            note = text("facts.failed.why", locale, reason=text(error.why, locale, **error.values))
        else:
            assert isinstance(error, SeedFileError)
            where = f"{error.file}:{error.line}" if error.line else error.file
            note = text("facts.failed", locale, where=where, reason=error.reason)
        await interaction.followup.send(clip(note, CONTENT), ephemeral=True)

    async def _audit(self, interaction: discord.Interaction[SavoirBot], action: str, diff: FactDiff) -> None:
        """Log every change with who, when and the diff; also post it to the guild's mod-log channel."""
        await record_change(self.bot, interaction, action, diff)

    async def _read_upload(self, file: discord.Attachment) -> Imported:
        """An attached article, fetched from Discord within the download time limit."""
        name, settings = shown(file.filename), self.bot.settings
        if file.size > MAX_ARTICLE_BYTES:  # refused before downloading it from Discord
            raise ImportRefusedError("import.too_large", origin=name, size=file.size, limit=MAX_ARTICLE_BYTES)
        try:
            async with asyncio.timeout(settings.import_download_seconds):
                data = await file.read()
        except TimeoutError:
            raise ImportRefusedError(
                "import.net.timeout", url=name, seconds=f"{settings.import_download_seconds:g}"
            ) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as error:
            log.warning("could not fetch the attachment %s from Discord: %r", name, error)
            raise ImportRefusedError("import.attachment_failed", origin=name) from None
        return await article_from_bytes(
            file.filename, data, file.filename, extract_seconds=settings.import_extract_seconds
        )

    async def _import_refused(
        self, interaction: discord.Interaction[SavoirBot], error: Exception, locale: str
    ) -> None:
        """Say why an import was not made; a failure that is ours is also logged and counted."""
        refusal = failure_refusal(error)
        if refusal is not None and not isinstance(error, ImportRefusedError):
            log.warning("an import by %s failed: %r", who(interaction), error)
        if refusal is None:
            log.error(
                "an import by %s in guild %s failed", who(interaction), interaction.guild_id, exc_info=error
            )
            self.bot.command_failures += 1
            refusal = ImportRefusedError("import.internal")
        note = text("facts.import.refused", locale, reason=refusal.describe(locale))
        await interaction.followup.send(clip(note, CONTENT), ephemeral=True)

    # -- commands ----------------------------------------------------------------------------------------

    @app_commands.command(
        name=command_text("facts.reload.command"), description=command_text("facts.reload.description")
    )
    async def reload(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Re-read seeds/, rebuild off the event loop, swap, and say what changed."""
        locale = str(interaction.locale)
        guild_show(interaction)  # before deferring: a guild that has not chosen is told so at once
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await self._reload(interaction)
        except (ReloadBusyError, SeedFileError, ReloadFailedError) as error:
            await self._refuse_busy_or_failed(interaction, error, locale)
            return
        await interaction.followup.send(embed=render_reload(result, locale), ephemeral=True)
        await self._audit(interaction, text("facts.audit.reload", "en"), result.diff)

    @app_commands.command(
        name=command_text("facts.import.command"), description=command_text("facts.import.description")
    )
    @app_commands.rename(file=command_text("facts.import.file"), url=command_text("facts.import.url"))
    @app_commands.describe(file=command_text("facts.import.file.description"),
                           url=command_text("facts.import.url.description"))  # fmt: skip
    async def import_article(
        self,
        interaction: discord.Interaction[SavoirBot],
        file: discord.Attachment | None = None,
        url: str | None = None,
    ) -> None:
        """Save an attached or linked article under seeds/ and reload; a refused import changes nothing on disk."""
        locale = str(interaction.locale)
        if (file is None) == (url is None):
            await interaction.response.send_message(text("facts.import.which", locale), ephemeral=True)
            return
        show = guild_show(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not self.bot.newsdesk.auto_approves(interaction.guild_id or 0):
            await self._import_for_review(interaction, file, url, locale)
            return
        # Saving and reloading under the one lock on changes: never interleaved with a correction or a reload.
        async with show.facts.changing(who(interaction), self.bot.clock.now()):
            await self._import(interaction, file, url, locale)

    async def _article(self, file: discord.Attachment | None, url: str | None) -> Imported:
        """The attached or linked article, read; ImportRefusedError says why not."""
        settings = self.bot.settings
        if file is not None:
            return await self._read_upload(file)
        return await article_from_url(
            url or "", allow_loopback=settings.allow_loopback_imports,
            download_seconds=settings.import_download_seconds, extract_seconds=settings.import_extract_seconds,
        )  # fmt: skip

    async def _import_for_review(
        self, interaction: discord.Interaction[SavoirBot], file: discord.Attachment | None, url: str | None,
        locale: str,
    ) -> None:  # fmt: skip
        """The news desk's path: the article waits under seeds/pending/ with what it would change, and the
        moderator approves it from the reply (or the mod-log channel) like any feed's article."""
        try:
            article = await self._article(file, url)
            submitted = await self.bot.newsdesk.submit(
                interaction.guild_id or 0, article, via="import"
            )
        except (ReloadBusyError, SeedFileError, ReloadFailedError) as error:
            await self._refuse_busy_or_failed(interaction, error, locale)
            return
        except Exception as error:
            await self._import_refused(interaction, error, locale)
            return
        item = submitted.item
        if submitted.outcome == "duplicate" or item is None:
            key = "newsdesk.import.duplicate" if submitted.outcome == "duplicate" else "newsdesk.import.no_facts"
            await interaction.followup.send(text(key, locale, origin=shown(article.origin)), ephemeral=True)
        elif submitted.outcome == "live" and submitted.result is not None:
            embed = render_import(item.file, submitted.result, locale)
            await interaction.followup.send(text("newsdesk.import.live", locale), embed=embed, ephemeral=True)
            await self._audit(interaction, text("facts.audit.import", "en", file=item.file), submitted.result.diff)
        else:
            await interaction.followup.send(
                text("newsdesk.import.queued", locale, item=item.id), embed=render_item(item, locale),
                view=review_view(item, locale), ephemeral=True,
            )  # fmt: skip

    async def _import(
        self,
        interaction: discord.Interaction[SavoirBot],
        file: discord.Attachment | None,
        url: str | None,
        locale: str,
    ) -> None:
        """Fetch, save and reload, holding the lock on changes; a refused import changes nothing on disk."""
        try:
            article = await self._article(file, url)
            saved = await asyncio.to_thread(save_article, guild_show(interaction).settings.seeds_dir, article)
        except Exception as error:  # save_article leaves nothing behind, whatever failed
            await self._import_refused(interaction, error, locale)
            return
        try:
            result = await self._reload(interaction)
        except BaseException as error:
            _unsave(saved)  # nothing on disk changes when the import cannot be used
            if isinstance(error, ReloadBusyError | SeedFileError | ReloadFailedError):
                await self._refuse_busy_or_failed(interaction, error, locale)
            elif isinstance(error, Exception):
                await self._import_refused(interaction, error, locale)
            else:
                raise
            return
        await interaction.followup.send(embed=render_import(saved.name, result, locale), ephemeral=True)
        await self._audit(interaction, text("facts.audit.import", "en", file=saved.name), result.diff)

    @app_commands.command(
        name=command_text("facts.sources.command"), description=command_text("facts.sources.description")
    )
    @app_commands.rename(query=command_text("facts.sources.query"))
    @app_commands.describe(query=command_text("facts.sources.query.description"))
    async def sources(
        self, interaction: discord.Interaction[SavoirBot], query: app_commands.Range[str, 1, 100]
    ) -> None:
        """The sentences behind a person, character, season, date or fact id, and any disagreement."""
        locale = str(interaction.locale)
        facts = guild_show(interaction).facts
        found = provenance(facts.facts, facts.people, query)
        if found is None:
            note = text("facts.sources.none", locale, query=discord.utils.escape_markdown(query))
            await interaction.response.send_message(note, ephemeral=True)
            return
        await interaction.response.send_message(embed=render_sources(found, locale), ephemeral=True)

    @app_commands.command(
        name=command_text("facts.status.command"), description=command_text("facts.status.description")
    )
    async def status(self, interaction: discord.Interaction[SavoirBot]) -> None:
        """Counts by kind, articles, the last reload, open warnings."""
        service = guild_show(interaction).facts
        embed = render_status(service.facts, service.loaded_at, service.loaded_by, str(interaction.locale))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    async def _correct(self, interaction: discord.Interaction[SavoirBot], correction: Correction) -> None:
        """Write a checked correction and reload, one change at a time; corrections.toml is put back on any
        failure, and success is told only once the correction is on disk and loaded."""
        locale, show = str(interaction.locale), guild_show(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await save_and_apply(show.facts, show.settings, self.bot.clock, correction)
        except CorrectionRefusedError as error:
            note = text("facts.correct.refused", locale, reason=error.describe(locale))
        except CorrectionNotWrittenError as error:
            note = text("facts.correct.not_written", locale, reason=text(error.why, locale))
        except (ReloadBusyError, SeedFileError, ReloadFailedError) as error:
            if isinstance(error, ReloadFailedError):
                reason = text(error.why, locale, **error.values)
            else:
                reason = error.reason if isinstance(error, SeedFileError) else str(error)
            note = text("facts.correct.rolled_back", locale, reason=reason)
        else:
            embed = render_reload(result, locale)
            await interaction.followup.send(text("facts.corrected", locale), embed=embed, ephemeral=True)
            await self._audit(
                interaction, text("facts.audit.correct", "en", fact=correction.fact), result.diff
            )
            return
        await interaction.followup.send(clip(note, CONTENT), ephemeral=True)

    @app_commands.command(
        name=command_text("facts.correct.command"), description=command_text("facts.correct.description")
    )
    @app_commands.rename(fact=command_text("facts.fact"), field=command_text("facts.field"),
                         value=command_text("facts.value"), reason=command_text("facts.reason"))  # fmt: skip
    @app_commands.describe(fact=command_text("facts.fact.description"), field=command_text("facts.field.description"),
                           value=command_text("facts.value.description"), reason=command_text("facts.reason.description"))  # fmt: skip
    async def correct(
        self,
        interaction: discord.Interaction[SavoirBot],
        fact: app_commands.Range[str, 1, 100],
        field: app_commands.Range[str, 1, 40],
        value: app_commands.Range[str, 0, 200],
        reason: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        """Fix one field of one fact; kept in corrections.toml across every rebuild."""
        try:
            typed = typed_value(field.strip(), value)
            correction = make_correction("fix", fact, who(interaction), reason, {field.strip(): typed})
        except CorrectionRefusedError as error:
            await _refuse_correction(interaction, error)
            return
        await self._correct(interaction, correction)

    @app_commands.command(
        name=command_text("facts.suppress.command"), description=command_text("facts.suppress.description")
    )
    @app_commands.rename(fact=command_text("facts.fact"), reason=command_text("facts.reason"))
    @app_commands.describe(
        fact=command_text("facts.fact.description"), reason=command_text("facts.reason.description")
    )
    async def suppress(
        self,
        interaction: discord.Interaction[SavoirBot],
        fact: app_commands.Range[str, 1, 100],
        reason: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        """Drop a wrong fact; kept in corrections.toml across every rebuild."""
        try:
            correction = make_correction("suppress", fact, who(interaction), reason)
        except CorrectionRefusedError as error:
            await _refuse_correction(interaction, error)
            return
        await self._correct(interaction, correction)

    @correct.autocomplete("fact")
    @suppress.autocomplete("fact")
    async def suggest_fact(
        self, interaction: discord.Interaction[SavoirBot], typed: str
    ) -> list[app_commands.Choice[str]]:
        """Fact ids containing what is typed; nothing for members who may not run the command (Discord runs no
        check before autocomplete)."""
        try:
            is_moderator(interaction)
        except NotModeratorError:
            return []
        show = self.bot.show_for(interaction.guild_id)
        if show is None:
            return []
        wanted = typed.strip().lower()
        ids = [fact.id for fact in show.facts.facts.sourced_facts() if wanted in fact.id.lower()]
        return [
            app_commands.Choice(name=clip(fact_id, CHOICE_TEXT), value=fact_id) for fact_id in ids[:CHOICES]
        ]

    @app_commands.command(
        name=command_text("facts.log.command"), description=command_text("facts.log.description")
    )
    @app_commands.rename(channel=command_text("facts.log.channel"))
    @app_commands.describe(channel=command_text("facts.log.channel.description"))
    async def log(
        self, interaction: discord.Interaction[SavoirBot], channel: discord.TextChannel | None = None
    ) -> None:
        """Choose where changes to the facts are posted, or stop posting them."""
        settings = self.bot.countdown.guild(interaction.guild_id or 0)
        settings.mod_log_channel_id = channel.id if channel else None
        await self.bot.countdown.update(settings, interaction.user.id, restart_watch=False)
        locale = str(interaction.locale)
        note = (
            text("facts.log.set", locale, channel=channel.mention)
            if channel
            else text("facts.log.cleared", locale)
        )
        await interaction.response.send_message(note, ephemeral=True)


async def setup(bot: SavoirBot) -> None:
    """Load the extension."""
    await bot.add_cog(Facts(bot))
