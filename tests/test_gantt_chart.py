"""The Gantt chart keeps every duration label inside the chart, whatever the bars' span."""

from __future__ import annotations

import re

import pytest

from assessment.report.charts.gantt import DURATION_LABEL_W, GanttBar, GanttPhase, gantt_chart

PHASES = [GanttPhase(name="One", start=0, end=12), GanttPhase(name="Two", start=12, end=24)]


def _labels(svg: str) -> list[tuple[float, str, str, str]]:
    found = re.findall(
        r'<text x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*fill="([^"]+)"[^>]*>(\d+ mo)<', svg
    )
    return [(float(x), anchor, fill, label) for x, anchor, fill, label in found]


@pytest.mark.parametrize(
    ("start", "end", "where"),
    [(2, 6, "after"), (20, 24, "inside"), (23, 24, "before"), (0, 24, "inside")],
)
def test_duration_labels_stay_inside_the_chart(start, end, where):
    svg = gantt_chart(
        [GanttBar("ACT-01 Something", start, end, False)], PHASES, 24, "#1F4E79", "Plan"
    )
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    ((x, anchor, fill, label),) = _labels(svg)
    assert label == f"{end - start} mo"
    if anchor == "start":
        assert x + DURATION_LABEL_W <= width
    assert where == {"start": "after", "end": "inside" if fill == "#FFFFFF" else "before"}[anchor]


def test_a_label_inside_a_light_bar_is_dark():
    svg = gantt_chart([GanttBar("ACT-01", 20, 24, False)], PHASES, 24, "#FFD700", "Plan")
    ((_, anchor, fill, _),) = _labels(svg)
    assert anchor == "end" and fill != "#FFFFFF"
