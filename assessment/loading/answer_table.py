"""Build the long answer table from many files without ever holding it as text.

Every text column is encoded as integer codes into one vocabulary shared by all files, so the
files' parts join by concatenating integers (a survey of 100,000 people has 8 million answer
rows but only a few hundred distinct answers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.model.responses import ANSWER_COLUMNS

CODE = np.int32


class Vocabulary:
    """Distinct values of one column, in order of first appearance."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def codes(self, values: list[str] | np.ndarray) -> np.ndarray:
        index = self.index
        return np.array([index.setdefault(str(v), len(index)) for v in values], dtype=CODE)

    def categories(self) -> pd.Index:
        return pd.Index(list(self.index), dtype=object)


class AnswerTableBuilder:
    """Collects parts (one per file) of the columns in ANSWER_COLUMNS as codes."""

    TEXT = tuple(c for c in ANSWER_COLUMNS if c != "row")

    def __init__(self) -> None:
        self.vocabularies = {column: Vocabulary() for column in self.TEXT}
        self.parts: list[dict[str, np.ndarray]] = []

    def encode(self, column: str, values: np.ndarray) -> np.ndarray:
        """Codes of `values` (text cells); the hashing is done once per distinct value."""
        local, distinct = pd.factorize(np.asarray(values, dtype=object))
        if not len(local):
            return local.astype(CODE)
        codes: np.ndarray = self.vocabularies[column].codes(distinct)[local]
        return codes

    def constant(self, column: str, value: str, length: int) -> np.ndarray:
        return np.full(length, self.vocabularies[column].codes([value])[0], dtype=CODE)

    def names(self, column: str, values: list[str]) -> np.ndarray:
        return self.vocabularies[column].codes(values)

    def add(self, part: dict[str, np.ndarray]) -> None:
        self.parts.append(part)

    def table(self) -> pd.DataFrame:
        columns: dict[str, object] = {}
        for column in ANSWER_COLUMNS:
            joined = (
                np.concatenate([p[column] for p in self.parts])
                if self.parts
                else np.zeros(0, dtype=CODE)
            )
            if column == "row":
                columns[column] = joined.astype(np.int64)
            else:
                # Codes come from the vocabulary, so pandas need not check them.
                columns[column] = pd.Categorical.from_codes(
                    joined, categories=self.vocabularies[column].categories(), validate=False
                )
        return pd.DataFrame(columns)
