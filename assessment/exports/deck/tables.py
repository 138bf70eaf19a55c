"""Native tables: the unit heatmap (PowerPoint has no heatmap chart) and plain lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.shapetree import SlideShapes
from pptx.table import Table, _Cell
from pptx.util import Emu, Inches

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


def _fill(cell: _Cell, colour: RGBColor) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = colour


@dataclass(frozen=True)
class Column:
    header: str
    share: float
    align: PP_ALIGN = PP_ALIGN.LEFT


@dataclass(frozen=True)
class Shown:
    """A cell with its own look: a heatmap score filled by its level."""

    text: str
    fill: RGBColor
    colour: str | None = None
    bold: bool = False


def table(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    columns: list[Column],
    rows: Sequence[Sequence[str | Shown]],
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
        grid.columns[i].width = Emu(round(area.width * column.share / free))
        # Long dimension names in narrow columns (a 4:3 slide) would break inside words.
        width = grid.columns[i].width
        header_size = HEADER_SIZE if width >= Inches(1.2) else 8 if width >= Inches(0.95) else 7
        header = grid.cell(0, i)
        _cell(header, column.header, style, header_size, bold=True, colour="#FFFFFF")
        _fill(header, rgb(style.primary))
        header.text_frame.paragraphs[0].alignment = column.align
    for r, row in enumerate(rows, start=1):
        last = total_row and r == len(rows)
        band = blend(style.secondary, 0.12 if r % 2 == 0 else 0.0)
        for i, (column, shown) in enumerate(zip(columns, row, strict=True)):
            cell = grid.cell(r, i)
            if isinstance(shown, Shown):
                _cell(cell, shown.text, style, size, bold=shown.bold, colour=shown.colour)
                _fill(cell, shown.fill)
            else:
                _cell(cell, shown, style, size, bold=last)
                _fill(cell, band)
            cell.text_frame.paragraphs[0].alignment = column.align
    return grid


def heatmap(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    units: list[UnitResult],
    dimensions: list[tuple[str, str]],
    min_group: int,
    row_height: int,
) -> Table:
    """Units x dimensions, each score filled by its level. A hidden unit shows why, in one
    merged cell across its row: never its scores or index."""
    columns = [Column("Business unit", 1.8), Column("Index", 0.7, PP_ALIGN.CENTER)] + [
        Column(name, 1.0, PP_ALIGN.CENTER) for _, name in dimensions
    ]
    rows: list[list[str | Shown]] = []
    for unit in units:
        if unit.hidden:
            rows.append([unit.name, *("" for _ in range(len(columns) - 1))])
            continue
        by_id = {d.dimension_id: d for d in unit.dimensions}
        cells: list[str | Shown] = [
            unit.name,
            Shown(index_text(unit.index), rgb("#FFFFFF"), bold=True),
        ]
        for dim_id, _ in dimensions:
            score = by_id.get(dim_id)
            level = score.level if score is not None else None
            cells.append(
                Shown(
                    score_text(score.score if score is not None else None),
                    blend(style.primary, 0.15 + 0.17 * (level - 1)) if level else rgb("#FFFFFF"),
                    "#FFFFFF" if level is not None and level >= _LIGHT_TEXT_FROM_LEVEL else None,
                )
            )
        rows.append(cells)
    grid = table(
        shapes,
        area,
        style,
        columns,
        rows,
        name="Table: unit heatmap",
        size=12,
        row_height=row_height,
    )
    for r, unit in enumerate(units, start=1):
        if unit.hidden:
            _hidden_row(grid, r, len(columns), style, min_group)
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
