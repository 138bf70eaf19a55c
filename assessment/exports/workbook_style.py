"""Tables in an analysis workbook: a themed header row, typed columns with number formats,
frozen header, auto-filter and column widths. Every text cell is neutralised, so nothing in a
table can run as a formula, whoever wrote the text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessment.exports.cells import neutralise
from assessment.model.deliverable import Theme

Kind = Literal["text", "long", "score", "money", "count", "share", "date", "flag"]
Value = str | float | int | bool | dt.date | None

NUMBER_FORMATS: dict[Kind, str] = {
    "score": "0.0",
    "money": "#,##0",
    "count": "0",
    "share": "0%",
    "date": "yyyy-mm-dd",
}
# Characters of width per column: enough for most values, never a screen wide.
WIDTH = {"narrow": 6, "wide": 60, "long": 70}
FONT_FILES = (".ttf", ".otf")


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Look:
    """The theme as the workbook uses it: one font name and the header colours."""

    font: str
    header_fill: str
    header_text: str
    title_colour: str
    accent: str

    @classmethod
    def of(cls, theme: Theme) -> Look:
        return cls(
            font=font_name(theme.fonts.body),
            header_fill=_argb(theme.colours.primary),
            header_text="FFFFFFFF",
            title_colour=_argb(theme.colours.primary),
            accent=_argb(theme.colours.accent),
        )


def font_name(font: str) -> str:
    """A spreadsheet names fonts, it cannot embed them: a font file is named by its file name."""
    return PurePath(font).stem if font.lower().endswith(FONT_FILES) else font


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def text(value: object) -> str:
    """A text cell's value: inert (see cells.neutralise), and without the control characters
    a workbook cannot hold (shown as a replacement mark, so nothing vanishes unseen)."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))


def _cell_value(value: Value, kind: Kind) -> Value:
    if value is None:
        return None
    if kind in {"text", "long"}:
        return text(value)
    if kind == "flag":
        return "yes" if value else "no"
    return value


def _style(sheet: Worksheet, kind: Kind | Literal["header"], look: Look) -> str:
    """The name of the workbook's style for `kind`, registered on first use: one named style
    per kind costs far less than styling each cell, and shows in the spreadsheet's style list."""
    name = f"Readiness {kind}"
    book = sheet.parent
    assert book is not None  # a sheet of a workbook
    if name not in book.named_styles:
        style = NamedStyle(name=name, font=Font(name=look.font))
        if kind == "header":
            style.font = Font(name=look.font, bold=True, color=look.header_text)
            style.fill = PatternFill("solid", fgColor=look.header_fill)
            style.alignment = Alignment(wrap_text=True, vertical="center")
        elif kind == "long":
            style.alignment = Alignment(wrap_text=True, vertical="top")
        if kind in NUMBER_FORMATS:
            style.number_format = NUMBER_FORMATS[kind]
        book.add_named_style(style)
    return name


def write_table(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    look: Look,
    first_row: int = 1,
) -> int:
    """Write a header and its rows from `first_row`; freeze the header and filter the table.
    Returns the last row written."""
    header = _style(sheet, "header", look)
    styles = [_style(sheet, c.kind, look) for c in columns]
    widths = [len(c.header) for c in columns]
    for j, column in enumerate(columns, start=1):
        sheet.cell(first_row, j, text(column.header)).style = header
    last = first_row
    for last, row in enumerate(rows, start=first_row + 1):
        for j, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(last, j, _cell_value(value, column.kind))
            cell.style = styles[j - 1]
            widths[j - 1] = max(widths[j - 1], _shown_width(cell.value, column.kind))
    for j, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        limit = WIDTH["long"] if column.kind == "long" else WIDTH["wide"]
        sheet.column_dimensions[get_column_letter(j)].width = min(
            max(width, WIDTH["narrow"]) + 2, limit
        )
    sheet.freeze_panes = sheet.cell(first_row + 1, 1).coordinate
    sheet.auto_filter.ref = f"A{first_row}:{get_column_letter(len(columns))}{last}"
    return last


def _shown_width(value: object, kind: Kind) -> int:
    if value is None:
        return 0
    if kind == "money":
        return len(f"{value:,.0f}")
    if kind == "date":
        return 10
    if kind in {"score", "share", "count"}:
        return 6
    return len(str(value))


def write_title(sheet: Worksheet, row: int, title: str, look: Look, size: int = 14) -> None:
    cell = sheet.cell(row, 1, text(title))
    cell.font = Font(name=look.font, bold=True, size=size, color=look.title_colour)


WRAP_CHARS = 90  # characters a line of the 100-wide value column holds, conservatively
LINE_HEIGHT = 15.0  # points per line at the body size


def write_lines(sheet: Worksheet, row: int, lines: Iterable[tuple[str, Value]], look: Look) -> int:
    """Label/value pairs, one a row, from `row`; returns the next free row."""
    label_font, body = Font(name=look.font, bold=True), Font(name=look.font)
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, value in lines:
        sheet.cell(row, 1, text(label)).font = label_font
        cell = sheet.cell(row, 2, text(value) if isinstance(value, str) else value)
        cell.font, cell.alignment = body, wrap
        if isinstance(value, dt.date):
            cell.number_format = NUMBER_FORMATS["date"]
        if isinstance(value, str):
            # Spreadsheets do not grow a row for wrapped text written by a program: give it the
            # height of its lines, or long paragraphs print over the rows below.
            height = sum(max(1, -(-len(part) // WRAP_CHARS)) for part in value.split("\n"))
            if height > 1:
                sheet.row_dimensions[row].height = LINE_HEIGHT * height
        row += 1
    return row
