"""The editable slide deck (python-pptx): native charts, tables and shapes over results.json,
with the narrative in the speaker notes."""

from assessment.exports.deck.render import DECK_MARKER, DeckAssets, render_deck

__all__ = ["DECK_MARKER", "DeckAssets", "render_deck"]
