"""Weighted means over answered questions, and roll-ups from respondents to groups."""

from __future__ import annotations

import numpy as np

from assessment.answers.matrix import AnswerMatrix
from assessment.scoring.group_moments import Moments


def membership(group_of: np.ndarray, n_groups: int) -> np.ndarray:
    """One-hot (items x groups) matrix: which group each item is in (e.g. each question's
    dimension, or each answer's question)."""
    m = np.zeros((len(group_of), n_groups))
    m[np.arange(len(group_of)), group_of] = 1.0
    return m


# Row blocks of about this many cells: a block's temporaries stay in cache and their memory
# is reused, where whole-matrix temporaries would take fresh pages (which the kernel clears).
BLOCK_CELLS = 2**18


def row_blocks(n_rows: int, row_width: int, min_cells: int = 0) -> list[slice]:
    """Consecutive slices covering n_rows rows, each about BLOCK_CELLS cells (or min_cells,
    when more)."""
    step = max(1, max(BLOCK_CELLS, min_cells) // max(row_width, 1))
    return [slice(start, min(start + step, n_rows)) for start in range(0, n_rows, step)]


def respondent_dimension_scores(matrix: AnswerMatrix, n_dimensions: int) -> np.ndarray:
    """(respondents x dimensions) weighted mean of answered questions; NaN where none answered."""
    weighted = membership(matrix.dimension_of, n_dimensions) * matrix.weights[:, None]
    means = np.empty((len(matrix.scores), n_dimensions))
    for rows in row_blocks(*matrix.scores.shape):
        block = matrix.scores[rows]
        answered = ~np.isnan(block)
        numerator = np.where(answered, block, 0.0) @ weighted
        denominator = answered.astype(float) @ weighted
        with np.errstate(invalid="ignore", divide="ignore"):
            means[rows] = np.where(denominator > 0, numerator / denominator, np.nan)
    return means


def group_means(values: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """(groups x columns) mean over the rows of each group, ignoring NaN; NaN if none."""
    return Moments.of(values, groups, n_groups).means()


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted mean over the values that are not NaN; None when all are NaN."""
    present = ~np.isnan(values)
    if not present.any():
        return None
    return float(np.sum(values[present] * weights[present]) / np.sum(weights[present]))
