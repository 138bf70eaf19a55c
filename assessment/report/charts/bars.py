"""Horizontal gap bars: current score against the target level, sorted by gap."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import gap_text, score_text
from assessment.report.charts.svg import GRID, INK, MUTED, svg, text


@dataclass(frozen=True)
class GapBar:
    label: str
    score: float | None
    target: int
    target_score: float
    gap: float
    gap_from: float | None = None


def gap_bars(bars: list[GapBar], accent: str, title: str) -> str:
    width, label_w, row_h, top = 560.0, 190.0, 20.0, 22.0
    chart_w = width - label_w - 130
    height = top + row_h * len(bars) + 24

    def x(value: float) -> float:
        return label_w + chart_w * (value - 1) / 4  # scores run from 1 to 5

    body: list[str] = []
    for level in range(1, 6):
        body.append(
            f'<line x1="{x(level):.1f}" y1="{top - 4}" x2="{x(level):.1f}" '
            f'y2="{height - 20:.1f}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        body.append(text(x(level), height - 8, str(level), size=7, anchor="middle", fill=MUTED))
    body.append(text(x(1), top - 8, "Score (1-5)", size=7, fill=MUTED))
    for row, bar in enumerate(bars):
        y = top + row * row_h
        body.append(text(label_w - 6, y + 13, bar.label, size=8.5, anchor="end"))
        score = bar.score or 1.0
        body.append(
            f'<rect x="{x(1):.1f}" y="{y + 4:.1f}" width="{x(score) - x(1):.1f}" '
            f'height="{row_h - 8:.1f}" fill="{accent}"/>'
        )
        body.append(
            f'<line x1="{x(bar.target_score):.1f}" y1="{y + 1:.1f}" x2="{x(bar.target_score):.1f}" '
            f'y2="{y + row_h - 1:.1f}" stroke="{INK}" stroke-width="2"/>'
        )
        label = f"{score_text(bar.score)}, target {bar.target_score:.1f}" + (
            f"  (gap {gap_text(bar.gap, bar.gap_from, bar.score)})" if bar.gap > 0 else ""
        )
        body.append(text(max(x(score), x(bar.target_score)) + 5, y + 13, label, size=8))
    return svg(width, height, body, title)
