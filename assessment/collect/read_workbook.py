"""Read a filled questionnaire workbook into answer rows, with sheet, row and column for every
problem. Names and e-mails are turned into pseudonyms here and go no further."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from assessment.collect.pseudonyms import pseudonym
from assessment.collect.workbook import (
    ABOUT_SHEET,
    ANSWER_COLUMN,
    ANSWERS_SHEET,
    COMMENT_COLUMN,
    EVIDENCE_COLUMN,
    HEADER_ROW,
    MARKER,
)
from assessment.exports.cells import neutralise
from assessment.loading.answers import normalise_answer
from assessment.loading.paths import display_path
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import ROLE_LABELS, Questionnaire


@dataclass(frozen=True)
class AnswerRow:
    respondent_id: str
    business_unit: str
    role: str
    question_id: str
    answer: str
    comment: str


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in {".xlsx", ".xlsm"}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(
    path: Path, questionnaire: Questionnaire, profile: Profile, key: bytes
) -> list[AnswerRow]:
    name = display_path(path)
    try:
        # Formulas are read as the text the respondent typed, never evaluated.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(
            Problem(
                name,
                "is not a readable .xlsx workbook (damaged, password-"
                f"protected or another format): {exc}",
            )
        ) from None
    try:
        if ABOUT_SHEET not in book.sheetnames or ANSWERS_SHEET not in book.sheetnames:
            raise InputError(
                Problem(
                    name,
                    "is not a questionnaire workbook made by "
                    "`readiness collect` (no About or Answers sheet)",
                )
            )
        about = {
            _text(r[0]): _text(r[1])
            for r in book[ABOUT_SHEET].iter_rows(values_only=True)
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
        rows: list[tuple[object, ...]] = list(book[ANSWERS_SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    return _answers(rows, name, questionnaire, profile, key)


def _cell(rows: list[tuple[object, ...]], row: int, col: int) -> str:
    if row - 1 >= len(rows) or col - 1 >= len(rows[row - 1]):
        return ""
    return _text(rows[row - 1][col - 1])


def _answers(
    rows: list[tuple[object, ...]],
    name: str,
    questionnaire: Questionnaire,
    profile: Profile,
    key: bytes,
) -> list[AnswerRow]:
    problems: list[Problem] = []
    where = f"sheet {ANSWERS_SHEET}"
    person, email = _cell(rows, 3, 3), _cell(rows, 4, 3)
    role_text, unit_text = _cell(rows, 5, 3).lower(), _cell(rows, 6, 3).lower()
    if not person and not email:
        problems.append(
            Problem(name, "fill in your name or e-mail", row=3, column="C", field=where)
        )
    roles = {r: r for r in ROLE_LABELS} | {v.lower(): k for k, v in ROLE_LABELS.items()}
    role = roles.get(role_text)
    if role is None:
        problems.append(
            Problem(
                name,
                f"role '{_cell(rows, 5, 3)}' is not one of {', '.join(ROLE_LABELS.values())}",
                row=5,
                column="C",
                field=where,
            )
        )
    units = {u.id: u.id for u in profile.business_units}
    units |= {u.name.lower(): u.id for u in profile.business_units}
    unit = units.get(unit_text)
    if unit is None:
        problems.append(
            Problem(
                name,
                f"business unit '{_cell(rows, 6, 3)}' is not in assessment.yaml",
                row=6,
                column="C",
                field=where,
            )
        )
    index = questionnaire.question_index()
    answers: list[tuple[str, str, str]] = []
    for row in range(HEADER_ROW + 1, len(rows) + 1):
        qid = _cell(rows, row, 1)
        if qid not in index:
            continue  # dimension headings and blank rows
        raw = _cell(rows, row, ANSWER_COLUMN)
        comment = " ".join(
            filter(None, (_cell(rows, row, COMMENT_COLUMN), _cell(rows, row, EVIDENCE_COLUMN)))
        )
        code, reason = normalise_answer(index[qid], raw)
        if reason is not None:
            problems.append(Problem(name, reason, row=row, column="E", field=where))
            continue
        if not index[qid].scored:
            code = neutralise(code)  # a respondent's own text: never a formula anywhere
        if code or comment:
            answers.append((qid, code, neutralise(comment)))
    if problems:
        raise InputError(problems)
    assert role is not None and unit is not None
    respondent = pseudonym(key, person, email)
    return [AnswerRow(respondent, unit, role, qid, code, comment) for qid, code, comment in answers]
