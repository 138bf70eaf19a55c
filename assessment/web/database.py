"""Where the workspace keeps its state, and how a connection to it is opened.

SQLite in the engagement's (or workspace's) private folder by default, in WAL mode with full
synchronisation, so an acknowledged save survives a killed server; PostgreSQL (psycopg 3) when
a URL is given, for a team sharing one server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from assessment.common.engagement_lock import private_dir
from assessment.model.errors import InputError, Problem
from assessment.web.sqlite_writes import connection_factory, serialise_writes

SQLITE_FILE = "web.sqlite3"
# The password of a PostgreSQL URL may come from the environment, never from a file we write.
PASSWORD_VARIABLE = "READINESS_DATABASE_PASSWORD"
SQLITE_BUSY_MS = 10_000
# Connections kept per worker, and as many again at a peak: more than the app's request, page
# and closing threads together (assessment.web.app), so none waits for another's connection.
POOL_SIZE = 10


def default_url(folder: Path) -> str:
    """The SQLite database in `folder`'s private `.readiness/` folder."""
    path = private_dir(folder.absolute()) / SQLITE_FILE
    return f"sqlite:///{path}"


def normalised_url(url: str) -> str:
    """The URL SQLAlchemy should open: postgresql:// means psycopg 3; others are refused."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(Problem("--database", f"is not a database URL: {exc}")) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return url
    if backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.password is None and os.environ.get(PASSWORD_VARIABLE):
            parsed = parsed.set(password=os.environ[PASSWORD_VARIABLE])
        return parsed.render_as_string(hide_password=False)
    raise InputError(
        Problem("--database", f"'{backend}' is not supported: use sqlite:/// or postgresql://")
    )


def url_without_password(url: str) -> str:
    """The URL as the engagement's pointer file keeps it: the password, if any, is left out
    (it comes from the environment), never masked, so reading it back adds nothing false."""
    parsed = make_url(url)
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )  # URL.set(password=None) would keep the old one
    return bare.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """The URL as it may be printed or logged: never with its password."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged commit is on disk
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def open_engine(url: str) -> Engine:
    """An engine for `url` (already normalised), with SQLite's safety settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "factory": connection_factory()},
            pool_size=POOL_SIZE,
            max_overflow=POOL_SIZE,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        serialise_writes(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_SIZE)
