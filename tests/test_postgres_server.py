"""The throwaway PostgreSQL server and its fixtures, against a real server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

import tests.postgres_server as server_module
from tests.postgres_server import (
    MISSING_MESSAGE,
    PostgresServer,
    PostgresStartError,
    _pid_alive,
    _server_user,
    _sweep_leftovers,
    find_postgres_bin,
    missing_server_outcome,
)

REPO = Path(__file__).resolve().parent.parent


def _child_env(**extra: str) -> dict[str, str]:
    # The repository first, keeping whatever else the run was given (a venv's site-packages, say).
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def _user_tables(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
    return sorted(row[0] for row in rows)


def _database_exists(server: PostgresServer, name: str) -> bool:
    with psycopg.connect(server.dsn()) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def test_a_database_takes_a_table_and_rows(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn) as conn:
        conn.execute("CREATE TABLE facts (id serial PRIMARY KEY, text text NOT NULL)")
        conn.execute("INSERT INTO facts (text) VALUES (%s), (%s)", ("Élodie", "日本語"))
        conn.commit()
    with psycopg.connect(postgres_dsn) as conn:
        rows = conn.execute("SELECT text FROM facts ORDER BY id").fetchall()
        encoding = conn.execute("SHOW server_encoding").fetchone()
    assert rows == [("Élodie",), ("日本語",)]
    assert encoding == ("UTF8",)


async def test_a_database_works_with_async_connections(postgres_dsn: str) -> None:
    async with await psycopg.AsyncConnection.connect(postgres_dsn) as conn:
        await conn.execute("CREATE TABLE moments (id bigint PRIMARY KEY, at timestamptz NOT NULL)")
        async with conn.cursor() as cur:
            await cur.executemany("INSERT INTO moments VALUES (%s, now())", [(n,) for n in range(50)])
        await conn.commit()
        cur = await conn.execute("SELECT count(*) FROM moments")
        assert await cur.fetchone() == (50,)


@pytest.mark.parametrize("which", [1, 2])
def test_each_test_gets_its_own_empty_database(postgres_dsn: str, which: int) -> None:
    # Both runs create the same table: if they shared a database, whichever ran second would fail.
    assert _user_tables(postgres_dsn) == []
    with psycopg.connect(postgres_dsn) as conn:
        conn.execute("CREATE TABLE shared (which int)")
        conn.execute("INSERT INTO shared VALUES (%s)", (which,))
        conn.commit()
        assert conn.execute("SELECT which FROM shared").fetchall() == [(which,)]


def test_two_databases_are_independent(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database()
    second = postgres_server.create_database()
    try:
        assert first != second
        with psycopg.connect(first) as conn:
            conn.execute("CREATE TABLE only_in_first (x int)")
        assert _user_tables(first) == ["only_in_first"]
        assert _user_tables(second) == []
    finally:
        postgres_server.drop_database(first.rsplit("/", 1)[1])
        postgres_server.drop_database(second.rsplit("/", 1)[1])


def test_drop_database_disconnects_open_sessions(postgres_server: PostgresServer) -> None:
    dsn = postgres_server.create_database("held_open")
    with psycopg.connect(dsn) as held:
        postgres_server.drop_database("held_open")
        assert not _database_exists(postgres_server, "held_open")
        with pytest.raises(psycopg.OperationalError):
            held.execute("SELECT 1")
    # Dropping what is gone is not an error: a test's teardown may race its own cleanup.
    postgres_server.drop_database("held_open")


def test_the_server_runs_as_an_unprivileged_user(postgres_server: PostgresServer) -> None:
    expected = _server_user()
    expected_uid = expected[0] if expected is not None else os.geteuid()
    if os.geteuid() == 0:
        assert expected_uid != 0
    with psycopg.connect(postgres_server.dsn()) as conn:
        row = conn.execute("SELECT current_setting('data_directory'), pg_backend_pid()").fetchone()
    assert row is not None
    data_directory, backend_pid = row
    assert os.stat(data_directory).st_uid == expected_uid
    status = Path(f"/proc/{backend_pid}/status")
    if status.exists():
        uids = next(line for line in status.read_text().splitlines() if line.startswith("Uid:"))
        assert {int(uid) for uid in uids.split()[1:]} == {expected_uid}


async def test_listen_notify_between_two_connections(postgres_dsn: str) -> None:
    async with (
        await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as listener,
        await psycopg.AsyncConnection.connect(postgres_dsn, autocommit=True) as sender,
    ):
        await listener.execute("LISTEN fact_changes")
        await sender.execute("SELECT pg_notify('fact_changes', 'reload')")
        received = [n async for n in listener.notifies(timeout=5, stop_after=1)]
        sender_pid = sender.info.backend_pid
    assert [(n.channel, n.payload, n.pid) for n in received] == [("fact_changes", "reload", sender_pid)]


@pytest.mark.postgres
def test_stop_removes_the_folder_and_frees_the_port() -> None:
    server = PostgresServer().start()
    folder, port = server.folder, server.port
    assert folder is not None and folder.is_dir()
    assert folder.parent == Path(tempfile.gettempdir()) or folder.parent == Path("/tmp")
    dsn = server.dsn()
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    server.stop()
    assert not folder.exists()
    assert not server.running
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As a server would bind it: a connection the server closed first may sit in TIME_WAIT on
        # this port for a minute, which only a bind without SO_REUSEADDR minds.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn, connect_timeout=2)
    server.stop()


@pytest.mark.postgres
def test_context_manager_stops_the_server() -> None:
    with PostgresServer() as server:
        folder = server.folder
        assert server.running
        dsn = server.create_database("inside")
        assert _user_tables(dsn) == []
    assert folder is not None and not folder.exists()
    assert not server.running


@pytest.mark.postgres
def test_a_server_that_cannot_start_says_why_and_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def recording_mkdtemp(*args: object, **kwargs: object) -> str:
        path: str = real_mkdtemp(*args, **kwargs)  # type: ignore[call-overload]
        made.append(Path(path))
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", recording_mkdtemp)
    server = PostgresServer(settings={"shared_buffers": "plenty"})
    with pytest.raises(PostgresStartError, match="shared_buffers"):
        server.start()
    assert len(made) == 1 and not made[0].exists()
    assert not server.running


@pytest.mark.postgres
def test_a_port_taken_before_the_server_binds_it_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    # Another xdist worker can take the port between the probe and the server's bind.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        real_free_port = server_module.free_port
        offered = iter([taken])
        monkeypatch.setattr(server_module, "free_port", lambda: next(offered, None) or real_free_port())
        with PostgresServer() as server:
            assert server.port != taken
            assert "could not bind" in server.log_path.read_text()
            assert _user_tables(server.dsn()) == []


@pytest.mark.postgres
def test_a_killed_run_leaves_nothing_for_the_next_one(tmp_path: Path) -> None:
    # A run killed with SIGKILL never reaches atexit: its server would live on without this sweep.
    script = textwrap.dedent(
        """
        import sys, time
        from tests.postgres_server import PostgresServer
        server = PostgresServer().start()
        print(server.folder, flush=True)
        time.sleep(120)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    try:
        assert child.stdout is not None
        folder = Path(child.stdout.readline().strip())
        postmaster = int((folder / "data" / "postmaster.pid").read_text().splitlines()[0])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert folder.is_dir() and _pid_alive(postmaster)
    _sweep_leftovers(folder.parent)
    assert not folder.exists()
    deadline = time.monotonic() + 10
    while _pid_alive(postmaster) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _pid_alive(postmaster)


@pytest.mark.parametrize(
    ("ci", "outcome"),
    [
        (None, "skip"),
        ("", "skip"),
        ("false", "skip"),
        ("0", "skip"),
        ("true", "fail"),
        ("TRUE", "fail"),
        ("True", "fail"),
        ("1", "fail"),
        (" true\n", "fail"),
    ],
)
def test_missing_server_fails_only_under_ci(ci: str | None, outcome: str) -> None:
    env = {} if ci is None else {"CI": ci}
    assert missing_server_outcome(env) == outcome


def test_savoir_pg_bin_is_used_first_and_a_wrong_one_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    found = find_postgres_bin()
    assert found is not None
    monkeypatch.setenv("SAVOIR_PG_BIN", str(found))
    assert find_postgres_bin() == found
    monkeypatch.setenv("SAVOIR_PG_BIN", str(tmp_path))
    assert find_postgres_bin() is None


def _run_inner_pytest(tmp_path: Path, *args: str, ci: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_inner.py").write_text(
        textwrap.dedent(
            """
            import pytest

            @pytest.mark.postgres
            def test_marked_but_forgot_the_fixture():
                pass

            def test_unmarked_but_uses_the_database(postgres_dsn):
                pass
            """
        )
    )
    env = _child_env(SAVOIR_PG_BIN=str(tmp_path / "no-server"), CI=ci)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.postgres_fixtures", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-p", "no:asyncio", "-q", "-rsE", *args, "test_inner.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_without_a_server_marked_tests_skip(tmp_path: Path) -> None:
    result = _run_inner_pytest(tmp_path, ci="false")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped" in result.stdout
    assert MISSING_MESSAGE[:40] in result.stdout


def test_without_a_server_under_ci_marked_tests_fail(tmp_path: Path) -> None:
    result = _run_inner_pytest(tmp_path, ci="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 errors" in result.stdout
    assert MISSING_MESSAGE[:40] in result.stdout


def test_tests_using_the_database_carry_the_marker(tmp_path: Path) -> None:
    result = _run_inner_pytest(tmp_path, "-m", "not postgres", ci="true")
    # 5: nothing left to run once both tests are deselected.
    assert result.returncode == 5, result.stdout + result.stderr
    assert "2 deselected" in result.stdout
