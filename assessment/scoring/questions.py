"""Per-question results for the organisation: score, answer counts and the typical answer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assessment.answers.matrix import ANSWERED, DK, MISSING, NA, AnswerMatrix
from assessment.model.questionnaire import Question, Questionnaire
from assessment.model.results import QuestionResult
from assessment.scoring.cell_counts import CellCounts
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
        most = top.get(q.id)
        labels = [] if most is None else [_label(q, c) for c in most.codes]
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
                # From the score as shown (policy.level_of): 3.36 shows as 3.4 and is level 4.
                level=None if np.isnan(org_q[j]) else level_of_score(float(org_q[j])),
                answered=int(answered_n[j]),
                not_applicable=int(na_n[j]),
                dont_know=int(dk_n[j]),
                unanswered=int(missing_n[j]),
                top_answer=labels[0] if len(labels) == 1 else None,
                top_answers=labels,
                top_answer_share=None if most is None else most.share,
                top_answer_count=None if most is None else most.count,
                median_value=None if median is None else round(median, 1),
                unit=q.unit,
            )
        )
    return results


@dataclass(frozen=True)
class MostFrequent:
    """Every answer tied for most frequent (sorted, so input order never matters), and the
    share of the question's scored answers each of them has."""

    codes: list[str]
    share: float
    count: int


def _most_frequent(matrix: AnswerMatrix, counts: np.ndarray) -> dict[str, MostFrequent]:
    """`counts`: answered cells per (question, answer) pair."""
    by_question: dict[int, list[tuple[int, str]]] = {}
    for k in np.flatnonzero(counts):
        j = int(matrix.pair_questions[k])
        if j >= 0:
            by_question.setdefault(j, []).append((int(counts[k]), str(matrix.pair_answers[k])))
    result = {}
    for j, answers in by_question.items():
        most = max(n for n, _ in answers)
        total = sum(n for n, _ in answers)
        codes = sorted(code for n, code in answers if n == most)
        result[matrix.question_ids[j]] = MostFrequent(codes, round(most / total, 3), most)
    return result


def _label(question: Question, code: str) -> str:
    """An answer in the words respondents saw (the code itself if the option is unknown)."""
    return _describe(question, code) or code


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
