"""Finding the shows in seeds/: the layout from before (one show), one folder per show, and what is not a show."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.facts.seed_files import SeedFileError
from bot.shows.catalogue import ROOT_KEY, discover
from tests.conftest import SEEDS
from tests.shows.conftest import LIGHTHOUSE


def test_show_toml_at_the_root_is_one_show_with_the_store_as_before(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "pending" / "42").mkdir(parents=True)  # the news desk's folder of the root layout
    catalogue = discover(seeds_copy, tmp_path / "data" / "facts.db")
    [show] = catalogue.shows
    assert (show.key, show.seeds_dir, show.facts_db) == (ROOT_KEY, seeds_copy, tmp_path / "data" / "facts.db")
    assert not catalogue.several and catalogue.warnings == []


def test_one_folder_per_show_each_with_its_own_store(two_shows: Path, tmp_path: Path) -> None:
    catalogue = discover(two_shows, tmp_path / "data" / "facts.db")
    assert [(s.key, s.seeds_dir.name, s.facts_db.name) for s in catalogue.shows] == [
        ("emily", "emily", "facts-emily.db"),
        ("lighthouse", "lighthouse", "facts-lighthouse.db"),
    ]
    assert catalogue.several
    assert catalogue.warnings == [], (
        "pending/, rejected/, a folder without show.toml and .cache are not shows"
    )


def test_a_broken_show_toml_is_named_and_the_other_shows_stay(two_shows: Path, tmp_path: Path) -> None:
    broken = two_shows / "broken"
    broken.mkdir()
    (broken / "show.toml").write_text('[show]\ntitle = "Half a show"\n', encoding="utf-8")
    catalogue = discover(two_shows, tmp_path / "facts.db")
    assert [show.key for show in catalogue.shows] == ["emily", "lighthouse"]
    [warning] = catalogue.warnings
    assert warning.startswith("broken/show.toml") and "the show 'broken' is left out" in warning


def test_no_usable_show_folder_stops_with_the_file_named(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "only").mkdir(parents=True)
    (seeds / "only" / "show.toml").write_text("[show\n", encoding="utf-8")
    with pytest.raises(SeedFileError) as raised:
        discover(seeds, tmp_path / "facts.db")
    assert raised.value.file == "only/show.toml" and "no show can be used" in str(raised.value)


def test_a_folder_name_that_cannot_be_a_key_is_left_out(two_shows: Path, tmp_path: Path) -> None:
    shutil.copytree(LIGHTHOUSE, two_shows / "the lighthouse")
    catalogue = discover(two_shows, tmp_path / "facts.db")
    assert [show.key for show in catalogue.shows] == ["emily", "lighthouse"]
    [warning] = catalogue.warnings
    assert "the lighthouse is left out" in warning


def test_show_folders_beside_a_root_show_toml_are_not_read(seeds_copy: Path, tmp_path: Path) -> None:
    shutil.copytree(LIGHTHOUSE, seeds_copy / "lighthouse")
    catalogue = discover(seeds_copy, tmp_path / "facts.db")
    assert [show.key for show in catalogue.shows] == [ROOT_KEY]
    [warning] = catalogue.warnings
    assert "lighthouse/show.toml is not read" in warning


def test_the_repository_seeds_are_one_show(tmp_path: Path) -> None:
    [show] = discover(SEEDS, tmp_path / "facts.db").shows
    assert show.key == ROOT_KEY


def test_a_link_or_a_name_differing_only_in_case_is_left_out(two_shows: Path, tmp_path: Path) -> None:
    (two_shows / "mirror").symlink_to(two_shows / "lighthouse", target_is_directory=True)
    shutil.copytree(LIGHTHOUSE, two_shows / "LIGHTHOUSE")
    found = discover(two_shows, tmp_path / "facts.db")
    assert sorted(show.key.casefold() for show in found.shows) == ["emily", "lighthouse"]  # each once
    assert len({show.facts_db for show in found.shows}) == len(found.shows) == 2
    assert any("mirror is left out: a show's folder is a folder, not a link" in w for w in found.warnings)
    assert any("same name in other letters' case" in w for w in found.warnings)
