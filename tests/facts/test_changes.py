"""Moderators' changes below the bot: the reload diff covers every field, a correction cancelled half-way leaves
corrections.toml as it was, and time zones that are folders or paths are refused with a reason."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.clock import ManualClock
from bot.facts.correcting import check_correction, save_and_apply
from bot.facts.diff import Change, diff_facts
from bot.facts.models import FactSet
from bot.facts.seed_files import Correction, SeedFileError, load_show
from bot.facts.service import FactService
from bot.settings import Settings
from tests.conftest import REPO

NOT_COMPARED = {"id", "number", "sources", "date_ids", "figures", "accolades"}


def _items(facts: FactSet) -> list[tuple[str, list[BaseModel]]]:
    seasons = [s for s in facts.seasons if s.accolades]
    return [
        ("credits", list(facts.credits)), ("crew", list(facts.crew)), ("dates", list(facts.dates)),
        ("figures", list(facts.figures)), ("seasons", list(facts.seasons)),
        ("accolades", [a for s in seasons for a in s.accolades]),
    ]  # fmt: skip


def test_every_field_of_every_kind_of_fact_is_diffed(seed_facts: FactSet) -> None:
    """Change each field in turn, of one fact of each kind: the diff names exactly that field."""
    checked: set[str] = set()
    for kind, items in _items(seed_facts):
        item = items[0]
        for field in type(item).model_fields:
            if field in NOT_COMPARED:
                continue
            after = seed_facts.model_copy(deep=True)
            changed = next(i for _, found in _items(after) for i in found if i == item)
            value = ["changed"] if isinstance(getattr(item, field), list) else "changed"
            object.__setattr__(changed, field, value)
            if kind == "accolades":
                key = item.id  # type: ignore[attr-defined]
            elif kind == "seasons":
                key = f"season-{item.number}"  # type: ignore[attr-defined]
            else:
                key = item.id  # type: ignore[attr-defined]
            diff = diff_facts(seed_facts, after)
            assert [(c.fact_id, c.field) for c in diff.changed] == [(key, field)], (kind, field)
            checked.add(field)
    assert {"city", "venue", "season", "part", "precision", "time", "timezone", "audience", "character",
            "roles", "affiliations", "year", "story", "new_cast", "about", "window"} <= checked  # fmt: skip


def test_a_season_with_a_new_year_is_a_change(seed_facts: FactSet) -> None:
    after = seed_facts.model_copy(deep=True)
    after.seasons[0].year = 2019
    assert diff_facts(seed_facts, after).changed == [Change("season-1", "year", 2020, 2019)]


def _temporary_files(seeds: Path) -> list[Path]:
    return list(seeds.glob(".corrections.toml.*"))


async def test_a_correction_cancelled_half_way_leaves_corrections_as_they_were(
    seeds_copy: Path, tmp_path: Path
) -> None:
    clock = ManualClock(dt.datetime(2024, 8, 1, tzinfo=dt.UTC))
    settings = Settings(_env_file=None, seeds_dir=seeds_copy, facts_db=tmp_path / "facts.db")
    service = await FactService.open(settings, clock)
    store, before = settings.facts_db.read_bytes(), (seeds_copy / "corrections.toml").read_bytes()
    correction = Correction(action="suppress", fact="production-s2", by="mod")
    work = asyncio.create_task(save_and_apply(service, settings, clock, correction))
    for _ in range(3000):  # until the entry is on disk and the rebuild under way
        if b"production-s2" in (seeds_copy / "corrections.toml").read_bytes():
            break
        await asyncio.sleep(0.005)
    assert service.running is not None
    work.cancel()
    with pytest.raises(asyncio.CancelledError):
        await work
    assert (seeds_copy / "corrections.toml").read_bytes() == before
    assert settings.facts_db.read_bytes() == store and "production-s2" in {d.id for d in service.facts.dates}
    assert service.running is None, "the lock on changes is free again"
    assert not _temporary_files(seeds_copy), "no temporary file left"


@pytest.mark.parametrize("zone", ["America", "Europe/", "../../etc/passwd", "x" * 300, ""])
def test_a_show_time_zone_that_is_a_folder_or_a_path_is_refused(seeds_copy: Path, zone: str) -> None:
    show = seeds_copy / "show.toml"
    text = show.read_text(encoding="utf-8")
    show.write_text(
        text.replace('timezone = "America/Los_Angeles"', f'timezone = "{zone}"'), encoding="utf-8"
    )
    with pytest.raises(SeedFileError, match="unknown time zone"):
        load_show(seeds_copy)


def test_the_sandbox_refuses_a_time_zone_that_is_a_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "sandbox", "--tz", "America"], cwd=REPO,
                            capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)  # fmt: skip
    assert result.returncode == 2 and "unknown time zone 'America'" in result.stderr
    assert "Traceback" not in result.stderr


def test_checking_a_correction_leaves_the_facts_in_use_untouched(seed_facts: FactSet) -> None:
    before = seed_facts.model_dump()
    for correction in (
        Correction(action="suppress", fact="production-s2"),
        Correction(action="suppress", fact="figure-s1-58000000-households-first-28-days"),
        Correction(action="fix", fact="premiere-s4-p2", set={"date": "2024-09-13", "part": 3}),
        Correction(action="add", kind="credit", set={"actor": "Some Actor", "character": "Someone"}),
    ):
        trial = check_correction(seed_facts, correction)
        assert trial.model_dump() != before
    assert seed_facts.model_dump() == before
