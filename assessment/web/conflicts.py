"""Respondents who answered both on the web and in an imported file: found as every command
finds them (the loader counts the most recent until the consultant chooses), and resolved by
the consultant's choice, which then counts for every command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.common.engagement_lock import commit_lock
from assessment.loading.engagement import load_engagement
from assessment.loading.web_answers import Conflict
from assessment.model.errors import InputError, Problem
from assessment.web.tables import AuditEntry, ConflictChoice, EngagementRow

KEEP = ("web", "file")

__all__ = ["Conflict", "find_conflicts", "resolve_conflict"]


def find_conflicts(folder: Path) -> list[Conflict]:
    """Every respondent found in both places, resolved or not, with what counts now."""
    return load_engagement(folder).responses.conflicts


def resolve_conflict(
    session: Session,
    engagement_id: str,
    respondent_id: str,
    keep: str,
    consultant_id: int | None,
) -> None:
    """Record which answers count ("web" or "file") and who chose; committed under the
    engagement's commit lock, since it changes the engagement's answers."""
    if keep not in KEEP:
        raise ValueError(f"keep must be 'web' or 'file', not {keep!r}")
    folder = session.scalar(select(EngagementRow.folder).where(EngagementRow.id == engagement_id))
    if folder is None:
        raise InputError(Problem("web database", f"no engagement {engagement_id}"))
    now = dt.datetime.now(dt.UTC)
    with commit_lock(Path(folder)):
        choice = session.scalar(
            select(ConflictChoice).where(
                ConflictChoice.engagement_id == engagement_id,
                ConflictChoice.respondent_id == respondent_id,
            )
        )
        if choice is None:
            choice = ConflictChoice(engagement_id=engagement_id, respondent_id=respondent_id)
            session.add(choice)
        choice.keep, choice.chosen_by, choice.chosen_at = keep, consultant_id, now
        session.add(
            AuditEntry(
                at=now,
                consultant_id=consultant_id,
                engagement_id=engagement_id,
                action="resolved conflict",
                detail=json.dumps({"respondent": respondent_id, "keep": keep}),
            )
        )
        session.commit()
