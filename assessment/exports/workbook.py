"""The analysis workbook (.xlsx): one sheet for each table a consultant works with, taken as
written from the results, the consultant's layer and the answer rows the service prepared.
Nothing here decides anything: hidden units stay hidden, and no figure is recomputed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from assessment.common.formatting import unblocks_text, whole_text
from assessment.exports.markdown_text import plain_paragraphs
from assessment.exports.workbook_properties import mark
from assessment.exports.workbook_style import (
    Column,
    Look,
    Value,
    text,
    write_lines,
    write_table,
    write_title,
)
from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import Results, UnitResult
from assessment.model.roadmap import Range

ActionDates = dict[str, tuple[dt.date, dt.date]]


@dataclass(frozen=True)
class AnswerRow:
    """One respondent's answer to one question, with the respondent already pseudonymised."""

    respondent: str
    unit: str
    role: str
    question_id: str
    dimension_id: str
    answer: str
    answer_text: str
    score: float | None
    comment: str


@dataclass(frozen=True)
class AnswerSheet:
    rows: list[AnswerRow]
    notes: list[str] = field(default_factory=list)  # what was withheld, and why


SHEETS = {
    "About": "document control, key messages and what each sheet holds",
    "Answers": "every answer, one row each; respondents under pseudonyms",
    "Question scores": "each question's score, level and answer counts",
    "Dimension scores": "each dimension for the organisation and every business unit",
    "Roadmap": "the planned and deferred actions with owners, phases, dates and costs",
    "KPIs": "the scorecard: what each action must deliver, and by when",
    "Costs": "every cost line with how it is computed, then the totals",
    "Cost assumptions": "the assumptions behind all the cost figures",
}
KIND_LABELS = {
    "action": "Action",
    "seats": "Assistant seats",
    "usage": "Model usage",
    "team": "Programme team",
}


def render_workbook(
    results: Results, layer: ConsultantLayer, answers: AnswerSheet, dates: ActionDates
) -> bytes:
    look = Look.of(layer.theme)
    book = Workbook()
    about = book.active
    assert about is not None  # a new workbook always has one sheet
    about.title = "About"
    _about(about, results, layer, answers, look)
    _answers(book.create_sheet("Answers"), results, answers, look)
    _questions(book.create_sheet("Question scores"), results, look)
    _dimensions(book.create_sheet("Dimension scores"), results, look)
    _roadmap(book.create_sheet("Roadmap"), results, dates, look)
    _kpis(book.create_sheet("KPIs"), results, look)
    _costs(book.create_sheet("Costs"), results, look)
    _assumptions(book.create_sheet("Cost assumptions"), results, look)
    for sheet in book.worksheets:
        # Printed, each sheet fits the page's width (landscape) and runs on down the pages.
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.page_setup.orientation = "landscape"
        sheet.print_title_rows = "1:1" if sheet.title != "About" else None
    mark(book.properties, results, layer)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _about(
    sheet: Worksheet,
    results: Results,
    layer: ConsultantLayer,
    answers: AnswerSheet,
    look: Look,
) -> None:
    document = layer.document
    title = document.title or f"Analysis workbook: {results.organisation}"
    write_title(sheet, 1, title, look, size=16)
    row = 2
    if document.status == "draft":
        sheet.cell(row, 1, "DRAFT").font = Font(name=look.font, bold=True, color=look.accent)
        row += 1
    facts: list[tuple[str, Value]] = [
        ("Organisation", results.organisation),
        ("Assessment date", results.assessment_date),
        ("Prepared by", document.firm),
        ("Authors", ", ".join(p.name for p in document.authors)),
        ("Version", document.version),
        ("Status", document.status.capitalize()),
        ("Questionnaire", f"{results.questionnaire_id} {results.questionnaire_version}"),
        (
            "Readiness index",
            f"{whole_text(results.overall.index)} of 100 ({results.overall.band}), level "
            f"{results.overall.level} ({results.overall.level_name})",
        ),
        ("Respondents", results.participation.respondents),
    ]
    row = write_lines(sheet, row + 1, [(k, v) for k, v in facts if v != ""], look)
    messages = plain_paragraphs(layer.commentary.key_messages)
    if messages:
        write_title(sheet, row + 1, "Key messages", look, size=12)
        row = write_lines(sheet, row + 2, [("", m) for m in messages], look)
    write_title(sheet, row + 1, "Sheets", look, size=12)
    row = write_lines(sheet, row + 2, SHEETS.items(), look)
    if answers.notes:
        write_title(sheet, row + 1, "About the answers", look, size=12)
        row = write_lines(sheet, row + 2, [("", n) for n in answers.notes], look)
    if layer.theme.disclaimer:
        write_title(sheet, row + 1, "Disclaimer", look, size=12)
        write_lines(sheet, row + 2, [("", layer.theme.disclaimer)], look)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100


def _answers(sheet: Worksheet, results: Results, answers: AnswerSheet, look: Look) -> None:
    names = {d.dimension_id: d.name for d in results.dimensions}
    columns = [
        Column("Respondent (pseudonym)"),
        Column("Business unit"),
        Column("Role"),
        Column("Question"),
        Column("Dimension"),
        Column("Answer"),
        Column("Answer text", "long"),
        Column("Score", "score"),
        Column("Comment", "long"),
    ]
    rows = (
        (
            a.respondent,
            a.unit,
            a.role,
            a.question_id,
            names.get(a.dimension_id, a.dimension_id),
            a.answer,
            a.answer_text,
            a.score,
            a.comment,
        )
        for a in answers.rows
    )
    write_table(sheet, columns, rows, look)


def _questions(sheet: Worksheet, results: Results, look: Look) -> None:
    names = {d.dimension_id: d.name for d in results.dimensions}
    columns = [
        Column("Question"),
        Column("Dimension"),
        Column("Question text", "long"),
        Column("Weight", "score"),
        Column("Critical", "flag"),
        Column("Score", "score"),
        Column("Level", "count"),
        Column("Answered", "count"),
        Column("Not applicable", "count"),
        Column("Don't know", "count"),
        Column("Unanswered", "count"),
        Column("Most frequent answer", "long"),
        Column("Share of scored answers", "share"),
        Column("Median", "score"),
        Column("Unit of measure"),
    ]
    rows = (
        (
            q.question_id,
            names.get(q.dimension_id, q.dimension_id),
            q.text,
            q.weight,
            q.critical,
            q.score,
            q.level,
            q.answered,
            q.not_applicable,
            q.dont_know,
            q.unanswered,
            " / ".join(q.top_answers) or q.top_answer,
            q.top_answer_share,
            q.median_value,
            q.unit,
        )
        for q in results.questions
    )
    write_table(sheet, columns, rows, look)


DIMENSION_COLUMNS = [
    Column("Business unit"),
    Column("Dimension"),
    Column("Readiness index", "score"),
    Column("Respondents", "count"),
    Column("Score", "score"),
    Column("Level", "count"),
    Column("Target level", "count"),
    Column("Target score", "score"),
    Column("Gap measured from", "score"),
    Column("Gap (points)", "score"),
    Column("Interval low", "score"),
    Column("Interval high", "score"),
    Column("Spread", "score"),
    Column("Disagreement", "flag"),
    Column("Coverage", "share"),
    Column("Note", "long"),
]


def _dimensions(sheet: Worksheet, results: Results, look: Look) -> None:
    write_table(sheet, DIMENSION_COLUMNS, _dimension_rows(results), look)


def _dimension_rows(results: Results) -> Iterator[Sequence[Value]]:
    names = {d.dimension_id: d.name for d in results.dimensions}
    whole = f"{results.organisation} (whole organisation)"
    for d in results.dimensions:
        low, high = d.confidence_interval or (None, None)
        yield (
            whole,
            d.name,
            results.overall.index,
            d.respondents,
            d.score,
            d.level,
            d.target,
            d.target_score,
            d.gap_from,
            d.gap,
            low,
            high,
            d.dispersion,
            d.disagreement,
            d.coverage,
            d.no_interval_reason,
        )
    for unit in results.units:
        if unit.hidden:
            yield from _hidden_rows(unit, names)
            continue
        for u in unit.dimensions:
            low, high = u.confidence_interval or (None, None)
            yield (
                unit.name,
                names.get(u.dimension_id, u.dimension_id),
                unit.index,
                u.respondents,
                u.score,
                u.level,
                u.target,
                u.target_score,
                u.gap_from,
                u.gap,
                low,
                high,
                u.dispersion,
                u.disagreement,
                u.coverage,
                u.no_interval_reason,
            )


def _hidden_rows(unit: UnitResult, names: dict[str, str]) -> Iterator[Sequence[Value]]:
    """A hidden unit keeps its rows, so that it is seen to exist, but none of its figures."""
    note = "Not shown, to protect anonymity" + (
        f": {unit.hidden_reason}" if unit.hidden_reason else ""
    )
    for name in names.values():
        yield (unit.name, name, *([None] * (len(DIMENSION_COLUMNS) - 3)), note)


def _roadmap(sheet: Worksheet, results: Results, dates: ActionDates, look: Look) -> None:
    roadmap = results.roadmap
    currency = roadmap.currency
    phases = {p.number: p.name for p in roadmap.phases}
    names = {d.dimension_id: d.name for d in results.dimensions}
    columns = [
        Column("Action"),
        Column("Title", "long"),
        Column("Status"),
        Column("Phase", "count"),
        Column("Phase name"),
        Column("Start month", "count"),
        Column("End month", "count"),
        Column("Start date", "date"),
        Column("End date", "date"),
        Column("Owners", "long"),
        Column("Dimensions", "long"),
        Column("Depends on"),
        Column("Effort"),
        Column("Quick win", "flag"),
        Column("Compliance", "flag"),
        Column("Urgent", "flag"),
        Column("Priority", "score"),
        *_range_columns(currency),
        Column("Deliverable", "long"),
        Column("Why", "long"),
        Column("Use cases it unblocks", "long"),
        Column("Cost assumption", "long"),
    ]
    use_case_names = {u.id: u.name for u in results.use_cases}
    rows: list[Sequence[Value]] = []
    for a in roadmap.actions:
        value = a.unblocks_value
        start, end = dates.get(a.id, (None, None))
        rows.append(
            (
                a.id,
                a.title,
                "Planned",
                a.phase,
                phases.get(a.phase),
                a.start_month,
                a.end_month,
                start,
                end,
                "; ".join(a.owners),
                "; ".join(names.get(d, d) for d in a.dimensions),
                ", ".join(a.depends_on),
                a.effort,
                a.quick_win,
                a.compliance,
                a.urgent,
                a.priority,
                *_range_values(a.capex, a.opex_per_year),
                a.deliverable,
                a.reason,
                unblocks_text(
                    [use_case_names.get(u, u) for u in a.unblocks],
                    value.low if value else 0,
                    value.high if value else 0,
                    currency,
                )
                or None,
                a.cost_assumption,
            )
        )
    blank: list[Value] = [None] * (len(columns) - 3)
    why = [c.header for c in columns].index("Why")
    for deferred in roadmap.deferred:
        row = [deferred.id, deferred.title, "Deferred", *blank]
        row[why] = deferred.reason
        rows.append(row)
    write_table(sheet, columns, rows, look)


def _range_columns(currency: str) -> list[Column]:
    return [
        Column(f"One-off low ({currency})", "money"),
        Column(f"One-off high ({currency})", "money"),
        Column(f"Yearly low ({currency})", "money"),
        Column(f"Yearly high ({currency})", "money"),
    ]


def _range_values(capex: Range, opex: Range) -> tuple[float, float, float, float]:
    return capex.low, capex.high, opex.low, opex.high


def _kpis(sheet: Worksheet, results: Results, look: Look) -> None:
    titles = {a.id: a.title for a in results.roadmap.actions}
    columns = [
        Column("Action"),
        Column("Action title", "long"),
        Column("KPI", "long"),
        Column("Owner"),
        Column("Target", "long"),
        Column("Measure", "long"),
        Column("Due month", "count"),
        Column("Due date", "date"),
        Column("Baseline", "long"),
    ]
    rows = (
        (
            r.action_id,
            titles.get(r.action_id),
            r.kpi,
            r.owner,
            r.target,
            r.measure,
            r.due_month,
            r.due_date,
            r.baseline,
        )
        for r in results.roadmap.scorecard
    )
    write_table(sheet, columns, rows, look)


def _costs(sheet: Worksheet, results: Results, look: Look) -> None:
    roadmap = results.roadmap
    columns = [
        Column("Line"),
        Column("Kind"),
        Column("What", "long"),
        Column("Phase", "count"),
        *_range_columns(roadmap.currency),
        Column("How it is computed", "long"),
    ]
    rows = (
        (
            c.id,
            KIND_LABELS.get(c.kind, c.kind),
            c.label,
            c.phase,
            *_range_values(c.capex, c.opex_per_year),
            c.assumption,
        )
        for c in roadmap.cost_lines
    )
    last = write_table(sheet, columns, rows, look)
    # The totals sit below the filtered table: sorting or filtering the lines leaves them be.
    phase_names = {p.number: p.name for p in roadmap.phases}
    totals: list[Sequence[Value]] = [
        (
            None,
            "Phase total",
            f"Phase {p.phase}: {phase_names.get(p.phase, '')}".rstrip(": "),
            p.phase,
            *_range_values(p.capex, p.opex_per_year),
            None,
        )
        for p in roadmap.phase_costs
    ]
    totals.append(
        (
            None,
            "Total",
            "The whole plan (summed before rounding)",
            None,
            *_range_values(roadmap.total_capex, roadmap.total_opex_per_year),
            None,
        )
    )
    bold = Font(name=look.font, bold=True)
    for i, values in enumerate(totals, start=last + 2):
        for j, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(i, j, text(value) if isinstance(value, str) else value)
            cell.font = bold
            if column.kind == "money":
                cell.number_format = "#,##0"


def _assumptions(sheet: Worksheet, results: Results, look: Look) -> None:
    rows = ((a,) for a in results.roadmap.cost_assumptions)
    write_table(sheet, [Column("Assumption", "long")], rows, look)
