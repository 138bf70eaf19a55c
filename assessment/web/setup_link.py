"""The one-time set-up link for the first consultant account.

A start with no consultant yet issues a new link and voids any earlier one, so only the
newest printed link works; using it marks it used in the same transaction that creates the
account, so it works once even if two requests race.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, update
from sqlalchemy.orm import Session

from assessment.web.auth import any_consultant
from assessment.web.tables import SetupLink
from assessment.web.tokens import new_token, token_hash

SETUP_PATH = "/setup/"


def issue_setup_link(engine: Engine) -> str | None:
    """A new set-up token when nobody can sign in yet; None once an account exists."""
    with Session(engine) as session, session.begin():
        if any_consultant(session):
            return None
        session.execute(delete(SetupLink).where(SetupLink.used_at.is_(None)))
        token = new_token()
        session.add(SetupLink(token_hash=token_hash(token), created_at=dt.datetime.now(dt.UTC)))
    return token


def setup_link_valid(session: Session, token: str) -> bool:
    link = session.query(SetupLink).filter_by(token_hash=token_hash(token)).one_or_none()
    return link is not None and link.used_at is None and not any_consultant(session)


def use_setup_link(session: Session, token: str) -> bool:
    """Mark the link used, in the caller's transaction; False when it was not valid."""
    if any_consultant(session):
        return False
    used = session.execute(
        update(SetupLink)
        .where(SetupLink.token_hash == token_hash(token), SetupLink.used_at.is_(None))
        .values(used_at=dt.datetime.now(dt.UTC))
    )
    return bool(getattr(used, "rowcount", 0) == 1)
