"""Tidy answers -> a respondents x questions matrix of scores, plus what each cell means."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.columns import codes_of, sorted_codes_of
from assessment.model.questionnaire import Questionnaire
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE
from assessment.scoring.question_scores import answer_number, answer_score
from assessment.scoring.visibility import visibility

# Cell states besides a numeric answer.
ANSWERED, NA, DK, MISSING, NOT_ASKED = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class AnswerMatrix:
    """Scores of scored questions (NaN unless answered) and the state of every cell."""

    respondents: pd.DataFrame  # index: respondent id; columns: unit, role
    question_ids: list[str]
    dimension_of: np.ndarray  # (questions,) dimension position of each question
    weights: np.ndarray  # (questions,)
    critical: np.ndarray  # (questions,) bool
    scores: np.ndarray  # (respondents, questions) float, NaN when not answered
    numbers: np.ndarray  # (respondents, questions) the number a numeric question was given
    states: np.ndarray  # (respondents, questions) int8, one of the states above


def build_matrix(answers: pd.DataFrame, questionnaire: Questionnaire) -> AnswerMatrix:
    scored = [(d, q) for d, q in questionnaire.questions() if q.scored]
    questions = [q for _, q in scored]
    question_ids = [q.id for q in questions]
    dim_pos = {d.id: i for i, d in enumerate(questionnaire.dimensions)}

    # Respondents sorted by id, so results never depend on the order of rows or files.
    r_all, r_ids = sorted_codes_of(answers["respondent"])
    # First row of each respondent: written back to front, so the earliest row wins.
    first = np.full(len(r_ids), -1, dtype=np.int64)
    first[r_all[::-1]] = np.arange(len(r_all) - 1, -1, -1)
    present = np.flatnonzero(first >= 0)
    first_row = first[present]
    r_ids = r_ids[present]  # respondents with rows, in sorted order
    renumber = np.full(len(first), -1, dtype=np.int64)
    renumber[present] = np.arange(len(present))
    r_all = renumber[r_all]
    unit_codes, unit_values = codes_of(answers["unit"])
    role_codes, role_values = codes_of(answers["role"])
    respondents = pd.DataFrame(
        {"unit": unit_values[unit_codes[first_row]], "role": role_values[role_codes[first_row]]},
        index=pd.Index(r_ids, name="respondent"),
    )
    q_codes, q_values = codes_of(answers["question"])
    position = {qid: j for j, qid in enumerate(question_ids)}
    q_map = np.array([position.get(q, -1) for q in q_values] + [-1], dtype=np.int64)
    q_all = q_map[q_codes]
    keep = q_all >= 0
    r_idx, q_idx = r_all[keep], q_all[keep]

    # Score each distinct (question, answer) once, then spread by integer codes.
    a_all, a_uniques = codes_of(answers["answer"])
    a_codes = a_all[keep]
    key_codes, pairs = pd.factorize(q_idx * (len(a_uniques) + 1) + a_codes)
    unique_answers = np.empty(len(pairs) + 1, dtype=object)
    unique_scores = np.full(len(pairs) + 1, np.nan)
    unique_numbers = np.full(len(pairs) + 1, np.nan)
    for k, pair in enumerate(pairs):
        question = questions[pair // (len(a_uniques) + 1)]
        code = str(a_uniques[pair % (len(a_uniques) + 1)])
        unique_answers[k] = code
        unique_scores[k] = answer_score(question, code)
        unique_numbers[k] = answer_number(question, code)
    unique_answers[-1] = ""  # the code -1 (no row for the cell) indexes this slot

    n_r, n_q = len(respondents), len(question_ids)
    codes = np.full((n_r, n_q), -1, dtype=np.int64)
    codes[r_idx, q_idx] = key_codes
    scores = unique_scores[codes]
    answered = ~np.isnan(scores)

    roles = respondents["role"].to_numpy()
    # Questions put to each role (roles x questions), looked up per respondent.
    role_names, role_of = np.unique(roles.astype(str), return_inverse=True)
    audience = np.array(
        [[role in q.audience for q in questions] for role in role_names], dtype=bool
    ).reshape(len(role_names), n_q)
    asked = audience[role_of] if n_r else np.zeros((0, n_q), bool)
    # A question outside the respondent's role was never put to them: any answer is ignored.
    answered &= asked
    # Conditions: questions hidden from a respondent are neither scored nor missing.
    numbers = unique_numbers[codes]
    shown = visibility(questions, codes, unique_answers, numbers, answered)
    asked &= shown
    answered &= shown
    scores = np.where(answered, scores, np.nan)

    text = unique_answers[codes]
    states = np.select(
        [answered, text == NOT_APPLICABLE, text == DONT_KNOW, asked],
        [ANSWERED, NA, DK, MISSING],
        default=NOT_ASKED,
    ).astype(np.int8)
    states[~asked] = NOT_ASKED
    return AnswerMatrix(
        respondents=respondents,
        question_ids=question_ids,
        dimension_of=np.array([dim_pos[d.id] for d, _ in scored], dtype=int),
        weights=np.array([q.weight for q in questions], dtype=float),
        critical=np.array([q.critical for q in questions], dtype=bool),
        scores=scores,
        numbers=np.where(answered, numbers, np.nan),
        states=states,
    )
