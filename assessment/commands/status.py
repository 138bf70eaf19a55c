"""Collection status: who has answered, coverage so far, and what is still missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.answers.matrix import ANSWERED, DK, MISSING
from assessment.common.codes import codes_in
from assessment.common.engagement_lock import commit_lock
from assessment.loading.engagement import RESPONSES_DIR
from assessment.loading.responses import load_responses, response_files
from assessment.loading.setup import load_setup
from assessment.loading.web_answers import (
    Conflict,
    database_problem,
    read_web_answers,
    web_engine,
)
from assessment.scoring import cell_counts, coverage_by_unit

LEAST_ANSWERED_SHOWN = 5


@dataclass(frozen=True)
class Status:
    organisation: str
    files: int
    respondents: int
    units: list[str]  # unit names, in profile order
    roles: list[str]  # role labels
    counts: list[list[int]]  # units x roles
    dimensions: list[str]
    coverage: list[float]  # per dimension, overall
    unit_coverage: list[list[float]]  # units x dimensions
    missing: list[str]
    web: list[WebProgress] = field(default_factory=list)  # per unit and role with web activity
    conflicts: list[str] = field(default_factory=list)  # answered both on the web and in a file


@dataclass(frozen=True)
class WebProgress:
    unit: str
    role: str
    invited: int  # personal links made
    started: int  # of those, opened
    submitted: int  # of those, submitted
    in_progress: int  # drafts not yet submitted (personal and open links)


def web_progress(
    folder: Path, unit_names: dict[str, str], labels: dict[str, str]
) -> list[WebProgress]:
    """Invitations by status and drafts in progress, per unit and role: read from the web
    database, never scored."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from assessment.web.tables import Draft, Invitation

    opened = web_engine(folder)
    if opened is None:
        return []
    engine, engagement_id, shown = opened
    counts: dict[tuple[str, str], list[int]] = {}
    try:
        with Session(engine) as session:
            for unit, role, status, n in session.execute(
                select(Invitation.unit, Invitation.role, Invitation.status, func.count())
                .where(Invitation.engagement_id == engagement_id)
                .group_by(Invitation.unit, Invitation.role, Invitation.status)
            ):
                row = counts.setdefault((unit, role), [0, 0, 0, 0])
                row[0] += n
                if status in ("started", "submitted"):
                    row[1] += n
                if status == "submitted":
                    row[2] += n
            drafts = (
                select(Draft.unit, Draft.role, func.count())
                .outerjoin(Invitation, Draft.invitation_id == Invitation.id)
                .where(Draft.engagement_id == engagement_id)
                .where((Invitation.id.is_(None)) | (Invitation.status != "submitted"))
                .group_by(Draft.unit, Draft.role)
            )
            for unit, role, n in session.execute(drafts):
                counts.setdefault((unit, role), [0, 0, 0, 0])[3] += n
    except SQLAlchemyError as exc:
        raise database_problem(folder, shown, exc) from exc
    finally:
        engine.dispose()
    order = {u: i for i, u in enumerate(unit_names)}
    roles = {r: i for i, r in enumerate(labels)}
    return [
        WebProgress(unit_names.get(u, u), labels.get(r, r), *n)
        for (u, r), n in sorted(
            counts.items(), key=lambda k: (order.get(k[0][0], 99), roles.get(k[0][1], 99))
        )
    ]


def engagement_status(folder: Path) -> Status:
    setup = load_setup(folder)
    profile, questionnaire = setup.profile, setup.questionnaire.questionnaire
    units = [u.id for u in profile.business_units]
    unit_names = [u.name for u in profile.business_units]
    labels = questionnaire.role_labels
    roles = list(labels)
    dims = [d.name for d in questionnaire.dimensions]
    files = response_files(folder / RESPONSES_DIR) if (folder / RESPONSES_DIR).is_dir() else []
    web = read_web_answers(folder)
    progress = web_progress(folder, dict(zip(units, unit_names, strict=True)), labels)
    if not files and not (web and web.submissions):
        zeros = [[0] * len(roles) for _ in units]
        return Status(
            profile.organisation.name,
            0,
            0,
            unit_names,
            [labels[r] for r in roles],
            zeros,
            dims,
            [0.0] * len(dims),
            [[0.0] * len(dims) for _ in units],
            ["No responses yet: run `readiness collect` and send the workbooks out."],
            progress,
        )
    with commit_lock(folder, shared=True):  # no import's commit half seen
        responses = load_responses(folder / RESPONSES_DIR, questionnaire, profile, web)
    if responses.new_units:  # units the answers name and the profile does not: shown too
        profile = profile.model_copy(
            update={"business_units": [*profile.business_units, *responses.new_units]}
        )
        units = [u.id for u in profile.business_units]
        unit_names = [u.name for u in profile.business_units]
    matrix = responses.matrix
    people = matrix.respondents
    table = pd.crosstab(people["unit"], people["role"]).reindex(
        index=units, columns=roles, fill_value=0
    )
    codes = codes_in(people["unit"], units)
    counts = cell_counts(matrix, codes, len(units)).states
    unit_cov, overall = coverage_by_unit(counts, matrix.dimension_of, len(dims))

    missing = []
    for unit, name in zip(units, unit_names, strict=True):
        row = table.loc[unit]
        if row.sum() == 0:
            missing.append(f"{name}: nobody has answered yet.")
            continue
        absent = [labels[r] for r in roles if row[r] == 0]
        if absent:
            missing.append(f"{name}: no answers yet from {', '.join(absent).lower()}.")
    by_question = counts.sum(axis=0)
    applicable = by_question[:, [ANSWERED, DK, MISSING]].sum(axis=1)
    answered = by_question[:, ANSWERED]
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(applicable > 0, answered / applicable, 1.0)
    for j in np.argsort(rate, kind="stable")[:LEAST_ANSWERED_SHOWN]:
        if rate[j] < 1.0:
            missing.append(f"{matrix.question_ids[j]} is answered by {rate[j]:.0%} of those asked.")
    return Status(
        organisation=profile.organisation.name,
        files=len(files),
        respondents=len(people),
        units=unit_names,
        roles=[labels[r] for r in roles],
        counts=table.to_numpy().tolist(),
        dimensions=dims,
        coverage=[float(c) for c in overall],
        unit_coverage=unit_cov.tolist(),
        missing=missing,
        web=progress,
        conflicts=[_conflict_line(c) for c in responses.conflicts if not c.resolved],
    )


def _conflict_line(conflict: Conflict) -> str:
    counted = "web answers" if conflict.counted == "web" else "file answers"
    return (
        f"{conflict.respondent_id} answered on the web and in {', '.join(conflict.files)}; "
        f"the more recent {counted} count until you choose with "
        f"`readiness resolve FOLDER {conflict.respondent_id} --keep web|file`."
    )
