"""Coverage: the share of applicable questions that were answered, per unit and overall."""

from __future__ import annotations

import numpy as np

from assessment.scoring.aggregate import group_sums, membership
from assessment.scoring.matrix import ANSWERED, DK, MISSING, AnswerMatrix


def coverage_by_unit(
    matrix: AnswerMatrix, units: np.ndarray, n_units: int, n_dims: int
) -> tuple[np.ndarray, np.ndarray]:
    """(units x dimensions) and (dimensions,) coverage. N/A answers and questions not put to a
    respondent are left out; "don't know" and blanks count against coverage. A group with
    nothing applicable has coverage 0."""
    m = membership(matrix, n_dims)
    answered = group_sums((matrix.states == ANSWERED).astype(float), units, n_units) @ m
    applicable = (
        group_sums(np.isin(matrix.states, (ANSWERED, DK, MISSING)).astype(float), units, n_units)
        @ m
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = np.where(applicable > 0, answered / applicable, 0.0)
        total_applicable = applicable.sum(axis=0)
        overall = np.where(total_applicable > 0, answered.sum(axis=0) / total_applicable, 0.0)
    return unit, overall
