"""Read an engagement's optional rate-card.yaml."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assessment.loading.paths import display_path
from assessment.loading.yaml_files import read_yaml, require_mapping, validation_problems
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard
from assessment.model.roadmap import ActionLibrary

RATE_CARD_FILE = "rate-card.yaml"


def load_rate_card(folder: Path, library: ActionLibrary) -> RateCard:
    path = folder / RATE_CARD_FILE
    if not path.exists():
        return RateCard()
    name = display_path(path)
    data = require_mapping(read_yaml(path, name), name)
    try:
        card = RateCard.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None
    known = {a.id for a in library.actions}
    unknown = [aid for aid in card.actions if aid not in known]
    if unknown:
        raise InputError(
            [Problem(name, f"unknown action '{aid}'", field=f"actions.{aid}") for aid in unknown]
        )
    return card
