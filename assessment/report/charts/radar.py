"""Radar chart of current versus target level per dimension."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assessment.report.charts.svg import GRID, INK, MUTED, svg, text, wrap


@dataclass(frozen=True)
class RadarAxis:
    label: str
    current: float | None  # score on the 1-5 scale
    target: float  # the lowest score that reaches the target level


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def radar_chart(axes: list[RadarAxis], accent: str, title: str) -> str:
    width, height = 560.0, 410.0
    cx, cy, r_max = width / 2, height / 2 + 6, 135.0
    n = len(axes)
    angles = [2 * math.pi * i / n for i in range(n)]

    def radius(value: float) -> float:
        return r_max * (value - 0) / 5

    body: list[str] = []
    for ring in range(1, 6):
        pts = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, radius(ring), a) for a in angles)
        )
        body.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}" stroke-width="0.7"/>')
        body.append(text(cx + 3, cy - radius(ring) + 9, str(ring), size=7, fill=MUTED))
    for axis, angle in zip(axes, angles, strict=True):
        x, y = _point(cx, cy, r_max, angle)
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.7"/>'
        )
        lx, ly = _point(cx, cy, r_max + 16, angle)
        sin = math.sin(angle)
        anchor = "middle" if abs(sin) < 0.2 else ("start" if sin > 0 else "end")
        dy = 4 if abs(math.cos(angle)) < 0.5 else (-2 if math.cos(angle) > 0 else 10)
        lines = wrap(axis.label, 18)
        if math.cos(angle) > 0.5:  # labels above the chart grow upwards
            dy -= 10 * (len(lines) - 1)
        for k, line in enumerate(lines):
            body.append(text(lx, ly + dy + k * 10, line, size=8.5, anchor=anchor, weight="600"))

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
    for axis, (x, y) in zip(axes, current_pts, strict=True):
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{accent}"/>')
        if axis.current is not None:
            body.append(text(x + 5, y - 4, f"{axis.current:.1f}", size=7.5, weight="600"))

    # Legend: solid = current, dashed = target; readable without colour.
    ly = 14.0
    body.append(f'<line x1="8" y1="{ly}" x2="30" y2="{ly}" stroke="{accent}" stroke-width="2"/>')
    body.append(text(34, ly + 3, "Current score", size=8))
    body.append(
        f'<line x1="110" y1="{ly}" x2="132" y2="{ly}" stroke="{INK}" '
        'stroke-width="1.4" stroke-dasharray="5,3"/>'
    )
    body.append(text(136, ly + 3, "Target (lowest score of the target level)", size=8))
    body.append(text(width - 8, ly + 3, "Rings: scores 1-5", size=8, anchor="end", fill=MUTED))
    return svg(width, height, body, title)
