"""What a respondent's link opens: its invitation or open link, the engagement behind it,
and the checks every request on it passes (guessing is rate-limited; writes carry a CSRF
token bound to the link or draft)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.collect.pseudonyms import engagement_key
from assessment.loading.setup import Setup, load_setup
from assessment.web.rate_limit import allow
from assessment.web.tables import Attempt, EngagementRow, Invitation, OpenLink
from assessment.web.tokens import same_secret, token_hash
from assessment.web.workspace import ServedEngagement

MISSES_ALLOWED = 20  # wrong links per client address and window, before every link is refused
MISS_WINDOW_SECONDS = 300


@dataclass(frozen=True)
class Link:
    """An invitation ("i") or open link ("o") that opened, on a served engagement."""

    engagement: ServedEngagement
    kind: str
    token: str
    unit: str
    role: str
    anonymous: bool
    survey_open: bool
    invitation: Invitation | None

    @property
    def path(self) -> str:
        return f"/s/{self.engagement.slug}/{self.kind}/{self.token}"


class TooManyMisses(HTTPException):
    def __init__(self, retry_after: int) -> None:
        super().__init__(status_code=429, headers={"Retry-After": str(retry_after)})


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _miss_key(request: Request) -> str:
    return f"respondent-link:{_client(request)}"


def _window_start(now: dt.datetime) -> dt.datetime:
    start = int(now.timestamp()) // MISS_WINDOW_SECONDS * MISS_WINDOW_SECONDS
    return dt.datetime.fromtimestamp(start, dt.UTC)


def _retry_after(now: dt.datetime) -> int:
    return MISS_WINDOW_SECONDS - int(now.timestamp()) % MISS_WINDOW_SECONDS


def refuse_if_guessing(session: Session, request: Request) -> None:
    """429 before any look-up once an address has tried too many wrong links: a right
    guess must not be told apart from a wrong one after the limit."""
    now = dt.datetime.now(dt.UTC)
    count = session.scalar(
        select(Attempt.count).where(
            Attempt.key == _miss_key(request), Attempt.window_start == _window_start(now)
        )
    )
    if count is not None and count >= MISSES_ALLOWED:
        raise TooManyMisses(_retry_after(now))


def not_found(session: Session, request: Request) -> HTTPException:
    """A wrong link: 404 with nothing about whether it ever existed; counted per address."""
    if not allow(session, _miss_key(request), MISSES_ALLOWED, MISS_WINDOW_SECONDS):
        return TooManyMisses(_retry_after(dt.datetime.now(dt.UTC)))
    return HTTPException(status_code=404)


def open_link(
    session: Session,
    request: Request,
    engagement: ServedEngagement,
    kind: str,
    token: str,
    resuming: bool = False,
    vouched: bool = False,
) -> Link:
    """The link's invitation or open link; 404 (counted) for anything else. A replaced
    open link still resumes the drafts begun on it, but starts no new one. A `vouched`
    request (its CSRF token shows its page came from here) is not held to the guessing limit."""
    if not vouched:
        refuse_if_guessing(session, request)
    survey_open = select(EngagementRow.survey_open).where(EngagementRow.id == engagement.id)
    hashed = token_hash(token)
    if kind == "i":
        found_invitation = session.execute(
            select(Invitation, survey_open.scalar_subquery()).where(
                Invitation.token_hash == hashed, Invitation.engagement_id == engagement.id
            )
        ).first()
        if found_invitation is not None:
            invitation, is_open = found_invitation
            return Link(
                engagement,
                kind,
                token,
                invitation.unit,
                invitation.role,
                invitation.anonymous,
                bool(is_open),
                invitation,
            )
    elif kind == "o":
        found_link = session.execute(
            select(OpenLink, survey_open.scalar_subquery()).where(
                OpenLink.token_hash == hashed, OpenLink.engagement_id == engagement.id
            )
        ).first()
        if found_link is not None and (found_link[0].active or resuming):
            found, is_open = found_link
            return Link(engagement, kind, token, found.unit, found.role, True, bool(is_open), None)
    raise not_found(session, request)


@lru_cache(maxsize=64)
def _key(folder: Path) -> bytes:
    return engagement_key(folder)


def csrf_token(folder: Path, bound_to: str) -> str:
    """A token only this engagement's server can make, bound to one link or draft: HMAC with
    the engagement's private key (the same on every worker that serves the folder)."""
    return hmac.new(_key(folder), f"csrf {bound_to}".encode(), hashlib.sha256).hexdigest()


def csrf_matches(request: Request, folder: Path, bound_to: str) -> bool:
    given = request.headers.get("x-csrf-token", "")
    return bool(given) and same_secret(given, csrf_token(folder, bound_to))


def check_csrf(request: Request, folder: Path, bound_to: str) -> None:
    if not csrf_matches(request, folder, bound_to):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")


@lru_cache(maxsize=16)
def _setup(folder: Path, stamp: float) -> Setup:
    return load_setup(folder)


def engagement_setup(folder: Path) -> Setup:
    """The engagement's questionnaire and profile, read again when assessment.yaml changes."""
    from assessment.loading.profile_files import PROFILE_FILE

    return _setup(folder, (folder / PROFILE_FILE).stat().st_mtime)
