"""The command line: `python -m bot run|sync|sandbox|facts build|export|evaluate`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiohttp
import discord
import yarl
from pydantic import ValidationError

from bot.clock import SystemClock
from bot.facts.build import build_fact_set
from bot.facts.extraction_cache import cache_path_for
from bot.facts.models import FactSet, known_zone
from bot.facts.seed_files import SeedFileError
from bot.settings import Settings
from bot.sharding import ShardPlan
from bot.store.database import DatabaseUnavailableError
from bot.store.facts import write_fact_store

DEFAULT_CORPUS = Path("tests/corpus")
log = logging.getLogger(__name__)
REFUSED_TOKEN = "error: Discord refused DISCORD_TOKEN: check the bot's token in .env (developer portal -> Bot -> Reset Token)."
UNREACHABLE = "error: cannot reach Discord: check this machine's network connection, then try again"
NO_TOKEN = (
    "error: DISCORD_TOKEN is not set.\n"
    "Copy .env.example to .env and put your bot's token in it (Discord developer portal -> Bot -> Reset Token),\n"
    "or try the bot without a Discord account: make sandbox (in a checkout) or savoir sandbox (installed)"
)


def _plain_number(text: str) -> int:
    """A count typed in plain digits (int() would also take "1_0" and other scripts' digits)."""
    if not re.fullmatch(r"[0-9]{1,6}", text.strip()):
        raise argparse.ArgumentTypeError(f"a number in plain digits, not {text!r}")
    return int(text)


def _program() -> str:
    """How the user started us: `savoir` (the installed command) or `python -m bot`."""
    return "savoir" if os.path.basename(sys.argv[0]) == "savoir" else "python -m bot"


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_program(), description="Savoir, a Discord bot for TV fan servers.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="connect to Discord with DISCORD_TOKEN")
    run.add_argument(
        "--shard-count",
        type=_plain_number,
        default=None,
        help="shards of the whole bot (several processes over one DATABASE_URL); unset: not sharded",
    )
    run.add_argument(
        "--shard-ids", default=None, help="the shards this process runs, e.g. 0,1 (default: all)"
    )
    commands.add_parser("sync", help="publish the slash commands to every server (global sync)")
    sandbox = commands.add_parser("sandbox", help="the real bot on a local Discord, at a prompt or scripted")
    sandbox.add_argument(
        "--seeds", type=Path, default=settings.seeds_dir, help="articles, show.toml, corrections"
    )
    sandbox.add_argument("--db", type=Path, default=None, help="keep the bot's state here across runs")
    sandbox.add_argument(
        "--save", type=Path, default=None, help="write the files the bot attaches into this folder"
    )
    sandbox.add_argument("--feed", type=Path, default=None,
                         help="serve this feed file's folder on 127.0.0.1 ({base} in it is the address) and follow it")  # fmt: skip
    sandbox.add_argument("--now", default=None, help="the bot's clock, ISO 8601 (default: the real time)")
    sandbox.add_argument("--tz", default="UTC", help="the zone times are shown in (default UTC)")
    sandbox.add_argument("--as", dest="role", choices=["moderator", "member"], default="member")
    sandbox.add_argument("--locale", default="en-US", help="the member's Discord language (fr, en-US, ...)")
    sandbox.add_argument("-c", dest="lines", action="append", default=[], help="a line to run (repeatable)")
    facts = commands.add_parser("facts", help="build or export the fact store")
    facts_commands = facts.add_subparsers(dest="facts_command", required=True)
    build = facts_commands.add_parser("build", help="extract facts from seeds/ and write the store")
    build.add_argument(
        "--seeds", type=Path, default=settings.seeds_dir, help="articles, show.toml, corrections.toml"
    )
    build.add_argument("--db", type=Path, default=settings.facts_db, help="the fact store to write")
    export = facts_commands.add_parser("export", help="print the fact set as JSON")
    export.add_argument("--seeds", type=Path, default=settings.seeds_dir)
    evaluate = facts_commands.add_parser(
        "evaluate", help="score extraction against an annotated corpus: precision, recall, every miss"
    )
    evaluate.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="a show folder, or a folder of show folders"
    )
    evaluate.add_argument("--summary", action="store_true", help="the table only, not every miss")
    return parser


def export_json(facts: FactSet) -> str:
    """The fact set as the stable JSON `facts export` prints."""
    return json.dumps(facts.model_dump(mode="json"), ensure_ascii=False, indent=2)


def _evaluate(args: argparse.Namespace) -> int:
    from bot.evaluation.gold import CorpusError, load_corpus
    from bot.evaluation.report import render_details, render_table
    from bot.evaluation.scoring import evaluate

    try:
        result = evaluate(load_corpus(args.corpus))
    except (CorpusError, SeedFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(render_table(result))
    if not args.summary:
        print(render_details(result))
    return 0


def _print_report(facts: FactSet, db: Path) -> None:
    print(
        f"Built {db} from {len(facts.documents)} articles: {len(facts.credits)} cast credits, "
        f"{len(facts.crew)} crew credits, {len(facts.dates)} dated facts, {len(facts.seasons)} seasons, "
        f"{len(facts.figures)} figures."
    )
    for warning in facts.warnings:
        print(f"warning: {warning}")


def _facts(args: argparse.Namespace) -> int:
    if args.facts_command == "evaluate":
        return _evaluate(args)
    if not args.seeds.is_dir():
        print(f"error: {args.seeds} is not a folder of articles", file=sys.stderr)
        return 2
    if args.facts_command == "build" and not _check_data_folders(args.db):
        return 2
    cache = cache_path_for(args.db) if args.facts_command == "build" else None
    try:
        facts = build_fact_set(args.seeds, cache=cache)
    except SeedFileError as error:
        print(f"error: {error}", file=sys.stderr)
        if args.facts_command == "build":
            print(f"The store at {args.db} was not changed.", file=sys.stderr)
        return 1
    if args.facts_command == "export":
        print(export_json(facts))
        return 0
    asyncio.run(write_fact_store(args.db, facts, SystemClock().now()))
    _print_report(facts, args.db)
    return 0


async def _connect(settings: Settings, token: str, sync_only: bool, shards: ShardPlan | None = None) -> None:
    from bot.client import make_bot
    from bot.shows.registry import open_deployment

    if settings.discord_api_base:
        base = yarl.URL(settings.discord_api_base.rstrip("/"))
        discord.http.Route.BASE = str(base / "api" / "v10")
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base.with_scheme(
            "wss" if base.scheme == "https" else "ws"
        ).with_path("/")
    clock = SystemClock()
    log.info(
        "articles from %s; fact store %s, state database %s",
        settings.seeds_dir.resolve(), settings.facts_db.resolve(), _state_place(settings),
    )  # fmt: skip
    state, shows = await open_deployment(settings, clock)
    try:
        async with make_bot(settings, shows, state, clock, shards=shards) as bot:
            if sync_only:
                await bot.login(token)  # runs setup_hook: extensions load, then the global sync below
                count = await bot.sync_globally()
                print(f"Synced {count} commands globally; Discord may take a few minutes to show them.")
            else:
                _stop_on_signals(bot)
                await bot.start_health()
                await bot.start_calendar_feed()
                await bot.start(token)
    finally:
        await state.close()
        log.info("stopped: connection closed, countdown stopped, databases closed")


# The signals that asked the bot to stop: a stop asked for is a clean exit, whatever the login was doing.
_SIGNALLED: list[str] = []


def _state_place(settings: Settings) -> str:
    """Where the state is kept, for the log: the file, or the PostgreSQL server and database without the
    password."""
    if settings.database_url is None:
        return str(settings.state_db.resolve())
    address = settings.database_url.get_secret_value()
    if not address.startswith(("postgresql://", "postgres://")):
        return "PostgreSQL (DATABASE_URL)"  # key=value form: the password may be anywhere in it
    try:
        url = yarl.URL(address)
        return f"PostgreSQL {url.host}:{url.port or 5432}{url.path}"
    except (ValueError, TypeError):
        return "PostgreSQL (DATABASE_URL cannot be read)"


def _stop_on_signals(bot: discord.Client) -> None:
    """SIGTERM (a service manager) and SIGINT (Ctrl-C) close the bot cleanly: the countdown records the post
    under way, the gateway closes, and the caller closes the databases."""
    loop = asyncio.get_running_loop()
    closing: list[asyncio.Task[None]] = []

    def close(name: str) -> None:
        _SIGNALLED.append(name)
        if not closing:
            log.info("%s received: stopping", name)
            closing.append(loop.create_task(bot.close(), name="close-on-signal"))

    for number in (signal.SIGTERM, signal.SIGINT):
        # No signal handlers in this event loop (Windows), or not in the main thread (tests run it in one).
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(number, close, number.name)


def _shard_plan(args: argparse.Namespace) -> ShardPlan | None:
    """The shards asked for on the command line; ValueError in words when they make no sense."""
    count, ids = getattr(args, "shard_count", None), getattr(args, "shard_ids", None)
    if count is None:
        if ids is not None:
            raise ValueError("--shard-ids needs --shard-count")
        return None
    return ShardPlan.parse(count, ids)


def _run(settings: Settings, sync_only: bool, args: argparse.Namespace | None = None) -> int:
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    try:
        shards = _shard_plan(args) if args is not None else None
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if shards is not None and len(shards.ids) < shards.count and settings.database_url is None:
        # Each process would keep its own ledger in its own file: nothing would stop two from posting.
        print(
            "error: several shards need DATABASE_URL (PostgreSQL) shared by their processes", file=sys.stderr
        )
        return 2
    if not _check_data_folders(settings.facts_db, settings.state_db):
        return 2
    try:
        asyncio.run(_connect(settings, token, sync_only, shards))
    except KeyboardInterrupt:
        return 0
    except DatabaseUnavailableError as error:
        print(f"error: the state database cannot be used: {error}", file=sys.stderr)
        return 5
    except (
        SeedFileError, discord.LoginFailure, OSError, aiohttp.ClientError, discord.GatewayNotFound,
        discord.HTTPException,
    ) as error:  # fmt: skip
        if _SIGNALLED:  # asked to stop while still connecting: what the connection was doing is moot
            log.info(
                "stopped by %s before the connection was made (%s)", _SIGNALLED[0], error.__class__.__name__
            )
            return 0
        return _run_failure(error)
    return 0


def _run_failure(error: Exception) -> int:
    """One line and an exit status for what stopped `run` before or while connecting."""
    if isinstance(error, SeedFileError):
        print(f"error: the facts cannot be built: {error}", file=sys.stderr)
        return 1
    if isinstance(error, discord.LoginFailure):
        print(REFUSED_TOKEN, file=sys.stderr)
        return 3
    log.debug("could not reach Discord", exc_info=error)
    print(f"{UNREACHABLE} ({error.__class__.__name__})", file=sys.stderr)
    return 4


def _sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.session import SandboxError, SandboxOptions, run_sandbox

    try:
        if not known_zone(args.tz):
            raise ValueError(args.tz)
        zone = ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        print(f"error: unknown time zone {args.tz!r} (use an IANA name like Europe/Paris)", file=sys.stderr)
        return 2
    if not args.seeds.is_dir():
        print(f"error: {args.seeds} is not a folder of articles (set SEEDS_DIR or --seeds)", file=sys.stderr)
        return 2
    if args.feed is not None and not args.feed.is_file():
        print(f"error: --feed {args.feed}: no such file", file=sys.stderr)
        return 2
    options = SandboxOptions(
        args.seeds, args.db, args.now, zone, args.role, args.locale, args.lines, args.save, args.feed
    )
    try:
        status = asyncio.run(run_sandbox(options))
    except (SandboxError, SeedFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if any(thread.name == "sandbox-prompt" and thread.is_alive() for thread in threading.enumerate()):
        # Left at the prompt (Ctrl-C, SIGTERM) while a line was being read: that read never ends, and the
        # interpreter would wait on it at exit. Everything else is closed; leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _settings() -> Settings | None:
    """The settings, or None after one line per bad setting (named as in .env) on stderr."""
    try:
        return Settings()
    except ValidationError as error:
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"]).upper() or "a setting"
            value = "…" if "TOKEN" in name else " ".join(str(problem.get("input", "")).split())[:60]
            print(f"error: {name}={value!r} in the environment or .env: {problem['msg']}", file=sys.stderr)
        return None


def _writable_folder(folder: Path) -> str | None:
    """Why the bot cannot write in this folder (creating it if needed), or None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".savoir-write-check-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        return error.strerror or error.__class__.__name__
    return None


def _check_data_folders(*stores: Path) -> bool:
    """Whether the folders the stores go in can be written; one line on stderr for each that cannot."""
    usable = True
    for folder in dict.fromkeys(store.parent for store in stores):
        why = _writable_folder(folder)
        if why is not None:
            print(f"error: cannot write in {folder} (SAVOIR_DATA_DIR): {why}", file=sys.stderr)
            usable = False
    return usable


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    settings = _settings()
    if settings is None:
        return 2
    args = _parser(settings).parse_args(argv)
    # The sandbox's output is the conversation: only problems are logged there.
    level = "WARNING" if args.command == "sandbox" else settings.log_level.upper()
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "facts":
        try:
            return _facts(args)
        except BrokenPipeError:
            # "savoir facts evaluate | head": the reader left; nothing is wrong with the facts.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if args.command == "sandbox":
        return _sandbox(args)
    return _run(settings, sync_only=args.command == "sync", args=args)
