"""Weighted means over answered questions, and roll-ups from respondents to groups."""

from __future__ import annotations

import numpy as np

from assessment.scoring.matrix import AnswerMatrix


def membership(dimension_of: np.ndarray, n_dimensions: int) -> np.ndarray:
    """One-hot (questions x dimensions) matrix: which dimension each question scores."""
    m = np.zeros((len(dimension_of), n_dimensions))
    m[np.arange(len(dimension_of)), dimension_of] = 1.0
    return m


def respondent_dimension_scores(matrix: AnswerMatrix, n_dimensions: int) -> np.ndarray:
    """(respondents x dimensions) weighted mean of answered questions; NaN where none answered."""
    answered = ~np.isnan(matrix.scores)
    weighted = membership(matrix.dimension_of, n_dimensions) * matrix.weights[:, None]
    numerator = np.nan_to_num(matrix.scores) @ weighted
    denominator = answered.astype(float) @ weighted
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


# Up to this many (groups x rows) cells, group sums are one matrix product with a 0/1 table.
INDICATOR_CELLS = 20_000_000


def group_sums(values: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """(groups x columns) sum over the rows of each group (rows in no group, -1, are left out)."""
    values = np.asarray(values, dtype=float)
    inside = groups >= 0
    # In a product, one NaN would spoil every group's sum, not just its own.
    if n_groups * len(groups) <= INDICATOR_CELLS and np.isfinite(values).all():
        indicator = np.zeros((n_groups, len(groups)))
        indicator[groups[inside], np.flatnonzero(inside)] = 1.0
        sums: np.ndarray = indicator @ values
        return sums
    return np.stack(
        [
            np.bincount(groups[inside], weights=values[inside, j], minlength=n_groups)
            for j in range(values.shape[1])
        ],
        axis=1,
    ).reshape(n_groups, values.shape[1])


def state_counts(
    states: np.ndarray, groups: np.ndarray, n_groups: int, n_states: int
) -> np.ndarray:
    """(groups + 1, columns, states) how many cells of each column hold each state, per group;
    the last group gathers the rows in no group (-1). One count over all cells."""
    n_columns = states.shape[1]
    group = np.where(groups >= 0, groups, n_groups).astype(np.int64)
    keys = (group[:, None] * n_columns + np.arange(n_columns)) * n_states + states
    counts = np.bincount(keys.ravel(), minlength=(n_groups + 1) * n_columns * n_states)
    return counts.reshape(n_groups + 1, n_columns, n_states)


def group_means(values: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """(groups x columns) mean over the rows of each group, ignoring NaN; NaN if none."""
    sums = group_sums(np.nan_to_num(values), groups, n_groups)
    counts = group_sums((~np.isnan(values)).astype(float), groups, n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted mean over the values that are not NaN; None when all are NaN."""
    present = ~np.isnan(values)
    if not present.any():
        return None
    return float(np.sum(values[present] * weights[present]) / np.sum(weights[present]))
