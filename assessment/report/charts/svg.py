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


def ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on the colour `fill` ('#RRGGBB'): any
    branding colour may fill a bar."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    # White wins while its contrast, 1.05 / (L + 0.05), beats black's, (L + 0.05) / 0.05.
    return "#FFFFFF" if luminance < 0.179 else INK


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


LINE_GAP = 10.0  # baseline to baseline for stacked labels of up to 8.5 pt

# The room a label needs, from its characters by class, a little above Inter's own advances
# (tests/test_layout.py holds it there): charts are sized with it so that no label is clipped
# or collides, whichever font the reader's copy falls back to within a few percent.
NARROW, WIDE = frozenset(" .,:;'!|()[]-/ijlfrtI"), frozenset("mwMW@%&")


def label_width(content: str, size: float, weight: str = "normal") -> float:
    ems = sum(0.36 if c in NARROW else 0.98 if c in WIDE else 0.66 for c in content)
    return ems * size * (1.0 if weight == "normal" else 1.05)


def fits(content: str, width: float, size: float, weight: str = "normal") -> bool:
    return label_width(content, size, weight) <= width


def fit(label: str, width: float, size: float) -> str:
    """The label, cut with an ellipsis where it would not fit `width` points."""
    if fits(label, width, size):
        return label
    while label and not fits(label.rstrip() + "\u2026", width, size):
        label = label[:-1]
    return label.rstrip() + "\u2026"


def wrap_within(label: str, width: float, size: float) -> list[str]:
    """Split a label at spaces into lines that each fit `width` points (a single word longer
    than that keeps its own line)."""
    lines: list[str] = []
    for word in label.split():
        if lines and fits(lines[-1] + " " + word, width, size):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
