"""Read a response CSV file into its header, its cells as text and each row's record number.

Two readers give the same table. The fast one is pandas' C parser, checked against a scan of
the raw bytes (records, fields per record, blank records), because pandas silently pads rows
with too few fields. When the scan and the parser disagree, or anything is malformed, the
careful reader (the csv module) reads the file again and names every bad row.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.loading.limits import MAX_COLUMNS, MAX_LINES, too_many_columns
from assessment.model.errors import InputError, Problem

BOM = b"\xef\xbb\xbf"
QUOTE, COMMA, NEWLINE = ord('"'), ord(","), ord("\n")
# Bytes that are text whatever else is in the record: not separators, quotes or what Python's
# str.strip() removes (the careful reader skips a record whose cells strip to nothing).
FILLS = np.ones(256, dtype=bool)
FILLS[[ord(c) for c in ',"' + "".join(chr(b) for b in range(0x80) if chr(b).isspace())]] = False
# Bytes that may stand before a field's opening quote, or after its closing quote.
BEFORE_OPENING = np.zeros(256, dtype=bool)
BEFORE_OPENING[[ord(","), ord("\n"), QUOTE]] = True
AFTER_CLOSING = np.zeros(256, dtype=bool)
AFTER_CLOSING[[ord(","), ord("\r"), ord("\n"), QUOTE]] = True


@dataclass(frozen=True)
class CsvTable:
    header: list[str]  # stripped column names
    header_row: int  # record number of the header (blank records may come before it)
    body: pd.DataFrame  # one column per header cell, by position; blank records dropped
    rows: np.ndarray  # record number of each body row (the header record is 1)


def read_csv_table(data: bytes, name: str) -> CsvTable:
    """The table in `data`, or an InputError naming the file (`name`) and every bad row."""
    data = data.removeprefix(BOM)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(
                name, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8"
            )
        ) from None
    check_size(data, name)
    table = _fast(data)
    if table is None:
        return _careful(data.decode("utf-8"), name)
    problems = _header_problems(table.header, table.header_row, name)
    if problems:
        raise InputError(problems)
    return table


def check_size(data: bytes, name: str) -> None:
    """Lines and header columns, counted on the bytes before either reader parses them (a
    quoted comma counts too: a header of question ids has none)."""
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if lines > MAX_LINES:
        raise InputError(Problem(name, f"has {lines:,} lines; at most {MAX_LINES:,} are read"))
    end = data.find(b"\n")
    columns = (data if end < 0 else data[:end]).count(b",") + 1
    if columns > MAX_COLUMNS:
        raise too_many_columns(name, columns, row=1)


def _quotes_wrap_fields(raw: np.ndarray, at: np.ndarray) -> bool:
    """Whether every quote opens or closes a whole field (a doubled quote inside a quoted field
    is a closing and an opening side by side). Only then do quotes pair up the way the scan
    counts them; a stray quote inside unquoted text is literal to both readers."""
    if len(at) % 2:
        return False
    opening, closing = at[0::2], at[1::2]
    opens_ok = (opening == 0) | BEFORE_OPENING[raw[np.maximum(opening - 1, 0)]]
    last = len(raw) - 1
    closes_ok = (closing == last) | AFTER_CLOSING[raw[np.minimum(closing + 1, last)]]
    return bool(opens_ok.all() and closes_ok.all())


def _records(data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Per record: the number of fields, whether it is blank, and whether that is unclear
    (quotes or non-ASCII bytes, and nothing else that is surely text); None when quotes stand
    where only the careful reader knows what they mean. Separators inside quotes do not
    count: an even number of quotes before a byte means it is outside (a doubled quote inside
    a field flips the count twice)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    quotes = raw == QUOTE
    if quotes.any():
        if not _quotes_wrap_fields(raw, np.flatnonzero(quotes)):
            return None
        outside = (np.cumsum(quotes, dtype=np.uint8) & 1) == 0  # parity survives wrap-around
        newlines = np.flatnonzero((raw == NEWLINE) & outside)
        commas = np.flatnonzero((raw == COMMA) & outside)
    else:
        newlines = np.flatnonzero(raw == NEWLINE)
        commas = np.flatnonzero(raw == COMMA)
    ends = newlines if len(raw) and raw[-1] == NEWLINE else np.append(newlines, len(raw))
    starts = np.concatenate([[0], ends[:-1] + 1]).astype(np.int64)
    fields = np.searchsorted(commas, ends) - np.searchsorted(commas, starts) + 1
    # Each record's bytes run from its start to the next record's start. ASCII letters, digits
    # and most signs are above the comma, so one comparison settles nearly every record.
    settled = np.logical_or.reduceat((raw > COMMA) & (raw < 0x80), starts)
    blank = np.zeros(len(starts), dtype=bool)
    unclear = np.zeros(len(starts), dtype=bool)
    ends_at = np.append(starts[1:], len(raw))
    for k in np.flatnonzero(~settled):
        record = raw[starts[k] : ends_at[k]]
        if (record == QUOTE).any() or (record >= 0x80).any():
            unclear[k] = True  # a quoted comma, or Unicode spaces: the careful reader decides
        else:
            blank[k] = not FILLS[record].any()
    return fields, blank, unclear


def _fast(data: bytes) -> CsvTable | None:
    """The table from pandas' C parser, or None when the file needs the careful reader."""
    if (
        not data
        or data.isspace()
        or data.startswith(BOM)  # a second byte-order mark: pandas would drop it
        or data.count(b"\r") != data.count(b"\r\n")  # old Mac line ends the scan does not split
    ):
        return None
    scanned = _records(data)
    if scanned is None:
        return None
    fields, blank, unclear = scanned
    if unclear.any():
        return None
    kept = np.flatnonzero(~blank)
    if not len(kept) or (fields[kept] != fields[kept[0]]).any():
        return None
    try:
        cells = pd.read_csv(
            io.BytesIO(data),
            header=None,
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding="utf-8",
        )
    except (pd.errors.ParserError, ValueError):
        return None
    if len(cells) != len(fields) or cells.shape[1] != fields[kept[0]]:
        return None
    header = [str(c).strip() for c in cells.iloc[kept[0]]]
    body_rows = kept[1:]
    if len(body_rows) and body_rows[-1] - body_rows[0] == len(body_rows) - 1:
        body = cells.iloc[body_rows[0] : body_rows[-1] + 1]  # no blank lines: a view, no copy
    else:
        body = cells.iloc[body_rows]
    return CsvTable(header=header, header_row=int(kept[0]) + 1, body=body, rows=kept[1:] + 1)


def _careful(text: str, name: str) -> CsvTable:
    """The csv module's reading, with a problem for every row whose field count differs from
    the header's (pandas would silently shift or drop such cells)."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(Problem(name, f"is not a well-formed CSV file: {exc}")) from None
    # Keep each record's number (header = row 1) before skipping blank lines.
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise InputError(Problem(name, "is empty; expected a header row and answers"))
    (header_row, header_cells), body = numbered[0], numbered[1:]
    header = [c.strip() for c in header_cells]
    if len(header) > MAX_COLUMNS:
        raise too_many_columns(name, len(header), row=header_row)
    problems = _header_problems(header, header_row, name)
    problems += [
        Problem(
            name,
            f"is not a well-formed CSV row: {len(r)} fields where the header has {len(header)}",
            row=i,
        )
        for i, r in body
        if len(r) != len(header)
    ]
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame([r for _, r in body], columns=range(len(header)), dtype=object)
    numbers = np.array([i for i, _ in body], dtype=np.int64)
    return CsvTable(header=header, header_row=header_row, body=frame, rows=numbers)


def _header_problems(header: list[str], header_row: int, name: str) -> list[Problem]:
    problems = [
        Problem(name, "column name appears more than once", row=header_row, column=c)
        for c in sorted(c for c, n in Counter(header).items() if n > 1)
    ]
    if "row" in header:
        problems.append(
            Problem(
                name,
                "'row' is a reserved column name; rename that column",
                row=header_row,
                column="row",
            )
        )
    return problems
