"""Drafts and submissions in the database: autosaves with revisions, and submissions that
become part of the engagement's answers.

Every accepted save is committed before the caller answers. A submission holds the
engagement's commit lock for its one transaction only, so readers of the engagement never
see half of it and `readiness import` can run beside the server.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment.common.engagement_lock import commit_lock
from assessment.web.respondent_answers import Sent
from assessment.web.tables import Draft, Invitation, Submission
from assessment.web.tokens import new_token, token_hash


class StaleRevision(Exception):
    """The draft changed since the form last saw it (another tab or device)."""


class AlreadySubmitted(Exception):
    """An anonymous invitation submits once."""


def rows_changed(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE or DELETE changed (the check that makes it conditional)."""
    result = cast(CursorResult[Any], session.execute(statement))
    return int(result.rowcount)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def named_draft(session: Session, invitation: Invitation) -> Draft:
    """The invitation's one draft, made on first visit: the same on every device."""
    draft = _draft_of_invitation(session, invitation)
    if draft is not None:
        return draft
    draft = _new_draft(
        session, invitation.engagement_id, invitation.unit, invitation.role, invitation.id
    )
    if invitation.status == "invited":
        invitation.status = "started"
    try:
        session.commit()
    except IntegrityError:  # another device made it a moment ago: use that one
        session.rollback()
        made = _draft_of_invitation(session, invitation)
        if made is None:
            raise
        return made
    return draft


def _draft_of_invitation(session: Session, invitation: Invitation) -> Draft | None:
    return session.scalar(select(Draft).where(Draft.invitation_id == invitation.id))


def new_anonymous_draft(
    session: Session, engagement_id: str, unit: str, role: str, invitation: Invitation | None
) -> str:
    """A draft known only by the random key returned (held by the respondent, never here).
    An anonymous invitation only learns that it was started."""
    key = new_token()
    draft = _new_draft(session, engagement_id, unit, role)
    draft.draft_key_hash = token_hash(key)
    if invitation is not None and invitation.status == "invited":
        invitation.status = "started"
    session.commit()
    return key


def _new_draft(
    session: Session, engagement_id: str, unit: str, role: str, invitation_id: int | None = None
) -> Draft:
    draft = Draft(
        engagement_id=engagement_id,
        draft_key_hash=token_hash(new_token()),  # replaced for anonymous drafts
        invitation_id=invitation_id,
        unit=unit,
        role=role,
        answers="{}",
        comments="{}",
        revision=0,
        updated_at=_now(),
    )
    session.add(draft)
    return draft


def anonymous_draft(session: Session, engagement_id: str, key: str) -> Draft | None:
    return session.scalar(
        select(Draft).where(
            Draft.engagement_id == engagement_id,
            Draft.draft_key_hash == token_hash(key),
            Draft.invitation_id.is_(None),
        )
    )


def save_draft(session: Session, draft: Draft, sent: Sent) -> tuple[int, dt.datetime]:
    """Store the answers as the draft's next revision and commit; StaleRevision when the
    draft is no longer at the revision the form saw."""
    saved_at = save_draft_in_transaction(session, draft, sent)
    session.commit()
    return sent.revision + 1, saved_at


def submit_named(
    session: Session,
    folder: Path,
    invitation: Invitation,
    draft: Draft,
    sent: Sent,
    counted: Sent,
) -> None:
    """The draft saved as sent and its counted answers stored under the invitation's
    pseudonym, replacing an earlier submission: one transaction under the commit lock."""
    assert invitation.respondent_id is not None
    respondent = invitation.respondent_id
    with commit_lock(folder):
        save_draft_in_transaction(session, draft, sent)
        row = session.scalar(
            select(Submission).where(
                Submission.engagement_id == invitation.engagement_id,
                Submission.respondent_id == respondent,
            )
        )
        if row is None:
            row = Submission(engagement_id=invitation.engagement_id, respondent_id=respondent)
            session.add(row)
        row.unit, row.role = invitation.unit, invitation.role
        row.answers = json.dumps(counted.answers, ensure_ascii=False, sort_keys=True)
        row.comments = json.dumps(counted.comments, ensure_ascii=False, sort_keys=True)
        row.revision = sent.revision + 1
        row.submitted_at = _now()
        invitation.status = "submitted"
        session.commit()


def save_draft_in_transaction(session: Session, draft: Draft, sent: Sent) -> dt.datetime:
    """The save, checked against the revision (a conditional update, so two workers saving at
    once cannot both win), not yet committed."""
    saved_at = update_draft_where(session, Draft.id == draft.id, sent)
    if saved_at is None:
        raise StaleRevision
    return saved_at


def update_draft_where(
    session: Session, condition: ColumnElement[bool], sent: Sent
) -> dt.datetime | None:
    """Store the answers as the next revision of the one draft that meets `condition` and is
    still at the revision the form saw; the time saved, or None (rolled back) when no single
    row matched. Not yet committed."""
    saved_at = _now()
    changed = rows_changed(
        session,
        update(Draft)
        .where(condition, Draft.revision == sent.revision)
        .values(
            answers=json.dumps(sent.answers, ensure_ascii=False, sort_keys=True),
            comments=json.dumps(sent.comments, ensure_ascii=False, sort_keys=True),
            revision=sent.revision + 1,
            updated_at=saved_at,
        )
        .execution_options(synchronize_session=False),
    )
    if changed != 1:
        session.rollback()
        return None
    return saved_at


def anonymous_time() -> dt.datetime:
    """An anonymous submission's time: the day only, so it cannot be matched to the moment a
    link was opened or a draft was last saved."""
    today = _now().date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def submit_anonymous(
    session: Session,
    folder: Path,
    draft: Draft,
    sent: Sent,
    counted: Sent,
    invitation: Invitation | None,
) -> None:
    """The answers under a fresh random pseudonym; the draft, the only thing that knew the
    draft key, deleted; the invitation (if any) told only that it was submitted."""
    with commit_lock(folder):
        if session.get_bind().dialect.name == "sqlite":
            # Deleted rows are overwritten, not left in free pages of the file.
            session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
        if invitation is not None:
            claimed = rows_changed(
                session,
                update(Invitation)
                .where(Invitation.id == invitation.id, Invitation.status != "submitted")
                .values(status="submitted")
                .execution_options(synchronize_session=False),
            )
            if claimed != 1:
                session.rollback()
                raise AlreadySubmitted
        gone = rows_changed(
            session,
            delete(Draft)
            .where(Draft.id == draft.id, Draft.revision == sent.revision)
            .execution_options(synchronize_session=False),
        )
        if gone != 1:
            session.rollback()
            raise StaleRevision
        session.add(
            Submission(
                engagement_id=draft.engagement_id,
                respondent_id=f"P-{secrets.token_hex(6)}",
                unit=draft.unit,
                role=draft.role,
                answers=json.dumps(counted.answers, ensure_ascii=False, sort_keys=True),
                comments=json.dumps(counted.comments, ensure_ascii=False, sort_keys=True),
                revision=1,
                submitted_at=anonymous_time(),
            )
        )
        session.commit()
    session.expunge(draft)


def draft_answers(draft: Draft) -> tuple[dict[str, str], dict[str, str]]:
    return json.loads(draft.answers), json.loads(draft.comments)
