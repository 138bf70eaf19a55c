"""The respondent's routes: open a personal or open link, answer (autosave), submit.

Named invitations keep one draft per invitation, so the same link resumes on any device and
answers can be changed after submission until the survey closes. Anonymous links (open links,
and invitations made with --anonymous) key the draft by a random draft key, held in a cookie
and in the resume link the page shows; the submission then moves under a fresh pseudonym and
the draft is deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from assessment.collect.form import FormState, WebForm
from assessment.web.answer_store import (
    AlreadySubmitted,
    StaleRevision,
    anonymous_draft,
    draft_answers,
    named_draft,
    new_anonymous_draft,
    save_draft,
    submit_anonymous,
    submit_named,
)
from assessment.web.app import Workspace, on_page_threads, session_of, workspace_of
from assessment.web.quick_save import save_anonymous_at_once, save_named_at_once
from assessment.web.respondent_answers import AnswersRefused, Sent, counted_answers, parse_sent
from assessment.web.respondent_links import (
    Link,
    check_csrf,
    csrf_matches,
    csrf_token,
    engagement_setup,
    not_found,
    open_link,
    refuse_if_guessing,
)
from assessment.web.respondent_page import (
    SCRIPT_URL,
    STYLE_URL,
    message_page,
    respondent_page,
)
from assessment.web.tables import Draft
from assessment.web.tokens import token_hash

router = APIRouter()
DRAFT_COOKIE = "readiness_draft"
CLOSED = "This survey is closed: answers can no longer be given or changed."


@dataclass(frozen=True)
class Body:
    data: object  # the parsed JSON, or None when the body is not JSON


async def body_of(request: Request) -> Body:
    """The shared form sends JSON; anything else is refused as a bad body, after the CSRF
    check (the token travels in the X-CSRF-Token header)."""
    try:
        return Body(json.loads(await request.body()))
    except ValueError:
        return Body(None)


DbSession = Annotated[Session, Depends(session_of)]
SentBody = Annotated[Body, Depends(body_of)]


def _html(workspace: Workspace, status: int, title: str, message: str) -> HTMLResponse:
    return HTMLResponse(message_page(workspace, title, message), status_code=status)


def _error(status: int, message: str, field: str | None = None) -> JSONResponse:
    body = {"error": message} | ({"field": field} if field else {})
    return JSONResponse(body, status_code=status)


def _link(
    request: Request,
    session: Session,
    slug: str,
    kind: str,
    token: str,
    resuming: bool = False,
    vouched_by: str | None = None,
) -> Link:
    """The link in the address. A write whose CSRF header matches `vouched_by` (what its page's
    token was bound to) came from a page this server made for this link: no guess, so the
    limit on guessing does not refuse it (a colleague's typing errors on a shared address
    must not stop a respondent's autosaves and submission)."""
    engagement = workspace_of(request).engagements.get(slug)
    if engagement is None or kind not in ("i", "o"):  # a miss like any wrong token
        refuse_if_guessing(session, request)
        raise not_found(session, request)
    vouched = vouched_by is not None and csrf_matches(request, engagement.folder, vouched_by)
    return open_link(session, request, engagement, kind, token, resuming, vouched)


def _draft_of(request: Request, session: Session, link: Link, key: str) -> Draft:
    draft = anonymous_draft(session, link.engagement.id, key)
    if draft is None or (draft.unit, draft.role) != (link.unit, link.role):
        raise not_found(session, request)
    return draft


def _page(
    link: Link,
    draft: Draft,
    *,
    base: str,
    bound_to: str,
    state: FormState,
    resume_url: str | None = None,
) -> HTMLResponse:
    answers, comments = draft_answers(draft)
    web = WebForm(
        script_url=SCRIPT_URL,
        style_url=STYLE_URL,
        save_url=f"{base}/answers",
        submit_url=f"{base}/submit",
        csrf_token=csrf_token(link.engagement.folder, bound_to),
        anonymous=link.anonymous,
        editable_after_submit=not link.anonymous,
        state=state,
        revision=draft.revision,
        answers=answers,
        comments=comments,
        resume_url=resume_url,
    )
    return HTMLResponse(respondent_page(link.engagement.folder, link.unit, link.role, web))


# Opening a link -----------------------------------------------------------------------------


@router.get("/s/{slug}/i/{token}")
async def invitation_link(slug: str, token: str, request: Request, session: DbSession) -> Response:
    return await on_page_threads(request, lambda: _invitation_page(slug, token, request, session))


def _invitation_page(slug: str, token: str, request: Request, session: Session) -> Response:
    link = _link(request, session, slug, "i", token)
    if link.anonymous:
        return _start_anonymous(request, session, link)
    workspace = workspace_of(request)
    if not link.survey_open:
        return _html(workspace, 410, "Survey closed", CLOSED)
    assert link.invitation is not None
    draft = named_draft(session, link.invitation)
    state: FormState = "submitted" if link.invitation.status == "submitted" else "draft"
    return _page(link, draft, base=link.path, bound_to=_named(link), state=state)


@router.get("/s/{slug}/o/{token}")
async def open_survey_link(slug: str, token: str, request: Request, session: DbSession) -> Response:
    return await on_page_threads(
        request,
        lambda: _start_anonymous(request, session, _link(request, session, slug, "o", token)),
    )


def _start_anonymous(request: Request, session: Session, link: Link) -> Response:
    """Resume the draft this browser holds for the link, or begin one."""
    workspace = workspace_of(request)
    if not link.survey_open:
        return _html(workspace, 410, "Survey closed", CLOSED)
    if link.invitation is not None and link.invitation.status == "submitted":
        return _html(workspace, 200, "Thank you", "Your answers have been submitted.")
    key = request.cookies.get(DRAFT_COOKIE, "")
    draft = anonymous_draft(session, link.engagement.id, key) if key else None
    if draft is None or (draft.unit, draft.role) != (link.unit, link.role):
        key = new_anonymous_draft(
            session, link.engagement.id, link.unit, link.role, link.invitation
        )
    response = RedirectResponse(f"{link.path}/d/{key}", status_code=303)
    response.set_cookie(
        DRAFT_COOKIE,
        key,
        max_age=60 * 60 * 24 * 90,
        path=link.path,  # this link only
        httponly=True,
        samesite="strict",
        secure=workspace.secure_cookies,
    )
    return response


@router.get("/s/{slug}/{kind}/{token}/d/{key}")
async def anonymous_page(
    slug: str,
    kind: str,
    token: str,
    key: str,
    request: Request,
    session: DbSession,
) -> Response:
    return await on_page_threads(
        request, lambda: _anonymous_form(slug, kind, token, key, request, session)
    )


def _anonymous_form(
    slug: str, kind: str, token: str, key: str, request: Request, session: Session
) -> Response:
    link = _link(request, session, slug, kind, token, resuming=True)
    if not link.anonymous:
        raise not_found(session, request)
    if not link.survey_open:
        return _html(workspace_of(request), 410, "Survey closed", CLOSED)
    draft = _draft_of(request, session, link, key)
    base = f"{link.path}/d/{key}"
    return _page(
        link,
        draft,
        base=base,
        bound_to=_anonymous(link, draft),
        state="draft",
        resume_url=str(request.url.replace(query="")),
    )


def _named(link: Link) -> str:
    return _invitation_binding(token_hash(link.token))


def _anonymous(link: Link, draft: Draft) -> str:
    return _draft_binding(token_hash(link.token), draft.draft_key_hash)


# What a CSRF token is bound to: a personal link, or an anonymous draft reached through one
# link (by their hashes). Either way it covers the token in the address, so a write carrying
# it is no guess at that token.
def _invitation_binding(hashed: str) -> str:
    return f"invitation {hashed}"


def _draft_binding(link_hash: str, key_hash: str) -> str:
    return f"draft {key_hash} via {link_hash}"


# Saving and submitting ----------------------------------------------------------------------


def _anonymous_write(
    request: Request, session: Session, slug: str, kind: str, token: str, key: str
) -> tuple[Link, Draft]:
    """An anonymous draft, for a write the CSRF header allows."""
    binding = _draft_binding(token_hash(token), token_hash(key))
    link = _link(request, session, slug, kind, token, resuming=True, vouched_by=binding)
    if not link.anonymous:  # a personal link's token is as good as wrong here
        raise not_found(session, request)
    draft = _draft_of(request, session, link, key)
    check_csrf(request, link.engagement.folder, _anonymous(link, draft))
    return link, draft


def _named_write(request: Request, session: Session, slug: str, token: str) -> tuple[Link, Draft]:
    """A personal link's draft, for a write the CSRF header allows; an anonymous link's
    token is as good as wrong here."""
    link = _link(
        request, session, slug, "i", token, vouched_by=_invitation_binding(token_hash(token))
    )
    if link.anonymous:
        raise not_found(session, request)
    check_csrf(request, link.engagement.folder, _named(link))
    assert link.invitation is not None
    return link, named_draft(session, link.invitation)


@router.put("/s/{slug}/i/{token}/answers")
def save_named(
    slug: str,
    token: str,
    request: Request,
    body: SentBody,
    session: DbSession,
) -> Response:
    engagement = workspace_of(request).engagements.get(slug)
    if engagement is not None:
        hashed = token_hash(token)
        if csrf_matches(request, engagement.folder, _invitation_binding(hashed)):
            quick = _quick_save(
                body,
                engagement.folder,
                lambda sent: save_named_at_once(session, engagement.id, hashed, sent),
            )
            if quick is not None:
                return quick
    link, draft = _named_write(request, session, slug, token)
    return _save(session, link, draft, body)


@router.put("/s/{slug}/{kind}/{token}/d/{key}/answers")
def save_anonymous(
    slug: str,
    kind: str,
    token: str,
    key: str,
    request: Request,
    body: SentBody,
    session: DbSession,
) -> Response:
    engagement = workspace_of(request).engagements.get(slug)
    if engagement is not None and kind in ("i", "o"):
        key_hash = token_hash(key)
        if csrf_matches(request, engagement.folder, _draft_binding(token_hash(token), key_hash)):
            quick = _quick_save(
                body,
                engagement.folder,
                lambda sent: save_anonymous_at_once(
                    session, engagement.id, kind, token_hash(token), key_hash, sent
                ),
            )
            if quick is not None:
                return quick
    link, draft = _anonymous_write(request, session, slug, kind, token, key)
    return _save(session, link, draft, body)


def _quick_save(
    body: Body, folder: Path, save: Callable[[Sent], dt.datetime | None]
) -> Response | None:
    """The usual autosave, for a request whose CSRF header shows its page came from this
    server for this link (no guess, so the limit on guessing does not apply): checked answers,
    then one conditional update. None sends the request the long way, which says what is
    wrong (a refused answer, a closed survey, a revision changed elsewhere)."""
    try:
        sent = parse_sent(body.data, engagement_setup(folder).questionnaire.questionnaire)
    except AnswersRefused:
        return None
    saved_at = save(sent)
    if saved_at is None:
        return None
    return JSONResponse({"revision": sent.revision + 1, "saved_at": saved_at.isoformat()})


def _checked(link: Link, body: Body) -> Sent | JSONResponse:
    if not link.survey_open:
        return _error(410, "the survey is closed")
    setup = engagement_setup(link.engagement.folder)
    try:
        return parse_sent(body.data, setup.questionnaire.questionnaire)
    except AnswersRefused as refused:
        return _error(422, refused.message, refused.field)


def _save(session: Session, link: Link, draft: Draft, body: Body) -> Response:
    sent = _checked(link, body)
    if isinstance(sent, JSONResponse):
        return sent
    try:
        revision, saved_at = save_draft(session, draft, sent)  # committed before we answer
    except StaleRevision:
        return _stale()
    return JSONResponse({"revision": revision, "saved_at": saved_at.isoformat()})


def _stale() -> JSONResponse:
    return _error(409, "the answers were changed elsewhere (another tab or device); reload")


@router.post("/s/{slug}/i/{token}/submit")
def submit_named_link(
    slug: str,
    token: str,
    request: Request,
    body: SentBody,
    session: DbSession,
) -> Response:
    link, draft = _named_write(request, session, slug, token)
    assert link.invitation is not None
    sent = _checked(link, body)
    if isinstance(sent, JSONResponse):
        return sent
    questionnaire = engagement_setup(link.engagement.folder).questionnaire.questionnaire
    counted = counted_answers(questionnaire, link.role, sent)
    try:
        submit_named(session, link.engagement.folder, link.invitation, draft, sent, counted)
    except StaleRevision:
        return _stale()
    return JSONResponse({"state": "submitted", "editable": True})


@router.post("/s/{slug}/{kind}/{token}/d/{key}/submit")
def submit_anonymous_link(
    slug: str,
    kind: str,
    token: str,
    key: str,
    request: Request,
    body: SentBody,
    session: DbSession,
) -> Response:
    link, draft = _anonymous_write(request, session, slug, kind, token, key)
    sent = _checked(link, body)
    if isinstance(sent, JSONResponse):
        return sent
    questionnaire = engagement_setup(link.engagement.folder).questionnaire.questionnaire
    try:
        submit_anonymous(
            session,
            link.engagement.folder,
            draft,
            sent,
            counted_answers(questionnaire, link.role, sent),
            link.invitation,
        )
    except StaleRevision:
        return _stale()
    except AlreadySubmitted:
        return _error(410, "these answers were already submitted")
    response = JSONResponse({"state": "submitted", "editable": False})
    response.delete_cookie(DRAFT_COOKIE, path=link.path)
    return response
