"""A respondent's answers as the form sends them, checked against the questionnaire: a draft
may be incomplete but never names an unknown question or an answer the question does not
allow; a submission keeps only what the loader would count for the respondent's role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from assessment.answers.answer_values import answer_number, answer_score
from assessment.answers.visibility import visibility
from assessment.exports.cells import neutralise
from assessment.loading.answers import normalise_answer
from assessment.model.questionnaire import Questionnaire

MAX_TEXT = 5000  # characters in one answer or comment


class AnswersRefused(Exception):
    """The body names something the questionnaire does not allow (HTTP 422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Sent:
    answers: dict[str, str]
    comments: dict[str, str]
    revision: int


def _texts(body: dict[str, Any], key: str) -> dict[str, str]:
    value = body.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise AnswersRefused(key, "expected an object of question id -> text")
    return value


def parse_sent(body: object, questionnaire: Questionnaire) -> Sent:
    """The body of an autosave or submission, checked; raises AnswersRefused naming the field."""
    if not isinstance(body, dict):
        raise AnswersRefused("body", "expected a JSON object with answers, comments, revision")
    revision = body.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
        raise AnswersRefused("revision", "expected a whole number")
    index = questionnaire.question_index()
    answers, comments = _texts(body, "answers"), _texts(body, "comments")
    for key, texts in (("answers", answers), ("comments", comments)):
        for qid, text in texts.items():
            if qid not in index:
                raise AnswersRefused(f"{key}.{qid}", "no such question in the questionnaire")
            if len(text) > MAX_TEXT:
                raise AnswersRefused(f"{key}.{qid}", f"longer than {MAX_TEXT} characters")
    normalised: dict[str, str] = {}
    for qid, raw in answers.items():
        code, reason = normalise_answer(index[qid], raw)
        if reason is not None:
            raise AnswersRefused(f"answers.{qid}", reason)
        if code:
            normalised[qid] = code
    kept_comments = {q: t.strip() for q, t in comments.items() if t.strip()}
    return Sent(normalised, kept_comments, revision)


def counted_answers(questionnaire: Questionnaire, role: str, sent: Sent) -> Sent:
    """What a submission keeps: questions put to the role and shown by their conditions,
    evaluated as the loader evaluates them; a respondent's own text never a formula."""
    questions = [q for _, q in questionnaire.questions()]
    width = len(questions)
    codes = np.full((1, width), -1, dtype=np.int32)
    unique = np.empty(width + 1, dtype=object)
    unique[:] = ""
    numbers = np.full(width + 1, np.nan)
    answered = np.zeros((1, width), dtype=bool)
    asked = np.array([[role in q.audience for q in questions]], dtype=bool)
    for j, q in enumerate(questions):
        code = sent.answers.get(q.id, "")
        if not code:
            continue
        codes[0, j], unique[j] = j, code
        if q.scored:
            numbers[j] = answer_number(q, code)
            answered[0, j] = not np.isnan(answer_score(q, code))
        else:
            answered[0, j] = True
    answered &= asked
    shown = visibility(questions, codes, unique, numbers, answered)[0] & asked[0]
    kept = {q.id for q, keep in zip(questions, shown, strict=True) if keep}
    index = questionnaire.question_index()
    return Sent(
        answers={
            q: (a if index[q].scored else neutralise(a))
            for q, a in sent.answers.items()
            if q in kept
        },
        comments={q: neutralise(t) for q, t in sent.comments.items() if q in kept},
        revision=sent.revision,
    )
