"""Gantt chart of the roadmap: months on the axis, phases as bands, one bar per action."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.report.charts.svg import (
    GRID,
    INK,
    MUTED,
    fit,
    fits,
    ink_on,
    svg,
    text,
)
from assessment.report.page_split import balanced_chunks


@dataclass(frozen=True)
class GanttBar:
    label: str
    start: int
    end: int
    quick_win: bool


@dataclass(frozen=True)
class GanttPhase:
    name: str
    start: int
    end: int


PHASE_SHADES = ("#F4F4F4", "#FFFFFF")


MAX_ROWS = 32  # bars per chart: a chart must fit on a page beside its heading


def gantt_charts(
    bars: list[GanttBar], phases: list[GanttPhase], horizon: int, accent: str, title: str
) -> list[str]:
    """One chart, or several of balanced size when the plan has more bars than fit a page."""
    chunks = balanced_chunks(bars, MAX_ROWS)
    return [gantt_chart(chunk, phases, horizon, accent, title) for chunk in chunks]


DURATION_LABEL_W = 26.0  # room for "12 mo" at 7 pt


def _duration_label(
    bar: GanttBar, start: float, end: float, baseline: float, width: float, accent: str
) -> str:
    """ "N mo" after the bar; inside it when the bar ends at the chart's edge (the label would
    be cut off), or before it when the bar is too short to hold it."""
    label = f"{bar.end - bar.start} mo"
    if end + 3 + DURATION_LABEL_W <= width:
        return text(end + 3, baseline, label, size=7, fill=INK)
    if end - start >= DURATION_LABEL_W + 4:
        ink = INK if bar.quick_win else ink_on(accent)  # quick wins are outlined, not filled
        return text(end - 3, baseline, label, size=7, anchor="end", fill=ink, weight="600")
    return text(start - 3, baseline, label, size=7, anchor="end", fill=INK)


def _band_labels(number: int, start: int, room: float) -> tuple[str, str]:
    """A phase band's name and start month, shortened until they fit the band: a phase of
    a few months is narrower than "starts month 12"."""
    candidates = [
        (f"Phase {number}", f"starts month {start}"),
        (f"Phase {number}", f"month {start}"),
        (f"P{number}", f"m{start}"),
    ]
    for name, when in candidates:
        if fits(name, room, 7.5, "600") and fits(when, room, 6.5):
            return name, when
    return str(number), ""


def gantt_chart(
    bars: list[GanttBar], phases: list[GanttPhase], horizon: int, accent: str, title: str
) -> str:
    width = 560.0
    label_w = 240.0
    top = 46.0
    row_h = 18.0 if len(bars) <= 20 else 14.0
    chart_w = width - label_w - 10
    height = top + row_h * max(len(bars), 1) + 26

    def x(month: float) -> float:
        return label_w + chart_w * month / horizon

    body: list[str] = []
    for i, phase in enumerate(phases):
        band_width = x(phase.end) - x(phase.start)
        body.append(
            f'<rect x="{x(phase.start):.1f}" y="{top - 30}" width="{band_width:.1f}" '
            f'height="{height - top + 4:.1f}" fill="{PHASE_SHADES[i % 2]}" stroke="{GRID}" '
            'stroke-width="0.5"/>'
        )
        centre = (x(phase.start) + x(phase.end)) / 2
        name, start = _band_labels(i + 1, phase.start, band_width - 4)
        body.append(text(centre, top - 19, name, size=7.5, anchor="middle", weight="600"))
        body.append(text(centre, top - 9, start, size=6.5, anchor="middle", fill=MUTED))
    for month in range(0, horizon + 1, 3):
        body.append(text(x(month), height - 8, str(month), size=7, anchor="middle", fill=MUTED))
    body.append(text(label_w - 6, height - 8, "Month", size=7, anchor="end", fill=MUTED))
    for row, bar in enumerate(bars):
        y = top + row * row_h
        size = 8 if row_h > 15 else 7.5
        baseline = y + row_h * 0.67
        name = fit(bar.label, label_w - 12, size)
        body.append(text(label_w - 6, baseline, name, size=size, anchor="end"))
        fill = accent if not bar.quick_win else "#FFFFFF"
        stroke_width = "0" if not bar.quick_win else "1.6"
        body.append(
            f'<rect x="{x(bar.start):.1f}" y="{y + 3:.1f}" width="{x(bar.end) - x(bar.start):.1f}" '
            f'height="{row_h - 6:.1f}" rx="2" fill="{fill}" stroke="{accent}" '
            f'stroke-width="{stroke_width}"/>'
        )
        body.append(_duration_label(bar, x(bar.start), x(bar.end), baseline, width, accent))
    return svg(width, height, body, title)
