"""Multi-file changes to an engagement that survive a kill or an I/O error at any point.

Every new file is written and synced in a staging folder inside `.readiness/` (the same
filesystem, so a rename moves it), and every file about to be replaced or removed is kept there
too (a hard link, or a copy). A small journal names the planned renames and removals; it is
synced before the first one. If the process dies, the next command that opens the engagement
finishes the journal when every staged file is intact, else puts every old file back. An error
while applying puts the old files back at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assessment.common.engagement_lock import commit_lock, private_dir, writer_lock
from assessment.common.paths import display_path
from assessment.common.write_errors import write_error
from assessment.model.errors import InputError, Problem

JOURNAL = "journal.json"
STAGING_PREFIX = "staging-"
# Test hooks: the commit counts its steps, and SIGKILLs itself (or pauses) at the one named.
KILL_AT_ENV = "READINESS_TEST_KILL_AT_STEP"
PAUSE_AT_ENV = "READINESS_TEST_PAUSE_AT_STEP"
_steps_taken = 0

Step = dict[str, Any]  # target (relative path), new and old (names in staging), sha256


def commit(folder: Path, changes: dict[Path, bytes | None]) -> None:
    """Write (bytes) or remove (None) every file in `changes`, all or none. The caller holds
    the writer lock; targets are inside `folder`."""
    private = private_dir(folder)
    try:
        private.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=private))
    except OSError as exc:
        raise write_error(folder, exc) from exc
    steps: list[Step] = []
    for n, (path, data) in enumerate(changes.items()):
        try:
            steps.append(_stage(folder, staging, n, path, data))
        except OSError as exc:  # nothing applied yet: drop the staging and stop
            shutil.rmtree(staging, ignore_errors=True)
            raise write_error(path, exc) from exc
    try:
        _sync_folder(staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_error(folder, exc) from exc
    journal = private / JOURNAL
    with commit_lock(folder):
        try:
            _write_journal(journal, staging.name, steps)
        except OSError as exc:  # nothing applied yet: drop the staging and stop
            journal.with_name(JOURNAL + ".new").unlink(missing_ok=True)
            shutil.rmtree(staging, ignore_errors=True)
            raise write_error(journal, exc) from exc
        _checkpoint()
        try:
            _apply(folder, staging, steps)
        except OSError as exc:
            failed = Path(exc.filename or folder)
            try:
                _roll_back(folder, staging, steps)
            except OSError:
                pass  # the journal stays: the next command that opens the engagement settles it
            else:
                _finish(journal, staging)
            raise write_error(failed, exc) from exc
        _finish(journal, staging)


def settle(folder: Path) -> None:
    """Finish or undo a commit a killed process left behind; cheap when there is none."""
    journal = private_dir(folder) / JOURNAL
    if not journal.exists():
        if private_dir(folder).is_dir() and _leftovers(folder):
            # Staging a killed command left: removed if no writer is at work right now.
            with contextlib.suppress(InputError), writer_lock(folder, "clean-up", wait=0):
                _remove_leftovers(folder)
        return
    with commit_lock(folder):
        if not journal.exists():  # another command settled it while this one waited
            return
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            staging, steps = private_dir(folder) / plan["staging"], plan["steps"]
            if all(_ready(folder, staging, step) for step in steps):
                _apply(folder, staging, steps)
            else:
                _roll_back(folder, staging, steps)
            _finish(journal, staging)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "the journal is damaged"
            raise InputError(
                Problem(
                    display_path(journal),
                    f"an interrupted import could not be finished or undone ({reason}); "
                    "restore responses/ from a backup, then delete this file",
                )
            ) from exc


@contextlib.contextmanager
def engagement_writer(folder: Path, command: str) -> Iterator[None]:
    """Hold the writer lock for `command`, with any earlier commit settled and the staging
    folders of killed commands removed."""
    with writer_lock(folder, command):
        settle(folder)
        _remove_leftovers(folder)
        yield


def _leftovers(folder: Path) -> list[Path]:
    return list(private_dir(folder).glob(f"{STAGING_PREFIX}*"))


def _remove_leftovers(folder: Path) -> None:
    """Staging no journal names was never applied; only a writer-lock holder may remove it."""
    for leftover in _leftovers(folder):
        shutil.rmtree(leftover, ignore_errors=True)


def _stage(folder: Path, staging: Path, n: int, path: Path, data: bytes | None) -> Step:
    step: Step = {"target": path.relative_to(folder).as_posix()}
    if data is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        new = staging / f"new-{n}"
        _write_synced(new, data)
        os.chmod(new, 0o666 & ~_umask())  # the permissions any new file would get
        step["new"], step["sha256"] = new.name, hashlib.sha256(data).hexdigest()
    if path.exists():
        old = staging / f"old-{n}"
        try:
            os.link(path, old)
        except OSError:  # a filesystem without hard links: keep a copy instead
            shutil.copy2(path, old)
        step["old"] = old.name
    _checkpoint()
    return step


def _write_journal(journal: Path, staging: str, steps: list[Step]) -> None:
    temp = journal.with_name(JOURNAL + ".new")
    _write_synced(temp, json.dumps({"staging": staging, "steps": steps}).encode("utf-8"))
    os.replace(temp, journal)
    _sync_folder(journal.parent)


def _apply(folder: Path, staging: Path, steps: list[Step]) -> None:
    for step in steps:
        target = folder / step["target"]
        try:
            if "new" in step:
                if (staging / step["new"]).exists():
                    os.replace(staging / step["new"], target)
            elif "old" in step:
                target.unlink(missing_ok=True)
        except OSError as exc:  # named by its target, not by the staged file
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        _checkpoint()
    _sync_folders(folder, steps)


def _roll_back(folder: Path, staging: Path, steps: list[Step]) -> None:
    for step in reversed(steps):
        target = folder / step["target"]
        if "old" in step:
            if (staging / step["old"]).exists():
                os.replace(staging / step["old"], target)
        elif _digest(target) == step.get("sha256"):
            target.unlink()  # a file this commit added
    _sync_folders(folder, steps)


def _ready(folder: Path, staging: Path, step: Step) -> bool:
    """A step can still be applied (or already was): its staged file is whole."""
    if "new" not in step:
        return True
    staged = staging / step["new"]
    return bool(_digest(staged if staged.exists() else folder / step["target"]) == step["sha256"])


def _finish(journal: Path, staging: Path) -> None:
    journal.unlink(missing_ok=True)
    _sync_folder(journal.parent)
    _checkpoint()
    shutil.rmtree(staging, ignore_errors=True)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folders(folder: Path, steps: list[Step]) -> None:
    for parent in {(folder / step["target"]).parent for step in steps}:
        _sync_folder(parent)


def _sync_folder(path: Path) -> None:
    """Make renames and removals in `path` durable (a folder's entries are synced apart)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _checkpoint() -> None:
    global _steps_taken
    _steps_taken += 1
    if os.environ.get(KILL_AT_ENV) == str(_steps_taken):
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(PAUSE_AT_ENV) == str(_steps_taken):
        time.sleep(3600)  # the test kills this process while it waits here
