"""Critical questions are gates: a dimension cannot be rated above a critical question's level."""

from __future__ import annotations

import numpy as np

from assessment.scoring.policy import level_of


def gate_caps(
    question_scores: np.ndarray, critical: np.ndarray, dimension_of: np.ndarray, n_dims: int
) -> np.ndarray:
    """(groups x dimensions) highest level each group may reach: the lowest level among the
    dimension's answered critical questions, 5 where none applies."""
    caps = np.full((question_scores.shape[0], n_dims), 5.0)
    for j in np.flatnonzero(critical):
        q_levels = level_of(question_scores[:, j])
        d = dimension_of[j]
        caps[:, d] = np.fmin(caps[:, d], np.where(np.isnan(q_levels), 5.0, q_levels))
    return caps


def capped_levels(scores: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Levels from scores, no higher than the caps; NaN stays NaN."""
    return np.where(np.isnan(scores), np.nan, np.fmin(level_of(scores), caps))


def gap_scores(
    scores: np.ndarray,
    question_scores: np.ndarray,
    critical: np.ndarray,
    dimension_of: np.ndarray,
) -> np.ndarray:
    """(groups x dimensions) the score each gap is measured from: the score itself, or, when a
    critical question holds the level below the score's own, that question's score (the
    lowest critical one, which is the one that sets the cap)."""
    lowest = np.full(scores.shape, np.inf)
    for j in np.flatnonzero(critical):
        d = dimension_of[j]
        column = np.where(np.isnan(question_scores[:, j]), np.inf, question_scores[:, j])
        lowest[:, d] = np.fmin(lowest[:, d], column)
    with np.errstate(invalid="ignore"):
        held = level_of(lowest) < level_of(scores)
    return np.where(held, np.fmin(scores, lowest), scores)
