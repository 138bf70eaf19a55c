"""Opening workbooks that people send back: read-only, formulas as typed text, clear errors.
openpyxl parses their XML with defusedxml when it is installed (a dependency)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from assessment.model.errors import InputError, Problem


def open_workbook(path: Path, name: str) -> Workbook:
    try:
        # Formulas are read as the text the respondent typed, never evaluated.
        return load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            Problem(
                name,
                "is not a readable .xlsx workbook (damaged, password-protected or "
                f"another format): {exc}",
            )
        ) from None
