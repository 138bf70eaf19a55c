"""The fast CSV reader (pandas' C parser checked by a byte scan) must read every file exactly
as the careful reader (the csv module) does, and hand every malformed file to it."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.loading import csv_table
from assessment.loading.csv_table import read_csv_table
from assessment.model.errors import InputError

CELL = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;é1\xa0+\x0b')), max_size=6)


def careful(data: bytes, name: str = "f.csv") -> csv_table.CsvTable:
    return csv_table._careful(data.removeprefix(csv_table.BOM).decode("utf-8"), name)


def outcome(read, data: bytes):  # type: ignore[no-untyped-def]
    try:
        table = read(data, "f.csv")
    except InputError as exc:
        return ("error", [str(p) for p in exc.problems])
    return (
        table.header,
        table.header_row,
        table.body.to_numpy(dtype=object).tolist(),
        table.rows.tolist(),
    )


def written(rows: list[list[str]], line_end: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(
    header=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True),
    body=st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=6),
    line_end=st.sampled_from(["\n", "\r\n"]),
    blank_first=st.booleans(),
)
def test_fast_reader_agrees_with_the_careful_one(
    header: list[str], body: list[list[str]], line_end: str, blank_first: bool
) -> None:
    data = written([*([[]] if blank_first else []), header, *body], line_end)
    assert outcome(read_csv_table, data) == outcome(careful, data)


@settings(max_examples=200, deadline=None)
@given(
    head=st.sampled_from(["h1,h2\n", "h1,h2\r\n", 'h1,"h2"\n', "", "h\n"]),
    text=st.text(alphabet=st.sampled_from(list('ab,"\n\r \xa0\x0c')), max_size=40),
)
def test_any_text_reads_the_same_either_way(head: str, text: str) -> None:
    data = (head + text).encode("utf-8")
    assert outcome(read_csv_table, data) == outcome(careful, data)


@pytest.mark.parametrize(
    "data",
    [
        # Found by review: a stray quote in a header (the scan once crashed on it) ...
        b'respondent_id,business_unit,role,question_id,answer"\nr1,north,executive,A-01,2\n',
        # ... quotes inside unquoted text, which both readers take literally ...
        b'a"\n"a\n\n\n"\n\na',
        b'h1,h"\n"\n,a"',
        # ... a line of control characters that str.strip() removes ...
        b"a,b\n1,2\n\x0b,\x0c\n3,4\n",
        # ... and a second byte-order mark, which pandas would drop.
        b"\xef\xbb\xbf\xef\xbb\xbfa,b\n1,2\n",
    ],
)
def test_odd_files_read_the_same_either_way(data: bytes) -> None:
    assert outcome(read_csv_table, data) == outcome(careful, data)


def test_a_well_formed_file_takes_the_fast_path() -> None:
    data = b'respondent_id,q1\nR1,"a, b"\n\nR2,"say ""hi""\nthere"\n'
    fast = csv_table._fast(data)
    assert fast is not None
    assert fast.body.to_numpy(dtype=object).tolist() == [["R1", "a, b"], ["R2", 'say "hi"\nthere']]
    assert fast.rows.tolist() == [2, 4]


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\n1\n",  # too few fields: pandas would pad it
        b"a,b\n1,2,3\n",  # too many
        b"a,b\r1,2\r",  # old Mac line ends
        b"",
    ],
)
def test_malformed_files_go_to_the_careful_reader(data: bytes) -> None:
    assert csv_table._fast(data) is None


def test_short_row_is_named() -> None:
    with pytest.raises(InputError) as caught:
        read_csv_table(b"a,b\n1,2\n3\n", "x.csv")
    assert [
        (p.row, "1 fields where the header has 2" in p.message) for p in caught.value.problems
    ] == [(3, True)]


def test_record_numbers_skip_blank_lines_and_count_multiline_records_once() -> None:
    table = read_csv_table(b'\n a , b \n"x\ny",1\n,\n2,3\n', "x.csv")
    assert table.header == ["a", "b"] and table.header_row == 2
    assert table.rows.tolist() == [3, 5]
    assert np.array_equal(table.body.to_numpy(dtype=object), [["x\ny", "1"], ["2", "3"]])
