"""A fillable questionnaire workbook for one business unit: drop-downs limited to the allowed
answers, locked structure, questions grouped by dimension."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from assessment.collect.form import check_role
from assessment.collect.labels import answer_hint, answer_labels
from assessment.exports.cells import neutralise
from assessment.model.engagement import Profile
from assessment.model.questionnaire import OPTION_TYPES, Questionnaire

MARKER = "genai-readiness workbook"
ANSWERS_SHEET, LISTS_SHEET, ABOUT_SHEET = "Answers", "Lists", "About"
HEADER_ROW = 8
COLUMNS = ("Question id", "Dimension", "Question", "How to answer", "Answer", "Comment", "Evidence")
RESPONDENT_FIELDS = ("Your name", "Your e-mail", "Your role", "Business unit")
ANSWER_COLUMN, COMMENT_COLUMN, EVIDENCE_COLUMN = 5, 6, 7
UNLOCKED = Protection(locked=False)
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def build_workbook(
    questionnaire: Questionnaire, profile: Profile, unit_id: str, role: str | None = None
) -> bytes:
    """The workbook as .xlsx bytes. With `role`, only the questions meant for that role."""
    check_role(questionnaire, role)
    unit = next(u for u in profile.business_units if u.id == unit_id)
    book = Workbook()
    _instructions(book.active, questionnaire, profile, unit.name)
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    about = book.create_sheet(ABOUT_SHEET)
    about.sheet_state = "hidden"
    for entry in (
        ("tool", MARKER),
        ("questionnaire_id", questionnaire.id),
        ("questionnaire_version", questionnaire.version),
        ("business_unit", unit.id),
        ("role_filter", role or ""),
    ):
        about.append(tuple(neutralise(v) for v in entry))

    sheet = book.create_sheet(ANSWERS_SHEET, 1)
    sheet["A1"] = neutralise(f"{questionnaire.title}: {profile.organisation.name}")
    sheet["A1"].font = Font(bold=True, size=14)
    role_list = _list_column(book, lists, 1, "roles", list(questionnaire.role_labels.values()))
    unit_list = _list_column(book, lists, 2, "units", [u.name for u in profile.business_units])
    for offset, label in enumerate(RESPONDENT_FIELDS):
        row = 3 + offset
        sheet.cell(row, 1, label).font = Font(bold=True)
        cell = sheet.cell(row, 3)
        cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    sheet.cell(6, 3, neutralise(unit.name))
    _validation(sheet, role_list, "C5")
    _validation(sheet, unit_list, "C6")

    for col, title in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, col, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    row = HEADER_ROW + 1
    list_col = 3
    for dimension in questionnaire.dimensions:
        questions = [q for q in dimension.questions if role is None or role in q.audience]
        if not questions:
            continue
        sheet.cell(row, 1, neutralise(dimension.name)).font = Font(bold=True, size=12)
        row += 1
        for q in questions:
            hint = answer_hint(q)
            if q.visible_if:
                hint += f" Answer only if: {q.visible_if}."
            if q.evidence:
                hint += f" Evidence: {q.evidence}"
            values = (q.id, dimension.name, q.text, f"{q.help} {hint}".strip(), None, None, None)
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row, col, neutralise(value) if value is not None else None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for col in (ANSWER_COLUMN, COMMENT_COLUMN, EVIDENCE_COLUMN):
                cell = sheet.cell(row, col)
                cell.protection, cell.fill = UNLOCKED, INPUT_FILL
                cell.number_format = "@"  # text: "50%" stays "50%", not 0.5
            if q.type in OPTION_TYPES:
                ref = _list_column(book, lists, list_col, f"q_{q.id}", answer_labels(q))
                _validation(sheet, ref, f"{get_column_letter(ANSWER_COLUMN)}{row}")
                list_col += 1
            row += 1
    for col, width in zip(range(1, 8), (12, 18, 50, 45, 30, 30, 30), strict=True):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.protection.sheet = True
    book.security.lockStructure = True  # respondents cannot add, remove or rename sheets
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(sheet, questionnaire: Questionnaire, profile: Profile, unit: str) -> None:  # type: ignore[no-untyped-def]
    sheet.title = "Instructions"
    lines = [
        questionnaire.title,
        f"{profile.organisation.name}: {unit}",
        "",
        "1. Fill in your name, e-mail, role and business unit at the top of the Answers sheet.",
        "2. Answer each question in the yellow Answer column: pick from the drop-down where "
        "there is one; otherwise follow 'How to answer'.",
        "3. 'Not applicable' and 'Don't know' are fine: they are never counted as a low score.",
        "4. Add a comment or the evidence you would show an auditor where it helps.",
        "5. Save the file and send it back to the assessment team.",
        "",
        "Your name and e-mail are replaced by a pseudonym when answers are imported; reports "
        "never show who answered what.",
    ]
    for row, text in enumerate(lines, start=1):
        sheet.cell(row, 1, neutralise(text))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True


def _list_column(book: Workbook, lists, col: int, name: str, values: list[str]) -> str:  # type: ignore[no-untyped-def]
    letter = get_column_letter(col)
    for row, value in enumerate(values, start=1):
        lists.cell(row, col, neutralise(value))
    ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
    defined = DefinedName(name.replace("-", "_").replace(".", "_"), attr_text=ref)
    book.defined_names[defined.name] = defined
    return str(defined.name)


def _validation(sheet, list_name: str, cell: str) -> None:  # type: ignore[no-untyped-def]
    rule = DataValidation(
        type="list",
        formula1=f"={list_name}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not an allowed answer",
        error="Pick an answer from the list.",
    )
    sheet.add_data_validation(rule)
    rule.add(cell)
