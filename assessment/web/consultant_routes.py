"""Consultants' pages: set-up, sign-in and sign-out, accounts, the audit log, and the way in
to the engagements (the dashboards are in dashboard_routes)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from assessment.web.app import workspace_of
from assessment.web.audit import recent, record
from assessment.web.auth import (
    account_problems,
    any_consultant,
    email_taken,
    hash_password,
    needs_rehash,
    normal_email,
    password_matches,
)
from assessment.web.consultant_pages import SIGN_IN, ConsultantRoute, Db, Who, page
from assessment.web.dashboard_routes import router as dashboard_router
from assessment.web.rate_limit import allow, forget_old
from assessment.web.sessions import (
    check_csrf,
    check_form_token,
    end_expired,
    end_session,
    form_token,
    signed_in,
    start_session,
)
from assessment.web.setup_link import setup_link_valid, use_setup_link
from assessment.web.tables import Consultant

# Sign-in guesses allowed per window, from one address and against one account.
SIGN_IN_WINDOW = 15 * 60
SIGN_IN_PER_ADDRESS = 30
SIGN_IN_PER_ACCOUNT = 10
SETUP_TRIES_PER_ADDRESS = 20
SETUP_TITLE = "Create the first account"
WRONG = "That e-mail address and password do not match an account."

router = APIRouter(route_class=ConsultantRoute)
router.include_router(dashboard_router)

Field = Annotated[str, Form()]
OptionalField = Annotated[str | None, Form()]


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _home(request: Request) -> str:
    engagements = list(workspace_of(request).engagements.values())
    return f"/e/{engagements[0].slug}" if len(engagements) == 1 else "/engagements"


@router.get("/")
def home(request: Request, session: Db) -> Response:
    if signed_in(session, request) is not None:
        return RedirectResponse(_home(request), 303)
    if not any_consultant(session):
        return page(request, "not_set_up.html.j2", title="Workspace not set up yet")
    return RedirectResponse(SIGN_IN, 303)


@router.get("/engagements")
def engagements(request: Request, who: Who) -> Response:
    return page(request, "engagements.html.j2", title="Engagements", who=who)


@router.get(SIGN_IN)
def sign_in_form(request: Request, session: Db) -> Response:
    if signed_in(session, request) is not None:
        return RedirectResponse(_home(request), 303)
    return _form_page(request, "sign_in.html.j2", "Sign in", email="", problem=None)


def _form_page(
    request: Request, template: str, title: str, status: int = 200, **context: Any
) -> Response:
    """`template` with the pre-sign-in form token, and the token's cookie when it is new."""
    carrier = Response()
    token = form_token(request, carrier)
    rendered = page(request, template, title=title, status=status, token=token, **context)
    rendered.raw_headers.extend(h for h in carrier.raw_headers if h[0] == b"set-cookie")
    return rendered


@router.post(SIGN_IN)
def sign_in(
    request: Request, session: Db, email: Field, password: Field, token: OptionalField = None
) -> Response:
    check_form_token(request, token)
    email = normal_email(email)
    account_key = hashlib.sha256(email.encode("utf-8")).hexdigest()[:32]
    by_address = allow(
        session, f"sign-in address {_address(request)}", SIGN_IN_PER_ADDRESS, SIGN_IN_WINDOW
    )
    by_account = allow(
        session, f"sign-in account {account_key}", SIGN_IN_PER_ACCOUNT, SIGN_IN_WINDOW
    )
    if not (by_address and by_account):
        raise HTTPException(429, "Too many sign-in attempts. Wait 15 minutes and try again.")
    consultant = session.scalar(select(Consultant).where(Consultant.email == email))
    stored = consultant.password_hash if consultant else None
    matched = password_matches(stored, password)  # checked even with no account: same time
    if consultant is None or not matched:
        return _form_page(request, "sign_in.html.j2", "Sign in", 401, email=email, problem=WRONG)
    if needs_rehash(consultant.password_hash):
        consultant.password_hash = hash_password(password)
    response = RedirectResponse(_home(request), 303)
    end_expired(session)
    forget_old(session, SIGN_IN_WINDOW)  # old windows can refuse nothing: keep the table small
    start_session(session, request, response, consultant.id)
    record(session, "signed in", consultant_id=consultant.id)
    session.commit()
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: Db, who: Who, csrf: OptionalField = None) -> Response:
    check_csrf(who, csrf)
    response = RedirectResponse(SIGN_IN, 303)
    end_session(session, request, response)
    record(session, "signed out", consultant_id=who.consultant_id)
    session.commit()
    return response


def _setup_token_checked(request: Request, session: Db, token: str) -> None:
    if not allow(
        session, f"setup address {_address(request)}", SETUP_TRIES_PER_ADDRESS, SIGN_IN_WINDOW
    ):
        raise HTTPException(429, "Too many attempts. Wait 15 minutes and try again.")
    if not setup_link_valid(session, token):
        raise HTTPException(
            410,
            "This set-up link has been used or replaced. Sign in, or restart the server "
            "for a new link if no account exists yet.",
        )


@router.get("/setup/{link}")
def setup_form(request: Request, session: Db, link: str) -> Response:
    _setup_token_checked(request, session, link)
    return _form_page(request, "setup.html.j2", SETUP_TITLE, email="", problems=[], link=link)


@router.post("/setup/{link}")
def setup(
    request: Request,
    session: Db,
    link: str,
    email: Field,
    password: Field,
    again: Field,
    token: OptionalField = None,
) -> Response:
    check_form_token(request, token)
    _setup_token_checked(request, session, link)
    email = normal_email(email)
    problems = account_problems(email, password, again)
    if problems:
        return _form_page(
            request, "setup.html.j2", SETUP_TITLE, 400, email=email, problems=problems, link=link
        )
    if not use_setup_link(session, link):
        session.rollback()
        raise HTTPException(410, "This set-up link has been used or replaced.")
    consultant = _new_consultant(session, email, password)
    record(session, "account created", consultant_id=consultant.id, detail=email)
    response = RedirectResponse(_home(request), 303)
    start_session(session, request, response, consultant.id)
    session.commit()
    return response


def _new_consultant(session: Db, email: str, password: str) -> Consultant:
    consultant = Consultant(
        email=email, password_hash=hash_password(password), created_at=dt.datetime.now(dt.UTC)
    )
    session.add(consultant)
    session.flush()
    return consultant


@router.get("/consultants")
def consultants(request: Request, session: Db, who: Who) -> Response:
    return _consultants_page(request, session, who, email="", problems=[], added=None)


def _consultants_page(
    request: Request, session: Db, who: Who, status: int = 200, **context: Any
) -> Response:
    accounts = list(session.scalars(select(Consultant).order_by(Consultant.email)))
    return page(
        request,
        "consultants.html.j2",
        title="Consultants",
        who=who,
        status=status,
        accounts=accounts,
        **context,
    )


@router.post("/consultants")
def add_consultant(
    request: Request,
    session: Db,
    who: Who,
    email: Field,
    password: Field,
    again: Field,
    csrf: OptionalField = None,
) -> Response:
    check_csrf(who, csrf)
    email = normal_email(email)
    problems = account_problems(email, password, again)
    if not problems and email_taken(session, email):
        problems = ["An account with this e-mail address exists already."]
    if problems:
        return _consultants_page(
            request, session, who, 400, email=email, problems=problems, added=None
        )
    _new_consultant(session, email, password)
    record(session, "account created", consultant_id=who.consultant_id, detail=email)
    session.commit()
    return _consultants_page(request, session, who, email="", problems=[], added=email)


@router.get("/audit")
def audit_log(request: Request, session: Db, who: Who) -> Response:
    return page(request, "audit.html.j2", title="Audit log", who=who, entries=recent(session))
