"""The audit log: who signed in, closed, reopened, resolved or rendered what, and when.

An entry is added to the caller's session, so it is committed in the same transaction as the
change it records: either both are kept or neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.web.tables import AuditEntry, Consultant, EngagementRow

ENTRIES_SHOWN = 500


def record(
    session: Session,
    action: str,
    *,
    consultant_id: int | None,
    engagement_id: str | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            consultant_id=consultant_id,
            engagement_id=engagement_id,
            action=action,
            detail=detail,
        )
    )


@dataclass(frozen=True)
class AuditLine:
    at: dt.datetime
    who: str
    engagement: str
    action: str
    detail: str


def recent(session: Session, engagement_id: str | None = None) -> list[AuditLine]:
    """The newest entries first, with the consultant's e-mail and the engagement's slug."""
    query = (
        select(AuditEntry, Consultant.email, EngagementRow.slug)
        .outerjoin(Consultant, Consultant.id == AuditEntry.consultant_id)
        .outerjoin(EngagementRow, EngagementRow.id == AuditEntry.engagement_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(ENTRIES_SHOWN)
    )
    if engagement_id is not None:
        query = query.where(AuditEntry.engagement_id == engagement_id)
    return [
        AuditLine(entry.at, email or "", slug or "", entry.action, entry.detail)
        for entry, email, slug in session.execute(query)
    ]
