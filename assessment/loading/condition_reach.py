"""Which `visible_if` conditions can ever be true, and for which roles.

This mirrors assessment/answers/visibility.py exactly: a respondent has a real answer to a
question only if their role is in its audience, the question is shown to them and they gave a
scoring answer; every comparison, `in`, `has` and `answered()` on a question without a real
answer is false, and `not` of a false comparison is true. Rather than reason about the
expression, the check enumerates every distinct way the referenced questions can be answered.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assessment.answers.answer_values import answer_number
from assessment.model.conditions import (
    Answered,
    BoolOp,
    Compare,
    Condition,
    Has,
    Not,
    OneOf,
    referenced_questions,
)
from assessment.model.questionnaire import NOTHING_TICKED, OPTION_TYPES, Question

_ORDER: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
Leaf = Compare | OneOf | Has | Answered


@dataclass(frozen=True)
class Answer:
    """A real answer as the engine compares it: canonical text and its number."""

    text: str
    number: float


# No real answer: blank, n/a, don't know, hidden, or not asked of the role.
NO_ANSWER = None


def leaf_holds(leaf: Leaf, answer: Answer | None) -> bool:
    if answer is None:
        return False
    match leaf:
        case Answered():
            return True
        case Compare(_, op, value) if isinstance(value, float):
            return _ORDER[op](answer.number, value)
        case Compare(_, op, value):
            return (answer.text == value) is (op == "==")
        case OneOf(_, values):
            return answer.text in values
        case Has(_, item):
            return item in answer.text.split(";")
    raise TypeError(leaf)  # pragma: no cover


def holds(condition: Condition, answers: dict[str, Answer | None]) -> bool:
    match condition:
        case Not(operand):
            return not holds(operand, answers)
        case BoolOp(op, operands):
            test = all if op == "and" else any
            return test(holds(o, answers) for o in operands)
        case Compare() | OneOf() | Has() | Answered():
            return leaf_holds(condition, answers[condition.question])
    raise TypeError(condition)  # pragma: no cover


def leaves(condition: Condition) -> list[Leaf]:
    match condition:
        case Not(operand):
            return leaves(operand)
        case BoolOp(_, operands):
            return [leaf for o in operands for leaf in leaves(o)]
        case Compare() | OneOf() | Has() | Answered():
            return [condition]
    raise TypeError(condition)  # pragma: no cover


def possible_answers(question: Question, constants: list[float], named: set[str]) -> list[Answer]:
    """Real answers that between them give every truth value a condition can observe;
    `named` are the checklist items some `has` names."""
    if question.type in OPTION_TYPES:
        return [Answer(o.id, float(o.level)) for o in question.answer_options]
    if question.type == "checklist":
        return [Answer(text, answer_number(question, text)) for text in _ticked(question, named)]
    if question.type == "numeric":
        return [Answer(f"{v:g}", v) for v in _numbers(question, constants)]
    return []


def _ticked(question: Question, named: set[str]) -> Iterator[str]:
    """Every combination of the named items, each with one way to reach every score the
    other items can add: `has` sees only named items, a comparison only the score."""
    yield NOTHING_TICKED
    inside = [i.id for i in question.items if i.id in named]
    # Distinct weight sums of the other items, each with one set of items that reaches it.
    sums: dict[float, tuple[str, ...]] = {0.0: ()}
    for item in (i for i in question.items if i.id not in named):
        for total, chosen in list(sums.items()):
            sums.setdefault(round(total + item.weight, 9), (*chosen, item.id))
    for size in range(len(inside) + 1):
        for picked in itertools.combinations(inside, size):
            for chosen in sums.values():
                if picked or chosen:
                    yield ";".join((*picked, *chosen))


def _numbers(question: Question, constants: list[float]) -> list[float]:
    low, high = question.minimum, question.maximum
    points = {b.min for b in question.bands}
    for c in constants:
        step = max(abs(c), 1.0) * 1e-6
        points |= {c - step, c, c + step}
    if low is not None:
        points.add(low)
    if high is not None:
        points.add(high)
    if low is None:
        points.add(min(points) - 1.0)
    if high is None:
        points.add(max(points) + 1.0)
    return sorted(p for p in points if (low is None or p >= low) and (high is None or p <= high))


class Reach:
    """Which answers each role can give to the questions conditions name."""

    def __init__(self, questions: dict[str, Question], conditions: dict[str, Condition]) -> None:
        self.questions = questions
        self.conditions = conditions
        self.order = {qid: i for i, qid in enumerate(questions)}
        constants: dict[str, list[float]] = {}
        named: dict[str, set[str]] = {}
        for condition in conditions.values():
            for leaf in leaves(condition):
                if isinstance(leaf, Compare) and isinstance(leaf.value, float):
                    constants.setdefault(leaf.question, []).append(leaf.value)
                if isinstance(leaf, Has):
                    named.setdefault(leaf.question, set()).add(leaf.item)
        referenced = set().union(*(referenced_questions(c) for c in conditions.values()))
        self.answers = {
            qid: possible_answers(questions[qid], constants.get(qid, []), named.get(qid, set()))
            for qid in referenced
        }
        self._patterns: dict[str, list[Answer | None]] = {}

    def leaf_possible(self, leaf: Leaf) -> bool:
        """Whether any answer to the leaf's question makes it true (audiences aside)."""
        return any(leaf_holds(leaf, a) for a in self.answers[leaf.question])

    def can_show(self, question_id: str, role: str | None) -> bool:
        """Whether some respondent in `role` (None: a role asked everything) sees the question."""
        condition = self.conditions.get(question_id)
        if condition is None:
            return True
        return any(holds(condition, world) for world in self._worlds(condition, role))

    def _worlds(self, condition: Condition, role: str | None) -> Iterator[dict[str, Answer | None]]:
        """Every combination of answers to the questions the condition depends on, directly or
        through their own conditions, that a respondent in `role` could give."""
        needed: set[str] = set()
        todo = list(referenced_questions(condition))
        while todo:
            qid = todo.pop()
            if qid in needed:
                continue
            needed.add(qid)
            if qid in self.conditions:
                todo.extend(referenced_questions(self.conditions[qid]))
        ordered = sorted(needed, key=self.order.__getitem__)
        yield from self._extend({}, ordered, role)

    def _extend(
        self, world: dict[str, Answer | None], rest: list[str], role: str | None
    ) -> Iterator[dict[str, Answer | None]]:
        if not rest:
            yield world
            return
        qid, tail = rest[0], rest[1:]
        question = self.questions[qid]
        choices: list[Answer | None] = [NO_ANSWER]
        own = self.conditions.get(qid)
        asked = role is None or role in question.audience
        if asked and (own is None or holds(own, world)):
            choices += self._distinct(qid)
        for choice in choices:
            yield from self._extend({**world, qid: choice}, tail, role)

    def _distinct(self, qid: str) -> list[Answer | None]:
        """One answer per distinct pattern of truth values over the leaves naming `qid`."""
        if qid in self._patterns:
            return self._patterns[qid]
        named = [
            leaf for c in self.conditions.values() for leaf in leaves(c) if leaf.question == qid
        ]
        seen: dict[tuple[bool, ...], Answer] = {}
        for answer in self.answers[qid]:
            seen.setdefault(tuple(leaf_holds(leaf, answer) for leaf in named), answer)
        self._patterns[qid] = list(seen.values())
        return self._patterns[qid]
