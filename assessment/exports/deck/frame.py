"""One slide's frame: the layout's title (or a text box where the layout has none), the free
area below it for the slide's own shapes, the speaker notes and the Draft mark."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Inches, Length

from assessment.exports.deck.layouts import TITLES, title_placeholder
from assessment.exports.deck.style import Style, rgb
from assessment.exports.deck.text import plain, write_lines

MARGIN = Inches(0.5)
GAP = Inches(0.15)


@dataclass(frozen=True)
class Area:
    left: int
    top: int
    width: int
    height: int

    def box(self) -> tuple[Length, Length, Length, Length]:
        """left, top, width, height, as python-pptx takes them."""
        return Emu(self.left), Emu(self.top), Emu(self.width), Emu(self.height)

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def columns(self, *shares: float) -> list[Area]:
        """Side-by-side parts of this area, in proportion to `shares`, with a gap between."""
        free = self.width - GAP * (len(shares) - 1)
        parts, left = [], self.left
        for share in shares:
            width = round(free * share / sum(shares))
            parts.append(Area(left, self.top, width, self.height))
            left += width + GAP
        return parts

    def rows(self, *shares: float) -> list[Area]:
        free = self.height - GAP * (len(shares) - 1)
        parts, top = [], self.top
        for share in shares:
            height = round(free * share / sum(shares))
            parts.append(Area(self.left, top, self.width, height))
            top += height + GAP
        return parts


@dataclass(frozen=True)
class Frame:
    deck: Presentation
    style: Style
    draft: bool

    def slide(self, layout: SlideLayout, title: str, notes: list[str]) -> tuple[Slide, Area]:
        """A new slide titled `title`, and the area below the title free for its content."""
        slide = self.deck.slides.add_slide(layout)
        placeholder = title_placeholder(slide)
        width, height = _size(self.deck)
        if placeholder is None:
            box = slide.shapes.add_textbox(MARGIN, MARGIN, Emu(width - 2 * MARGIN), Inches(0.8))
            write_lines(box.text_frame, [title], self.style, 28, colour=self.style.primary)
            title_bottom = MARGIN + Inches(0.8)
        else:
            placeholder.text_frame.text = plain(title)
            for run in placeholder.text_frame.paragraphs[0].runs:
                self.style.font(run.font, 28, colour=self.style.primary, heading=True)
            title_bottom = placeholder.top + placeholder.height
        # Footer placeholders (date, number) are not copied onto slides by python-pptx, so the
        # area may reach to the bottom margin.
        top = title_bottom + GAP
        if top > height // 2:  # a template whose title sits low (a cover): use the lower half
            top = height // 2
        area = Area(MARGIN, top, width - 2 * MARGIN, height - top - MARGIN)
        self._clear_empty_placeholders(slide)
        self.notes(slide, notes)
        if self.draft:
            self._draft_mark(slide)
        return slide, area

    def size(self) -> tuple[int, int]:
        return _size(self.deck)

    def notes(self, slide: Slide, lines: list[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = "\n".join(plain(line) for line in lines if line)

    @staticmethod
    def _clear_empty_placeholders(slide: Slide) -> None:
        """Placeholders the deck does not fill would show 'Click to add text' in the editor."""
        for placeholder in list(slide.placeholders):
            if placeholder.placeholder_format.type not in TITLES:
                placeholder._element.getparent().remove(placeholder._element)

    def _draft_mark(self, slide: Slide) -> None:
        width = Inches(1.3)
        mark = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            Emu(_size(self.deck)[0] - width - Inches(0.2)),
            Inches(0.15),
            width,
            Inches(0.4),
        )
        mark.name = "Draft mark"
        mark.fill.solid()
        mark.fill.fore_color.rgb = rgb(self.style.accent)
        mark.line.fill.background()
        frame = mark.text_frame
        frame.text = "DRAFT"
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        self.style.font(paragraph.runs[0].font, 14, bold=True, colour="#FFFFFF")


def _size(deck: Presentation) -> tuple[int, int]:
    # A presentation always has a size; python-pptx types it as optional.
    return int(deck.slide_width or 0), int(deck.slide_height or 0)
