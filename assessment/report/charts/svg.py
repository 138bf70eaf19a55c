"""Small helpers to write SVG text safely: every label is XML-escaped here."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

# ColorBrewer "Blues": sequential, readable in greyscale and for colour-blind readers.
LEVEL_FILL = {1: "#EFF3FF", 2: "#BDD7E7", 3: "#6BAED6", 4: "#3182BD", 5: "#08519C"}
LEVEL_INK = {1: "#1A1A1A", 2: "#1A1A1A", 3: "#1A1A1A", 4: "#FFFFFF", 5: "#FFFFFF"}
INK = "#1A1A1A"
MUTED = "#6B6B6B"
GRID = "#C8C8C8"
FONT = "Inter, 'Noto Sans', 'DejaVu Sans', sans-serif"


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 9,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}" {extra}>{escape(content)}</text>'
    )


def svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label={quoteattr(title)} '
        f'font-family="{FONT}">' + "".join(body) + "</svg>"
    )


def truncate(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def wrap(label: str, width: int) -> list[str]:
    """Split a label into lines of at most about `width` characters, at spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
