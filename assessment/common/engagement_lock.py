"""One writer at a time per engagement, and readers that never see a commit half applied.

Two OS locks (flock) in the engagement's private `.readiness/` folder; the kernel drops both
when their holder dies, however it dies, so a killed command never leaves a stale lock:

- the writer lock, held for a whole command that changes the engagement (import, collect,
  init); it records its holder, so a second writer can be told who is at work;
- the commit lock, held exclusively only while a commit journal is applied, and shared by
  readers while they read responses/.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assessment.common.paths import display_path
from assessment.model.errors import InputError, Problem

PRIVATE_DIR = ".readiness"
WRITER_LOCK = "lock"
COMMIT_LOCK = "commit.lock"
LOCK_WAIT_SECONDS = 5.0  # a second writer waits this long for the first, then stops
COMMIT_WAIT_SECONDS = 60.0  # readers hold the commit lock while they read every response file
_POLL_SECONDS = 0.05


def private_dir(folder: Path) -> Path:
    return folder / PRIVATE_DIR


@contextmanager
def writer_lock(folder: Path, command: str, wait: float | None = None) -> Iterator[None]:
    """Hold the engagement's writer lock for `command`, or stop with exit 2 naming the holder
    after `wait` seconds (LOCK_WAIT_SECONDS by default)."""
    if not folder.is_dir():
        raise InputError(Problem(display_path(folder), "engagement folder not found"))
    private = private_dir(folder)
    try:
        private.mkdir(exist_ok=True)
        fd = os.open(private / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise InputError(
            Problem(display_path(folder), f"cannot lock the engagement: {exc.strerror}")
        ) from exc
    try:
        if not _acquire(fd, fcntl.LOCK_EX, LOCK_WAIT_SECONDS if wait is None else wait):
            raise InputError(
                Problem(
                    display_path(folder),
                    f"is being changed by {_holder(fd)}; try again when it has finished",
                )
            )
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        record = json.dumps({"pid": os.getpid(), "command": command, "started": started})
        os.ftruncate(fd, 0)
        os.pwrite(fd, record.encode("utf-8"), 0)
        # The commit lock exists from the first writer on, so readers can always share it.
        os.close(os.open(private / COMMIT_LOCK, os.O_RDONLY | os.O_CREAT, 0o600))
        yield
    finally:
        os.close(fd)  # closing drops the lock; the stale record is overwritten by the next holder


@contextmanager
def commit_lock(folder: Path, shared: bool = False) -> Iterator[None]:
    """Exclusive while a commit is applied; shared while a reader reads responses/.

    An engagement no writer has touched has no lock file, and a read-only one cannot get one:
    both are read without it, since nothing can be committing there. Writers in one process
    (the web server's threads) first queue on a lock of the process's own, so they take turns
    at once instead of polling the file lock."""
    path = private_dir(folder) / COMMIT_LOCK
    started = time.monotonic()
    in_process = None if shared else _process_lock(path)
    if in_process is not None and not in_process.acquire(timeout=COMMIT_WAIT_SECONDS):
        raise _busy(folder)
    try:
        # One wait in all, as the message says: what the queue here took is not waited again.
        left = max(0.0, COMMIT_WAIT_SECONDS - (time.monotonic() - started))
        with _file_lock(folder, path, shared, left):
            yield
    finally:
        if in_process is not None:
            in_process.release()


_PROCESS_LOCKS: dict[Path, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def _process_lock(path: Path) -> threading.Lock:
    with _PROCESS_LOCKS_GUARD:
        return _PROCESS_LOCKS.setdefault(path.absolute(), threading.Lock())


def _busy(folder: Path) -> InputError:
    return InputError(
        Problem(
            display_path(folder),
            "another readiness command kept the engagement busy for "
            f"{COMMIT_WAIT_SECONDS:.0f} seconds; try again when it has finished",
        )
    )


@contextmanager
def _file_lock(folder: Path, path: Path, shared: bool, wait: float) -> Iterator[None]:
    try:
        fd = os.open(path, os.O_RDONLY if shared else os.O_RDONLY | os.O_CREAT, 0o600)
    except OSError:
        if not shared:
            raise
        yield
        return
    try:
        if not _acquire(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, wait):
            raise _busy(folder)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, mode: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_SECONDS)


def _holder(fd: int) -> str:
    """Who holds the lock, as its record says (it may be a moment from being written)."""
    try:
        record = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return (
            f"another readiness command ({record['command']}, process {record['pid']}, "
            f"started {record['started']})"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "another readiness command"
