"""Build the long answer table from many files without ever holding it as text.

Each file is read into a compact part: every text column as local integer codes plus its few
distinct values, and for the wide layout one small matrix of answer codes. Parts can be made
in worker processes and are cheap to send back. The builder maps them onto one vocabulary per
column and only then spreads them to one row per respondent and question (a survey of 100,000
people has 8 million answer rows but only a few hundred distinct answers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from assessment.model.responses import ANSWER_COLUMNS

CODE = np.int32


@dataclass(frozen=True)
class Encoded:
    """A column as codes into its distinct values: values[codes] gives it back."""

    codes: np.ndarray
    values: list[str]

    @classmethod
    def of(cls, cells: np.ndarray) -> Encoded:
        codes, distinct = pd.factorize(np.asarray(cells, dtype=object))
        return cls(codes.astype(CODE), [str(v) for v in distinct])


@dataclass(frozen=True)
class FilePart:
    """One file's answers. `columns` hold one value per file row; a wide file's `cells` hold
    its answers, one column per entry of `questions`."""

    file: str
    rows: np.ndarray  # record number of each file row
    columns: dict[str, Encoded]
    questions: list[str] = field(default_factory=list)
    cells: Encoded | None = None


class Vocabulary:
    """Distinct values of one column, in order of first appearance."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def codes(self, values: list[str]) -> np.ndarray:
        index = self.index
        return np.array([index.setdefault(v, len(index)) for v in values], dtype=CODE)

    def categories(self) -> pd.Index:
        return pd.Index(list(self.index), dtype=object)


@dataclass(frozen=True)
class _Codes:
    """One file's answers as codes into the shared vocabularies, not yet spread to rows."""

    file: int
    rows: np.ndarray  # record number of each file row
    per_row: dict[str, np.ndarray]  # column -> one code per file row
    questions: np.ndarray | None = None  # wide layout: question code of each answer column
    headers: np.ndarray | None = None  # wide layout: "column" code of each answer column
    cells: np.ndarray | None = None  # wide layout: (file rows x questions) answer codes

    @property
    def length(self) -> int:
        """Rows of the answer table: one per file row, or per file row and question."""
        return len(self.rows) * (1 if self.questions is None else len(self.questions))


def _narrowest(categories: int) -> type[np.signedinteger]:
    """The code type pandas keeps for this many categories (any other, it would copy)."""
    for dtype in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(dtype).max:
            return dtype
    return np.int64


class AnswerTableBuilder:
    """Collects file parts as codes into shared vocabularies, then makes the table: each column
    is written once, straight into its final place, in the narrowest type its codes fit."""

    TEXT = tuple(c for c in ANSWER_COLUMNS if c != "row")

    def __init__(self) -> None:
        self.vocabularies = {column: Vocabulary() for column in self.TEXT}
        self.parts: list[_Codes] = []

    def _global(self, column: str, encoded: Encoded) -> np.ndarray:
        codes: np.ndarray = self.vocabularies[column].codes(encoded.values)[encoded.codes]
        return codes

    def _code(self, column: str, value: str) -> int:
        return int(self.vocabularies[column].codes([value])[0])

    def add(self, part: FilePart) -> None:
        per_row = {c: self._global(c, e) for c, e in part.columns.items()}
        file = self._code("file", part.file)
        self._code("comment", "")  # the code of "no comment", for files without comments
        if part.cells is None:  # long layout: every column has one value per row
            self._code("column", "answer")
            self.parts.append(_Codes(file, part.rows, per_row))
            return
        questions = self.vocabularies["question"].codes(part.questions)
        headers = self.vocabularies["column"].codes(part.questions)  # named by the ids
        cells = self._global("answer", part.cells)
        self.parts.append(_Codes(file, part.rows, per_row, questions, headers, cells))

    def table(self) -> pd.DataFrame:
        total = sum(p.length for p in self.parts)
        columns: dict[str, object] = {}
        for column in ANSWER_COLUMNS:
            if column == "row":
                joined = np.empty(total, dtype=np.int32)  # record numbers
            else:
                joined = np.empty(total, dtype=_narrowest(len(self.vocabularies[column].index)))
            start = 0
            for part in self.parts:
                self._fill(joined[start : start + part.length], column, part)
                start += part.length
            if column == "row":
                columns[column] = joined
            else:
                # Codes come from the vocabulary, so pandas need not check them.
                columns[column] = pd.Categorical.from_codes(
                    joined, categories=self.vocabularies[column].categories(), validate=False
                )
        return pd.DataFrame(columns, copy=False)

    def _fill(self, target: np.ndarray, column: str, part: _Codes) -> None:
        """Write one part's codes of `column` into its slice of the table."""
        constants = {
            "file": part.file,
            "comment": self.vocabularies["comment"].index[""],
            "column": self.vocabularies["column"].index.get("answer", -1),
        }
        if part.questions is None:  # long layout
            if column == "row":
                target[:] = part.rows
            elif column in part.per_row:
                target[:] = part.per_row[column]
            else:
                target[:] = constants[column]
            return
        # Wide layout, spread respondent-major: each respondent's answers in turn.
        grid = target.reshape(len(part.rows), len(part.questions))
        if column == "row":
            grid[:] = part.rows[:, None]
        elif column == "question":
            grid[:] = part.questions[None, :]
        elif column == "column":
            assert part.headers is not None
            grid[:] = part.headers[None, :]
        elif column == "answer":
            assert part.cells is not None
            grid[:] = part.cells
        elif column in part.per_row:
            grid[:] = part.per_row[column][:, None]
        else:
            target[:] = constants[column]
