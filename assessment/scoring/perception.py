"""Executives against practitioners: where leadership sees the same questions differently.

The two groups are compared on the same questions only, and only on questions each group
answered in numbers of at least the report's minimum group size: a question only one side is
asked, or one a handful answered, would make a gap of who answered rather than of views."""

from __future__ import annotations

import numpy as np

from assessment.answers.matrix import AnswerMatrix
from assessment.common.formatting import round_half_up
from assessment.model.results import PerceptionResult
from assessment.scoring.policy import PERCEPTION_GAP_POINTS, level_of_score
from assessment.scoring.rollup import org_rollup


def sides(
    matrix: AnswerMatrix, units: np.ndarray, n_units: int, executive_roles: frozenset[str]
) -> np.ndarray:
    """Each respondent's group when the sides are told apart: a unit's practitioners keep the
    unit's position, its executives are n_units further on; no unit (-1) stays -1."""
    executive = matrix.respondents["role"].isin(executive_roles).to_numpy()
    return np.where(units >= 0, units + n_units * executive, -1)


def perception(
    side_q: np.ndarray,
    side_answered: np.ndarray,
    consensus: str,
    matrix: AnswerMatrix,
    dimension_ids: list[str],
    min_group_size: int,
) -> list[PerceptionResult]:
    """`side_q`: (2 x units, questions) question scores of each unit's practitioners, then its
    executives; `side_answered`: how many answered each, in the same layout. Each side's
    question scores roll up like the organisation's (within units, then across them); a
    dimension's side score is the weighted mean over the questions compared."""
    n_units = len(side_q) // 2
    prac_q = org_rollup(side_q[:n_units], consensus)
    exec_q = org_rollup(side_q[n_units:], consensus)
    prac_n = side_answered[:n_units].sum(axis=0)
    exec_n = side_answered[n_units:].sum(axis=0)
    results = []
    for i, dim_id in enumerate(dimension_ids):
        mine = matrix.dimension_of == i
        compared = mine & (exec_n >= min_group_size) & (prac_n >= min_group_size)
        if not compared.any():
            results.append(_not_shown(dim_id, mine, exec_n, prac_n, min_group_size))
            continue
        weights = matrix.weights[compared]
        executives = float(np.dot(exec_q[compared], weights) / weights.sum())
        practitioners = float(np.dot(prac_q[compared], weights) / weights.sum())
        # The gap of the scores as shown (one decimal, half up), and judged on it, so that the
        # numbers a reader sees subtract exactly and agree with the verdict.
        gap = round_half_up(round_half_up(executives) - round_half_up(practitioners))
        results.append(
            PerceptionResult(
                dimension_id=dim_id,
                shown=True,
                question_ids=[matrix.question_ids[j] for j in np.flatnonzero(compared)],
                executive_score=round(executives, 2),
                executive_level=level_of_score(executives),
                practitioner_score=round(practitioners, 2),
                practitioner_level=level_of_score(practitioners),
                gap_points=gap,
                perception_gap=bool(abs(gap) >= PERCEPTION_GAP_POINTS - 1e-9),
            )
        )
    return results


def _not_shown(
    dim_id: str, mine: np.ndarray, exec_n: np.ndarray, prac_n: np.ndarray, minimum: int
) -> PerceptionResult:
    if not (exec_n[mine] > 0).any():
        why = "no executive answered these questions"
    elif not (prac_n[mine] > 0).any():
        why = "no practitioner answered these questions"
    elif not ((exec_n[mine] > 0) & (prac_n[mine] > 0)).any():
        why = "executives and practitioners answered none of the same questions"
    else:
        why = (
            f"no question was answered by at least {minimum} executives and {minimum} practitioners"
        )
    return PerceptionResult(
        dimension_id=dim_id,
        shown=False,
        not_shown_reason=why,
        question_ids=[],
        executive_score=None,
        executive_level=None,
        practitioner_score=None,
        practitioner_level=None,
        gap_points=None,
        perception_gap=False,
    )
