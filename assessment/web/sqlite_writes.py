"""One writer at a time inside the server process, for SQLite.

SQLite lets one connection write at a time; the others wait in its busy handler, which sleeps
in growing steps (up to 100 ms) before it looks again. Under a burst of autosaves those sleeps,
not the work, would make the slow saves. The server's own write transactions therefore queue
on one lock, taken before a transaction's first write and given back once its commit or
rollback has finished, so the database passes from one writer to the next at once. Other
processes (an import, a render) still meet the busy timeout as before.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine, event

_WRITES = ("insert", "update", "delete", "replace")


class _SerialisedConnection(sqlite3.Connection):
    """A connection that gives the write lock back when its transaction has ended."""

    write_lock: threading.Lock  # one per engine: set on the subclass `connection_factory` makes
    holding = False

    def take_write_lock(self) -> None:
        if not self.holding:
            self.write_lock.acquire()
            self.holding = True

    def _give_back(self) -> None:
        if self.holding:
            self.holding = False
            self.write_lock.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._give_back()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._give_back()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._give_back()


def connection_factory() -> type[sqlite3.Connection]:
    """The sqlite3 connection class for one engine, with that engine's write lock."""
    return type("SerialisedConnection", (_SerialisedConnection,), {"write_lock": threading.Lock()})


def serialise_writes(engine: Engine) -> None:
    """Take the write lock before a statement that writes (the engine's connections must come
    from `connection_factory`)."""

    def before_write(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip()[:7].lower().startswith(_WRITES):
            connection = cursor.connection
            if isinstance(connection, _SerialisedConnection):
                connection.take_write_lock()

    event.listen(engine, "before_cursor_execute", before_write)
