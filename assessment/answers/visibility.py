"""Evaluate `visible_if` conditions for every respondent at once."""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np

from assessment.model.conditions import (
    Answered,
    BoolOp,
    Compare,
    Condition,
    Has,
    Not,
    OneOf,
    parse_condition,
)
from assessment.model.questionnaire import Question

_ORDER: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def visibility(
    questions: list[Question],
    codes: np.ndarray,
    unique_answers: np.ndarray,
    unique_numbers: np.ndarray,
    answered: np.ndarray,
) -> np.ndarray:
    """(respondents x questions) True where the question is shown. Evaluated in questionnaire
    order, so an answer to a hidden question never shows a later one."""
    column = {q.id: j for j, q in enumerate(questions)}
    shown = np.ones(codes.shape, dtype=bool)
    real = answered.copy()

    def answer_is(j: int, test: Callable[[str], bool]) -> np.ndarray:
        per_code = np.array([test(str(a)) for a in unique_answers], dtype=bool)
        result: np.ndarray = per_code[codes[:, j]] & real[:, j]
        return result

    def evaluate(c: Condition) -> np.ndarray:
        match c:
            case Answered(q):
                return real[:, column[q]].copy()
            case Compare(q, op, value) if isinstance(value, float):
                j = column[q]
                with np.errstate(invalid="ignore"):
                    compared: np.ndarray = (
                        _ORDER[op](unique_numbers[codes[:, j]], value) & real[:, j]
                    )
                return compared
            case Compare(q, op, value):
                equal = answer_is(column[q], lambda a: a == value)
                if op == "==":
                    return equal
                differs: np.ndarray = real[:, column[q]] & ~equal
                return differs
            case OneOf(q, values):
                return answer_is(column[q], lambda a: a in values)
            case Has(q, item):
                return answer_is(column[q], lambda a: item in a.split(";"))
            case Not(operand):
                return ~evaluate(operand)
            case BoolOp(op, operands):
                combine = np.logical_and if op == "and" else np.logical_or
                combined: np.ndarray = combine.reduce([evaluate(o) for o in operands])
                return combined
        raise TypeError(c)  # pragma: no cover

    for j, q in enumerate(questions):
        if q.visible_if:
            shown[:, j] = evaluate(parse_condition(q.visible_if))
            real[:, j] &= shown[:, j]
    return shown
