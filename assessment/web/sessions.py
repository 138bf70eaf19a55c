"""Consultants' sign-in sessions and the CSRF tokens their forms carry.

The session id lives only in an HttpOnly, SameSite=Strict cookie (Secure behind TLS) and the
database keeps its hash, so a copy of the database signs nobody in. A session ends after
IDLE_HOURS without use, or at sign-out.

Forms shown before sign-in (sign-in, set-up) carry a token that must equal a cookie of their
own (double submit), so another site cannot sign a browser in to an account of its choosing.
"""

from __future__ import annotations

import datetime as dt

from fastapi import HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assessment.web.app import workspace_of
from assessment.web.auth import SignedIn, SignInRequired
from assessment.web.tables import Consultant, SignInSession
from assessment.web.tokens import new_token, same_secret, token_hash

IDLE_HOURS = 12
EXTEND_AFTER = dt.timedelta(minutes=5)  # slide the expiry at most this often: fewer writes
SESSION_COOKIE = "readiness_session"
FORM_COOKIE = "readiness_form"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; every time stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def cookie_name(request: Request, base: str) -> str:
    # "__Host-" makes browsers refuse the cookie unless it is Secure, host-only and for "/".
    return f"__Host-{base}" if workspace_of(request).secure_cookies else base


def _set_cookie(request: Request, response: Response, base: str, value: str) -> None:
    response.set_cookie(
        cookie_name(request, base),
        value,
        httponly=True,
        samesite="strict",
        secure=workspace_of(request).secure_cookies,
        path="/",
    )


def start_session(
    session: Session, request: Request, response: Response, consultant_id: int
) -> None:
    """Sign `consultant_id` in: a new session row (in the caller's transaction) and its
    cookie on `response`."""
    secret = new_token()
    now = _now()
    session.add(
        SignInSession(
            id_hash=token_hash(secret),
            consultant_id=consultant_id,
            csrf_token=new_token(),
            created_at=now,
            expires_at=now + dt.timedelta(hours=IDLE_HOURS),
        )
    )
    _set_cookie(request, response, SESSION_COOKIE, secret)


def _session_row(session: Session, request: Request) -> SignInSession | None:
    secret = request.cookies.get(cookie_name(request, SESSION_COOKIE))
    if not secret:
        return None
    row = session.get(SignInSession, token_hash(secret))
    if row is None:
        return None
    if aware(row.expires_at) <= _now():
        session.delete(row)
        session.commit()
        return None
    return row


def signed_in(session: Session, request: Request) -> SignedIn | None:
    """The consultant this request's cookie signs in, or None; extends the idle expiry."""
    row = _session_row(session, request)
    if row is None:
        return None
    email = session.scalar(select(Consultant.email).where(Consultant.id == row.consultant_id))
    if email is None:
        return None
    expires = _now() + dt.timedelta(hours=IDLE_HOURS)
    if expires - aware(row.expires_at) > EXTEND_AFTER:
        row.expires_at = expires
        session.commit()
    return SignedIn(row.consultant_id, email, row.csrf_token)


def require_consultant(session: Session, request: Request) -> SignedIn:
    who = signed_in(session, request)
    if who is None:
        raise SignInRequired
    return who


def check_csrf(who: SignedIn, given: str | None) -> None:
    """A consultant's form must carry its session's token: 403 otherwise."""
    if not given or not same_secret(given, who.csrf_token):
        raise HTTPException(status_code=403, detail="The form has expired: reload the page.")


def end_session(session: Session, request: Request, response: Response) -> None:
    secret = request.cookies.get(cookie_name(request, SESSION_COOKIE))
    if secret:
        session.execute(delete(SignInSession).where(SignInSession.id_hash == token_hash(secret)))
    response.delete_cookie(
        cookie_name(request, SESSION_COOKIE),
        path="/",
        secure=workspace_of(request).secure_cookies,
        httponly=True,
        samesite="strict",
    )


def end_expired(session: Session) -> None:
    session.execute(delete(SignInSession).where(SignInSession.expires_at < _now()))


def form_token(request: Request, response: Response) -> str:
    """The token a pre-sign-in form carries; its cookie is set when missing."""
    token = request.cookies.get(cookie_name(request, FORM_COOKIE))
    if not token:
        token = new_token()
        _set_cookie(request, response, FORM_COOKIE, token)
    return token


def check_form_token(request: Request, given: str | None) -> None:
    cookie = request.cookies.get(cookie_name(request, FORM_COOKIE))
    if not given or not cookie or not same_secret(given, cookie):
        raise HTTPException(status_code=403, detail="The form has expired: reload the page.")
