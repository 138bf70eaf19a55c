"""The answer table built from file parts: long and wide files side by side, every column
spread to the right rows, in the narrowest code type."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.loading.answer_table import AnswerTableBuilder, Encoded, FilePart
from assessment.model.responses import ANSWER_COLUMNS


def _encoded(values: list[str]) -> Encoded:
    return Encoded.of(np.array(values, dtype=object))


def test_long_and_wide_parts_make_one_table_row_by_row() -> None:
    builder = AnswerTableBuilder()
    builder.add(
        FilePart(
            file="long.csv",
            rows=np.array([2, 3]),
            columns={
                "respondent": _encoded(["r1", "r1"]),
                "unit": _encoded(["north", "north"]),
                "role": _encoded(["executive", "executive"]),
                "question": _encoded(["A-01", "A-02"]),
                "answer": _encoded(["2", "na"]),
                "comment": _encoded(["", "too early"]),
            },
        )
    )
    builder.add(
        FilePart(
            file="wide.csv",
            rows=np.array([2, 4]),
            columns={
                "respondent": _encoded(["r2", "r3"]),
                "unit": _encoded(["south", "north"]),
                "role": _encoded(["business", "data_it"]),
            },
            questions=["A-02", "B-01"],
            cells=Encoded(np.array([[0, 1], [2, 0]], dtype=np.int32), ["4", "", "dk"]),
        )
    )
    table = builder.table()
    expected = pd.DataFrame(
        {
            "respondent": ["r1", "r1", "r2", "r2", "r3", "r3"],
            "unit": ["north", "north", "south", "south", "north", "north"],
            "role": ["executive", "executive", "business", "business", "data_it", "data_it"],
            "question": ["A-01", "A-02", "A-02", "B-01", "A-02", "B-01"],
            "answer": ["2", "na", "4", "", "dk", "4"],
            "comment": ["", "too early", "", "", "", ""],
            "file": ["long.csv", "long.csv", "wide.csv", "wide.csv", "wide.csv", "wide.csv"],
            "row": [2, 3, 2, 2, 4, 4],
            "column": ["answer", "answer", "A-02", "B-01", "A-02", "B-01"],
        }
    )
    assert {c: table[c].tolist() for c in table.columns} == expected.to_dict("list")
    assert table["row"].dtype == np.int32
    assert all(table[c].cat.codes.dtype == np.int8 for c in expected if c != "row")


def test_no_parts_make_an_empty_table() -> None:
    table = AnswerTableBuilder().table()
    assert len(table) == 0
    assert list(table.columns) == list(ANSWER_COLUMNS)
