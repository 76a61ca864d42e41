"""The hosting recipes in deploy/ name what exists: the command, the settings, the health endpoint, the files
copied; systemd's own checker passes the unit where it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.conftest import REPO

DEPLOY = REPO / "deploy"


def _settings_named(text: str) -> set[str]:
    return set(re.findall(r"\b([A-Z][A-Z_]{3,})=", text))


def test_the_recipes_use_the_installed_command_and_known_settings() -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    known = {name.upper() for name in Settings.model_fields}
    for recipe in ("savoir.service", "Dockerfile"):
        text = (DEPLOY / recipe).read_text()
        assert ("savoir run" in text or '["savoir", "run"]' in text) and "savoir" in scripts
        unknown = _settings_named(text) - known - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
        assert not unknown, (recipe, unknown)


def test_the_dockerfile_copies_what_exists_runs_unprivileged_and_checks_readiness() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", text, flags=re.MULTILINE):
        for part in source.split():
            assert (REPO / part).exists(), part
    assert re.search(r"^USER (?!root)\w+", text, flags=re.MULTILINE)
    assert 'VOLUME ["/data"]' in text and "SAVOIR_DATA_DIR=/data" in text
    assert "/readyz" in text and "HEALTHCHECK" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    unit = tmp_path / "savoir.service"
    command = shutil.which("true") or "/bin/true"
    unit.write_text((DEPLOY / "savoir.service").read_text().replace("/opt/savoir/bin/savoir", command))
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    problems = [line for line in done.stderr.splitlines() if "savoir.service" in line and "User" not in line]
    assert not problems, done.stderr


def test_env_example_loads_as_it_is_and_names_every_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    example = REPO / ".env.example"
    settings = Settings(_env_file=example)  # empty values mean unset
    assert settings.dev_guild_id is None and settings.metrics_port is None
    monkeypatch.setenv("SAVOIR_DATA_DIR", str(tmp_path / "somewhere"))
    moved = Settings(_env_file=None)
    assert moved.facts_db == tmp_path / "somewhere" / "facts.db"
    assert moved.state_db == tmp_path / "somewhere" / "state.db"
    named = _settings_named(example.read_text())
    assert {name.upper() for name in Settings.model_fields} <= named
