"""Opening workbooks that people send back: read-only, formulas as typed text, sizes checked
before anything is unpacked, every row read, clear errors.
openpyxl parses their XML with defusedxml when it is installed (a dependency)."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from assessment.loading.limits import (
    MAX_COLUMNS,
    MAX_PACKING_RATIO,
    MAX_UNPACKED_BYTES,
    MAX_WORKBOOK_ROWS,
    RATIO_FROM_BYTES,
    megabytes,
    too_many_columns,
)
from assessment.model.errors import InputError, Problem

# What a damaged or foreign file raises while it is opened or its sheets are read.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
)


def _unreadable(name: str, exc: Exception) -> InputError:
    return InputError(
        Problem(
            name,
            "is not a readable .xlsx workbook (damaged, password-protected or "
            f"another format): {exc or type(exc).__name__}",
        )
    )


def check_archive(path: Path, name: str) -> None:
    """The sizes the archive declares for its parts, before any of them is unpacked: zipfile
    stops a part that unpacks to more than it declared, so these bound the work."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except UNREADABLE as exc:
        raise _unreadable(name, exc) from None
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            Problem(
                name,
                f"unpacks to {megabytes(unpacked)}; at most {megabytes(MAX_UNPACKED_BYTES)} "
                "of workbook are read",
            )
        )
    for part in parts:
        if part.file_size > RATIO_FROM_BYTES and (
            part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1)
        ):
            raise InputError(
                Problem(
                    name,
                    f"holds a part packed more than {MAX_PACKING_RATIO} to 1 "
                    f"({part.filename}); a workbook this compressed is refused as a zip bomb",
                )
            )


def open_workbook(path: Path, name: str) -> Workbook:
    check_archive(path, name)
    try:
        # Formulas are read as the text the respondent typed, never evaluated.
        return load_workbook(path, read_only=True, data_only=False)
    except UNREADABLE as exc:
        raise _unreadable(name, exc) from None


def sheet_rows(book: Workbook, sheet: str | int, name: str) -> Iterator[tuple[object, ...]]:
    """Every row of a sheet, however large its `<dimension>` element says it is (read-only
    mode would trust it and drop rows beyond it), within the row and column limits."""
    if isinstance(sheet, str) and sheet not in book.sheetnames:
        raise InputError(Problem(name, f"has no sheet '{sheet}'"))
    if isinstance(sheet, int) and not book.worksheets:
        raise InputError(Problem(name, "has no sheets"))
    worksheet = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    worksheet.reset_dimensions()
    try:
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_WORKBOOK_ROWS:
                raise InputError(
                    Problem(
                        name,
                        f"has more than {MAX_WORKBOOK_ROWS:,} rows; at most that many are read",
                        field=f"sheet {worksheet.title}",
                    )
                )
            if len(row) > MAX_COLUMNS:
                raise too_many_columns(name, len(row), row=number)
            yield row
    except UNREADABLE as exc:
        raise _unreadable(name, exc) from None
