"""A sandbox session: lines typed as in Discord (`/cast Odile`, `/cast name:Odile`) or sandbox commands
(`:as`, `:locale`, `:time`, `:wait`, `:press`, `:help`, `:quit`), run against the real bot on the local Discord."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Reply
from bot.local_discord.server import NoReplyError, UnknownCommandError
from bot.local_run import local_settings, start_local_bot
from bot.sandbox.buttons import press_button
from bot.sandbox.feed_site import FeedSite, feeds_polled, follow_feed
from bot.sandbox.lines import LineError, resolve, shown_name, walk, words
from bot.sandbox.terminal import render_events, render_message, show_timestamps

log = logging.getLogger(__name__)

ROLES = {"moderator": "moderator", "member": "member"}
_DURATION = re.compile(r"^(\d+)\s*([dhms])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
LOOPBACK_NOTE = (
    "Unlike the real bot, this sandbox imports from loopback and private addresses (/facts import url:"
    "http://127.0.0.1/...), so that local pages can be tried; the real bot refuses them."
)
HELP = """Type commands as in Discord:
  /about                      a command
  /cast <a name>              a lone value fills the first option
  /cast name:<a name>         or name the option
  /facts import file:<a path> a path after file: attaches that file
  /distribution <a name>      after :locale fr, the French names work too
Sandbox lines:
  :as moderator|member        who is typing
  :locale fr|en-US            the member's Discord language
  :time 2024-08-01T00:00Z     set the bot's clock
  :wait 7d|3h|30m|10s         move the clock forward; posts due on the way appear
  :press "Notify me"          press a button on the newest message that has it
  :events                     the server's scheduled events, as its Events list shows them
  (with --feed FILE, :wait 30m lets the bot poll the feed; review messages show with their buttons)
  :help                       this text
  :quit                       leave"""


class SandboxError(Exception):
    """A line that could not be run; the message says why."""


def parse_duration(text: str) -> dt.timedelta:
    """ "7d", "3h", "30m", "45s" as a timedelta."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise SandboxError(f"cannot read {text!r} as a duration: use 7d, 3h, 30m or 45s")
    try:
        return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    except OverflowError as error:
        raise SandboxError(
            f"{text!r} is too long a wait: the clock runs from {EARLIEST} to {LATEST}"
        ) from error


# The years the sandbox's clock may show: a countdown, an event or a calendar a few decades around any date
# still fits a datetime (Python's end at year 9999 would make "a month later" fail).
EARLIEST, LATEST = 1970, 9000


def within_clock(moment: dt.datetime) -> dt.datetime:
    """The moment, when the sandbox's clock may be set to it; SandboxError (one line) otherwise."""
    if not EARLIEST <= moment.year <= LATEST:
        raise SandboxError(f"the clock runs from {EARLIEST} to {LATEST}: {moment.isoformat()} is outside")
    return moment


def parse_moment(text: str, zone: ZoneInfo) -> dt.datetime:
    """An ISO 8601 moment; without an offset it is read in the sandbox's zone."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise SandboxError(
            f"cannot read {text!r} as a time: use ISO 8601, e.g. 2024-08-01T00:00:00Z"
        ) from error
    return within_clock(moment if moment.tzinfo else moment.replace(tzinfo=zone))


@dataclass
class Session:
    """One sandbox: a local Discord, the bot on it, a clock, and who is typing."""

    server: LocalDiscord
    bot: SavoirBot
    clock: ManualClock
    zone: ZoneInfo
    role: str = "member"
    locale: str = "en-US"
    out: TextIO = field(default_factory=lambda: sys.stdout)
    save: Path | None = None  # where the files the bot attaches are written (--save)
    failures: int = 0  # every error line, typing mistakes included
    faults: int = 0  # the bot's own failures: no reply, an error inside it, a body Discord would refuse
    _seen: dict[str, int] = field(default_factory=dict)

    def say(self, text: str) -> None:
        """Print a line to the session's output."""
        print(text, file=self.out, flush=True)

    def fail(self, text: str, *, fault: bool = False) -> None:
        """Print why a line failed, and remember that one did (and whether the bot was at fault)."""
        self.failures += 1
        self.faults += fault
        self.say(f"error: {text}")

    def split_command(self, line: str) -> tuple[str, dict[str, Any]]:
        """ "/facts reload", "/cast Odile Martin", "/distribution nom:Odile" -> the command as the local Discord
        names it and the values a client would send (SandboxError for what a client would not send)."""
        try:
            resolved = resolve(self.server, line, self.locale)
        except LineError as error:
            raise SandboxError(str(error)) from error
        return resolved.command, resolved.options

    async def run(self, line: str) -> bool:
        """Run one line; False when it was :quit."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        begun, going_on = self.bot.feeds.started, True
        try:
            if line.startswith(":"):
                going_on = await self._sandbox_line(line)
            elif not line.startswith("/"):
                raise SandboxError("type a command starting with / (or :help)")
            else:
                await self._command(line)
        except (SandboxError, UnknownCommandError) as error:
            self.fail(str(error))
        except NoReplyError as error:
            self.fail(str(error), fault=True)
        if going_on:  # a poll the line set off (a feed added, the clock moved) shows under it
            await feeds_polled(self, begun)
            self.show_posts()
        return going_on

    async def _command(self, line: str) -> None:
        command, options = self.split_command(line)
        failures_before = self.bot.command_failures
        violations_before = len(self.server.violations)
        reply: Reply = await self.server.slash(
            command, user=ROLES[self.role], locale=self.locale, options=options
        )
        await _commands_finished()  # what a command does after its reply (a log post) shows with it
        self.show_reply(reply)
        for problem in self.server.violations[violations_before:]:
            self.fail(f"the bot sent something Discord would refuse: {problem}", fault=True)
        if self.bot.command_failures > failures_before:
            self.fail(f"{command} failed inside the bot (see the log above)", fault=True)

    def show_reply(self, reply: Reply) -> None:
        self.say(render_message(reply.message, self.zone, self.clock.now(), ephemeral=reply.ephemeral,
                                locale=self.locale, names=self._names()))  # fmt: skip
        if self.save is not None:
            self._save_files(reply.message)

    def _save_files(self, message: dict[str, Any]) -> None:
        """Write each file a reply carries into the --save folder, under its own name (never a path)."""
        assert self.save is not None
        for attachment in message.get("attachments") or []:
            data = self.server.attachment_data(str(attachment.get("id")))
            name = Path(str(attachment.get("filename") or "")).name or "attachment"
            if data is None:
                self.fail(f"{name}: the file is not on the local Discord any more", fault=True)
                continue
            target = self.save / name
            try:
                self.save.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            except OSError as error:
                self.fail(f"cannot save {name} in {self.save}: {error.strerror or error}")
                continue
            self.say(f"saved {target} ({len(data):,} bytes)")

    async def _sandbox_line(self, line: str) -> bool:
        word, _, argument = line[1:].partition(" ")
        argument = argument.strip()
        if word in ("quit", "exit", "q"):
            return False
        if word == "help":
            self.say(HELP)
        elif word == "as":
            if argument not in ROLES:
                raise SandboxError(f"who is that? use :as {' or :as '.join(ROLES)}")
            self.role = argument
            self.say(f"(now typing as the {argument})")
        elif word == "locale":
            if not argument:
                raise SandboxError("use :locale fr or :locale en-US")
            self.locale = argument
            self.say(f"(Discord language now {argument})")
        elif word == "time":
            self.clock.set(parse_moment(argument, self.zone))
            await self.bot.countdown.tick()
            self.say(f"(the bot's clock now reads {self._now()})")
        elif word == "press":
            try:
                reply = await press_button(self.server, argument, ROLES[self.role], self.locale)
            except LineError as error:
                raise SandboxError(str(error)) from error
            self.show_reply(reply)
        elif word == "events":
            await self.bot.events.sync_all()  # what a reload or a setting asked for is done before looking
            self.say(render_events(list(self.server.scheduled_events.values()), self.zone, self._names()))
        elif word == "wait":
            try:
                until = within_clock(self.clock.now() + parse_duration(argument))
            except OverflowError as error:
                raise SandboxError(f"the clock runs from {EARLIEST} to {LATEST}") from error
            await self._wait(until)
            self.say(f"(the bot's clock now reads {self._now()})")
        else:
            raise SandboxError(f"unknown sandbox line :{word} (try :help)")
        return True

    async def _wait(self, until: dt.datetime) -> None:
        """Move the clock to each post due on the way, let the bot post it, show it with its time."""
        await self.bot.countdown.tick()
        while (due := self.bot.countdown.next_due()) is not None and due <= until:
            self.clock.set(max(due, self.clock.now()))
            await self.bot.countdown.tick()
            self.show_posts(stamp=True)
        self.clock.set(until)
        await self.bot.countdown.tick()

    def _names(self) -> dict[str, str]:
        """How a client shows mentions of this guild's channels, roles and members."""
        world = self.server.world
        names = {f"<#{c.id}>": f"#{c.name}" for c in world.channels.values()}
        names.update({f"<@&{r.id}>": f"@{r.name}" for r in world.roles.values()})
        names.update({f"<@{m.id}>": f"@{m.username}" for m in world.members.values()})
        return names

    def _now(self) -> str:
        return self.clock.now().astimezone(self.zone).strftime("%A %-d %B %Y %H:%M %Z")

    def show_posts(self, *, stamp: bool = False) -> None:
        """Print what the bot posted in channels since last time, with the clock's time when asked."""
        when = (
            f"[{self.clock.now().astimezone(self.zone).strftime('%a %-d %b %Y %H:%M %Z')}] " if stamp else ""
        )
        for channel in self.server.world.channels.values():
            posted = self.server.channel_messages(channel.id)
            for message in posted[self._seen.get(channel.id, 0) :]:
                body = render_message(
                    message, self.zone, self.clock.now(), locale=self.locale, names=self._names()
                )
                head = f"#{channel.name}  {when}"
                self.say(head + body.replace("\n", "\n" + " " * len(head)))
            self._seen[channel.id] = len(posted)

    # -- interactive ------------------------------------------------------------------------------------

    def completions(self, loop: asyncio.AbstractEventLoop, buffer: str) -> list[str]:
        """Tab completion from another thread: commands and subcommands (in the member's language, with the
        space that lets typing go on), option names, an option's choices, then the bot's own autocomplete."""
        if not buffer.startswith("/"):
            return [
                line
                for line in (":as ", ":locale ", ":time ", ":wait ", ":press ", ":help", ":quit")
                if line.startswith(buffer)
            ]
        typed = words(buffer)
        if buffer.endswith(" "):
            typed.append("")
        try:
            path, used = walk(self.server, typed, self.locale)
        except LineError:
            path, used = [], 0
        if used == len(typed) - 1 and not typed[-1].count(":"):
            options = (path[-1].get("options") or []) if path else list(self.server.commands.values())
            groups = [o for o in options if not path or o.get("type") in (1, 2)]
            if groups:
                head = buffer[: len(buffer) - len(typed[-1])]
                last = typed[-1].removeprefix("/").casefold()
                found = [shown_name(o, self.locale) for o in groups]
                return [
                    f"{head}{'/' if not path else ''}{name} "
                    for name in found
                    if name.casefold().startswith(last)
                ]
        if not path:
            return []
        return self._option_completions(loop, buffer)

    def _option_completions(self, loop: asyncio.AbstractEventLoop, buffer: str) -> list[str]:
        try:
            resolved = resolve(self.server, buffer, self.locale, convert=False)
        except LineError:
            return []
        declared = {o["name"]: o for o in resolved.declared}
        focused = resolved.last or next(iter(declared), None)
        if focused is None:
            return []
        option, typed = declared[focused], resolved.typed_last
        head = buffer[: len(buffer) - len(typed)]
        if option.get("choices"):
            names = [shown_name(c, self.locale) for c in option["choices"]]
            return [head + name for name in names if name.casefold().startswith(typed.casefold())]
        if not option.get("autocomplete"):
            if buffer.endswith(" ") and not typed:
                return [f"{buffer}{shown_name(o, self.locale)}:" for o in declared.values()]
            return []
        future = asyncio.run_coroutine_threadsafe(
            self.server.autocomplete(
                resolved.command, focused, typed, user=ROLES[self.role], locale=self.locale
            ),
            loop,
        )
        try:
            choices = future.result(timeout=3).choices
        except Exception:  # a completion that fails must not end the prompt
            log.debug("autocomplete failed for %r", buffer, exc_info=True)
            return []
        return [head + str(choice["value"]) for choice in choices]


async def _commands_finished(timeout: float = 30.0) -> None:
    """Wait until every command the bot is running has finished (discord.py runs each in its own task)."""
    running = [
        task for task in asyncio.all_tasks() if task.get_name() == "CommandTree-invoker" and not task.done()
    ]
    if running:
        await asyncio.wait(running, timeout=timeout)


def _install_completion(session: Session, loop: asyncio.AbstractEventLoop) -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - no readline on this platform
        return
    matches: list[str] = []

    def complete(_text: str, state: int) -> str | None:
        nonlocal matches
        if state == 0:
            matches = session.completions(loop, readline.get_line_buffer())
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims("")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


@contextlib.contextmanager
def _state_dir(db: Path | None) -> Iterator[Path]:
    if db is not None:
        db.parent.mkdir(parents=True, exist_ok=True)
        yield db.parent
        return
    with tempfile.TemporaryDirectory(prefix="savoir-sandbox-") as folder:
        yield Path(folder)


@dataclass
class SandboxOptions:
    """What `python -m bot sandbox` was asked."""

    seeds: Path
    db: Path | None
    now: str | None
    zone: ZoneInfo
    role: str
    locale: str
    lines: list[str]
    save: Path | None = None
    feed: Path | None = None  # --feed: a feed file served (with its folder) for the session and followed


async def run_sandbox(options: SandboxOptions, out: TextIO = sys.stdout) -> int:
    """Run the sandbox: the scripted lines then exit, or a prompt when there are none. Returns the exit status."""
    start = parse_moment(options.now, options.zone) if options.now else dt.datetime.now(dt.UTC)
    clock = ManualClock(start)
    with _state_dir(options.db) as state:
        async with LocalDiscord() as server:
            # The sandbox's moderators may import and correct: they work on a copy of the seeds, never the
            # repository's own (kept beside --db and named after it, so it persists with the rest of the state
            # and two databases in one folder never share, or silently reuse, each other's copy).
            seeds = state / (f"{options.db.stem}-seeds" if options.db is not None else "seeds")
            if not seeds.exists():
                shutil.copytree(options.seeds, seeds)
            settings = local_settings(server, seeds, state)
            settings.allow_loopback_imports = True
            if options.db is not None:
                settings.state_db = options.db
                settings.facts_db = options.db.with_name(options.db.stem + "-facts.db")
            running = await start_local_bot(server, settings, clock)
            session = Session(
                server, running.bot, clock, options.zone, options.role, options.locale, out, save=options.save
            )
            site = FeedSite(options.feed) if options.feed is not None else None
            try:
                if site is not None:
                    await site.start()
                    await follow_feed(session, site.feed_url)
                if options.lines:
                    for line in options.lines:
                        session.say(f"> {line}")
                        if not await session.run(line):
                            break
                else:
                    await _prompt(session)
            finally:
                await running.stop()
                if site is not None:
                    await site.stop()
    return 1 if session.faults else 0


async def _prompt(session: Session) -> None:
    loop = asyncio.get_running_loop()
    _install_completion(session, loop)
    session.say("Savoir sandbox: the real bot on a local Discord. Try /about, or :help. Tab completes.")
    session.say(LOOPBACK_NOTE)
    session.say(
        show_timestamps(f"(the bot's clock reads {session._now()})", session.zone, session.clock.now())
    )
    interrupted = asyncio.Event()
    with contextlib.suppress(
        NotImplementedError, RuntimeError
    ):  # no signal handlers here (Windows, a thread)
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, interrupted.set)
    try:
        while True:
            typing = time.monotonic()
            line = await _read_line(f"{session.role}> ", interrupted)
            if line is None:  # Ctrl-D, or Ctrl-C: leave the way :quit does
                session.say("")
                return
            # At the prompt the bot's clock runs while the member types, so a cooldown can be waited out.
            session.clock.advance(dt.timedelta(seconds=time.monotonic() - typing))
            if not await session.run(line):
                return
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(number)


async def _read_line(prompt: str, interrupted: asyncio.Event) -> str | None:
    """One line typed at the prompt; None at end of input or when Ctrl-C is pressed. The read runs in a daemon
    thread: a line never finished (Ctrl-C while typing) must not keep the process from exiting."""
    loop = asyncio.get_running_loop()
    typed: asyncio.Future[str | None] = loop.create_future()

    def read() -> None:
        try:
            line: str | None = input(prompt)
        except (EOFError, KeyboardInterrupt, OSError, ValueError):
            line = None

        def deliver() -> None:
            if not typed.done():
                typed.set_result(line)

        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for this line any more
            loop.call_soon_threadsafe(deliver)

    threading.Thread(target=read, name="sandbox-prompt", daemon=True).start()
    stop: asyncio.Future[Any] = asyncio.ensure_future(interrupted.wait())
    waiting: set[asyncio.Future[Any]] = {typed, stop}
    try:
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
    if interrupted.is_set():
        return None
    return typed.result()
