"""Cost ranges for planned actions and the plan: size band, rate card, currency, no false
precision."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assessment.model.engagement import SizeBand
from assessment.model.rate_card import RateCard
from assessment.model.roadmap import ActionDefinition, Phase, PhaseCost, PlannedAction, Range

SIGNIFICANT_FIGURES = 2


def round_significant(value: float, figures: int = SIGNIFICANT_FIGURES) -> float:
    """Round to a few significant figures: estimates are not accurate to the euro."""
    if value == 0:
        return 0.0
    digits = figures - math.floor(math.log10(abs(value))) - 1
    return float(round(value, digits))


def _scaled(r: Range, factor: float) -> Range:
    return Range(low=round_significant(r.low * factor), high=round_significant(r.high * factor))


@dataclass(frozen=True)
class ActionCost:
    capex: Range
    opex_per_year: Range
    assumption: str


def action_cost(action: ActionDefinition, band: SizeBand, card: RateCard) -> ActionCost:
    override = card.actions.get(action.id)
    factor = card.exchange_rate * card.multiplier
    capex = _scaled(action.cost.capex[band], factor)
    opex = _scaled(action.cost.opex_per_year[band], factor)
    assumption = action.cost.assumption
    if override is not None:
        capex = override.capex or capex
        opex = override.opex_per_year or opex
        assumption = f"{override.assumption} (rate card)"
    return ActionCost(capex, opex, assumption)


def total(ranges: list[Range]) -> Range:
    return Range(
        low=round_significant(sum(r.low for r in ranges)),
        high=round_significant(sum(r.high for r in ranges)),
    )


def phase_costs(actions: list[PlannedAction], phases: list[Phase]) -> list[PhaseCost]:
    """CAPEX of the actions starting in each phase, and the yearly OPEX they add."""
    return [
        PhaseCost(
            phase=p.number,
            capex=total([a.capex for a in actions if a.phase == p.number]),
            opex_per_year=total([a.opex_per_year for a in actions if a.phase == p.number]),
        )
        for p in phases
    ]


def cost_assumptions(
    band_label: str, library_currency: str, currency: str, card: RateCard, converted: bool
) -> list[str]:
    notes = [
        f"Ranges for an organisation of {band_label}; CAPEX is one-off, OPEX is per year once "
        "the action is in place.",
        f"Figures are rounded to {SIGNIFICANT_FIGURES} significant figures: they are estimates "
        "for planning, not quotes.",
    ]
    if not converted:
        notes.append(
            f"Shown in {library_currency}: the engagement uses {currency} but its rate card gives "
            "no exchange rate."
        )
    elif card.exchange_rate != 1.0:
        notes.append(
            f"Converted from {library_currency} at {card.exchange_rate:g} {currency} "
            f"per {library_currency}."
        )
    if card.multiplier != 1.0:
        notes.append(f"Library figures scaled by {card.multiplier:g} from the rate card.")
    if card.note:
        notes.append(card.note)
    if card.actions:
        notes.append(f"The rate card sets its own figures for {', '.join(sorted(card.actions))}.")
    return notes
