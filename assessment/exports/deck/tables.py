"""Native tables: the unit heatmap (PowerPoint has no heatmap chart) and plain lists."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.shapetree import SlideShapes
from pptx.table import Table, _Cell
from pptx.util import Inches

from assessment.exports.deck.frame import Area
from assessment.exports.deck.style import Style, blend, rgb
from assessment.exports.deck.text import index_text, plain, score_text
from assessment.model.results import UnitResult

HEADER_SIZE, BODY_SIZE = 11, 11
_LIGHT_TEXT_FROM_LEVEL = 4  # the darker fills of the top levels need white text


def _cell(cell: _Cell, text: str, style: Style, size: float, **font: object) -> None:
    cell.text = plain(text)
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            style.font(run.font, size, **font)  # type: ignore[arg-type]


def _fill(cell: _Cell, colour: object) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = colour


@dataclass(frozen=True)
class Column:
    header: str
    share: float
    align: PP_ALIGN = PP_ALIGN.LEFT


def table(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    columns: list[Column],
    rows: list[list[str]],
    *,
    name: str,
    size: float = BODY_SIZE,
    total_row: bool = False,
    row_height: int = Inches(0.42),
) -> Table:
    """A header row in the theme's colour and banded rows; the last row bold when a total."""
    height = min(area.height, row_height * (len(rows) + 1))
    place = Area(area.left, area.top, area.width, height)
    frame = shapes.add_table(len(rows) + 1, len(columns), *place.box())
    frame.name = name
    grid = frame.table
    free = sum(c.share for c in columns)
    for i, column in enumerate(columns):
        grid.columns[i].width = round(area.width * column.share / free)
        header = grid.cell(0, i)
        _cell(header, column.header, style, HEADER_SIZE, bold=True, colour="#FFFFFF")
        _fill(header, rgb(style.primary))
        header.text_frame.paragraphs[0].alignment = column.align
    for r, row in enumerate(rows, start=1):
        last = total_row and r == len(rows)
        for i, (column, text) in enumerate(zip(columns, row, strict=True)):
            cell = grid.cell(r, i)
            _cell(cell, text, style, size, bold=last)
            _fill(cell, blend(style.secondary, 0.12 if r % 2 == 0 else 0.0))
            cell.text_frame.paragraphs[0].alignment = column.align
    return grid


def heatmap(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    units: list[UnitResult],
    dimensions: list[tuple[str, str]],
    min_group: int,
) -> Table:
    """Units x dimensions, each score filled by its level. A hidden unit shows why, in one
    merged cell across its row: never its scores or index."""
    columns = [Column("Business unit", 2.2), Column("Index", 0.8, PP_ALIGN.CENTER)] + [
        Column(name, 1.0, PP_ALIGN.CENTER) for _, name in dimensions
    ]
    rows = [[u.name, "", *("" for _ in dimensions)] for u in units]
    grid = table(
        shapes,
        area,
        style,
        columns,
        rows,
        name="Table: unit heatmap",
        size=12,
        row_height=Inches(0.6),
    )
    for i in range(len(columns)):
        # Long dimension names in narrow columns (a 4:3 slide) would break inside words.
        narrow = grid.columns[i].width < Inches(0.95)
        size = 7.5 if narrow else 9
        _cell(grid.cell(0, i), columns[i].header, style, size, bold=True, colour="#FFFFFF")
        grid.cell(0, i).text_frame.paragraphs[0].alignment = columns[i].align
    for r, unit in enumerate(units, start=1):
        if unit.hidden:
            _hidden_row(grid, r, len(columns), style, min_group)
            continue
        _cell(grid.cell(r, 1), index_text(unit.index), style, 12, bold=True)
        grid.cell(r, 1).text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        by_id = {d.dimension_id: d for d in unit.dimensions}
        for c, (dim_id, _) in enumerate(dimensions, start=2):
            cell = grid.cell(r, c)
            score = by_id.get(dim_id)
            level = score.level if score is not None else None
            light = level is not None and level >= _LIGHT_TEXT_FROM_LEVEL
            _cell(
                cell,
                score_text(score.score if score is not None else None),
                style,
                12,
                colour="#FFFFFF" if light else None,
            )
            cell.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            _fill(
                cell, blend(style.primary, 0.15 + 0.17 * (level - 1)) if level else rgb("#FFFFFF")
            )
    return grid


def _hidden_row(grid: Table, row: int, width: int, style: Style, min_group: int) -> None:
    first = grid.cell(row, 1)
    first.merge(grid.cell(row, width - 1))
    _cell(first, f"fewer than {min_group} respondents: not shown", style, 11, colour="#595959")
    first.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    _fill(first, rgb("#F2F2F2"))
    for paragraph in first.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.italic = True
