"""The shows of one process: built once, each with its own store; the show each guild follows, kept in the state
database; a reload of one show leaves the other's facts as they were."""

from __future__ import annotations

from pathlib import Path

from bot.clock import ManualClock
from bot.settings import Settings
from bot.shows.registry import Shows
from bot.store.state import StateStore

GUILD_A, GUILD_B = 1001, 1002


def _settings(seeds: Path, data: Path) -> Settings:
    return Settings(_env_file=None, seeds_dir=seeds, facts_db=data / "facts.db", state_db=data / "state.db")


def _stores(folder: Path) -> list[str]:
    """The per-show fact stores in a folder (not their extraction caches)."""
    return sorted(path.name for path in folder.glob("facts-*.db") if "cache" not in path.name)


async def test_each_guild_follows_its_own_show_across_a_restart(
    two_shows: Path, tmp_path: Path, clock: ManualClock
) -> None:
    settings = _settings(two_shows, tmp_path / "data")
    shows = await Shows.open(settings, clock)
    assert [(show.key, show.title) for show in shows.all()] == [
        ("emily", "Emily in Paris"), ("lighthouse", "The Lighthouse Keepers"),
    ]  # fmt: skip
    assert (
        _stores(tmp_path / "data") == ["facts-emily.db", "facts-lighthouse.db"]
        and not (tmp_path / "data" / "facts.db").exists()
    )
    state = await StateStore.open(settings.state_db, clock)
    try:
        await shows.load(state)
        assert shows.several and shows.for_guild(GUILD_A) is None and shows.for_guild(None) is None
        await shows.choose(GUILD_A, "emily", clock.now(), by=7)
        await shows.choose(GUILD_B, "lighthouse", clock.now(), by=None)
        assert shows.for_guild(GUILD_A) is shows.get("emily")
        assert shows.for_guild(GUILD_B) is shows.get("lighthouse")
        assert shows.for_guild(GUILD_A).facts is not shows.for_guild(GUILD_B).facts  # type: ignore[union-attr]
        await shows.choose(GUILD_A, "lighthouse", clock.now(), by=7)
    finally:
        await state.close()
    reopened = await StateStore.open(settings.state_db, clock)
    try:
        assert await reopened.guild_shows() == {GUILD_A: "lighthouse", GUILD_B: "lighthouse"}
        again = await Shows.open(settings, clock)
        await again.load(reopened)
        assert again.for_guild(GUILD_B) is again.get("lighthouse")
    finally:
        await reopened.close()


async def test_a_guild_choosing_a_show_gone_from_seeds_has_chosen_none(
    two_shows: Path, tmp_path: Path, clock: ManualClock
) -> None:
    settings = _settings(two_shows, tmp_path)
    state = await StateStore.open(settings.state_db, clock)
    try:
        await state.choose_show(GUILD_A, "gone", clock.now(), None)
        shows = await Shows.open(settings, clock)
        await shows.load(state)
        assert shows.for_guild(GUILD_A) is None and shows.guilds() == {}
    finally:
        await state.close()


async def test_with_one_show_every_guild_follows_it_without_choosing(
    seeds_copy: Path, tmp_path: Path, clock: ManualClock
) -> None:
    settings = _settings(seeds_copy, tmp_path)
    shows = await Shows.open(settings, clock)
    assert not shows.several and shows.first().settings is settings  # the root layout: FACTS_DB as before
    assert shows.for_guild(GUILD_A) is shows.for_guild(GUILD_B) is shows.for_guild(None) is shows.first()
    assert settings.facts_db.exists() and _stores(tmp_path) == []


async def test_a_reload_of_one_show_leaves_the_other_untouched(
    two_shows: Path, tmp_path: Path, clock: ManualClock
) -> None:
    shows = await Shows.open(_settings(two_shows, tmp_path), clock)
    emily, lighthouse = shows.get("emily"), shows.get("lighthouse")
    assert emily is not None and lighthouse is not None
    before, stored = emily.facts.facts, emily.settings.facts_db.read_bytes()
    (two_shows / "lighthouse" / "003_more.txt").write_text(
        "date 2024-07-20\ntitle More lighthouse news\noutlet Tidewater Gazette\n\n"
        "In The Lighthouse Keepers, Wenna Holloway plays Bryony Marsh, the harbour master.\n",
        encoding="utf-8",
    )
    result = await lighthouse.facts.reload(lighthouse.settings, clock, "a test")
    assert result.documents == 3
    assert emily.facts.facts is before and emily.settings.facts_db.read_bytes() == stored
    assert len(lighthouse.facts.facts.documents) == 3 and len(emily.facts.facts.documents) == 5
