"""Read a filled questionnaire workbook into answer rows, with sheet, row and column for every
problem. Names and e-mails are turned into pseudonyms here and go no further."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from assessment.collect.fillable_workbook import (
    ABOUT_SHEET,
    ANSWER_COLUMN,
    ANSWERS_SHEET,
    COMMENT_COLUMN,
    EVIDENCE_COLUMN,
    HEADER_ROW,
    MARKER,
)
from assessment.collect.open_workbook import check_archive, open_workbook, sheet_rows
from assessment.collect.submissions import Place, Submission
from assessment.common.paths import display_path
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_our_workbook(path: Path) -> bool:
    """A workbook made by `readiness collect` (it has our About sheet)."""
    try:
        check_archive(path, display_path(path))
        book = load_workbook(path, read_only=True)
    except Exception:  # not readable: the reader that handles it will say why
        return False
    try:
        return ABOUT_SHEET in book.sheetnames and ANSWERS_SHEET in book.sheetnames
    finally:
        book.close()


def read_workbook(path: Path, questionnaire: Questionnaire) -> Submission:
    name = display_path(path)
    book = open_workbook(path, name)
    try:
        about = {
            _text(r[0]): _text(r[1])
            for r in sheet_rows(book, ABOUT_SHEET, name)
            if r and len(r) > 1
        }
        if about.get("tool") != MARKER:
            raise InputError(
                Problem(
                    name,
                    "is not a questionnaire workbook made by `readiness collect`",
                    field=f"sheet {ABOUT_SHEET}",
                )
            )
        if about.get("questionnaire_id") != questionnaire.id:
            raise InputError(
                Problem(
                    name,
                    f"is for questionnaire '{about.get('questionnaire_id')}'"
                    f", not '{questionnaire.id}'",
                )
            )
        rows: list[tuple[object, ...]] = list(sheet_rows(book, ANSWERS_SHEET, name))
    finally:
        book.close()
    where = f"sheet {ANSWERS_SHEET}"
    submission = Submission(
        file=name,
        name=_cell(rows, 3, 3),
        email=_cell(rows, 4, 3),
        role=_cell(rows, 5, 3),
        unit=_cell(rows, 6, 3),
        places={
            "name": Place(3, "C", where),
            "role": Place(5, "C", where),
            "unit": Place(6, "C", where),
        },
    )
    index = questionnaire.question_index()
    for row in range(HEADER_ROW + 1, len(rows) + 1):
        qid = _cell(rows, row, 1)
        if qid not in index:
            continue  # dimension headings and blank rows
        raw = _cell(rows, row, ANSWER_COLUMN)
        if raw:
            submission.answers[qid] = (raw, Place(row, "E", where))
        comment = " ".join(
            filter(None, (_cell(rows, row, COMMENT_COLUMN), _cell(rows, row, EVIDENCE_COLUMN)))
        )
        if comment:
            submission.comments[qid] = comment
    return submission


def _cell(rows: list[tuple[object, ...]], row: int, col: int) -> str:
    if row - 1 >= len(rows) or col - 1 >= len(rows[row - 1]):
        return ""
    return _text(rows[row - 1][col - 1])
