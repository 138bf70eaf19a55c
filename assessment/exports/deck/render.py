"""results.json (and the consultant's layer) -> the .pptx bytes of an editable deck."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.presentation import Presentation as PresentationFile
from pptx.util import Inches

from assessment import __version__
from assessment.exports.deck.frame import Frame
from assessment.exports.deck.layouts import choose_layouts, remove_slides, widen
from assessment.exports.deck.slides import Deck, Logos
from assessment.exports.deck.style import Style
from assessment.exports.deck.text import plain
from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import Results

# The tool's mark in the deck's "last modified by" property: opening and saving the deck in
# PowerPoint or LibreOffice replaces it, so an edited deck is no longer ours to overwrite.
DECK_MARKER = "genai-readiness"
WIDE = Inches(13.333)


@dataclass(frozen=True)
class DeckAssets:
    """What the deck needs beyond the results and the layer, read by the caller: the firm's
    template and logos as bytes, the fonts' family names and the engagement's date style."""

    template: bytes | None = None
    logo: bytes | None = None
    client_logo: bytes | None = None
    heading_font: str = "Inter"
    body_font: str = "Inter"
    date_style: str = "dmy"


def render_deck(
    results: Results, layer: ConsultantLayer, assets: DeckAssets | None = None
) -> bytes:
    assets = assets or DeckAssets()
    if assets.template is not None:
        deck = Presentation(io.BytesIO(assets.template))
        remove_slides(deck)
    else:
        deck = Presentation()
        widen(deck, WIDE)
    frame = Frame(
        deck,
        Style.of(layer.theme, assets.heading_font, assets.body_font),
        draft=layer.document.status == "draft",
    )
    Deck(
        frame,
        choose_layouts(deck),
        results,
        layer,
        Logos(assets.logo, assets.client_logo),
        assets.date_style,
    ).build()
    _properties(deck, results, layer)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _properties(deck: PresentationFile, results: Results, layer: ConsultantLayer) -> None:
    doc = layer.document
    props = deck.core_properties
    props.title = plain(doc.title or f"{results.organisation}: readiness for generative AI")[:255]
    props.subject = "Generative-AI readiness assessment"
    props.author = plain(doc.firm or ", ".join(a.name for a in doc.authors))[:255]
    props.last_modified_by = f"{DECK_MARKER} {__version__}"
    props.content_status = doc.status
    props.version = plain(doc.version)
    props.keywords = ""
    props.comments = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
