"""Collection status: who has answered, coverage so far, and what is still missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.answers.matrix import ANSWERED, DK, MISSING
from assessment.common.codes import codes_in
from assessment.common.engagement_lock import commit_lock
from assessment.loading.engagement import RESPONSES_DIR
from assessment.loading.responses import load_responses, response_files
from assessment.loading.setup import load_setup
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


def engagement_status(folder: Path) -> Status:
    setup = load_setup(folder)
    profile, questionnaire = setup.profile, setup.questionnaire.questionnaire
    units = [u.id for u in profile.business_units]
    unit_names = [u.name for u in profile.business_units]
    labels = questionnaire.role_labels
    roles = list(labels)
    dims = [d.name for d in questionnaire.dimensions]
    files = response_files(folder / RESPONSES_DIR) if (folder / RESPONSES_DIR).is_dir() else []
    if not files:
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
        )
    with commit_lock(folder, shared=True):  # no import's commit half seen
        responses = load_responses(folder / RESPONSES_DIR, questionnaire, profile)
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
    )
