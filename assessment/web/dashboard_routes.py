"""An engagement's dashboard: progress, scores, the survey's state and the renders."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from assessment.model.errors import InputError
from assessment.web.app import workspace_of
from assessment.web.audit import record
from assessment.web.branding import engagement_branding
from assessment.web.conflicts import resolve_conflict
from assessment.web.consultant_pages import ConsultantRoute, Db, Who, page
from assessment.web.dashboard import dashboard_conflicts, progress
from assessment.web.dashboard_cache import FIGURES
from assessment.web.override_audit import record_adjustments
from assessment.web.renders import KINDS, finished_file, job_of, recent_jobs, start_render
from assessment.web.sessions import aware, check_csrf
from assessment.web.tables import EngagementRow, RenderJob
from assessment.web.workspace import ServedEngagement

router = APIRouter(route_class=ConsultantRoute)
OptionalField = Annotated[str | None, Form()]


@router.get("/e/{slug}")
def dashboard(request: Request, session: Db, who: Who, slug: str) -> Response:
    engagement = workspace_of(request).engagement(slug)
    state = FIGURES.state(session, engagement)
    row = session.get(EngagementRow, engagement.id)
    assert row is not None  # registered at start
    results = state.figures.results if state.figures else None
    if results is not None:
        record_adjustments(session, engagement.id, engagement.folder, results)
    return page(
        request,
        "dashboard.html.j2",
        title=f"Dashboard: {results.organisation if results else engagement.slug}",
        who=who,
        engagement=engagement,
        state=state,
        results=results,
        question_texts={q.question_id: q.text for q in results.questions} if results else {},
        progress=progress(session, engagement.id, state.figures),
        survey=row,
        conflicts=dashboard_conflicts(state.figures),
        branding_notice=_branding_notice(engagement),
        jobs=recent_jobs(session, engagement),
        kinds=KINDS,
    )


def _branding_notice(engagement: ServedEngagement) -> str | None:
    """Why the respondents' form uses a darker accent than the theme, when it does."""
    try:
        return engagement_branding(engagement.folder)[1]
    except InputError:  # a broken theme stops the form too; the figures' problem says why
        return None


@router.get("/e/{slug}/figures")
def figures_state(request: Request, session: Db, who: Who, slug: str) -> Response:
    """For the dashboard's script: whether newer figures than those shown are ready."""
    engagement = workspace_of(request).engagement(slug)
    state = FIGURES.state(session, engagement)
    computed = state.figures.computed_at.isoformat() if state.figures else ""
    return JSONResponse(
        {
            "state": "updating" if state.updating else f"ready {computed}",
            "final": not state.updating,
            "message": "" if state.updating else "New figures are ready.",
            "href": f"/e/{slug}",
        }
    )


@router.post("/e/{slug}/survey")
def open_or_close(
    request: Request,
    session: Db,
    who: Who,
    slug: str,
    action: OptionalField = None,
    csrf: OptionalField = None,
) -> Response:
    check_csrf(who, csrf)
    engagement = workspace_of(request).engagement(slug)
    if action not in ("close", "open"):
        raise HTTPException(403, "Choose to open or to close the survey.")
    row = session.get(EngagementRow, engagement.id)
    assert row is not None
    wanted = action == "open"
    if row.survey_open != wanted:
        row.survey_open = wanted
        row.survey_changed_at = dt.datetime.now(dt.UTC)
        # Same transaction: the survey never changes without its audit entry, nor the reverse.
        record(
            session,
            "reopened the survey" if wanted else "closed the survey",
            consultant_id=who.consultant_id,
            engagement_id=engagement.id,
        )
        session.commit()
    return RedirectResponse(f"/e/{slug}#survey", 303)


@router.post("/e/{slug}/conflicts")
def resolve(
    request: Request,
    session: Db,
    who: Who,
    slug: str,
    respondent: OptionalField = None,
    keep: OptionalField = None,
    csrf: OptionalField = None,
) -> Response:
    """The consultant chooses which of a respondent's two sets of answers counts."""
    check_csrf(who, csrf)
    engagement = workspace_of(request).engagement(slug)
    if keep not in ("web", "file") or not respondent:
        raise HTTPException(422, "Choose the web answers or the imported answers.")
    resolve_conflict(session, engagement.id, respondent, keep, who.consultant_id)
    return RedirectResponse(f"/e/{slug}#conflicts", 303)


@router.post("/e/{slug}/renders")
def render(
    request: Request, who: Who, slug: str, kind: OptionalField = None, csrf: OptionalField = None
) -> Response:
    check_csrf(who, csrf)
    workspace = workspace_of(request)
    engagement = workspace.engagement(slug)
    if kind not in KINDS:
        raise HTTPException(404, "There is no such document to render.")
    job_id = start_render(workspace.engine, engagement, kind, who.consultant_id)
    return RedirectResponse(f"/e/{slug}/renders/{job_id}", 303)


def _job(
    request: Request, session: Db, slug: str, job_id: int
) -> tuple[ServedEngagement, RenderJob]:
    engagement = workspace_of(request).engagement(slug)
    job = job_of(session, engagement, job_id)
    if job is None:
        raise HTTPException(404, "There is no such render for this engagement.")
    return engagement, job


@router.get("/e/{slug}/renders/{job_id}")
def render_page(request: Request, session: Db, who: Who, slug: str, job_id: int) -> Response:
    engagement, job = _job(request, session, slug, job_id)
    elapsed = ((job.finished_at and aware(job.finished_at)) or dt.datetime.now(dt.UTC)) - aware(
        job.created_at
    )
    return page(
        request,
        "render_job.html.j2",
        title=f"{KINDS[job.kind].label} render",
        who=who,
        engagement=engagement,
        job=job,
        kind=KINDS[job.kind],
        seconds=int(elapsed.total_seconds()),
        ready=finished_file(engagement, job) is not None,
    )


@router.get("/e/{slug}/renders/{job_id}/state")
def render_state(request: Request, session: Db, who: Who, slug: str, job_id: int) -> Response:
    _, job = _job(request, session, slug, job_id)
    final = job.status in ("done", "failed")
    messages = {
        "queued": "Waiting for another render to finish.",
        "running": "Rendering.",
        "done": "Finished: the file is ready to download.",
        "failed": "The render failed.",
    }
    return JSONResponse(
        {
            "state": job.status,
            "final": final,
            "message": messages.get(job.status, job.status),
            "href": f"/e/{slug}/renders/{job_id}",
        }
    )


@router.get("/e/{slug}/renders/{job_id}/file")
def download(request: Request, session: Db, who: Who, slug: str, job_id: int) -> Response:
    engagement, job = _job(request, session, slug, job_id)
    path = finished_file(engagement, job)
    if path is None:
        raise HTTPException(404, "This render has no file to download.")
    kind = KINDS[job.kind]
    return FileResponse(
        path,
        media_type=kind.media_type,
        filename=f"{slug}-{job.kind}-{job.id}{kind.suffix}",
        content_disposition_type="attachment",
    )
