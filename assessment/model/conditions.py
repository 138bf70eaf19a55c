"""`visible_if` conditions: a small expression language over earlier answers, parsed without eval.

    GOV-01 >= 3                      a question's value (its level; a numeric question's number)
    DATA-02 == 'yes'                 the chosen option id ('!=' too)
    STRAT-03 in ['3', '4', '5']      one of several option ids
    SEC-05 has 'dlp'                 a checklist with that item ticked
    answered(OPS-01)                 any real answer (not blank, n/a or don't know)
    not (...), ... and ..., ... or ...

A comparison with a question that has no real answer is false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op>==|!=|<=|>=|<|>)"
    r"|(?P<punct>[()\[\],])|(?P<word>[A-Za-z][A-Za-z0-9_.-]*))"
)
KEYWORDS = frozenset({"and", "or", "not", "in", "has", "answered"})


class ConditionError(ValueError):
    """A condition that cannot be parsed, with the position of the problem."""


@dataclass(frozen=True)
class Compare:
    question: str
    op: str  # ==, !=, <, <=, >, >=
    value: float | str


@dataclass(frozen=True)
class OneOf:
    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Has:
    question: str
    item: str


@dataclass(frozen=True)
class Answered:
    question: str


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class BoolOp:
    op: str  # and, or
    operands: tuple[Condition, ...]


Condition = Compare | OneOf | Has | Answered | Not | BoolOp


def referenced_questions(condition: Condition) -> set[str]:
    match condition:
        case Not(operand):
            return referenced_questions(operand)
        case BoolOp(_, operands):
            return set().union(*(referenced_questions(o) for o in operands))
        case Compare(q, _, _) | OneOf(q, _) | Has(q, _) | Answered(q):
            return {q}
    raise TypeError(condition)  # pragma: no cover


def _tokenise(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ConditionError(
                f"unexpected character at position {position + 1}: "
                f"{text[position : position + 10]!r}"
            )
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "word" and value in KEYWORDS:
            kind = value
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenise(text)
        self.position = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self, kind: str, what: str) -> str:
        token_kind, value = self.peek()
        if token_kind != kind:
            found = value or "the end"
            raise ConditionError(f"expected {what} but found {found!r}")
        self.position += 1
        return value

    def parse(self) -> Condition:
        condition = self.disjunction()
        if self.peek()[0] != "end":
            raise ConditionError(f"unexpected {self.peek()[1]!r} after a complete condition")
        return condition

    def disjunction(self) -> Condition:
        operands = [self.conjunction()]
        while self.peek()[0] == "or":
            self.position += 1
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def conjunction(self) -> Condition:
        operands = [self.negation()]
        while self.peek()[0] == "and":
            self.position += 1
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def negation(self) -> Condition:
        if self.peek()[0] == "not":
            self.position += 1
            return Not(self.negation())
        return self.atom()

    def atom(self) -> Condition:
        kind, _ = self.peek()
        if kind == "punct" and self.peek()[1] == "(":
            self.position += 1
            inner = self.disjunction()
            self.take_punct(")")
            return inner
        if kind == "answered":
            self.position += 1
            self.take_punct("(")
            question = self.take("word", "a question id")
            self.take_punct(")")
            return Answered(question)
        question = self.take("word", "a question id")
        kind, value = self.peek()
        if kind == "op":
            self.position += 1
            return Compare(question, value, self.value())
        if kind == "in":
            self.position += 1
            self.take_punct("[")
            values = [self.string()]
            while self.peek() == ("punct", ","):
                self.position += 1
                values.append(self.string())
            self.take_punct("]")
            return OneOf(question, tuple(values))
        if kind == "has":
            self.position += 1
            return Has(question, self.string())
        raise ConditionError(
            f"expected a comparison after {question} (==, !=, <, <=, >, >=, in, has)"
        )

    def take_punct(self, symbol: str) -> None:
        if self.peek() != ("punct", symbol):
            raise ConditionError(f"expected {symbol!r} but found {self.peek()[1] or 'the end'!r}")
        self.position += 1

    def value(self) -> float | str:
        kind, value = self.peek()
        if kind == "num":
            self.position += 1
            return float(value)
        return self.string()

    def string(self) -> str:
        return self.take("str", "a quoted value such as '3'")[1:-1]


def parse_condition(text: str) -> Condition:
    """Parse a visible_if expression; raises ConditionError with a readable reason."""
    if not text.strip():
        raise ConditionError("is empty")
    return _Parser(text).parse()
