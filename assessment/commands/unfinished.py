"""What the consultant has still to write or sign before the deliverable can go to the client.
`readiness report` prints these as notices; an unfinished deliverable still renders."""

from __future__ import annotations

from assessment.loading.deliverable import (
    COMMENTARY_DIR,
    DELIVERABLE_FILE,
    KEY_MESSAGES_FILE,
    RECOMMENDATIONS_FILE,
)
from assessment.model.deliverable import ConsultantLayer

# The sections each edition shows, so a brief is not asked for notes it never prints.
EDITION_SECTIONS = {
    "full": ("summary", "dimensions", "units", "roadmap", "costs", "compliance", "methodology"),
    "executive": ("summary", "roadmap", "costs"),
}


def still_empty(layer: ConsultantLayer, dimensions: list[str], audience: str = "full") -> list[str]:
    """One line per thing missing, in the order a consultant would fix them."""
    doc, notes = layer.document, layer.commentary
    found = []
    if not notes.key_messages:
        found.append(f"no key messages yet: write {COMMENTARY_DIR}/{KEY_MESSAGES_FILE}")
    if not notes.recommendations:
        found.append(f"no recommendations yet: write {COMMENTARY_DIR}/{RECOMMENDATIONS_FILE}")
    sections = [s for s in EDITION_SECTIONS[audience] if s not in notes.sections]
    if sections:
        found.append(
            "sections without commentary: "
            + ", ".join(sections)
            + f" (write {COMMENTARY_DIR}/sections/<section>.md)"
        )
    if audience == "full":
        bare = [d for d in dimensions if d not in notes.dimensions]
        if bare:
            found.append(
                f"{len(bare)} of {len(dimensions)} dimensions have no note: "
                + ", ".join(bare)
                + f" (write {COMMENTARY_DIR}/dimensions/<dimension>.md)"
            )
    if not doc.firm:
        found.append(f"no firm named: set document.firm in {DELIVERABLE_FILE}")
    if doc.status != "final":
        found.append(
            "the document is a draft: every page carries a Draft mark until document.status "
            f"is final in {DELIVERABLE_FILE}"
        )
    unsigned = [s.name for s in doc.sign_off if s.signed_on is None]
    if not doc.sign_off:
        found.append(f"no one is named to sign it off: add document.sign_off in {DELIVERABLE_FILE}")
    elif unsigned:
        found.append("not yet signed by: " + ", ".join(unsigned))
    return found
