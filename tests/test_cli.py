"""`python -m bot facts build|export`, run as a real process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEEDS


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_build_prints_counts_and_warnings(tmp_path: Path, seeds_copy: Path) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = _run("facts", "build", "--seeds", str(seeds_copy), "--db", str(tmp_path / "facts.db"))
    assert result.returncode == 0, result.stderr
    assert "12 cast credits, 8 crew credits, 7 dated facts" in result.stdout
    assert "warning: broken.txt: skipped: binary file" in result.stdout
    assert (tmp_path / "facts.db").exists()


def test_a_broken_corrections_file_fails_and_keeps_the_store(tmp_path: Path, seeds_copy: Path) -> None:
    db = tmp_path / "facts.db"
    assert _run("facts", "build", "--seeds", str(seeds_copy), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    (seeds_copy / "corrections.toml").write_text('[[corrections]]\naction = "fix"\n', encoding="utf-8")
    result = _run("facts", "build", "--seeds", str(seeds_copy), "--db", str(db))
    assert result.returncode == 1
    assert "error: corrections.toml:1:" in result.stderr and "was not changed" in result.stderr
    assert db.read_bytes() == before


def test_export_prints_the_documented_keys() -> None:
    result = _run("facts", "export", "--seeds", str(SEEDS))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"credits", "crew", "dates", "seasons", "documents", "warnings"} <= set(data)
    assert set(data["credits"][0]) >= {"actor", "character", "aliases", "sources"}
    assert set(data["crew"][0]) >= {"name", "roles", "sources"}
    assert set(data["dates"][0]) >= {
        "id",
        "kind",
        "title",
        "season",
        "part",
        "date",
        "precision",
        "time",
        "timezone",
        "place",
        "audience",
        "sources",
    }
    assert set(data["documents"][0]) >= {"file", "publication_date"}
    sylvie = next(c for c in data["credits"] if c["character"] == "Sylvie Grateau")
    assert "Philippine Leory-Beaulieu" in sylvie["aliases"]


def test_a_missing_seeds_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _run("facts", "export", "--seeds", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "is not a folder of articles" in result.stderr


def _without_token(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run from an empty folder (no .env) with no DISCORD_TOKEN in the environment."""
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=environment, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip


def test_run_without_a_token_points_to_the_env_example_and_the_sandbox(tmp_path: Path) -> None:
    for command in ("run", "sync"):
        result = _without_token(tmp_path, command)
        assert result.returncode == 2
        assert "DISCORD_TOKEN is not set" in result.stderr
        assert ".env.example" in result.stderr and "make sandbox" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_bad_setting_is_one_line_naming_it_not_a_traceback(tmp_path: Path) -> None:
    environment = {**os.environ, "METRICS_PORT": "abc", "DEV_GUILD_ID": "not-a-number", "DISCORD_TOKEN": "x"}
    for command in (["run"], ["sandbox", "-c", "/about"], ["facts", "export"]):
        result = subprocess.run([sys.executable, "-m", "bot", *command], cwd=tmp_path, env=environment,
                                capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 2 and "Traceback" not in result.stderr
        assert lines[0].startswith("error: DEV_GUILD_ID='not-a-number'") and "METRICS_PORT='abc'" in lines[1]


def test_a_data_directory_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    environment = {
        **os.environ,
        "SAVOIR_DATA_DIR": str(blocker),
        "DISCORD_TOKEN": "x",
        "SEEDS_DIR": str(SEEDS),
    }
    for command in (["run"], ["facts", "build"]):
        result = subprocess.run([sys.executable, "-m", "bot", *command], cwd=tmp_path, env=environment,
                                capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith(f"error: cannot write in {blocker} (SAVOIR_DATA_DIR)")


def test_a_reader_that_leaves_early_is_not_a_traceback() -> None:
    # "savoir facts evaluate | head -1": the pipe closes after the first line (the report is larger than a
    # pipe's buffer, so the writer meets the closed pipe).
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "facts", "evaluate"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_shard_options_that_make_no_sense_are_one_line_each(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DISCORD_TOKEN": "x"}
    cases = {
        ("--shard-ids", "0"): "--shard-ids needs --shard-count",
        ("--shard-count", "0"): "--shard-count must be between 1 and 4096",
        ("--shard-count", "2", "--shard-ids", "2"): "--shard-ids must lie between 0 and 1",
        ("--shard-count", "2", "--shard-ids", "a,b"): "--shard-ids takes numbers separated by commas",
        ("--shard-count", "20", "--shard-ids", "1_0"): "--shard-ids takes numbers separated by commas",
        ("--shard-count", "4", "--shard-ids", "\u0663"): "--shard-ids takes numbers separated by commas",
        ("--shard-count", "1_0"): "a number in plain digits",
        ("--shard-count", "\uff14"): "a number in plain digits",
        # Some shards here and the rest elsewhere: only a shared database keeps them from posting twice.
        ("--shard-count", "2", "--shard-ids", "1"): "several shards need DATABASE_URL",
    }
    for args, said in cases.items():
        result = subprocess.run([sys.executable, "-m", "bot", "run", *args], cwd=tmp_path, env=environment,
                                capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
        assert result.returncode == 2, (args, result.stderr)
        assert said in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)


def test_an_unreachable_state_database_is_one_line_and_exit_5(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = os.environ | {
        "DISCORD_TOKEN": "x", "SEEDS_DIR": str(REPO / "seeds"),
        "DATABASE_URL": f"postgresql://savoir:secret-word@127.0.0.1:{port}/savoir",
    }  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=environment,
                            capture_output=True, text=True, timeout=90, check=False)  # fmt: skip
    assert result.returncode == 5, result.stderr
    assert "error: the state database cannot be used: PostgreSQL could not be reached" in result.stderr
    assert f"state database PostgreSQL 127.0.0.1:{port}/savoir" in result.stderr
    assert "Traceback" not in result.stderr and "secret-word" not in result.stderr
