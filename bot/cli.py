"""The command line: `python -m bot facts build|export`."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.clock import SystemClock
from bot.facts.build import build_fact_set
from bot.facts.models import FactSet
from bot.facts.seed_files import SeedFileError
from bot.settings import Settings
from bot.store.facts import write_fact_store


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Savoir, a Discord bot for TV fan servers."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    facts = commands.add_parser("facts", help="build or export the fact store")
    facts_commands = facts.add_subparsers(dest="facts_command", required=True)
    build = facts_commands.add_parser("build", help="extract facts from seeds/ and write the store")
    build.add_argument(
        "--seeds", type=Path, default=settings.seeds_dir, help="articles, show.toml, corrections.toml"
    )
    build.add_argument("--db", type=Path, default=settings.facts_db, help="the fact store to write")
    export = facts_commands.add_parser("export", help="print the fact set as JSON")
    export.add_argument("--seeds", type=Path, default=settings.seeds_dir)
    return parser


def export_json(facts: FactSet) -> str:
    """The fact set as the stable JSON `facts export` prints."""
    data = facts.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2)


def _print_report(facts: FactSet, db: Path) -> None:
    print(
        f"Built {db} from {len(facts.documents)} articles: {len(facts.credits)} cast credits, "
        f"{len(facts.crew)} crew credits, {len(facts.dates)} dated facts, {len(facts.seasons)} seasons, "
        f"{len(facts.figures)} figures."
    )
    for warning in facts.warnings:
        print(f"warning: {warning}")


def _build(seeds: Path, db: Path) -> int:
    try:
        facts = build_fact_set(seeds)
    except SeedFileError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"The store at {db} was not changed.", file=sys.stderr)
        return 1
    asyncio.run(write_fact_store(db, facts, SystemClock().now()))
    _print_report(facts, db)
    return 0


def _export(seeds: Path) -> int:
    try:
        facts = build_fact_set(seeds)
    except SeedFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(export_json(facts))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    settings = Settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = _parser(settings).parse_args(argv)
    if not args.seeds.is_dir():
        print(f"error: {args.seeds} is not a folder of articles", file=sys.stderr)
        return 2
    if args.facts_command == "build":
        return _build(args.seeds, args.db)
    return _export(args.seeds)
