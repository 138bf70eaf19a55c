"""The score (1-5) of one canonical answer, for every question type."""

from __future__ import annotations

import math

from assessment.model.questionnaire import NOTHING_TICKED, OPTION_TYPES, Question

NO_SCORE = math.nan


def answer_score(question: Question, code: str) -> float:
    """Level-scale score of an answer; NaN for blank, n/a, don't know and free text.

    single choice, yes/no, agreement: the level of the chosen option.
    checklist: 1 + 4 x the weighted share of items ticked (none ticked = 1, all = 5).
    numeric: the level of the band the number falls in.
    """
    if question.type in OPTION_TYPES:
        option = question.option(code)
        return float(option.level) if option else NO_SCORE
    if question.type == "checklist":
        if code == NOTHING_TICKED:
            return 1.0
        ticked = set(code.split(";")) if code else set()
        if not ticked or not ticked <= {i.id for i in question.items}:
            return NO_SCORE
        total = sum(i.weight for i in question.items)
        share = sum(i.weight for i in question.items if i.id in ticked) / total
        return 1.0 + 4.0 * share
    if question.type == "numeric":
        value = answer_number(question, code)
        if math.isnan(value):
            return NO_SCORE
        level = question.bands[0].level
        for band in question.bands:
            if value >= band.min:
                level = band.level
        return float(level)
    return NO_SCORE


def answer_number(question: Question, code: str) -> float:
    """The number a condition compares: a numeric question's value, else the answer's score."""
    if question.type != "numeric":
        return answer_score(question, code)
    try:
        return float(code)
    except ValueError:
        return NO_SCORE
