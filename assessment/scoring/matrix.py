"""Tidy answers -> a respondents x questions matrix of scores, plus what each cell means."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
    r_all, r_ids = pd.factorize(answers["respondent"].to_numpy(dtype=object), sort=True)
    first_row = np.unique(r_all, return_index=True)[1]
    respondents = pd.DataFrame(
        {
            "unit": answers["unit"].to_numpy(dtype=object)[first_row],
            "role": answers["role"].to_numpy(dtype=object)[first_row],
        },
        index=pd.Index(r_ids, name="respondent"),
    )
    q_all = pd.Categorical(answers["question"].to_numpy(dtype=object), categories=question_ids)
    keep = q_all.codes >= 0
    r_idx, q_idx = r_all[keep], q_all.codes[keep]

    # Score each distinct (question, answer) once, then spread by integer codes.
    a_codes, a_uniques = pd.factorize(answers["answer"].to_numpy(dtype=object)[keep])
    key_codes, pairs = pd.factorize(q_idx.astype(np.int64) * (len(a_uniques) + 1) + a_codes)
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
    asked = (
        np.stack([np.isin(roles, list(q.audience)) for q in questions], axis=1)
        if n_q
        else (np.zeros((n_r, 0), bool))
    )
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
    states[~shown] = NOT_ASKED
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
