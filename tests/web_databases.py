"""Both storage engines for the web tests: `database_url` runs a test once on SQLite and once
on PostgreSQL.

The PostgreSQL side starts one throw-away cluster per test session (initdb and pg_ctl in a
temporary folder, listening only on a unix socket there, fsync on as in production) and
gives every test a fresh database. initdb refuses to run as root, so as root the cluster
runs as the unprivileged user `nobody`. The tests skip, saying why, only when the PostgreSQL
server binaries are not installed.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

UNPRIVILEGED = "nobody"


@dataclass(frozen=True)
class Cluster:
    socket_dir: str
    port: int

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", UNPRIVILEGED, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    home = tempfile.mkdtemp(prefix="readiness-pg-")
    data, sockets = os.path.join(home, "data"), os.path.join(home, "socket")
    os.mkdir(sockets)
    if os.geteuid() == 0:
        for path in (home, sockets):
            shutil.chown(path, UNPRIVILEGED)
    port = free_port()
    subprocess.run(
        _as_owner(
            [str(binaries / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=on"
    subprocess.run(
        _as_owner(
            [
                str(binaries / "pg_ctl"),
                "-D",
                data,
                "-o",
                options,
                "-l",
                os.path.join(home, "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield Cluster(sockets, port)
    finally:
        subprocess.run(
            _as_owner([str(binaries / "pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)


_numbers = itertools.count(1)


def fresh_postgres_database(cluster: Cluster) -> str:
    import psycopg

    name = f"test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(
        host=cluster.socket_dir, port=cluster.port, user="postgres", dbname="postgres"
    ) as connection:
        connection.autocommit = True
        connection.execute(f'CREATE DATABASE "{name}"')
    return cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for a fresh, empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.sqlite3'}"
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    return fresh_postgres_database(cluster)


# Helpers the web tests share -----------------------------------------------------------------


def serve_engagement(folder: Path, url: str):  # -> Workspace
    """Register `folder` on the database at `url`, as `readiness serve` does at start."""
    from assessment.web.server import ServeSettings, build_workspace

    return build_workspace(ServeSettings(folder=str(folder), workspace=None, database=url))


def links_in(csv_path: Path) -> list[dict[str, str]]:
    import csv

    with csv_path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def form_data_of(page: str) -> dict:
    """The data block the shared form's script builds the page from."""
    import json
    import re

    found = re.search(
        r'<script type="application/json" id="questionnaire-data">(.*?)</script>', page, re.S
    )
    assert found, "the page carries the form's data"
    return json.loads(found.group(1))


def csrf_of(page: str) -> str:
    token = form_data_of(page)["web"]["csrf_token"]
    assert token, "the form carries its CSRF token"
    return token


def set_survey_open(workspace, is_open: bool) -> None:
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from assessment.web.tables import EngagementRow

    with Session(workspace.engine) as session, session.begin():
        session.execute(update(EngagementRow).values(survey_open=is_open))


@contextmanager
def serving(workspace) -> Iterator[str]:
    """The workspace's app on a real server on 127.0.0.1 (a thread of this process, stopped
    on leaving); yields its address."""
    import threading
    import time

    import uvicorn

    from assessment.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def mini_workspace(mini_copy: Path, database_url: str):  # -> Workspace
    """A copy of the small test engagement (conftest's mini_copy), served on each storage
    engine as `readiness serve` registers it."""
    served = serve_engagement(mini_copy, database_url)
    yield served
    served.engine.dispose()
