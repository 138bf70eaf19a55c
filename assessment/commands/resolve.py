"""`readiness resolve`: the consultant chooses which answers of a respondent count when they
answered both on the web and in an imported file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assessment.loading.web_answers import Conflict, database_problem, web_engine
from assessment.model.errors import InputError, Problem
from assessment.web.conflicts import find_conflicts, resolve_conflict


def resolve(folder: Path, respondent_id: str, keep: str) -> Conflict:
    """Record the choice for a respondent in conflict; exit 2 for one who is not."""
    conflicts = {c.respondent_id: c for c in find_conflicts(folder)}
    conflict = conflicts.get(respondent_id.strip())
    if conflict is None:
        known = ", ".join(sorted(conflicts)) or "none"
        raise InputError(
            Problem(
                "command line",
                f"respondent '{respondent_id}' did not answer both on the web and in a file "
                f"(those who did: {known})",
                field="RESPONDENT_ID",
            )
        )
    opened = web_engine(folder)
    assert opened is not None  # a conflict needs web answers
    engine, engagement_id, shown = opened
    try:
        with Session(engine) as session:
            resolve_conflict(session, engagement_id, conflict.respondent_id, keep, None)
    except SQLAlchemyError as exc:
        raise database_problem(folder, shown, exc) from exc
    finally:
        engine.dispose()
    return conflict
