"""Choosing slide layouts by what they hold, so any firm's master works: a layout is picked by
its placeholder types (and its name as a tie-break), never by its position in the master."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.util import Length

TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_CONTENT = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.CHART,
    PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.PICTURE,
    PP_PLACEHOLDER.SUBTITLE,
}


@dataclass(frozen=True)
class Layouts:
    cover: SlideLayout
    content: SlideLayout


def _kinds(layout: SlideLayout) -> set[PP_PLACEHOLDER]:
    return {p.placeholder_format.type for p in layout.placeholders.__iter__()}


def _named(layout: SlideLayout, *words: str) -> bool:
    name = layout.name.lower()
    return any(w in name for w in words)


def choose_layouts(deck: Presentation) -> Layouts:
    """Cover: a title-slide layout (centred title, or a title and a subtitle). Content: a
    layout with a title and nothing else to fill ("Title Only"), else one with a title, else
    any; the deck draws its own charts and tables below the title."""
    layouts = list(deck.slide_layouts)

    def rank_cover(layout: SlideLayout) -> tuple[bool, bool, bool]:
        kinds = _kinds(layout)
        return (
            PP_PLACEHOLDER.CENTER_TITLE in kinds,
            PP_PLACEHOLDER.SUBTITLE in kinds and bool(kinds & TITLES),
            _named(layout, "title slide", "cover"),
        )

    def rank_content(layout: SlideLayout) -> tuple[bool, bool, bool, bool]:
        kinds = _kinds(layout)
        titled = PP_PLACEHOLDER.TITLE in kinds
        return (
            titled and not kinds & _CONTENT,
            _named(layout, "title only"),
            titled,
            not kinds & _CONTENT,
        )

    # max() keeps the first of equals: the master's own order breaks the last ties.
    return Layouts(cover=max(layouts, key=rank_cover), content=max(layouts, key=rank_content))


def title_placeholder(slide: Slide) -> SlidePlaceholder | None:
    for placeholder in slide.placeholders:
        if placeholder.placeholder_format.type in TITLES:
            return cast(SlidePlaceholder, placeholder)
    return None


def remove_slides(deck: Presentation) -> None:
    """A firm's template may carry sample slides: the deck keeps only its masters and layouts."""
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def widen(deck: Presentation, width: Length) -> None:
    """python-pptx's own template is 4:3; stretch its master and layouts across to 16:9. Only
    positions written in a part are scaled: placeholders without one inherit the master's."""
    factor = width / (deck.slide_width or width)
    deck.slide_width = width
    parts = [m.element for m in deck.slide_masters]
    parts += [layout.element for m in deck.slide_masters for layout in m.slide_layouts]
    for part in parts:
        for offset in part.iter(qn("a:off")):
            offset.set("x", str(round(int(offset.get("x")) * factor)))
        for extent in part.iter(qn("a:ext")):
            if extent.get("cx") is not None:
                extent.set("cx", str(round(int(extent.get("cx")) * factor)))
