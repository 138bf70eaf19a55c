"""Executives against practitioners: where leadership sees a different level."""

from __future__ import annotations

import numpy as np

from assessment.model.questionnaire import Questionnaire
from assessment.model.results import PerceptionResult
from assessment.scoring.matrix import AnswerMatrix
from assessment.scoring.policy import EXECUTIVE_ROLES, PERCEPTION_GAP_LEVELS, level_of
from assessment.scoring.rollup import org_rollup


def sides(matrix: AnswerMatrix, units: np.ndarray, n_units: int) -> np.ndarray:
    """Each respondent's group when the sides are told apart: a unit's practitioners keep the
    unit's position, its executives are n_units further on; no unit (-1) stays -1."""
    executive = matrix.respondents["role"].isin(EXECUTIVE_ROLES).to_numpy()
    return np.where(units >= 0, units + n_units * executive, -1)


def perception(
    side_scores: np.ndarray, consensus: str, questionnaire: Questionnaire
) -> list[PerceptionResult]:
    """`side_scores`: (2 x units, dimensions) each unit's practitioners, then its executives.
    Each side rolls up like the organisation (within units, then across them); a gap of a full
    level or more between the two is flagged."""
    n_units = len(side_scores) // 2
    prac_scores = org_rollup(side_scores[:n_units], consensus)
    exec_scores = org_rollup(side_scores[n_units:], consensus)
    exec_levels, prac_levels = level_of(exec_scores), level_of(prac_scores)
    results = []
    for i, d in enumerate(questionnaire.dimensions):
        both = not (np.isnan(exec_levels[i]) or np.isnan(prac_levels[i]))
        results.append(
            PerceptionResult(
                dimension_id=d.id,
                executive_score=None
                if np.isnan(exec_scores[i])
                else round(float(exec_scores[i]), 2),
                executive_level=None if np.isnan(exec_levels[i]) else int(exec_levels[i]),
                practitioner_score=None
                if np.isnan(prac_scores[i])
                else round(float(prac_scores[i]), 2),
                practitioner_level=None if np.isnan(prac_levels[i]) else int(prac_levels[i]),
                perception_gap=bool(
                    both and abs(exec_levels[i] - prac_levels[i]) >= PERCEPTION_GAP_LEVELS
                ),
            )
        )
    return results
