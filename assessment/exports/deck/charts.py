"""Native, editable charts: the consultant can restyle them or edit their data in PowerPoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Pt

from assessment.common.formatting import round_half_up
from assessment.exports.deck.frame import Area
from assessment.exports.deck.style import Style, rgb
from assessment.exports.deck.text import plain

SCORE_SERIES = "Score"
TARGET_SERIES = "Target score"
GAP_SERIES = "Points to target"


def _shown(value: float) -> float:
    """Chart data as the slides' text shows it, so a label never disagrees with the table."""
    return round_half_up(value, 2)


def _add(
    shapes: SlideShapes, kind: XL_CHART_TYPE, area: Area, data: CategoryChartData | XyChartData
) -> GraphicFrame:
    # python-pptx types add_chart as returning the chart; it returns the frame that holds it.
    frame = shapes.add_chart(kind, *area.box(), data)  # type: ignore[arg-type]
    return cast(GraphicFrame, frame)


def _base(chart: Chart, style: Style) -> None:
    chart.font.name = style.body_font
    chart.font.size = Pt(11)
    chart.font.color.rgb = rgb(style.text)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False


def radar(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    names: list[str],
    scores: list[float],
    targets: list[float],
) -> Chart:
    data = _score_and_target(CategoryChartData(), names, scores, targets)
    frame = _add(shapes, XL_CHART_TYPE.RADAR_MARKERS, area, data)
    frame.name = "Radar: score and target by dimension"
    chart = frame.chart
    _base(chart, style)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 1, 5, 1
    axis.tick_labels.font.size = Pt(9)
    for series, colour, width in zip(
        chart.plots[0].series, (style.primary, style.accent), (2.5, 1.5), strict=True
    ):
        series.format.line.color.rgb = rgb(colour)
        series.format.line.width = Pt(width)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(colour)
    chart.plots[0].series[1].format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    _plot_inside(chart, x=0.2, y=0.1, w=0.6, h=0.72)
    return chart


def _plot_inside(chart: Chart, *, x: float, y: float, w: float, h: float) -> None:
    """Fix the plot's share of the chart: left to itself, a viewer shrinks a radar to a dot to
    make room for long dimension names."""
    plot_area = chart._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = OxmlElement("c:layout")
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = OxmlElement("c:manualLayout")
    for tag, value in (
        ("c:layoutTarget", "inner"),
        ("c:xMode", "edge"),
        ("c:yMode", "edge"),
        ("c:x", str(x)),
        ("c:y", str(y)),
        ("c:w", str(w)),
        ("c:h", str(h)),
    ):
        element = OxmlElement(tag)
        element.set("val", value)
        manual.append(element)
    layout.append(manual)


def gap_bars(
    shapes: SlideShapes, area: Area, style: Style, labels: list[str], gaps: list[float]
) -> Chart:
    """Points still to go to each dimension's target score, as listed (widest first). One
    series: a score held down by a critical question is measured from that question, so score
    plus gap need not meet the target and the two are not stacked."""
    data = CategoryChartData(number_format="0.0")
    data.categories = [plain(n) for n in labels]
    data.add_series(GAP_SERIES, [_shown(g) for g in gaps])
    frame = _add(shapes, XL_CHART_TYPE.BAR_CLUSTERED, area, data)
    frame.name = "Bars: points to target by dimension"
    chart = frame.chart
    _base(chart, style)
    chart.has_legend = False
    chart.has_title = False  # the slide's title says it; a viewer would print the series name
    chart.category_axis.reverse_order = True  # the widest gap on top, as listed
    chart.category_axis.tick_labels.font.size = Pt(11)
    axis = chart.value_axis
    axis.minimum_scale, axis.major_unit = 0, 0.5
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb("#D9D9D9")
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0.0", False
    plot = chart.plots[0]
    plot.gap_width = 60
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = rgb(style.accent)
    values = series.data_labels
    values.show_value = True
    values.number_format, values.number_format_is_linked = "0.0", False
    values.font.size = Pt(11)
    return chart


def score_bars(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    names: list[str],
    scores: list[float],
    targets: list[float],
) -> Chart:
    """Score beside target score: for fewer than three dimensions, where a radar is a line."""
    data = _score_and_target(CategoryChartData(number_format="0.0"), names, scores, targets)
    frame = _add(shapes, XL_CHART_TYPE.COLUMN_CLUSTERED, area, data)
    frame.name = "Bars: score and target by dimension"
    chart = frame.chart
    _base(chart, style)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 5, 1
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.0", False
    for series, fill in zip(plot.series, (style.primary, style.accent), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(fill)
    return chart


def _score_and_target(
    data: CategoryChartData, names: list[str], scores: list[float], targets: list[float]
) -> CategoryChartData:
    """One category per dimension, the score and the target score as two series."""
    data.categories = [plain(n) for n in names]
    data.add_series(SCORE_SERIES, [_shown(s) for s in scores])
    data.add_series(TARGET_SERIES, [_shown(t) for t in targets])
    return data


# Okabe-Ito colours, as the report's matrix uses: told apart by colour-blind readers.
VERDICT_MARKERS = {"go": "009E73", "go_with_conditions": "E69F00", "not_yet": "D55E00"}


@dataclass(frozen=True)
class MatrixPoint:
    """One use case on the matrix: feasibility in percent, value a year in millions."""

    name: str
    verdict: str
    feasibility: float
    value: float


def use_case_matrix(
    shapes: SlideShapes,
    area: Area,
    style: Style,
    points: list[MatrixPoint],
    series_names: dict[str, str],
    splits: tuple[float, float],
    value_title: str,
) -> Chart:
    """Value against feasibility as a native scatter, one series per verdict, the axes crossing
    where the portfolio divides (feasibility, value). Use cases on the same spot share one
    label that names them all, so none hides another."""
    data = XyChartData()
    by_verdict: dict[str, list[MatrixPoint]] = {}
    for p in points:
        by_verdict.setdefault(p.verdict, []).append(p)
    order = [v for v in VERDICT_MARKERS if v in by_verdict]
    for verdict in order:
        series = data.add_series(series_names[verdict])
        for p in by_verdict[verdict]:
            series.add_data_point(_shown(p.feasibility), _shown(p.value))
    frame = _add(shapes, XL_CHART_TYPE.XY_SCATTER, area, data)
    frame.name = "Scatter: use cases, value against feasibility"
    chart = frame.chart
    _base(chart, style)
    feasibility_split, value_split = splits
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.minimum_scale, x_axis.maximum_scale, x_axis.major_unit = 0, 100, 25
    y_axis.minimum_scale = 0
    # python-pptx sets crosses_at on the perpendicular axis: each line is the other divide.
    x_axis.crosses_at = _shown(feasibility_split)  # the vertical line, at the feasibility split
    y_axis.crosses_at = _shown(value_split)  # the horizontal line, at the value split
    for axis, title in ((x_axis, "Feasibility (%)"), (y_axis, value_title)):
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
        axis.tick_labels.font.size = Pt(9)
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # at the edge, not the divide
        axis.has_major_gridlines = False
    labelled: set[tuple[float, float]] = set()
    spots = _names_by_spot(points)
    for verdict, series in zip(order, chart.plots[0].series, strict=True):
        series.format.line.fill.background()  # markers only
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 10
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(VERDICT_MARKERS[verdict])
        for i, p in enumerate(by_verdict[verdict]):
            spot = (_shown(p.feasibility), _shown(p.value))
            if spot in labelled:
                continue
            labelled.add(spot)
            label = series.points[i].data_label
            label.has_text_frame = True
            label.text_frame.text = "; ".join(spots[spot])
            label.text_frame.paragraphs[0].runs[0].font.size = Pt(9)
            # Ready use cases sit at the right edge: their labels go in the margin beyond it.
            label.position = XL_LABEL_POSITION.RIGHT if spot[0] >= 95 else XL_LABEL_POSITION.LEFT
    _plot_inside(chart, x=0.08, y=0.04, w=0.64, h=0.78)
    return chart


def _names_by_spot(points: list[MatrixPoint]) -> dict[tuple[float, float], list[str]]:
    spots: dict[tuple[float, float], list[str]] = {}
    for p in points:
        spots.setdefault((_shown(p.feasibility), _shown(p.value)), []).append(plain(p.name))
    return spots
