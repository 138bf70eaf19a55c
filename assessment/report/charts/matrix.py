"""The use-case matrix: value a year against feasibility, divided in four where the results
put the lines. Each point is a use case: its value's midpoint with the range as a vertical bar,
its feasibility with the interval as a horizontal whisker, coloured by its verdict."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import money
from assessment.report.charts.svg import (
    GRID,
    LINE_GAP,
    MUTED,
    label_width,
    svg,
    text,
    wrap_within,
)

# Okabe-Ito colours: told apart by colour-blind readers; the legend names each one.
VERDICT_COLOURS = {
    "go": "#009E73",
    "go_with_conditions": "#E69F00",
    "not_yet": "#D55E00",
}
# "Go" alone is the one label the shared width estimate reads short of Inter's real advance.
VERDICT_NAMES = {
    "go": "Go: ready now",
    "go_with_conditions": "Go with conditions",
    "not_yet": "Not yet",
}

WIDTH, HEIGHT = 560.0, 380.0
# The plot's margins; the right one leaves room for the labels of the use cases ready now.
LEFT, RIGHT, TOP, BOTTOM = 64.0, 128.0, 40.0, 36.0
LABEL_SIZE, AXIS_SIZE = 8.0, 7.0
LABEL_W = 120.0  # a use case's name wraps at this width
RADIUS = 4.0
ASCENT, DESCENT = 0.78, 0.24  # of the font size, above and below a baseline
STEPS = tuple(k * sign for k in range(48) for sign in ((1,) if k == 0 else (1, -1)))
SHIFTS = (0.0, 24.0, 48.0, 96.0)  # further out from the point, with a leader line


@dataclass(frozen=True)
class MatrixPoint:
    label: str
    verdict: str
    feasibility: float  # 0-1
    feasibility_low: float
    feasibility_high: float
    value_low: float
    value_high: float


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, other: _Box) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )


def _text_box(x: float, baseline: float, lines: list[str], anchor: str, pad: float) -> _Box:
    width = max(label_width(line, LABEL_SIZE) for line in lines)
    left = x - width if anchor == "end" else x
    bottom = baseline + LINE_GAP * (len(lines) - 1) + DESCENT * LABEL_SIZE
    return _Box(left - pad, baseline - ASCENT * LABEL_SIZE - pad, left + width + pad, bottom + pad)


def _nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^k at or above `value`."""
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10


def value_matrix(
    points: list[MatrixPoint],
    value_split: float,
    feasibility_split: float,
    currency: str,
    title: str,
) -> str:
    plot = _Box(LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)
    top_value = _nice_top(max([value_split, *(p.value_high for p in points)], default=1.0))

    def x(share: float) -> float:
        return plot.left + (plot.right - plot.left) * share

    def y(value: float) -> float:
        return plot.bottom - (plot.bottom - plot.top) * value / top_value

    body: list[str] = []
    # Guides in the grid's grey: the frame, the ticks and the two lines that make four fields.
    body.append(
        f'<rect x="{plot.left:.1f}" y="{plot.top:.1f}" width="{plot.right - plot.left:.1f}" '
        f'height="{plot.bottom - plot.top:.1f}" fill="none" stroke="{GRID}" stroke-width="0.6"/>'
    )
    for k in range(5):
        value = top_value * k / 4
        body.append(
            text(
                plot.left - 4,
                y(value) + 2.5,
                money(value),
                size=AXIS_SIZE,
                anchor="end",
                fill=MUTED,
            )
        )
    for k in range(5):
        share = k / 4
        body.append(
            text(
                x(share),
                plot.bottom + 11,
                f"{share:.0%}",
                size=AXIS_SIZE,
                anchor="middle",
                fill=MUTED,
            )
        )
    body.append(
        text(
            x(0.5),
            HEIGHT - 6,
            "Feasibility: how far the readiness it needs is reached",
            size=AXIS_SIZE,
            anchor="middle",
            fill=MUTED,
        )
    )
    body.append(text(4, TOP - 8, f"Value a year ({currency})", size=AXIS_SIZE, fill=MUTED))
    for line in (
        (x(feasibility_split), plot.top, x(feasibility_split), plot.bottom),
        (plot.left, y(value_split), plot.right, y(value_split)),
    ):
        body.append(
            f'<line x1="{line[0]:.1f}" y1="{line[1]:.1f}" x2="{line[2]:.1f}" y2="{line[3]:.1f}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="4 3"/>'
        )
    body.extend(_legend())

    obstacles: list[_Box] = []
    marks: list[str] = []
    for p in points:
        colour = VERDICT_COLOURS.get(p.verdict, MUTED)
        px, py = x(p.feasibility), y((p.value_low + p.value_high) / 2)
        top, bottom = y(p.value_high), y(p.value_low)
        left, right = x(p.feasibility_low), x(p.feasibility_high)
        marks.append(
            f'<line x1="{px:.1f}" y1="{top:.1f}" x2="{px:.1f}" y2="{bottom:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        obstacles.append(_Box(px - 1, top - 1, px + 1, bottom + 1))
        if right - left > 0.5:
            marks.append(
                f'<line x1="{left:.1f}" y1="{py:.1f}" x2="{right:.1f}" y2="{py:.1f}" '
                f'stroke="{colour}" stroke-width="1"/>'
            )
            obstacles.append(_Box(left - 0.5, py - 0.5, right + 0.5, py + 0.5))
        marks.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{RADIUS}" fill="{colour}" '
            f'stroke="#FFFFFF" stroke-width="1"/>'
        )
        obstacles.append(_Box(px - RADIUS, py - RADIUS, px + RADIUS, py + RADIUS))
    body.extend(marks)
    # Labels go where they touch nothing: largest value first, beside the point if it can.
    order = sorted(points, key=lambda p: -(p.value_low + p.value_high))
    for p in order:
        px, py = x(p.feasibility), y((p.value_low + p.value_high) / 2)
        lines = wrap_within(p.label, LABEL_W, LABEL_SIZE)
        room = _Box(plot.left, plot.top, WIDTH - 2, plot.bottom)
        anchor, lx, baseline = _place(px, py, lines, room, obstacles)
        box = _text_box(lx, baseline, lines, anchor, 0.0)
        if abs(baseline - ASCENT * LABEL_SIZE / 2 - py) > 12 or not (
            box.left - RADIUS - 5 <= px <= box.right + RADIUS + 5
        ):
            # A label moved away from its point keeps a hairline to it.
            near_x = min(max(px, box.left), box.right)
            near_y = min(max(py, box.top), box.bottom)
            body.append(
                f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{near_x:.1f}" y2="{near_y:.1f}" '
                f'stroke="{GRID}" stroke-width="0.6"/>'
            )
        for k, row in enumerate(lines):
            body.append(text(lx, baseline + k * LINE_GAP, row, size=LABEL_SIZE, anchor=anchor))
        obstacles.append(_text_box(lx, baseline, lines, anchor, 1.5))
    return svg(WIDTH, HEIGHT, body, title)


def _place(
    px: float, py: float, lines: list[str], plot: _Box, obstacles: list[_Box]
) -> tuple[str, float, float]:
    """Anchor, x and first baseline of a label beside its point, moved up or down in small
    steps until it is clear of every mark and label; right of the point before left."""
    block = LINE_GAP * (len(lines) - 1)
    centred = py + ASCENT * LABEL_SIZE / 2 - block / 2
    candidates = [
        (anchor, lx, centred + step * 6.0)
        for shift in SHIFTS
        for step in STEPS
        for anchor, lx in (("start", px + RADIUS + 4 + shift), ("end", px - RADIUS - 4 - shift))
    ]
    for anchor, lx, baseline in candidates:
        box = _text_box(lx, baseline, lines, anchor, 1.0)
        if box.inside(plot) and not any(box.overlaps(o) for o in obstacles):
            return anchor, lx, baseline
    return candidates[0]


def _legend() -> list[str]:
    parts: list[str] = []
    lx = LEFT
    for verdict, name in VERDICT_NAMES.items():
        parts.append(
            f'<circle cx="{lx + RADIUS:.1f}" cy="{TOP - 22:.1f}" r="{RADIUS}" '
            f'fill="{VERDICT_COLOURS[verdict]}"/>'
        )
        parts.append(text(lx + 2 * RADIUS + 4, TOP - 19, name, size=AXIS_SIZE + 0.5))
        lx += 2 * RADIUS + 4 + label_width(name, AXIS_SIZE + 0.5) + 16
    parts.append(
        text(
            lx,
            TOP - 19,
            "Bar: the value range. Whisker: the 95% interval.",
            size=AXIS_SIZE,
            fill=MUTED,
        )
    )
    return parts
