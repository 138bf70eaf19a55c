"""Executives against practitioners: where leadership sees a different level."""

from __future__ import annotations

import numpy as np

from assessment.model.questionnaire import Questionnaire
from assessment.model.results import PerceptionResult
from assessment.scoring.matrix import AnswerMatrix
from assessment.scoring.policy import EXECUTIVE_ROLES, PERCEPTION_GAP_LEVELS, level_of
from assessment.scoring.rollup import org_rollup, unit_rollup


def perception(
    per_respondent: np.ndarray,
    matrix: AnswerMatrix,
    units: np.ndarray,
    n_units: int,
    consensus: str,
    questionnaire: Questionnaire,
) -> list[PerceptionResult]:
    """Each side rolled up like the organisation (within units, then across them); a gap of a
    full level or more between the two is flagged."""
    executive = matrix.respondents["role"].isin(EXECUTIVE_ROLES).to_numpy()

    def side(mask: np.ndarray) -> np.ndarray:
        # The other side's rows count as in no unit: no copy of the scores is needed.
        mine = np.where(mask, units, -1)
        return org_rollup(unit_rollup(per_respondent, mine, n_units, consensus), consensus)

    exec_scores, prac_scores = side(executive), side(~executive)
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
