"""A throwaway PostgreSQL server in a temporary folder, for tests and benchmarks (no pytest here)."""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Literal, Self
from urllib.parse import quote

import psycopg
from psycopg import sql

MISSING_MESSAGE = (
    "PostgreSQL server not found: install postgresql (Debian/Ubuntu: apt install postgresql-15, "
    "macOS: brew install postgresql@15) or set SAVOIR_PG_BIN to the folder holding initdb and postgres"
)

SUPERUSER = "postgres"
DIR_PREFIX = "savoir-pg-"
# The file in a server's folder that names the process that started it, so a later run can tell
# a folder left by a killed run (atexit never ran) from one in use by a run still going.
OWNER_FILE = "owner.pid"
# A Unix socket path longer than this is refused by the kernel (108 bytes with the NUL).
MAX_SOCKET_PATH = 100

# Speed over durability: the data lives for one test run.
DEFAULT_SETTINGS: Mapping[str, str] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # Several bot processes and pools connect to one server at once.
    "max_connections": "200",
    # One server per xdist worker: keep each one small.
    "shared_buffers": "32MB",
    "max_wal_size": "1GB",
    "log_min_messages": "warning",
}


class PostgresStartError(RuntimeError):
    """The server did not start; the message ends with the tail of its log."""


def _has_server(folder: Path) -> bool:
    return (folder / "initdb").is_file() and (folder / "postgres").is_file()


def _version_key(folder: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/9.6/bin and /usr/lib/postgresql/15/bin: compare 15 > 9.6 as numbers.
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))


def find_postgres_bin() -> Path | None:
    """The folder holding initdb and postgres, or None when no PostgreSQL server is installed."""
    configured = os.environ.get("SAVOIR_PG_BIN")
    if configured:
        # An explicit choice that is wrong is reported as missing rather than quietly replaced.
        folder = Path(configured)
        return folder if _has_server(folder) else None
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        # libpq-dev ships pg_config alone: its bindir may name a server that is not installed.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            if out and _has_server(Path(out)):
                return Path(out)
    debian = [folder for folder in Path("/usr/lib/postgresql").glob("*/bin") if _has_server(folder)]
    if debian:
        return max(debian, key=_version_key)
    initdb = shutil.which("initdb")
    if initdb is not None and _has_server(Path(initdb).parent):
        return Path(initdb).parent
    return None


def missing_server_outcome(env: Mapping[str, str]) -> Literal["skip", "fail"]:
    """What a test needing a server does when none is installed: fail under CI, skip elsewhere."""
    return "fail" if env.get("CI", "").strip().lower() in {"true", "1"} else "skip"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> tuple[int, int] | None:
    """The (uid, gid) to run the server as: nobody when we are root (postgres refuses root)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return (65534, 65534)
    return (entry.pw_uid, entry.pw_gid)


def _reachable_by_others(folder: Path) -> bool:
    # The server's user must be able to walk down to its folder; os.access would answer for root.
    return all(os.stat(part).st_mode & stat.S_IXOTH for part in (folder, *folder.parents))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_leftovers(parent: Path) -> None:
    """Stop servers and remove folders left by runs that were killed before atexit could run."""
    for folder in parent.glob(DIR_PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if _pid_alive(owner):
            continue
        try:
            postmaster = int((folder / "data" / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            postmaster = 0
        if postmaster and _pid_alive(postmaster):
            try:
                cmdline = Path(f"/proc/{postmaster}/cmdline").read_bytes()
            except OSError:
                # Without /proc the pid cannot be told from a reused one: leave the folder be.
                continue
            if str(folder).encode() not in cmdline:
                continue
            try:
                # SIGQUIT is PostgreSQL's immediate shutdown: nothing in this cluster is worth keeping.
                os.kill(postmaster, signal.SIGQUIT)
            except OSError:
                continue
            deadline = time.monotonic() + 10
            while _pid_alive(postmaster) and time.monotonic() < deadline:
                time.sleep(0.05)
        shutil.rmtree(folder, ignore_errors=True)


class PostgresServer:
    """One PostgreSQL server on 127.0.0.1 with its data in a temporary folder, removed on stop()."""

    def __init__(
        self,
        bin_dir: Path | None = None,
        *,
        settings: Mapping[str, str] | None = None,
        start_timeout: float = 30.0,
    ) -> None:
        found = bin_dir if bin_dir is not None else find_postgres_bin()
        if found is None:
            raise FileNotFoundError(MISSING_MESSAGE)
        self.bin_dir = found
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        self.start_timeout = start_timeout
        self.port = 0
        self.folder: Path | None = None
        self.server_version = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._admin: psycopg.Connection[tuple[object, ...]] | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether the server process is up."""
        return self._process is not None and self._process.poll() is None

    @property
    def log_path(self) -> Path:
        """The server's log file (initdb's output and the server's stderr)."""
        if self.folder is None:
            raise RuntimeError("the server is not started")
        return self.folder / "server.log"

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq URL for the superuser on dbname over TCP (trust auth, no password)."""
        if not self.port:
            raise RuntimeError("the server is not started")
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{quote(dbname, safe='')}"

    def start(self) -> Self:
        """Create a cluster with initdb and start the server; return once it accepts connections."""
        if self._process is not None:
            raise RuntimeError("the server is already started")
        parent = Path(tempfile.gettempdir())
        run_as = _server_user()
        if run_as is not None and not _reachable_by_others(parent):
            parent = Path("/tmp")
        _sweep_leftovers(parent)
        self.folder = Path(tempfile.mkdtemp(prefix=DIR_PREFIX, dir=parent))
        atexit.register(self.stop)
        try:
            (self.folder / OWNER_FILE).write_text(f"{os.getpid()}\n")
            if run_as is not None:
                # mkdtemp made it 0700 for root: hand it to the user the server runs as.
                os.chown(self.folder, *run_as)
            self._initdb(run_as)
            # A port can be taken between our probe and the server's bind (other xdist workers).
            for attempt in range(3):
                self.port = free_port()
                log_size = self.log_path.stat().st_size
                try:
                    self._launch(run_as)
                    break
                except PostgresStartError:
                    this_attempt = self.log_path.read_bytes()[log_size:]
                    if attempt == 2 or b"could not bind" not in this_attempt:
                        raise
            with self._connect() as conn:
                self.server_version = conn.info.server_version
        except BaseException:
            self.stop()
            raise
        return self

    def _initdb(self, run_as: tuple[int, int] | None) -> None:
        assert self.folder is not None
        command = [
            str(self.bin_dir / "initdb"),
            "-D", str(self.folder / "data"),
            "-U", SUPERUSER,
            "--auth=trust",
            "-E", "UTF8",
            "--locale=C",
            # No fsync of the new cluster: it lives for one run.
            "--no-sync",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                timeout=self.start_timeout,
                check=False,
                user=run_as[0] if run_as else None,
                group=run_as[1] if run_as else None,
                # Root's own supplementary groups are not the server's.
                extra_groups=[] if run_as else None,
            )
        if result.returncode != 0:
            raise PostgresStartError(f"initdb failed (exit {result.returncode}):\n{self._log_tail()}")

    def _launch(self, run_as: tuple[int, int] | None) -> None:
        assert self.folder is not None
        socket_dir = str(self.folder)
        # The socket is a convenience (psql -h <folder>); tests connect over TCP, so a long TMPDIR
        # just means no socket rather than a server that will not start.
        if len(socket_dir) + len("/.s.PGSQL.65535") > MAX_SOCKET_PATH:
            socket_dir = ""
        settings = {
            **self.settings,
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": socket_dir,
        }
        command = [str(self.bin_dir / "postgres"), "-D", str(self.folder / "data")]
        for key, value in settings.items():
            command += ["-c", f"{key}={value}"]
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                # Its own process group: Ctrl-C in the terminal reaches pytest, whose teardown stops
                # the server, instead of shutting the server down under running tests.
                process_group=0,
                user=run_as[0] if run_as else None,
                group=run_as[1] if run_as else None,
                extra_groups=[] if run_as else None,
            )
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self._process.poll() is not None:
                self._process = None
                raise PostgresStartError(f"the server exited while starting:\n{self._log_tail()}")
            try:
                psycopg.connect(self.dsn(), connect_timeout=2, autocommit=True).close()
                return
            except psycopg.OperationalError:
                pass
            if time.monotonic() > deadline:
                raise PostgresStartError(
                    f"the server did not accept connections within {self.start_timeout:.0f} s:\n"
                    f"{self._log_tail()}"
                )
            time.sleep(0.05)

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except (OSError, RuntimeError):
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def _connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.dsn(), autocommit=True, connect_timeout=10)

    def _admin_connection(self) -> psycopg.Connection[tuple[object, ...]]:
        # One kept connection: opening one per CREATE DATABASE costs more than the statement.
        if self._admin is None or self._admin.closed or self._admin.broken:
            self._admin = self._connect()
        return self._admin

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a random name when none is given) and return its DSN."""
        if not self.running:
            raise RuntimeError("the server is not running")
        name = name or f"t_{uuid.uuid4().hex}"
        with self._lock:
            self._admin_connection().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.dsn(name)

    def drop_database(self, name: str) -> None:
        """Drop a database if it exists, disconnecting its sessions first (PostgreSQL 13 and later)."""
        if not self.running:
            raise RuntimeError("the server is not running")
        statement = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        if self.server_version >= 130000:
            statement = sql.SQL("{} WITH (FORCE)").format(statement)
        with self._lock:
            self._admin_connection().execute(statement)

    def stop(self) -> None:
        """Shut the server down (fast mode) and remove its folder; safe to call twice."""
        atexit.unregister(self.stop)
        with self._lock:
            if self._admin is not None:
                with contextlib.suppress(psycopg.Error):
                    self._admin.close()
                self._admin = None
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            # SIGINT is PostgreSQL's fast shutdown: clients are disconnected, no waiting on them.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        self.port = 0

    def __enter__(self) -> Self:
        if not self.running:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
