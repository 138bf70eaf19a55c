"""Radar chart of current versus target level per dimension."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assessment.common.formatting import score_text
from assessment.report.charts.svg import GRID, INK, LINE_GAP, MUTED, svg, text, wrap_within


@dataclass(frozen=True)
class RadarAxis:
    label: str
    current: float | None  # score on the 1-5 scale
    target: float  # the lowest score that reaches the target level


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


LABEL_SIZE, VALUE_SIZE = 8.5, 7.5
LABEL_W = 100.0  # a dimension's name wraps at this width (points)
LABEL_OFFSET = 16.0  # labels start this far beyond the outer ring
LEGEND_H = 26.0  # the legend's row above the chart


@dataclass(frozen=True)
class _Label:
    x: float
    first_baseline: float  # relative to the centre
    anchor: str
    lines: list[str]

    @property
    def top(self) -> float:
        return self.first_baseline - LABEL_SIZE

    @property
    def bottom(self) -> float:
        return self.first_baseline + LINE_GAP * (len(self.lines) - 1) + 3


def _value_line(axis: RadarAxis) -> str:
    current = "no score" if axis.current is None else score_text(axis.current)
    return f"{current}, target {axis.target:.1f}"


def _label(axis: RadarAxis, angle: float, radius: float) -> _Label:
    """The axis's name and figures outside the rings, growing away from the chart: upwards
    above it, downwards below it, centred on the spoke at the sides."""
    lx, ly = _point(0, 0, radius, angle)
    sin, cos = math.sin(angle), math.cos(angle)
    anchor = "middle" if abs(sin) < 0.2 else ("start" if sin > 0 else "end")
    lines = [*wrap_within(axis.label, LABEL_W, LABEL_SIZE), _value_line(axis)]
    extra = LINE_GAP * (len(lines) - 1)
    if cos > 0.5:
        first = ly - 2 - extra
    elif cos < -0.5:
        first = ly + LABEL_SIZE + 1
    else:
        first = ly + 3 - extra / 2
    return _Label(lx, first, anchor, lines)


def radar_chart(axes: list[RadarAxis], accent: str, title: str) -> str:
    """Current and target per dimension. Every figure sits in the axis labels outside the
    rings, never on the plot, where points, outlines and rings meet at any score."""
    width, r_max = 560.0, 135.0
    n = len(axes)
    angles = [2 * math.pi * i / n for i in range(n)]
    labels = [_label(a, ang, r_max + LABEL_OFFSET) for a, ang in zip(axes, angles, strict=True)]
    # The chart grows to hold its labels: long names wrap onto more lines.
    above = max([r_max + 4, *(-label.top for label in labels)])
    below = max([r_max + 4, *(label.bottom for label in labels)])
    cx, cy = width / 2, LEGEND_H + above
    height = cy + below + 6

    def radius(value: float) -> float:
        return r_max * (value - 0) / 5

    body: list[str] = []
    for ring in range(1, 6):
        pts = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, radius(ring), a) for a in angles)
        )
        body.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}" stroke-width="0.7"/>')
    for angle, label in zip(angles, labels, strict=True):
        x, y = _point(cx, cy, r_max, angle)
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.7"/>'
        )
        *name, figures = label.lines
        for k, line in enumerate(name):
            baseline = cy + label.first_baseline + k * LINE_GAP
            body.append(
                text(
                    cx + label.x, baseline, line, size=LABEL_SIZE, anchor=label.anchor, weight="600"
                )
            )
        baseline = cy + label.first_baseline + len(name) * LINE_GAP
        body.append(
            text(cx + label.x, baseline, figures, size=VALUE_SIZE, anchor=label.anchor, fill=MUTED)
        )

    target_pts = [
        _point(cx, cy, radius(a.target), ang) for a, ang in zip(axes, angles, strict=True)
    ]
    body.append(
        '<polygon points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in target_pts)
        + f'" fill="none" stroke="{INK}" stroke-width="1.4" stroke-dasharray="5,3"/>'
    )
    current_pts = [
        _point(cx, cy, radius(a.current if a.current is not None else 0), ang)
        for a, ang in zip(axes, angles, strict=True)
    ]
    body.append(
        '<polygon points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in current_pts)
        + f'" fill="{accent}" fill-opacity="0.18" stroke="{accent}" stroke-width="2"/>'
    )
    for x, y in current_pts:
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{accent}"/>')

    # Legend: solid = current, dashed = target; readable without colour.
    ly = 14.0
    body.append(f'<line x1="8" y1="{ly}" x2="30" y2="{ly}" stroke="{accent}" stroke-width="2"/>')
    body.append(text(34, ly + 3, "Current score", size=8))
    body.append(
        f'<line x1="110" y1="{ly}" x2="132" y2="{ly}" stroke="{INK}" '
        'stroke-width="1.4" stroke-dasharray="5,3"/>'
    )
    body.append(text(136, ly + 3, "Target (lowest score of the target level)", size=8))
    body.append(
        text(
            width - 8, ly + 3, "Rings: scores 1 to 5, outermost 5", size=8, anchor="end", fill=MUTED
        )
    )
    return svg(width, height, body, title)
