"""Tidy answers -> a respondents x questions matrix of levels, plus what each cell means."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.model.questionnaire import Questionnaire
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE

# Cell states besides a numeric answer.
ANSWERED, NA, DK, MISSING, NOT_ASKED = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class AnswerMatrix:
    """Scores of scored questions (NaN unless answered) and the state of every cell."""

    respondents: pd.DataFrame  # index: respondent id; columns: unit, role
    question_ids: list[str]
    dimension_of: np.ndarray  # (questions,) dimension position of each question
    weights: np.ndarray  # (questions,)
    scores: np.ndarray  # (respondents, questions) float, NaN when not answered
    states: np.ndarray  # (respondents, questions) int8, one of the states above


def build_matrix(answers: pd.DataFrame, questionnaire: Questionnaire) -> AnswerMatrix:
    scored = [(d, q) for d, q in questionnaire.questions() if q.scored]
    question_ids = [q.id for _, q in scored]
    dim_pos = {d.id: i for i, d in enumerate(questionnaire.dimensions)}

    respondents = answers.groupby("respondent", sort=True)[["unit", "role"]].first()
    rows = answers[answers["question"].isin(question_ids)]
    r_idx = pd.Categorical(rows["respondent"], categories=respondents.index).codes
    q_idx = pd.Categorical(rows["question"], categories=question_ids).codes

    level_of_option = {f"{q.id}\x1f{o.id}": float(o.level) for _, q in scored for o in q.options}
    values = (rows["question"] + "\x1f" + rows["answer"]).map(level_of_option).to_numpy(float)
    answer = rows["answer"].to_numpy()

    n_r, n_q = len(respondents), len(question_ids)
    scores = np.full((n_r, n_q), np.nan)
    scores[r_idx, q_idx] = values

    # Questions outside a respondent's audience were never put to them: not missing.
    roles = respondents["role"].to_numpy()
    asked = (
        np.stack([np.isin(roles, list(q.audience)) for _, q in scored], axis=1)
        if n_q
        else np.zeros((n_r, 0), bool)
    )
    states = np.where(asked, MISSING, NOT_ASKED).astype(np.int8)
    cell_state = np.select(
        [~np.isnan(values), answer == NOT_APPLICABLE, answer == DONT_KNOW],
        [ANSWERED, NA, DK],
        default=MISSING,
    ).astype(np.int8)
    # A blank cell for a question outside the respondent's audience stays "not asked".
    blank_not_asked = (cell_state == MISSING) & (states[r_idx, q_idx] == NOT_ASKED)
    states[r_idx, q_idx] = np.where(blank_not_asked, NOT_ASKED, cell_state)

    return AnswerMatrix(
        respondents=respondents,
        question_ids=question_ids,
        dimension_of=np.array([dim_pos[d.id] for d, _ in scored], dtype=int),
        weights=np.array([q.weight for _, q in scored], dtype=float),
        scores=scores,
        states=states,
    )
