"""Tidy answers -> a respondents x questions matrix of scores, plus what each cell means."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from assessment.answers.answer_values import answer_number, answer_score
from assessment.answers.visibility import visibility
from assessment.common.codes import (
    compact_codes_of,
    factorize_keys,
    pair_keys,
    sorted_codes_of,
)
from assessment.model.questionnaire import Questionnaire
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE

# Cell states besides a numeric answer.
ANSWERED, NA, DK, MISSING, NOT_ASKED = 0, 1, 2, 3, 4
N_STATES = 5


@dataclass(frozen=True)
class AnswerMatrix:
    """Scores of scored questions (NaN unless answered) and the state of every cell."""

    respondents: pd.DataFrame  # index: respondent id; columns: unit, role
    question_ids: list[str]
    dimension_of: np.ndarray  # (questions,) dimension position of each question
    weights: np.ndarray  # (questions,)
    critical: np.ndarray  # (questions,) bool
    scores: np.ndarray  # (respondents, questions) float, NaN when not answered
    states: np.ndarray  # (respondents, questions) int8, one of the states above
    # Each cell's distinct (question, answer) pair, and what each pair is (-1: no answer).
    codes: np.ndarray  # (respondents, questions) int32
    pair_answers: np.ndarray  # (pairs + 1,) the canonical answer text
    pair_scores: np.ndarray  # (pairs + 1,) the score an answer gives, NaN if it scores nothing
    pair_numbers: np.ndarray  # (pairs + 1,) the number a numeric answer gives, else NaN
    pair_questions: np.ndarray  # (pairs + 1,) question position; -1 for the no-answer slot

    def numbers(self, j: int) -> np.ndarray:
        """Numbers given to question j by the respondents who answered it."""
        numbers: np.ndarray = self.pair_numbers[self.codes[self.states[:, j] == ANSWERED, j]]
        return numbers

    def rows(self, keep: np.ndarray) -> AnswerMatrix:
        """The matrix of the respondents `keep` marks (a bool per row), e.g. one unit's."""
        return replace(
            self,
            respondents=self.respondents[keep],
            scores=self.scores[keep],
            states=self.states[keep],
            codes=self.codes[keep],
        )


def build_matrix(answers: pd.DataFrame, questionnaire: Questionnaire) -> AnswerMatrix:
    scored = [(d, q) for d, q in questionnaire.questions() if q.scored]
    questions = [q for _, q in scored]
    question_ids = [q.id for q in questions]
    dim_pos = {d.id: i for i, d in enumerate(questionnaire.dimensions)}

    # Respondents sorted by id, so results never depend on the order of rows or files.
    r_all, r_ids = sorted_codes_of(answers["respondent"])
    # Each respondent's unit and role. Loading checked that all of a respondent's rows agree,
    # so any row will do: one scatter finds a row of each, where the first would need a sort.
    unit_codes, unit_values = compact_codes_of(answers["unit"])
    role_codes, role_values = compact_codes_of(answers["role"])
    a_row = np.full(len(r_ids), -1, dtype=np.int64)
    a_row[r_all] = np.arange(len(r_all))
    present = np.flatnonzero(a_row >= 0)
    if len(present) < len(r_ids):  # ids without rows (a filtered table) are dropped
        renumber = np.full(len(r_ids), -1, dtype=np.int64)
        renumber[present] = np.arange(len(present))
        r_all = renumber[r_all]
        r_ids, a_row = r_ids[present], a_row[present]
    unit_of, role_of_id = unit_codes[a_row], role_codes[a_row]
    respondents = pd.DataFrame(
        {
            "unit": pd.Categorical.from_codes(unit_of, pd.Index(unit_values, dtype=object)),
            "role": pd.Categorical.from_codes(role_of_id, pd.Index(role_values, dtype=object)),
        },
        index=pd.Index(r_ids, name="respondent"),
    )
    q_codes, q_values = compact_codes_of(answers["question"])
    position = {qid: j for j, qid in enumerate(question_ids)}
    q_map = np.array([position.get(q, -1) for q in q_values] + [-1], dtype=np.int32)
    q_all = q_map[q_codes]
    a_all, a_uniques = compact_codes_of(answers["answer"])
    # Rows of scored questions with an answer: a blank cell (no row counts the same) must never
    # overwrite an answer the respondent gave in another file.
    blank = np.array([a == "" for a in a_uniques] + [True], dtype=bool)
    keep = (q_all >= 0) & ~blank[a_all]
    if not keep.all():
        r_all, q_all, a_all = r_all[keep], q_all[keep], a_all[keep]

    # Score each distinct (question, answer) once, then spread by integer codes.
    width = len(a_uniques) + 1
    size = len(question_ids) * width
    key_codes, pairs = factorize_keys(pair_keys(q_all, a_all, width, size), size)
    unique_answers = np.empty(len(pairs) + 1, dtype=object)
    unique_scores = np.full(len(pairs) + 1, np.nan)
    unique_numbers = np.full(len(pairs) + 1, np.nan)
    for k, pair in enumerate(pairs):
        question = questions[pair // width]
        code = str(a_uniques[pair % width])
        unique_answers[k] = code
        unique_scores[k] = answer_score(question, code)
        unique_numbers[k] = answer_number(question, code)
    unique_answers[-1] = ""  # the code -1 (no row for the cell) indexes this slot
    # What a cell holds when its question was put to the respondent.
    unique_states = np.select(
        [~np.isnan(unique_scores), unique_answers == NOT_APPLICABLE, unique_answers == DONT_KNOW],
        [ANSWERED, NA, DK],
        default=MISSING,
    ).astype(np.int8)

    n_r, n_q = len(respondents), len(question_ids)
    codes = np.full((n_r, n_q), -1, dtype=np.int32)
    codes[r_all, q_all] = key_codes
    scores = unique_scores[codes]
    answered = ~np.isnan(scores)

    # Questions put to each role (roles x questions), looked up per respondent.
    audience = np.array(
        [[role in q.audience for q in questions] for role in role_values], dtype=bool
    ).reshape(len(role_values), n_q)
    asked = audience[role_of_id] if n_r else np.zeros((0, n_q), bool)
    # A question outside the respondent's role was never put to them: any answer is ignored.
    answered &= asked
    # Conditions: questions hidden from a respondent are neither scored nor missing.
    shown = visibility(questions, codes, unique_answers, unique_numbers, answered)
    asked &= shown
    states = np.where(asked, unique_states[codes], np.int8(NOT_ASKED))
    scores[states != ANSWERED] = np.nan  # in place: this matrix is the largest we hold
    return AnswerMatrix(
        respondents=respondents,
        question_ids=question_ids,
        dimension_of=np.array([dim_pos[d.id] for d, _ in scored], dtype=int),
        weights=np.array([q.weight for q in questions], dtype=float),
        critical=np.array([q.critical for q in questions], dtype=bool),
        scores=scores,
        states=states,
        codes=codes,
        pair_answers=unique_answers,
        pair_scores=unique_scores,
        pair_numbers=unique_numbers,
        pair_questions=np.append(pairs // width, -1),
    )
