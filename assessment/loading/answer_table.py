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


class AnswerTableBuilder:
    """Collects file parts as codes into shared vocabularies, then makes the table."""

    TEXT = tuple(c for c in ANSWER_COLUMNS if c != "row")

    def __init__(self) -> None:
        self.vocabularies = {column: Vocabulary() for column in self.TEXT}
        self.parts: list[dict[str, np.ndarray]] = []

    def _global(self, column: str, encoded: Encoded) -> np.ndarray:
        codes: np.ndarray = self.vocabularies[column].codes(encoded.values)[encoded.codes]
        return codes

    def _constant(self, column: str, value: str, length: int) -> np.ndarray:
        return np.full(length, self.vocabularies[column].codes([value])[0], dtype=CODE)

    def add(self, part: FilePart) -> None:
        n = len(part.rows)
        if part.cells is None:  # long layout: every column has one value per row
            codes = {c: self._global(c, e) for c, e in part.columns.items()}
            codes.setdefault("comment", self._constant("comment", "", n))
            codes["column"] = self._constant("column", "answer", n)
            codes["file"] = self._constant("file", part.file, n)
            codes["row"] = part.rows
        else:  # wide layout, spread respondent-major: each respondent's answers in turn
            per_row = len(part.questions)
            cells = n * per_row
            codes = {c: np.repeat(self._global(c, e), per_row) for c, e in part.columns.items()}
            codes["question"] = np.tile(self.vocabularies["question"].codes(part.questions), n)
            codes["column"] = np.tile(self.vocabularies["column"].codes(part.questions), n)
            codes["answer"] = self._global("answer", part.cells).ravel()
            codes["comment"] = self._constant("comment", "", cells)
            codes["file"] = self._constant("file", part.file, cells)
            codes["row"] = np.repeat(part.rows, per_row)
        self.parts.append(codes)

    def table(self) -> pd.DataFrame:
        columns: dict[str, object] = {}
        for column in ANSWER_COLUMNS:
            joined = (
                np.concatenate([p[column] for p in self.parts])
                if self.parts
                else np.zeros(0, dtype=CODE)
            )
            if column == "row":
                columns[column] = joined.astype(np.int32)  # record numbers
            else:
                # Codes come from the vocabulary, so pandas need not check them.
                columns[column] = pd.Categorical.from_codes(
                    joined, categories=self.vocabularies[column].categories(), validate=False
                )
        return pd.DataFrame(columns, copy=False)
