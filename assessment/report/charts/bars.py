"""Horizontal gap bars: current score against the target level, sorted by gap."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import gap_text, score_text
from assessment.report.charts.svg import (
    GRID,
    INK,
    LINE_GAP,
    MUTED,
    label_width,
    svg,
    text,
    wrap_within,
)

LABEL_SIZE, VALUE_SIZE = 8.5, 8.0


@dataclass(frozen=True)
class GapBar:
    label: str
    score: float | None
    target: int
    target_score: float
    gap: float
    gap_from: float | None = None


def _figures(bar: GapBar) -> str:
    """Score, target score and gap on the one scale: the reader's subtraction agrees."""
    return f"{score_text(bar.score)}, target {bar.target_score:.1f}" + (
        f"  (gap {gap_text(bar.gap, bar.gap_from, bar.score)})" if bar.gap > 0 else ""
    )


def gap_bars(bars: list[GapBar], accent: str, title: str) -> str:
    width, label_w, top = 560.0, 190.0, 22.0
    # Each bar's figures stand in a column of their own right of the scale, clear of the
    # grid and the bars, as wide as the longest of them needs.
    figures = [_figures(bar) for bar in bars]
    value_w = max([90.0, *(label_width(f, VALUE_SIZE) + 10 for f in figures)])
    chart_w = width - label_w - value_w
    # A long name takes two lines (or more) rather than running into the bars.
    names = [wrap_within(bar.label, label_w - 12, LABEL_SIZE) for bar in bars]
    row_h = 20.0 + LINE_GAP * (max((len(n) for n in names), default=1) - 1)
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
    for row, (bar, name, figure) in enumerate(zip(bars, names, figures, strict=True)):
        mid = top + row * row_h + row_h / 2
        first = mid + 3 - LINE_GAP * (len(name) - 1) / 2
        for k, line in enumerate(name):
            baseline = first + k * LINE_GAP
            body.append(text(label_w - 6, baseline, line, size=LABEL_SIZE, anchor="end"))
        score = bar.score or 1.0
        target_x = x(bar.target_score)
        body.append(
            f'<rect x="{x(1):.1f}" y="{mid - 6:.1f}" width="{x(score) - x(1):.1f}" '
            f'height="12" fill="{accent}"/>'
        )
        body.append(
            f'<line x1="{target_x:.1f}" y1="{mid - 9:.1f}" x2="{target_x:.1f}" '
            f'y2="{mid + 9:.1f}" stroke="{INK}" stroke-width="2"/>'
        )
        body.append(text(x(5) + 8, mid + 3, figure, size=VALUE_SIZE))
    return svg(width, height, body, title)
