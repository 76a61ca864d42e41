"""A sandbox session: lines typed as in Discord (`/cast Odile`, `/cast name:Odile`) or sandbox commands
(`:as`, `:locale`, `:time`, `:wait`, `:help`, `:quit`), run against the real bot on the local Discord."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord, Reply
from bot.local_discord.server import NoReplyError, UnknownCommandError
from bot.local_run import local_settings, start_local_bot
from bot.sandbox.terminal import render_message, show_timestamps

log = logging.getLogger(__name__)

ROLES = {"moderator": "moderator", "member": "member"}
_DURATION = re.compile(r"^(\d+)\s*([dhms])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
_OPTION = re.compile(r"^([-\w]+):(.*)$", re.DOTALL)
HELP = """Type commands as in Discord:
  /about                      a command
  /cast <a name>              a lone value fills the first option
  /cast name:<a name>         or name the option
Sandbox lines:
  :as moderator|member        who is typing
  :locale fr|en-US            the member's Discord language
  :time 2024-08-01T00:00Z     set the bot's clock
  :wait 7d|3h|30m             move the clock forward; posts due on the way appear
  :help                       this text
  :quit                       leave"""


class SandboxError(Exception):
    """A line that could not be run; the message says why."""


def parse_duration(text: str) -> dt.timedelta:
    """ "7d", "3h", "30m", "45s" as a timedelta."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise SandboxError(f"cannot read {text!r} as a duration: use 7d, 3h, 30m or 45s")
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def parse_moment(text: str, zone: ZoneInfo) -> dt.datetime:
    """An ISO 8601 moment; without an offset it is read in the sandbox's zone."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise SandboxError(
            f"cannot read {text!r} as a time: use ISO 8601, e.g. 2024-08-01T00:00:00Z"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


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
    failures: int = 0
    _seen: dict[str, int] = field(default_factory=dict)

    def say(self, text: str) -> None:
        """Print a line to the session's output."""
        print(text, file=self.out, flush=True)

    def fail(self, text: str) -> None:
        """Print why a line failed, and remember that one did."""
        self.failures += 1
        self.say(f"error: {text}")

    def split_command(self, line: str) -> tuple[str, dict[str, str]]:
        """ "/facts reload", "/cast Odile Martin", "/cast name:Odile" -> the command and its options."""
        try:
            words = shlex.split(line)
        except ValueError as error:
            raise SandboxError(f"cannot read that line: {error}") from error
        command = words[0]
        rest = words[1:]
        while rest:  # the longest prefix that names a command or subcommand
            try:
                self.server.command_options(f"{command} {rest[0]}")
            except UnknownCommandError:
                break
            command, rest = f"{command} {rest[0]}", rest[1:]
        declared = [o["name"] for o in self.server.command_options(command)]
        options: dict[str, str] = {}
        current: str | None = None
        for word in rest:
            match = _OPTION.match(word)
            if match and match.group(1) in declared:
                current = match.group(1)
                options[current] = match.group(2)
            elif current is None and declared:
                current = declared[0]
                options[current] = word
            elif current is not None:
                options[current] = f"{options[current]} {word}"
            else:
                raise SandboxError(f"{command} takes no options")
        return command, options

    async def run(self, line: str) -> bool:
        """Run one line; False when it was :quit."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        try:
            if line.startswith(":"):
                return await self._sandbox_line(line)
            if not line.startswith("/"):
                raise SandboxError("type a command starting with / (or :help)")
            await self._command(line)
        except (SandboxError, UnknownCommandError, NoReplyError) as error:
            self.fail(str(error))
        self._show_posts()
        return True

    async def _command(self, line: str) -> None:
        command, options = self.split_command(line)
        failures_before = self.bot.command_failures
        violations_before = len(self.server.violations)
        reply: Reply = await self.server.slash(
            command, user=ROLES[self.role], locale=self.locale, options=options
        )
        self.say(
            render_message(
                reply.message,
                self.zone,
                self.clock.now(),
                ephemeral=reply.ephemeral,
                locale=self.locale,
                names=self._names(),
            )
        )
        for problem in self.server.violations[violations_before:]:
            self.fail(f"the bot sent something Discord would refuse: {problem}")
        if self.bot.command_failures > failures_before:
            self.fail(f"{command} failed inside the bot (see the log above)")

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
        elif word == "wait":
            await self._wait(self.clock.now() + parse_duration(argument))
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
            self._show_posts(stamp=True)
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

    def _show_posts(self, *, stamp: bool = False) -> None:
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
        """Tab completion from another thread: command names, then the bot's own autocomplete."""
        if not buffer.startswith("/") or " " not in buffer:
            return [name for name in self.server.command_names() if name.startswith(buffer or "/")]
        try:
            command, options = self.split_command(buffer)
        except (SandboxError, UnknownCommandError):
            return []
        declared = {o["name"]: o for o in self.server.command_options(command)}
        focused = list(options)[-1] if options else next(iter(declared), None)
        if focused is None or not declared[focused].get("autocomplete"):
            return []
        typed = options.get(focused, "")
        future = asyncio.run_coroutine_threadsafe(
            self.server.autocomplete(command, focused, typed, user=ROLES[self.role], locale=self.locale), loop
        )
        try:
            choices = future.result(timeout=3).choices
        except Exception:  # a completion that fails must not end the prompt
            log.debug("autocomplete failed for %r", buffer, exc_info=True)
            return []
        head = buffer[: len(buffer) - len(typed)]
        return [head + str(choice["value"]) for choice in choices]


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


async def run_sandbox(options: SandboxOptions, out: TextIO = sys.stdout) -> int:
    """Run the sandbox: the scripted lines then exit, or a prompt when there are none. Returns the exit status."""
    start = parse_moment(options.now, options.zone) if options.now else dt.datetime.now(dt.UTC)
    clock = ManualClock(start)
    with _state_dir(options.db) as state:
        async with LocalDiscord() as server:
            # The sandbox's moderators may import and correct: they work on a copy of the seeds, never the
            # repository's own (kept beside --db, so it persists with the rest of the state).
            seeds = state / "seeds"
            if not seeds.exists():
                shutil.copytree(options.seeds, seeds)
            settings = local_settings(server, seeds, state)
            settings.allow_loopback_imports = True
            if options.db is not None:
                settings.state_db = options.db
                settings.facts_db = options.db.with_name(options.db.stem + "-facts.db")
            running = await start_local_bot(server, settings, clock)
            session = Session(server, running.bot, clock, options.zone, options.role, options.locale, out)
            try:
                if options.lines:
                    for line in options.lines:
                        session.say(f"> {line}")
                        if not await session.run(line):
                            break
                else:
                    await _prompt(session)
            finally:
                await running.stop()
    return 1 if session.failures else 0


async def _prompt(session: Session) -> None:
    loop = asyncio.get_running_loop()
    _install_completion(session, loop)
    session.say("Savoir sandbox: the real bot on a local Discord. Try /about, or :help. Tab completes.")
    session.say(
        show_timestamps(f"(the bot's clock reads {session._now()})", session.zone, session.clock.now())
    )
    while True:
        try:
            line = await asyncio.to_thread(input, f"{session.role}> ")
        except (EOFError, KeyboardInterrupt):
            session.say("")
            return
        if not await session.run(line):
            return
