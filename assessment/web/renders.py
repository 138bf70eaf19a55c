"""Reports, board briefs, decks and workbooks rendered in background processes.

Each job is a row (queued, running, done, failed) and a run of the `readiness` command in its
own process, writing into the engagement's private `renders/` folder under a name no other
job uses. Renders are heavy, so a server process runs one at a time and queues the rest.
"""

from __future__ import annotations

import datetime as dt
import secrets
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from assessment.common.engagement_lock import private_dir
from assessment.web.audit import record
from assessment.web.tables import RenderJob
from assessment.web.workspace import ServedEngagement

RENDERS_DIR = "renders"
RENDER_TIMEOUT = 60 * 60
ERROR_CHARS = 4000
CLI = "from assessment.cli import run; run()"


@dataclass(frozen=True)
class Kind:
    label: str  # as the consultant reads it
    arguments: tuple[str, ...]  # after the engagement folder
    suffix: str
    media_type: str


PDF = "application/pdf"
KINDS = {
    "report": Kind("Report", ("report",), ".pdf", PDF),
    "brief": Kind("Board brief", ("report", "--audience", "executive"), ".pdf", PDF),
    "deck": Kind(
        "Slide deck",
        ("deck",),
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "workbook": Kind(
        "Analysis workbook",
        ("workbook",),
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}

_one_at_a_time = threading.BoundedSemaphore(1)


def renders_dir(folder: Path) -> Path:
    return private_dir(folder) / RENDERS_DIR


def start_render(
    engine: Engine, engagement: ServedEngagement, kind: str, consultant_id: int
) -> int:
    """Queue a job (and its audit entry, in one transaction) and start it in the background."""
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session, session.begin():
        job = RenderJob(
            engagement_id=engagement.id,
            kind=kind,
            status="queued",
            progress=0,
            requested_by=consultant_id,
            created_at=now,
        )
        session.add(job)
        record(
            session,
            "render",
            consultant_id=consultant_id,
            engagement_id=engagement.id,
            detail=KINDS[kind].label,
        )
        session.flush()
        job_id = job.id
    threading.Thread(
        target=_run, args=(engine, job_id, engagement.folder, kind), daemon=True
    ).start()
    return job_id


def _set(engine: Engine, job_id: int, **values: object) -> None:
    with Session(engine) as session, session.begin():
        session.execute(update(RenderJob).where(RenderJob.id == job_id).values(**values))


def _run(engine: Engine, job_id: int, folder: Path, kind: str) -> None:
    spec = KINDS[kind]
    target = renders_dir(folder) / f"{kind}-{job_id}-{secrets.token_hex(6)}{spec.suffix}"
    with _one_at_a_time:
        _set(engine, job_id, status="running", progress=10)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            command = [sys.executable, "-c", CLI, spec.arguments[0], str(folder), "-o", str(target)]
            command += list(spec.arguments[1:])
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=RENDER_TIMEOUT, check=False
            )
            failed = None
            if done.returncode != 0 or not target.is_file():
                failed = done.stderr.strip()[-ERROR_CHARS:] or "The render stopped unexpectedly."
        except (OSError, subprocess.TimeoutExpired) as error:
            failed = f"The render could not run: {error}"
        finished = dt.datetime.now(dt.UTC)
        if failed is None:
            _set(
                engine,
                job_id,
                status="done",
                progress=100,
                file_path=target.name,
                finished_at=finished,
            )
        else:
            _set(engine, job_id, status="failed", error=failed, finished_at=finished)


def fail_interrupted(engine: Engine) -> int:
    """Jobs a stopped server left queued or running will never finish: say so."""
    with Session(engine) as session, session.begin():
        stopped = session.execute(
            update(RenderJob)
            .where(RenderJob.status.in_(("queued", "running")))
            .values(
                status="failed",
                error="The server stopped before this render finished. Start it again.",
                finished_at=dt.datetime.now(dt.UTC),
            )
        )
        return int(getattr(stopped, "rowcount", 0) or 0)


def job_of(session: Session, engagement: ServedEngagement, job_id: int) -> RenderJob | None:
    """A job of this engagement only: another engagement's job is as good as missing."""
    return session.scalar(
        select(RenderJob).where(RenderJob.id == job_id, RenderJob.engagement_id == engagement.id)
    )


def finished_file(engagement: ServedEngagement, job: RenderJob) -> Path | None:
    """The file of a finished job, inside the engagement's renders folder, or None."""
    if job.status != "done" or not job.file_path:
        return None
    folder = renders_dir(engagement.folder)
    path = folder / Path(job.file_path).name  # only a bare name is ever stored
    return path if path.is_file() else None


def recent_jobs(session: Session, engagement: ServedEngagement, limit: int = 20) -> list[RenderJob]:
    return list(
        session.scalars(
            select(RenderJob)
            .where(RenderJob.engagement_id == engagement.id)
            .order_by(RenderJob.id.desc())
            .limit(limit)
        )
    )
