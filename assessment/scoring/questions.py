"""Per-question results for the organisation: score, answer counts and the typical answer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.columns import codes_of
from assessment.model.questionnaire import Question, Questionnaire
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE
from assessment.model.results import QuestionResult
from assessment.scoring.matrix import ANSWERED, DK, MISSING, NA, AnswerMatrix


def question_results(
    matrix: AnswerMatrix, questionnaire: Questionnaire, answers: pd.DataFrame, org_q: np.ndarray
) -> list[QuestionResult]:
    states = matrix.states
    column = {qid: i for i, qid in enumerate(matrix.question_ids)}
    answered_n = (states == ANSWERED).sum(axis=0)
    na_n = (states == NA).sum(axis=0)
    dk_n = (states == DK).sum(axis=0)
    missing_n = (states == MISSING).sum(axis=0)
    top = _most_frequent(answers)
    results = []
    for d, q in questionnaire.questions():
        if not q.scored:
            continue
        j = column[q.id]
        values = matrix.numbers[states[:, j] == ANSWERED, j]
        median = float(np.median(values)) if q.type == "numeric" and len(values) else None
        results.append(
            QuestionResult(
                question_id=q.id,
                dimension_id=d.id,
                text=q.text,
                weight=q.weight,
                critical=q.critical,
                score=None if np.isnan(org_q[j]) else round(float(org_q[j]), 2),
                answered=int(answered_n[j]),
                not_applicable=int(na_n[j]),
                dont_know=int(dk_n[j]),
                unanswered=int(missing_n[j]),
                top_answer=_describe(q, top.get(q.id)),
                median_value=None if median is None else round(median, 1),
                unit=q.unit,
            )
        )
    return results


def _most_frequent(answers: pd.DataFrame) -> pd.Series:
    """The most frequent real answer per question; ties go to the lower code, so the order of
    the input never matters."""
    chosen = answers.loc[~answers["answer"].isin(["", NOT_APPLICABLE, DONT_KNOW])]
    q_codes, q_values = codes_of(chosen["question"])
    a_codes, a_values = codes_of(chosen["answer"])
    width = len(a_values) + 1
    pair_codes, pairs = pd.factorize(q_codes * width + a_codes)
    counts = pd.DataFrame(
        {
            "question": q_values[pairs // width].astype(str),
            "answer": a_values[pairs % width].astype(str),
            "n": np.bincount(pair_codes, minlength=len(pairs)),
        }
    )
    counts = counts.sort_values(["question", "n", "answer"], ascending=[True, False, True])
    return counts.drop_duplicates("question").set_index("question")["answer"]


def _describe(question: Question, code: object) -> str | None:
    if code is None:
        return None
    text = str(code)
    if question.type == "checklist":
        labels = {i.id: i.label for i in question.items}
        ticked = [labels[i] for i in text.split(";") if i in labels]
        return "; ".join(ticked) if ticked else "None ticked"
    if question.type == "numeric":
        return f"{text}{question.unit}"
    option = question.option(text)
    return option.label if option else None
