"""One count over the answer matrix: how many cells of each unit hold each answer or state.

State counts (for coverage and the question table), question scores per unit and the most
frequent answers all follow from these few thousand numbers, so the millions of cells are
passed over once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assessment.answers.matrix import ANSWERED, N_STATES, AnswerMatrix
from assessment.scoring.aggregate import membership, row_blocks


@dataclass(frozen=True)
class CellCounts:
    """Per group (the last gathers rows in no group): answered cells per (question, answer)
    pair, and cells per question and state."""

    answers: np.ndarray  # (groups + 1, pairs)
    states: np.ndarray  # (groups + 1, questions, states)
    scored: np.ndarray  # (pairs, questions) each pair's score in its question's column

    def folded(self, parts: int) -> CellCounts:
        """Groups numbered part x n + g merged into g: e.g. each unit's two sides into the unit."""

        def fold(a: np.ndarray) -> np.ndarray:
            n = (len(a) - 1) // parts
            return np.concatenate([a[:-1].reshape(parts, n, *a.shape[1:]).sum(axis=0), a[-1:]])

        return CellCounts(fold(self.answers), fold(self.states), self.scored)

    def question_means(self) -> np.ndarray:
        """(groups + 1, questions) mean score of the answered cells; NaN where none."""
        sums = self.answers @ self.scored  # a few pairs per question: no pass over cells
        answered = self.states[:, :, ANSWERED]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(answered > 0, sums / np.maximum(answered, 1), np.nan)


def cell_counts(matrix: AnswerMatrix, groups: np.ndarray, n_groups: int) -> CellCounts:
    """Count every cell once: an answered cell by its (question, answer) pair, any other cell
    by its question and state."""
    n_pairs = len(matrix.pair_answers) - 1  # the last slot stands for "no answer"
    n_rows, n_questions = matrix.states.shape
    width = n_pairs + n_questions * N_STATES
    size = (n_groups + 1) * width
    dtype = np.int32 if size < 2**31 else np.int64
    group_start = (np.where(groups >= 0, groups.astype(np.int64), n_groups) * width).astype(dtype)
    state_start = (n_pairs + np.arange(n_questions) * N_STATES).astype(dtype)
    counts = np.zeros(size, dtype=np.int64)
    # In blocks of rows, so the keys never take more memory than the cache holds; but never
    # fewer cells to a block than counts in the table, which each block's count fills anew.
    for rows in row_blocks(n_rows, n_questions, min_cells=size):
        states = matrix.states[rows]
        keys = np.where(states == ANSWERED, matrix.codes[rows], state_start + states)
        keys += group_start[rows, None]
        counts += np.bincount(keys.ravel(), minlength=size)
    table = counts.reshape(n_groups + 1, width)
    states = table[:, n_pairs:].reshape(n_groups + 1, n_questions, N_STATES).copy()
    answers = table[:, :n_pairs]
    question_of = membership(matrix.pair_questions[:n_pairs], n_questions)  # pairs x questions
    states[:, :, ANSWERED] = answers @ question_of
    # Pairs that score nothing are never counted here, but 0 x NaN would spoil a sum.
    scored = question_of * np.nan_to_num(matrix.pair_scores[:n_pairs])[:, None]
    return CellCounts(answers, states, scored)
