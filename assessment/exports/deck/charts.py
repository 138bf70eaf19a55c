"""Native, editable charts: the consultant can restyle them or edit their data in PowerPoint."""

from __future__ import annotations

from typing import cast

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
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
    shapes: SlideShapes, kind: XL_CHART_TYPE, area: Area, data: CategoryChartData
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
