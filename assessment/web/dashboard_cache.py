"""The dashboard's figures, kept and refreshed in the background when answers change.

A page never waits for scoring. It shows the last figures computed, with their time, and says
"updating" while a refresh runs. Whether answers changed is told cheaply: the count, latest
time and revisions of web submissions, conflict choices, and the size and time of every
response file and set-up file. Figures and the outcome of each refresh are files in the
engagement's private folder, so every server worker (and a restarted server) shares them; a
file lock lets one worker refresh at a time.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessment.loading.engagement import RESPONSES_DIR
from assessment.web.dashboard_figures import (
    ATTEMPT_FILE,
    FIGURES_FILE,
    Figures,
    figures_dir,
    write_attempt,
)
from assessment.web.tables import ConflictChoice, Submission
from assessment.web.workspace import ServedEngagement

LOCK_FILE = "refresh.lock"
REFRESH_TIMEOUT = 30 * 60
PROBLEM_CHARS = 4000


def fingerprint(session: Session, engagement: ServedEngagement) -> str:
    submitted = session.execute(
        select(
            func.count(), func.max(Submission.submitted_at), func.sum(Submission.revision)
        ).where(Submission.engagement_id == engagement.id)
    ).one()
    chosen = session.execute(
        select(func.count(), func.max(ConflictChoice.chosen_at)).where(
            ConflictChoice.engagement_id == engagement.id
        )
    ).one()
    files = [*engagement.folder.glob("*.yaml"), *engagement.folder.glob("*.yml")]
    responses = engagement.folder / RESPONSES_DIR
    if responses.is_dir():
        files += [p for p in responses.rglob("*") if p.is_file()]
    stats = []
    for path in sorted(files):
        try:
            info = path.stat()
        except OSError:  # removed while we looked: the next look sees it gone
            continue
        stats.append((str(path), info.st_size, info.st_mtime_ns))
    text = json.dumps([list(submitted), list(chosen), stats], default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DashboardState:
    figures: Figures | None  # the newest figures computed, possibly of older answers
    updating: bool  # answers changed since, and a refresh is under way
    problem: str | None  # why the newest answers could not be scored


class FiguresCache:
    """Per process: parsed figures by folder (re-read only when the file changes) and the
    refreshes this process runs."""

    def __init__(self) -> None:
        self._parsed: dict[Path, tuple[int, Figures]] = {}
        self._running: set[Path] = set()
        self._guard = threading.Lock()

    def state(self, session: Session, engagement: ServedEngagement) -> DashboardState:
        current = fingerprint(session, engagement)
        attempt = _read_attempt(engagement.folder)
        if attempt.get("fingerprint") != current:
            self.refresh(engagement.folder, current)
        busy = self._busy(engagement.folder)
        problem = attempt.get("problem") if attempt.get("fingerprint") == current else None
        return DashboardState(
            figures=self._figures(engagement.folder),
            updating=busy or attempt.get("fingerprint") != current,
            problem=problem,
        )

    def _figures(self, folder: Path) -> Figures | None:
        path = figures_dir(folder) / FIGURES_FILE
        try:
            stamp = path.stat().st_mtime_ns
        except FileNotFoundError:
            return None
        known = self._parsed.get(folder)
        if known is None or known[0] != stamp:
            figures = Figures.model_validate_json(path.read_bytes())
            with self._guard:
                self._parsed[folder] = (stamp, figures)
            return figures
        return known[1]

    def _busy(self, folder: Path) -> bool:
        with self._guard:
            if folder in self._running:
                return True
        lock = figures_dir(folder) / LOCK_FILE
        if not lock.exists():
            return False
        with lock.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True  # another worker is refreshing
            fcntl.flock(handle, fcntl.LOCK_UN)
        return False

    def refresh(self, folder: Path, current: str) -> None:
        """Start a refresh in a background thread, unless one runs already."""
        with self._guard:
            if folder in self._running:
                return
            self._running.add(folder)
        threading.Thread(target=self._refresh, args=(folder, current), daemon=True).start()

    def _refresh(self, folder: Path, current: str) -> None:
        try:
            lock = figures_dir(folder) / LOCK_FILE
            lock.parent.mkdir(parents=True, exist_ok=True)
            with lock.open("a") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return  # another worker refreshes; its figures are shared through the file
                _run_scoring(folder, current)
        finally:
            with self._guard:
                self._running.discard(folder)


def _run_scoring(folder: Path, current: str) -> None:
    command = [sys.executable, "-m", "assessment.web.dashboard_figures", str(folder), current]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=REFRESH_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        write_attempt(folder, current, "Scoring took longer than 30 minutes and was stopped.")
        return
    if done.returncode != 0:
        problem = done.stderr.strip()[-PROBLEM_CHARS:] or "Scoring stopped unexpectedly."
        write_attempt(folder, current, problem)


def _read_attempt(folder: Path) -> dict[str, str | None]:
    try:
        data = json.loads((figures_dir(folder) / ATTEMPT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


FIGURES = FiguresCache()
