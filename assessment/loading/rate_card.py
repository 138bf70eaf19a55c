"""Read the rate card: the questionnaire's default prices with the engagement's rate-card.yaml
laid over them, checked against the action library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessment.common.paths import display_path
from assessment.loading.profile_files import check_inside
from assessment.loading.yaml_files import read_yaml, require_mapping, validation_problems
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard
from assessment.model.roadmap import ActionLibrary

RATE_CARD_FILE = "rate-card.yaml"


def load_rate_card(
    folder: Path, library: ActionLibrary, library_folder: Path | None = None
) -> RateCard:
    """The engagement's card over the library's defaults; problems name the file they are in."""
    merged: dict[str, Any] = {}
    for path in (
        library_folder / RATE_CARD_FILE if library_folder else None,
        folder / RATE_CARD_FILE,
    ):
        if path is None or not path.is_file():
            continue
        if path == folder / RATE_CARD_FILE:
            check_inside(path, folder)
        name = display_path(path)
        merged = _overlay(merged, require_mapping(read_yaml(path, name), name))
        # Checked after each layer, so a problem is reported in the file that caused it.
        try:
            card = RateCard.model_validate(merged)
        except ValidationError as exc:
            raise InputError(validation_problems(name, exc)) from None
        problems = cross_check(card, library, name)
        if problems:
            raise InputError(problems)
    return RateCard.model_validate(merged)


def _overlay(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; any other value in `top` replaces the one in `base`."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _overlay(out[key], value)
        else:
            out[key] = value
    return out


def cross_check(card: RateCard, library: ActionLibrary, name: str) -> list[Problem]:
    """Ids the library does not know, team tables that do not match its phases, programme
    lines that would start after the plan ends."""
    problems = [
        Problem(name, f"unknown action '{aid}'", field=f"actions.{aid}")
        for aid in card.actions
        if aid not in {a.id for a in library.actions}
    ]
    price_ids = {p.id for a in library.actions for p in a.cost.per_person}
    problems += [
        Problem(
            name,
            f"unknown per-person price '{pid}' (known: {', '.join(sorted(price_ids)) or 'none'})",
            field=f"prices.{pid}",
        )
        for pid in card.prices
        if pid not in price_ids
    ]
    phases = len(library.phases)
    for rid, role in card.programme.roles.items():
        if len(role.fte_by_phase) != phases:
            problems.append(
                Problem(
                    name,
                    f"give one FTE figure for each of the plan's {phases} phases, "
                    f"not {len(role.fte_by_phase)}",
                    field=f"programme.roles.{rid}.fte_by_phase",
                )
            )
    horizon = library.horizon_months
    for key, line in (("seats", card.programme.seats), ("usage", card.programme.usage)):
        if line is not None and line.from_month >= horizon:
            problems.append(
                Problem(
                    name,
                    f"must be a month of the plan (0 to {horizon - 1})",
                    field=f"programme.{key}.from_month",
                )
            )
    return problems
