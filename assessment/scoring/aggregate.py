"""Weighted means over answered questions, and roll-ups from respondents to groups."""

from __future__ import annotations

import numpy as np

from assessment.scoring.matrix import AnswerMatrix


def membership(dimension_of: np.ndarray, n_dimensions: int) -> np.ndarray:
    """One-hot (questions x dimensions) matrix: which dimension each question scores."""
    m = np.zeros((len(dimension_of), n_dimensions))
    m[np.arange(len(dimension_of)), dimension_of] = 1.0
    return m


# Row blocks of about this many cells: a block's temporaries stay in cache and their memory
# is reused, where whole-matrix temporaries would take fresh pages (which the kernel clears).
BLOCK_CELLS = 2**18


def row_blocks(n_rows: int, row_width: int) -> list[slice]:
    """Consecutive slices covering n_rows rows, each about BLOCK_CELLS cells."""
    step = max(1, BLOCK_CELLS // max(row_width, 1))
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


def group_moments(
    values: np.ndarray, groups: np.ndarray, n_groups: int, squares: bool = False
) -> list[np.ndarray]:
    """Per group and column, ignoring NaN: how many values there are, their sum and, when
    asked, the sum of their squares; each (groups + 1, columns), the last row for the rows in
    no group (-1). Counted column by column, so the temporaries stay small (and in cache)."""
    group = np.where(groups >= 0, groups, n_groups).astype(np.intp)
    n_columns = values.shape[1]
    moments = [np.zeros((n_groups + 1, n_columns)) for _ in range(3 if squares else 2)]
    for j in range(n_columns):
        column = values[:, j]
        present = ~np.isnan(column)
        mine, column = group[present], column[present]
        moments[0][:, j] = np.bincount(mine, minlength=n_groups + 1)
        moments[1][:, j] = np.bincount(mine, weights=column, minlength=n_groups + 1)
        if squares:
            moments[2][:, j] = np.bincount(mine, weights=column * column, minlength=n_groups + 1)
    return moments


def group_means(values: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """(groups x columns) mean over the rows of each group, ignoring NaN; NaN if none."""
    counts, sums = group_moments(values, groups, n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        means: np.ndarray = np.where(counts > 0, sums / counts, np.nan)[:-1]
    return means


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted mean over the values that are not NaN; None when all are NaN."""
    present = ~np.isnan(values)
    if not present.any():
        return None
    return float(np.sum(values[present] * weights[present]) / np.sum(weights[present]))
