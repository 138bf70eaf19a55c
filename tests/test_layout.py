"""Layout, checked on the output rather than by eye: page fill, chart labels, outline, tagging.

The example's full report is rendered once for the module. Page fill is measured from the PDF's
text positions; chart labels from the SVG the report embeds, with each label's box estimated
from its font size and characters (the charts' own estimate, which a test holds above the
real advances of the bundled Inter font, so a pass means a real gap on the page).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from assessment.cli import main
from assessment.report.charts.bars import GapBar, gap_bars
from assessment.report.charts.gantt import GanttBar, GanttPhase, gantt_charts
from assessment.report.charts.radar import RadarAxis, radar_chart
from assessment.report.charts.svg import GRID, label_width

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "northwind"
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 22 * MM, 20 * MM  # report.css @page margins
LEAST_FILL = 0.4
STUB = 0.05  # about two lines of text


@dataclass(frozen=True)
class Example:
    pdf: PdfReader
    html: str


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    out = tmp_path_factory.mktemp("layout")
    code = main(["report", str(EXAMPLE), "-o", str(out / "r.pdf"), "--html", str(out / "r.html")])
    assert code == 0
    return Example(PdfReader(out / "r.pdf"), (out / "r.html").read_text(encoding="utf-8"))


# --- Pages -------------------------------------------------------------------------------


def _text_baselines(page) -> list[float]:
    """The y (from the bottom, in points) of every piece of text drawn on the page."""
    found: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return found


def page_fill(page) -> float:
    """How much of the usable height the page's content reaches down to: the lowest text
    inside the margins (running headers and footers excluded), over the usable height. Text
    stands for drawings too: every chart ends in its axis labels or a source line."""
    height = float(page.mediabox.height)
    inside = [y for y in _text_baselines(page) if BOTTOM_MARGIN < y < height - TOP_MARGIN]
    if not inside:
        return 0.0
    return (height - TOP_MARGIN - min(inside)) / (height - TOP_MARGIN - BOTTOM_MARGIN)


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark, depth 1 for chapters."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def chapter_ends(reader: PdfReader) -> set[int]:
    """Pages that end a chapter: the one before each chapter's first page, and the last."""
    starts = {page for depth, _, page in _outline(reader) if depth == 1}
    return {page - 1 for page in starts} | {len(reader.pages)}


def test_page_fill_is_measured_from_the_text():
    """The measure itself, on pages made for it: a short page and a full one."""
    from weasyprint import HTML

    def fill_of(paragraphs: int) -> float:
        html = (
            "<style>@page { size: A4; margin: 22mm 20mm 20mm 20mm }"
            "p { margin: 0; font-size: 10pt; line-height: 12pt }</style>"
            + "<p>line</p>"
            * paragraphs
        )
        return page_fill(PdfReader(_bytes_io(HTML(string=html).write_pdf())).pages[0])

    usable = (297 - 42) * MM
    assert fill_of(1) == pytest.approx(12 / usable, abs=0.02)
    assert fill_of(30) == pytest.approx(30 * 12 / usable, abs=0.02)
    assert fill_of(60) > 0.95


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def test_no_page_is_mostly_empty_unless_it_ends_a_chapter(example):
    pdf = example.pdf
    ends = chapter_ends(pdf)
    fills = {n: page_fill(page) for n, page in enumerate(pdf.pages, start=1)}
    # The cover is a designed page (bands and absolute positions), not flowing text.
    sparse = {n: f"{f:.0%}" for n, f in fills.items() if f < LEAST_FILL and n not in ends | {1}}
    assert not sparse, f"pages under {LEAST_FILL:.0%} used mid-chapter: {sparse}"


def test_a_chapter_never_ends_on_a_stub(example):
    """A closing note or the last table row does not sit alone on a page of its own."""
    pdf = example.pdf
    stubs = {
        n: f"{page_fill(pdf.pages[n - 1]):.0%}"
        for n in chapter_ends(pdf)
        if n > 1 and page_fill(pdf.pages[n - 1]) < STUB
    }
    assert not stubs, f"chapter-ending pages with under {STUB:.0%} used: {stubs}"


# --- Outline and tagging -----------------------------------------------------------------


def test_outline_has_two_levels_with_chapters_closed(example):
    pdf = example.pdf
    outline = _outline(pdf)
    assert max(depth for depth, _, _ in outline) == 2
    chapters = [title for depth, title, _ in outline if depth == 1]
    assert chapters[:3] == ["Document control", "Executive summary", "Recommendations"]
    assert "Readiness by dimension" in chapters
    assert "Contents" not in chapters
    sections = [title for depth, title, _ in outline if depth == 2]
    assert "Strategy and value" in sections  # a dimension is a section of its chapter
    assert "Today" not in sections and "What to do" not in sections
    # A closed entry has a negative /Count: its children are hidden until opened.
    item = pdf.trailer["/Root"]["/Outlines"]["/First"].get_object()
    counts = []
    while item is not None:
        counts.append(item.get("/Count", 0))
        item = item["/Next"].get_object() if "/Next" in item else None
    assert len(counts) == len(chapters)
    assert all(count < 0 for count in counts if count), counts
    assert any(count < 0 for count in counts)


def test_pdf_is_tagged_with_the_document_language(example):
    catalog = example.pdf.trailer["/Root"]
    html_lang = re.search(r'<html lang="([^"]+)"', example.html).group(1)
    assert catalog["/Lang"] == html_lang
    marked = catalog["/MarkInfo"]["/Marked"]
    assert isinstance(marked, BooleanObject) and marked.value
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/K"]  # the structure has content, not just a root
    assert "/Metadata" in catalog  # PDF/UA carries XMP metadata naming the standard
    metadata = catalog["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfuaid" in metadata


# --- Chart labels ------------------------------------------------------------------------

ASCENT, DESCENT = 0.78, 0.24  # em above and below the baseline (descent: with descenders)
DESCENDERS = set("gjpqy,;()[]{}|")
BACKGROUNDS = {"#F4F4F4", "#FFFFFF", "none"}  # phase bands and white space


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float
    text: str = ""

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and other.right <= self.right
            and self.top <= other.top
            and other.bottom <= self.bottom
        )


def text_box(element: ET.Element) -> Box:
    size = float(element.get("font-size", "9"))
    content = element.text or ""
    width = label_width(content, size, element.get("font-weight", "normal"))
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[
        element.get("text-anchor", "start")
    ]
    descent = DESCENT if DESCENDERS & set(content) else 0.02
    return Box(left, y - ASCENT * size, left + width, y + descent * size, content)


def _segment_hits(box: Box, a: tuple[float, float], b: tuple[float, float], pad: float) -> bool:
    """Whether the segment a-b (drawn `pad` wide on each side) crosses the box (Liang-Barsky)."""
    left, top, right, bottom = box.left - pad, box.top - pad, box.right + pad, box.bottom + pad
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
    return True


@dataclass(frozen=True)
class Mark:
    """Something drawn: its outline as segments, and a filled area if it has one."""

    segments: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    area: Box | None
    stroke_width: float
    name: str


def _points(spec: str) -> list[tuple[float, float]]:
    numbers = [float(v) for v in re.split(r"[\s,]+", spec.strip())]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def marks(root: ET.Element) -> list[Mark]:
    """The chart's bars, marks, outlines and points. Guides drawn in the grid's grey (grid
    lines, rings, spokes, the edges of phase bands) are left out: a label may lie across a
    hairline guide as on any chart, never across data or another label."""
    found: list[Mark] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        stroke = element.get("stroke", "none")
        width = float(element.get("stroke-width", "1")) if stroke != "none" else 0.0
        fill = element.get("fill", "#000000")
        if stroke == GRID and (tag == "line" or fill in BACKGROUNDS):
            continue  # grid lines, rings and phase bands: guides that text may lie on
        if tag == "line":
            a = (float(element.get("x1", "0")), float(element.get("y1", "0")))
            b = (float(element.get("x2", "0")), float(element.get("y2", "0")))
            found.append(Mark(((a, b),), None, width, f"line {a}-{b}"))
        elif tag == "rect":
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            w, h = float(element.get("width", "0")), float(element.get("height", "0"))
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            edges = tuple(zip(corners, corners[1:] + corners[:1], strict=True))
            area = Box(x, y, x + w, y + h) if fill not in BACKGROUNDS else None
            found.append(Mark(edges if width else (), area, width, f"rect at {x},{y}"))
        elif tag == "polygon":
            pts = _points(element.get("points", ""))
            edges = tuple(zip(pts, pts[1:] + pts[:1], strict=True))
            found.append(Mark(edges, None, width, "polygon"))
        elif tag == "circle":
            cx, cy, r = (float(element.get(k, "0")) for k in ("cx", "cy", "r"))
            found.append(Mark((), Box(cx - r, cy - r, cx + r, cy + r), width, f"point {cx},{cy}"))
    return found


def label_collisions(svg: str) -> list[str]:
    """Every pair of labels whose boxes overlap, every label crossing a mark it does not sit
    inside, and every label leaving the chart."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    labels = [text_box(e) for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "text"]
    problems = []
    frame = Box(0, 0, width, height)
    for k, box in enumerate(labels):
        if not frame.contains(box):
            problems.append(f"{box.text!r} leaves the chart")
        for other in labels[k + 1 :]:
            if box.overlaps(other):
                problems.append(f"{box.text!r} overlaps {other.text!r}")
        for mark in marks(root):
            if mark.area is not None and mark.area.contains(box):
                continue  # a label inside its own bar
            pad = mark.stroke_width / 2
            if (mark.area is not None and mark.area.overlaps(box)) or any(
                _segment_hits(box, a, b, pad) for a, b in mark.segments
            ):
                problems.append(f"{box.text!r} crosses {mark.name}")
    return problems


def test_the_collision_check_sees_collisions():
    """Two labels on one spot, a label across a bar, and a label clear of both."""
    head = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
    same = '<text x="10" y="20" font-size="8">Overlap</text>' * 2
    across = '<rect x="40" y="40" width="60" height="10" fill="#000"/>'
    across += '<text x="30" y="48" font-size="8">Crossing the bar</text>'
    clear = '<text x="10" y="90" font-size="8">Alone</text>'
    assert label_collisions(head + same + "</svg>") == ["'Overlap' overlaps 'Overlap'"]
    assert label_collisions(head + across + "</svg>") == [
        "'Crossing the bar' crosses rect at 40.0,40.0"
    ]
    assert label_collisions(head + clear + "</svg>") == []
    inside = '<rect x="0" y="0" width="100" height="20" fill="#000"/>'
    inside += '<text x="95" y="14" font-size="7" text-anchor="end">5 mo</text>'
    assert label_collisions(head + inside + "</svg>") == []


def test_the_example_charts_have_no_colliding_labels(example):
    charts = re.findall(r"<svg .*?</svg>", example.html, flags=re.S)
    assert len(charts) >= 3  # radar, gap bars and at least one Gantt chart
    problems = {k: label_collisions(svg) for k, svg in enumerate(charts)}
    assert not {k: p for k, p in problems.items() if p}


LONG_NAMES = [
    "Strategy, value and portfolio management",
    "Governance, risk and ethics",
    "Data readiness and quality",
    "Infrastructure and architecture",
    "Models, engineering and evaluation",
    "Security, privacy and regulatory compliance",
    "Workforce, skills and talent",
    "Change management and adoption",
    "Operations and value measurement",
    "Procurement and vendor management",
    "Sustainability and energy use",
    "Customer experience",
]

dimension_counts = st.integers(min_value=3, max_value=len(LONG_NAMES))
scores = st.sampled_from([1.0, 1.4, 1.95, 2.5, 3.0, 3.4, 4.2, 5.0]) | st.floats(1.0, 5.0)
targets = st.sampled_from([1.0, 1.8, 2.6, 3.4, 4.2])


@settings(max_examples=60, deadline=None)
@given(count=dimension_counts, data=st.data())
def test_radar_labels_never_collide(count, data):
    axes = [
        RadarAxis(name, data.draw(scores | st.none()), data.draw(targets))
        for name in LONG_NAMES[:count]
    ]
    assert label_collisions(radar_chart(axes, "#1F4E79", "Radar")) == []


@pytest.mark.parametrize("value", [1.0, 5.0, 3.4])
@pytest.mark.parametrize("count", [3, 9, 12])
def test_radar_labels_at_the_extremes_and_ties(value, count):
    """Every score the same (and on the target): points, rings and labels all coincide."""
    axes = [RadarAxis(name, value, value) for name in LONG_NAMES[:count]]
    assert label_collisions(radar_chart(axes, "#1F4E79", "Radar")) == []


@settings(max_examples=60, deadline=None)
@given(count=dimension_counts, data=st.data())
def test_gap_bar_labels_never_collide(count, data):
    bars = []
    for name in LONG_NAMES[:count]:
        score, target_score = data.draw(scores | st.none()), data.draw(targets)
        level = 1 + int(target_score - 1) // 1 if target_score < 5 else 5
        gap = max(0.0, target_score - (score or 1.0))
        bars.append(GapBar(name, score, level, target_score, gap))
    assert label_collisions(gap_bars(bars, "#1F4E79", "Gaps")) == []


@settings(max_examples=40, deadline=None)
@given(
    spans=st.lists(
        st.tuples(st.integers(0, 23), st.integers(1, 24)).map(
            lambda s: (min(s[0], s[1] - 1), max(s[1], s[0] + 1))
        ),
        min_size=1,
        max_size=70,
    ),
    quick=st.booleans(),
)
def test_gantt_labels_never_collide(spans, quick):
    bars = [
        GanttBar(
            f"ACT-{k:02d} {LONG_NAMES[k % len(LONG_NAMES)]} across every business unit",
            start,
            min(end, 24),
            quick and k % 3 == 0,
        )
        for k, (start, end) in enumerate(spans)
    ]
    phases = [
        GanttPhase("Mobilise", 0, 3),
        GanttPhase("Foundations", 3, 12),
        GanttPhase("Scale", 12, 24),
    ]
    for svg in gantt_charts(bars, phases, 24, "#1F4E79", "Plan"):
        assert label_collisions(svg) == []


def test_width_estimate_is_generous(example):
    """The estimate is at least Inter's real advance width for every label the example's
    charts draw and for the long names used above, in the weight each is drawn in."""
    from fontTools.ttLib import TTFont

    fonts = Path(__file__).resolve().parents[1] / "report_templates" / "fonts"
    faces = {
        w: TTFont(fonts / f)
        for w, f in (("normal", "Inter-Regular.otf"), ("600", "Inter-SemiBold.otf"))
    }

    def real(content: str, weight: str) -> float:
        face = faces[weight]
        glyphs, advances = face.getBestCmap(), face["hmtx"]
        units = face["head"].unitsPerEm
        return sum(advances[glyphs[ord(c)]][0] for c in content) / units

    labels = [
        (e.text or "", e.get("font-weight", "normal"))
        for svg in re.findall(r"<svg .*?</svg>", example.html, flags=re.S)
        for e in ET.fromstring(svg).iter()
        if e.tag.endswith("text")
    ]
    labels += [(name, w) for name in LONG_NAMES for w in ("normal", "600")]
    labels += [("0123456789 mo", "600"), ("WWW MMM", "normal")]
    short = [(t, w) for t, w in labels if label_width(t, 1, w) < real(t, w)]
    assert not short
