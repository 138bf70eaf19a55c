"""The theme's colours and fonts as python-pptx values."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.text.text import Font
from pptx.util import Pt

from assessment.model.deliverable import Theme


def rgb(hex_colour: str) -> RGBColor:
    red, green, blue = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(red, green, blue)


def blend(hex_colour: str, share: float) -> RGBColor:
    """The colour mixed with white: share 1 is the colour itself, 0 is white."""
    colour = rgb(hex_colour)
    return RGBColor(*(round(255 - (255 - c) * share) for c in colour))


@dataclass(frozen=True)
class Style:
    primary: str
    secondary: str
    accent: str
    text: str
    heading_font: str
    body_font: str

    @classmethod
    def of(cls, theme: Theme, heading_font: str, body_font: str) -> Style:
        c = theme.colours
        return cls(c.primary, c.secondary, c.accent, c.text, heading_font, body_font)

    def font(
        self,
        font: Font,
        size: float,
        *,
        bold: bool = False,
        colour: str | None = None,
        heading: bool = False,
    ) -> None:
        font.name = self.heading_font if heading else self.body_font
        font.size = Pt(size)
        font.bold = bold
        font.color.rgb = rgb(colour or self.text)
