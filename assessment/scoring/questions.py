"""Per-question results for the organisation: score, answer counts and the typical answer."""

from __future__ import annotations

import numpy as np

from assessment.model.questionnaire import Question, Questionnaire
from assessment.model.results import QuestionResult
from assessment.scoring.cell_counts import CellCounts
from assessment.scoring.matrix import ANSWERED, DK, MISSING, NA, AnswerMatrix
from assessment.scoring.policy import level_of_score


def question_results(
    matrix: AnswerMatrix, questionnaire: Questionnaire, org_q: np.ndarray, counted: CellCounts
) -> list[QuestionResult]:
    """`counted`: the answer matrix's cells counted by state and answer."""
    column = {qid: i for i, qid in enumerate(matrix.question_ids)}
    counts = counted.states.sum(axis=0)  # questions x states, over everyone
    answered_n, na_n = counts[:, ANSWERED], counts[:, NA]
    dk_n, missing_n = counts[:, DK], counts[:, MISSING]
    top = _most_frequent(matrix, counted.answers.sum(axis=0))
    results = []
    for d, q in questionnaire.questions():
        if not q.scored:
            continue
        j = column[q.id]
        values = matrix.numbers(j) if q.type == "numeric" else np.zeros(0)
        median = float(np.median(values)) if q.type == "numeric" and len(values) else None
        results.append(
            QuestionResult(
                question_id=q.id,
                dimension_id=d.id,
                text=q.text,
                weight=q.weight,
                critical=q.critical,
                score=None if np.isnan(org_q[j]) else round(float(org_q[j]), 2),
                # From the unrounded score, as gates are: 3.396 shows as 3.40 but is level 3.
                level=None if np.isnan(org_q[j]) else level_of_score(float(org_q[j])),
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


def _most_frequent(matrix: AnswerMatrix, counts: np.ndarray) -> dict[str, str]:
    """The most frequent answer that counted, per question; ties go to the answer that sorts
    first, so the order of the input never matters. `counts`: answered cells per pair."""
    best: dict[int, tuple[int, str]] = {}
    for k in np.flatnonzero(counts):
        j, text = int(matrix.pair_questions[k]), str(matrix.pair_answers[k])
        if j >= 0 and (j not in best or (-counts[k], text) < (-best[j][0], best[j][1])):
            best[j] = (int(counts[k]), text)
    return {matrix.question_ids[j]: text for j, (_, text) in best.items()}


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
