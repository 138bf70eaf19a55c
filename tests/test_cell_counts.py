"""One count over the answer matrix gives the same state counts, unit question scores and
typical answers as counting each of them cell by cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings

from assessment.answers.matrix import ANSWERED, N_STATES, build_matrix
from assessment.common.codes import codes_in
from assessment.scoring.cell_counts import cell_counts
from tests.test_scoring_properties import QUESTIONNAIRE, UNITS, answer_sets


@settings(max_examples=60, deadline=None)
@given(answer_sets())
def test_counts_match_a_cell_by_cell_count(answers: pd.DataFrame) -> None:
    matrix = build_matrix(answers, QUESTIONNAIRE)
    units = codes_in(matrix.respondents["unit"], UNITS)
    counted = cell_counts(matrix, units, len(UNITS))
    n_questions = len(matrix.question_ids)
    for u in range(len(UNITS)):
        mine = units == u
        for j in range(n_questions):
            states = matrix.states[mine, j]
            expected = [int((states == s).sum()) for s in range(N_STATES)]
            assert counted.states[u, j].tolist() == expected
            scores = matrix.scores[mine, j]
            answered = scores[~np.isnan(scores)]
            mean = counted.question_means()[u, j]
            if len(answered):
                assert np.isclose(mean, answered.mean())
            else:
                assert np.isnan(mean)
    # Answered cells by (question, answer) pair, over everyone.
    answered_codes = matrix.codes[matrix.states == ANSWERED]
    expected_pairs = np.bincount(answered_codes, minlength=len(matrix.pair_answers) - 1)
    assert counted.answers.sum(axis=0).tolist() == expected_pairs.tolist()


def test_rows_in_no_unit_are_counted_apart() -> None:
    rows = [("r1", "north", "executive", "A-01", "3"), ("r2", "north", "executive", "A-01", "5")]
    frame = pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])
    matrix = build_matrix(frame, QUESTIONNAIRE)
    counted = cell_counts(matrix, np.array([0, -1]), 1)
    a1 = matrix.question_ids.index("A-01")
    assert counted.question_means()[0, a1] == 3.0
    assert counted.question_means()[1, a1] == 5.0
