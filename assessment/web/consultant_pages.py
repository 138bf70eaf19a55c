"""How consultant pages are answered: rendered templates, and refusals as pages.

Every consultant route uses `ConsultantRoute`: signed out, a page request is sent to the
sign-in page (303) and a JSON request gets 401; other refusals (403, 404, 429) come back as a
short page a person can read, or as JSON to a script.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from assessment.common.formatting import gap_text, percent_text, score_text, whole_text
from assessment.web.app import session_of, workspace_of
from assessment.web.auth import SignedIn, SignInRequired, wants_json
from assessment.web.sessions import aware, require_consultant

SIGN_IN = "/sign-in"
REFUSALS = {
    403: "Not allowed",
    404: "Not found",
    410: "No longer valid",
    429: "Too many attempts",
}

Db = Annotated[Session, Depends(session_of)]


def _consultant(request: Request, session: Db) -> SignedIn:
    return require_consultant(session, request)


Who = Annotated[SignedIn, Depends(_consultant)]


def _when(moment: dt.datetime | None) -> str:
    """A stored UTC time as consultants read it."""
    if moment is None:
        return ""
    return aware(moment).strftime("%d %b %Y, %H:%M UTC")


def _templates(request: Request) -> Any:
    env = workspace_of(request).templates
    if "score" not in env.filters:
        env.filters.update(score=score_text, percent=percent_text, whole=whole_text, when=_when)
        env.globals["gap_text"] = gap_text
    return env


def page(
    request: Request,
    template: str,
    *,
    title: str,
    who: SignedIn | None = None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    engagements = workspace_of(request).engagements
    html = (
        _templates(request)
        .get_template(template)
        .render(
            title=title,
            who=who,
            several=len(engagements) > 1,
            engagements=list(engagements.values()),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)


def refusal(request: Request, status: int, detail: str | None) -> Response:
    if wants_json(request):
        return JSONResponse({"error": detail or REFUSALS.get(status, "refused")}, status)
    return page(
        request,
        "message.html.j2",
        title=REFUSALS.get(status, "Refused"),
        status=status,
        message=detail or "",
    )


class ConsultantRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired:
                if wants_json(request):
                    return JSONResponse({"error": "sign in first"}, 401)
                return RedirectResponse(SIGN_IN, 303)
            except HTTPException as refused:
                if refused.status_code not in REFUSALS:
                    raise
                detail = refused.detail if isinstance(refused.detail, str) else None
                return refusal(request, refused.status_code, detail)

        return guarded
