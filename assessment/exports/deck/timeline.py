"""The 24-month timeline as native shapes: one bar per phase over a month axis, each labelled
with its name and its number of actions."""

from __future__ import annotations

import datetime as dt

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Inches, Pt

from assessment.common.formatting import month_date, month_text
from assessment.exports.deck.frame import GAP, Area
from assessment.exports.deck.style import Style, blend, rgb
from assessment.exports.deck.text import write_lines
from assessment.model.roadmap import Roadmap

LABEL_WIDTH = Inches(2.8)
AXIS_HEIGHT = Inches(0.6)
TICK_EVERY = 6


def timeline(
    shapes: SlideShapes, area: Area, style: Style, roadmap: Roadmap, start: dt.date, date_style: str
) -> None:
    horizon = roadmap.horizon_months
    left = area.left + LABEL_WIDTH + GAP
    width = area.right - left

    def x(month: float) -> int:
        return round(left + width * month / horizon)

    for month in range(0, horizon + 1, TICK_EVERY):
        tick = shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT,
            Emu(x(month)),
            Emu(area.top + AXIS_HEIGHT),
            Emu(x(month)),
            Emu(area.bottom),
        )
        tick.line.color.rgb = rgb("#BFBFBF")
        tick.line.width = Pt(0.75)
        label_width = Inches(1.3)
        # Centred on its tick, but kept inside the slide's area at both ends.
        box_left = min(
            max(x(month) - label_width // 2, left - label_width // 4), area.right - label_width
        )
        box = shapes.add_textbox(*Area(box_left, area.top, label_width, AXIS_HEIGHT).box())
        box.name = f"Month {month}"
        write_lines(
            box.text_frame,
            [f"Month {month}", month_text(month_date(start, month), date_style)],
            style,
            10,
        )
        for paragraph in box.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
            paragraph.space_after = Pt(0)

    rows = len(roadmap.phases)
    row_height = (area.height - AXIS_HEIGHT - GAP) // max(rows, 1)
    bar_height = min(round(row_height * 0.7), Inches(0.8))
    for i, phase in enumerate(roadmap.phases):
        top = area.top + AXIS_HEIGHT + GAP + i * row_height + (row_height - bar_height) // 2
        label = shapes.add_textbox(*Area(area.left, top, LABEL_WIDTH, bar_height).box())
        label.name = f"Phase {phase.number} label"
        label.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        write_lines(
            label.text_frame,
            [f"{phase.number}. {phase.name}", f"Months {phase.start_month}-{phase.end_month}"],
            style,
            13,
            bold_first=True,
        )
        label.text_frame.paragraphs[-1].space_after = Pt(0)
        span = Area(
            x(phase.start_month), top, x(phase.end_month) - x(phase.start_month), bar_height
        )
        bar = shapes.add_shape(MSO_SHAPE.RECTANGLE, *span.box())
        bar.name = f"Phase {phase.number} bar"
        bar.fill.solid()
        bar.fill.fore_color.rgb = blend(style.primary, 1.0 - 0.12 * i)
        bar.line.fill.background()
        count = sum(1 for a in roadmap.actions if a.phase == phase.number)
        frame = bar.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        write_lines(
            frame,
            [f"{count} action{'s' if count != 1 else ''}"],
            style,
            12,
            colour="#FFFFFF",
        )
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
