"""`pip install` of a built wheel, without the development extra, gives a working `savoir` command: the
sandbox answers /about and the facts export, from a folder of articles given by SEEDS_DIR. (Slow: about 15 s
to build the wheel and install it into a fresh virtual environment; it is what a host does first. The
environment is made without its own pip, which this interpreter's pip installs into: the same packages, without
ten seconds of setting up pip.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


def test_a_wheel_installed_without_extras_runs_the_sandbox_and_the_export(
    seeds_copy: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    # A copy of the project's files, so the build writes nothing into the working tree.
    shutil.copytree(
        REPO, source,
        ignore=shutil.ignore_patterns(".venv", ".git", "data", "*.egg-info", "build", "__pycache__", ".*cache",
                                      "corpus"),
    )  # fmt: skip
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source, cwd=tmp_path)
    (wheel,) = wheels.glob("savoir-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    pip = (sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "--disable-pip-version-check")
    _run(*pip, "install", "--quiet", "--no-compile", wheel, cwd=tmp_path)
    installed = _run(*pip, "list", "--format=json", cwd=tmp_path)
    names = {package["name"].lower() for package in json.loads(installed)}
    assert "savoir" in names and not {"pytest", "jsonschema", "mypy"} & names, "no development extra"
    run_in = tmp_path / "host"
    run_in.mkdir()
    environment = {**os.environ, "SEEDS_DIR": str(seeds_copy), "SAVOIR_DATA_DIR": str(run_in / "data")}
    environment.pop("DISCORD_API_SPEC", None)
    about = _run(venv / "bin" / "savoir", "sandbox", "-c", "/about", cwd=run_in, env=environment)
    assert "Savoir" in about and "Traceback" not in about
    exported = json.loads(_run(venv / "bin" / "savoir", "facts", "export", cwd=run_in, env=environment))
    assert exported["show_title"] and len(exported["credits"]) > 5
    assert not any(run_in.iterdir()) or {path.name for path in run_in.iterdir()} <= {"data"}
