"""The usual autosave in one statement.

An autosave from a page this server made carries a CSRF token bound to its link (or anonymous
draft), which nobody can make without the engagement's key: such a request is no guess. Its
save is then one conditional UPDATE: the right draft, at the revision the form saw, on an open
survey. When that changes no row, the caller sends the request the long way, which finds and
says what is wrong (closed, changed elsewhere, unknown) exactly as before.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from assessment.web.answer_store import update_draft_where
from assessment.web.respondent_answers import Sent
from assessment.web.tables import Draft, EngagementRow, Invitation, OpenLink


def _survey_open(engagement_id: str) -> ColumnElement[bool]:
    return exists().where(EngagementRow.id == engagement_id, EngagementRow.survey_open)


def _saved(session: Session, condition: ColumnElement[bool], sent: Sent) -> dt.datetime | None:
    saved_at = update_draft_where(session, condition, sent)
    if saved_at is not None:
        session.commit()  # acknowledged only once on disk
    return saved_at


def save_named_at_once(
    session: Session, engagement_id: str, token_hash: str, sent: Sent
) -> dt.datetime | None:
    """Save a personal link's draft; the time saved, or None when no row matched."""
    invitation = (
        select(Invitation.id)
        .where(
            Invitation.token_hash == token_hash,
            Invitation.engagement_id == engagement_id,
            Invitation.anonymous.is_(False),
        )
        .scalar_subquery()
    )
    return _saved(
        session, and_(Draft.invitation_id == invitation, _survey_open(engagement_id)), sent
    )


def save_anonymous_at_once(
    session: Session, engagement_id: str, kind: str, token_hash: str, key_hash: str, sent: Sent
) -> dt.datetime | None:
    """Save an anonymous draft reached through its link (an anonymous invitation, "i", or an
    open link, "o", replaced or not); the time saved, or None when no row matched."""
    if kind == "i":
        link = exists().where(
            Invitation.token_hash == token_hash,
            Invitation.engagement_id == engagement_id,
            Invitation.anonymous.is_(True),
            Invitation.unit == Draft.unit,
            Invitation.role == Draft.role,
        )
    else:
        link = exists().where(
            OpenLink.token_hash == token_hash,
            OpenLink.engagement_id == engagement_id,
            OpenLink.unit == Draft.unit,
            OpenLink.role == Draft.role,
        )
    condition = and_(
        Draft.draft_key_hash == key_hash,
        Draft.engagement_id == engagement_id,
        Draft.invitation_id.is_(None),
        link,
        _survey_open(engagement_id),
    )
    return _saved(session, condition, sent)
