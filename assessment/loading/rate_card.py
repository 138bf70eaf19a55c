"""Read an engagement's optional rate-card.yaml."""

from __future__ import annotations

from pathlib import Path

from assessment.loading.paths import display_path
from assessment.loading.yaml_files import read_model
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard
from assessment.model.roadmap import ActionLibrary

RATE_CARD_FILE = "rate-card.yaml"


def load_rate_card(folder: Path, library: ActionLibrary) -> RateCard:
    path = folder / RATE_CARD_FILE
    if not path.exists():
        return RateCard()
    name = display_path(path)
    card = read_model(path, name, RateCard)
    known = {a.id for a in library.actions}
    unknown = [aid for aid in card.actions if aid not in known]
    if unknown:
        raise InputError(
            [Problem(name, f"unknown action '{aid}'", field=f"actions.{aid}") for aid in unknown]
        )
    return card
