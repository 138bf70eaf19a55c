"""Coverage: the share of applicable questions that were answered, per unit and overall."""

from __future__ import annotations

import numpy as np

from assessment.answers.matrix import ANSWERED, DK, MISSING
from assessment.scoring.aggregate import membership


def coverage_by_unit(
    counts: np.ndarray, dimension_of: np.ndarray, n_dims: int
) -> tuple[np.ndarray, np.ndarray]:
    """(units x dimensions) and (dimensions,) coverage from state counts (units + 1 x
    questions x states, see state_counts; the last row, people in no unit, is left out).
    N/A answers and questions not put to a respondent are left out; "don't know" and blanks
    count against coverage. A group with nothing applicable has coverage 0."""
    per_unit = counts[:-1]
    m = membership(dimension_of, n_dims)
    answered = per_unit[:, :, ANSWERED] @ m
    applicable = per_unit[:, :, [ANSWERED, DK, MISSING]].sum(axis=2) @ m
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = np.where(applicable > 0, answered / applicable, 0.0)
        total_applicable = applicable.sum(axis=0)
        overall = np.where(total_applicable > 0, answered.sum(axis=0) / total_applicable, 0.0)
    return unit, overall
