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
LABEL_WIDTHS = (LABEL_W, 72.0, 48.0)  # then narrower, when no spot is clear
RADIUS = 4.0
ASCENT, DESCENT = 0.78, 0.24  # of the font size, above and below a baseline
STEPS = tuple(k * sign for k in range(48) for sign in ((1,) if k == 0 else (1, -1)))
SHIFTS = (0.0, 24.0, 48.0, 96.0)  # further out from the point, with a leader line
# Marks that would touch (go use cases all sit at 100%) are set side by side a lane apart,
# each with a hairline back to its true place. A lane clears a bar from a dot beside it.
LANE = RADIUS + 2.0
# Lanes towards the middle of the plot first, so that the labels keep the room outside.
INWARD = tuple(k * LANE for k in range(12))


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


@dataclass(frozen=True)
class _Mark:
    """Where a point belongs (x, y) and the lane it is drawn in (x + dx)."""

    point: MatrixPoint
    x: float
    y: float
    top: float  # of its value bar
    bottom: float
    dx: float = 0.0

    @property
    def drawn(self) -> float:
        return self.x + self.dx

    def boxes(self, dx: float | None = None) -> tuple[_Box, _Box]:
        """Its value bar and its dot as drawn (or drawn `dx` aside), a point clear all round."""
        at = self.x + (self.dx if dx is None else dx)
        return (
            _Box(at - 2.0, self.top - 1.0, at + 2.0, self.bottom + 1.0),
            _Box(at - RADIUS - 1, self.y - RADIUS - 1, at + RADIUS + 1, self.y + RADIUS + 1),
        )


def _dodge(marks: list[_Mark], left: float, right: float) -> list[_Mark]:
    """Each mark in the first lane where it touches no mark already set, largest value first:
    lanes go towards the middle, then outwards, and stay between `left` and `right`. Marks
    that touch nothing keep their place."""
    placed: list[_Mark] = []
    middle = (left + right) / 2
    for mark in sorted(marks, key=lambda m: (m.y, m.x, m.point.label)):
        inward = 1.0 if mark.x < middle else -1.0
        for dx in (*(inward * d for d in INWARD), *(-inward * d for d in INWARD[1:])):
            if not left <= mark.x + dx <= right:
                continue
            mine = mark.boxes(dx)
            clash = any(a.overlaps(b) for other in placed for a in mine for b in other.boxes())
            if not clash:
                placed.append(_replace_dx(mark, dx))
                break
        else:  # more lanes than room: keep its place rather than leave the chart
            placed.append(mark)
    return sorted(placed, key=lambda m: marks.index(_replace_dx(m, 0.0)))


def _replace_dx(mark: _Mark, dx: float) -> _Mark:
    return _Mark(mark.point, mark.x, mark.y, mark.top, mark.bottom, dx)


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
    own: dict[str, list[_Box]] = {}  # a use case's marks, which its own leader may touch
    marks: list[str] = []
    placed = _dodge(
        [
            _Mark(
                p,
                x(p.feasibility),
                y((p.value_low + p.value_high) / 2),
                y(p.value_high),
                y(p.value_low),
            )
            for p in points
        ],
        plot.left + RADIUS,
        WIDTH - RADIUS - 2,
    )
    for m in placed:
        p = m.point
        first = len(obstacles)
        colour = VERDICT_COLOURS.get(p.verdict, MUTED)
        px, py, top, bottom = m.drawn, m.y, m.top, m.bottom
        left, right = x(p.feasibility_low), x(p.feasibility_high)
        if m.dx:
            # Moved aside into a lane: a hairline and a small dot keep its true place.
            marks.append(
                f'<line x1="{m.x:.1f}" y1="{py:.1f}" x2="{px:.1f}" y2="{py:.1f}" '
                f'stroke="{MUTED}" stroke-width="0.6" stroke-dasharray="1.5 1"/>'
            )
            marks.append(f'<circle cx="{m.x:.1f}" cy="{py:.1f}" r="1.2" fill="{MUTED}"/>')
            obstacles.append(_Box(min(m.x, px) - 1.5, py - 1.5, max(m.x, px) + 1.5, py + 1.5))
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
        own[p.label] = obstacles[first:]
    body.extend(marks)
    if any(m.dx for m in placed):
        body.append(
            text(
                WIDTH - 2,
                TOP - 8,
                "Dotted line: a point set aside from its place (grey dot).",
                size=AXIS_SIZE,
                anchor="end",
                fill=MUTED,
            )
        )
    # Labels go where they touch nothing: largest value first, beside the point if it can.
    order = sorted(placed, key=lambda m: -(m.point.value_low + m.point.value_high))
    for m in order:
        p, px, py = m.point, m.drawn, m.y
        room = _Box(plot.left, plot.top, WIDTH - 2, plot.bottom)
        others = [o for o in obstacles if not any(o is mine for mine in own.get(p.label, []))]
        # Narrower, taller labels when a wide one finds no clear spot (a point at the edge
        # beside another's long value bar).
        tried = [wrap_within(p.label, width, LABEL_SIZE) for width in LABEL_WIDTHS]
        found = ((lines, _place(px, py, lines, room, obstacles, others)) for lines in tried)
        lines, spot = next(((ls, sp) for ls, sp in found if sp is not None), (tried[0], None))
        anchor, lx, baseline = spot or _first_candidate(px, py, lines)
        box = _text_box(lx, baseline, lines, anchor, 0.0)
        end = _leader_end(px, py, box, baseline)
        if end is not None:
            # A label moved away from its point keeps a hairline to it.
            near_x, near_y = end
            body.append(
                f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{near_x:.1f}" y2="{near_y:.1f}" '
                f'stroke="{GRID}" stroke-width="0.6"/>'
            )
        for k, row in enumerate(lines):
            body.append(text(lx, baseline + k * LINE_GAP, row, size=LABEL_SIZE, anchor=anchor))
        obstacles.append(_text_box(lx, baseline, lines, anchor, 1.5))
    return svg(WIDTH, HEIGHT, body, title)


def _leader_end(px: float, py: float, box: _Box, baseline: float) -> tuple[float, float] | None:
    """Where a hairline from the point meets a label set away from it; None when the label
    sits beside its point."""
    if abs(baseline - ASCENT * LABEL_SIZE / 2 - py) <= 12 and (
        box.left - RADIUS - 5 <= px <= box.right + RADIUS + 5
    ):
        return None
    return min(max(px, box.left), box.right), min(max(py, box.top), box.bottom)


def _crosses(start: tuple[float, float], end: tuple[float, float], boxes: list[_Box]) -> bool:
    """Whether the segment passes through any box, sampled every point along it."""
    (x0, y0), (x1, y1) = start, end
    count = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
    for k in range(count + 1):
        sx, sy = x0 + (x1 - x0) * k / count, y0 + (y1 - y0) * k / count
        if any(b.left < sx < b.right and b.top < sy < b.bottom for b in boxes):
            return True
    return False


def _place(
    px: float,
    py: float,
    lines: list[str],
    plot: _Box,
    obstacles: list[_Box],
    others: list[_Box],
) -> tuple[str, float, float] | None:
    """Anchor, x and first baseline of a label beside its point, moved up or down in small
    steps until it is clear of every mark and label, right of the point before left; a label
    set away keeps a hairline that crosses none of `others` (the marks not its own) if it can.
    None when no spot is clear."""
    block = LINE_GAP * (len(lines) - 1)
    centred = py + ASCENT * LABEL_SIZE / 2 - block / 2
    candidates = [
        (anchor, lx, centred + step * 6.0)
        for shift in SHIFTS
        for step in STEPS
        for anchor, lx in (("start", px + RADIUS + 4 + shift), ("end", px - RADIUS - 4 - shift))
    ]
    clear = [
        (anchor, lx, baseline)
        for anchor, lx, baseline in candidates
        if (box := _text_box(lx, baseline, lines, anchor, 1.0)).inside(plot)
        and not any(box.overlaps(o) for o in obstacles)
    ]
    for anchor, lx, baseline in clear:
        end = _leader_end(px, py, _text_box(lx, baseline, lines, anchor, 0.0), baseline)
        if end is None or not _crosses((px, py), end, others):
            return anchor, lx, baseline
    return clear[0] if clear else None


def _first_candidate(px: float, py: float, lines: list[str]) -> tuple[str, float, float]:
    """Beside the point, right of it: where a label goes when no spot is clear."""
    block = LINE_GAP * (len(lines) - 1)
    return "start", px + RADIUS + 4, py + ASCENT * LABEL_SIZE / 2 - block / 2


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
