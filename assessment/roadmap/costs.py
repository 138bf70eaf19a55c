"""Cost lines of planned actions and the plan's totals: estimates that scale smoothly with
headcount, per-person prices times the people they are for, and rounding only for display."""

from __future__ import annotations

import math

from assessment.common.formatting import money
from assessment.model.rate_card import RateCard, SizeScaling
from assessment.model.roadmap import ActionDefinition, CostLine, Phase, PhaseCost, Range

SIGNIFICANT_FIGURES = 2


def round_significant(value: float, figures: int = SIGNIFICANT_FIGURES) -> float:
    """Round to a few significant figures: estimates are not accurate to the euro."""
    if value == 0:
        return 0.0
    digits = figures - math.floor(math.log10(abs(value))) - 1
    return float(round(value, digits))


def rounded(r: Range) -> Range:
    return Range(low=round_significant(r.low), high=round_significant(r.high))


def add(*ranges: Range) -> Range:
    return Range(low=sum(r.low for r in ranges), high=sum(r.high for r in ranges))


def times(r: Range, factor: float) -> Range:
    return Range(low=r.low * factor, high=r.high * factor)


def amount_text(r: Range, currency: str) -> str:
    """A range as a reader sees it: 'EUR 30-80', 'EUR 240k-640k', 'none'."""
    if r.high == 0:
        return "none"
    if r.low == r.high:
        return f"{currency} {money(r.low)}"
    return f"{currency} {money(r.low)}-{money(r.high)}"


def result_text(r: Range, currency: str) -> str:
    """A computed figure, rounded as it is shown."""
    return amount_text(rounded(r), currency)


def size_factor(staff: int, scaling: SizeScaling) -> float:
    """(staff / reference) ** exponent: continuous and never decreasing in staff."""
    return float((staff / scaling.reference_staff) ** scaling.exponent)


def scaling_text(scaling: SizeScaling) -> str:
    if scaling.exponent == 0:
        return "the same at any size"
    if scaling.exponent == 1:
        return "in proportion to headcount"
    if scaling.exponent == 0.5:
        return "with the square root of headcount"
    return f"with headcount to the power {scaling.exponent:g}"


def action_line(
    action: ActionDefinition, phase: int, staff: int, card: RateCard, currency: str
) -> CostLine:
    """The action's CAPEX and OPEX, with an assumption written from the numbers used."""
    cost = action.cost
    override = card.actions.get(action.id)
    factor = size_factor(staff, card.size_scaling)
    library = card.exchange_rate * card.multiplier
    parts: list[str] = [cost.covers]
    totals: dict[str, Range] = {}
    for key, label, estimate in (
        ("capex", "One-off", cost.capex),
        ("opex", "Per year", cost.opex_per_year),
    ):
        quoted = None
        if override is not None:
            quoted = override.capex if key == "capex" else override.opex_per_year
        if override is not None and quoted is not None:
            totals[key] = quoted
            parts.append(
                f"{label}: {amount_text(quoted, currency)} as quoted in the rate card "
                f"({override.assumption})."
            )
            continue
        base = times(estimate, library)
        scaled = times(base, factor)
        pieces: list[tuple[str, Range]] = []
        if base.high > 0:
            pieces.append(
                (
                    f"{amount_text(base, currency)} for {card.size_scaling.reference_staff:,} "
                    f"staff x {factor:.2f} (size factor for {staff:,} staff)",
                    scaled,
                )
            )
        for p in cost.per_person:
            if (p.per == "once") != (key == "capex"):
                continue
            chosen = card.prices.get(p.id)
            price = times(
                p.price if chosen is None or chosen.price is None else chosen.price,
                card.exchange_rate,
            )
            share = p.share if chosen is None or chosen.share is None else chosen.share
            people = staff * share
            each = "a year" if p.per == "year" else "once"
            pieces.append(
                (
                    f"{p.what} for {p.who}, {people:,.0f} people ({share:.0%} of {staff:,} "
                    f"staff) x {amount_text(price, currency)} per person {each}",
                    times(price, people),
                )
            )
        totals[key] = add(*(r for _, r in pieces))
        parts.append(f"{label}: {_sum_text(pieces, totals[key], currency)}.")
    return CostLine(
        id=action.id,
        kind="action",
        label=action.title,
        phase=phase,
        capex=rounded(totals["capex"]),
        opex_per_year=rounded(totals["opex"]),
        capex_exact=totals["capex"],
        opex_per_year_exact=totals["opex"],
        assumption=" ".join(parts),
    )


def _sum_text(pieces: list[tuple[str, Range]], total: Range, currency: str) -> str:
    if not pieces:
        return "none"
    shown = [f"{text} = {result_text(r, currency)}" for text, r in pieces]
    if len(pieces) > 1:
        shown.append(f"together {result_text(total, currency)}")
    return "; ".join(shown)


def phase_costs(lines: list[CostLine], phases: list[Phase]) -> list[PhaseCost]:
    """Each phase's lines summed unrounded, then rounded: CAPEX spent and yearly OPEX added."""
    return [
        PhaseCost(
            phase=p.number,
            capex=rounded(add(*(c.capex_exact for c in lines if c.phase == p.number))),
            opex_per_year=rounded(
                add(*(c.opex_per_year_exact for c in lines if c.phase == p.number))
            ),
        )
        for p in phases
    ]


def totals(lines: list[CostLine]) -> tuple[Range, Range]:
    """The plan's CAPEX and yearly OPEX: every line's unrounded figure summed, then rounded."""
    return (
        rounded(add(*(c.capex_exact for c in lines))),
        rounded(add(*(c.opex_per_year_exact for c in lines))),
    )


def cost_assumptions(
    staff: int, library_currency: str, currency: str, card: RateCard, converted: bool
) -> list[str]:
    scaling = card.size_scaling
    notes = [
        f"Estimated for {staff:,} staff: CAPEX is one-off, OPEX is per year once in place. "
        "Every line states how its figure is computed.",
        f"Action estimates are set for {scaling.reference_staff:,} staff and grow "
        f"{scaling_text(scaling)}: the size factor for {staff:,} staff is ({staff:,} / "
        f"{scaling.reference_staff:,}) to the power {scaling.exponent:g} = "
        f"{size_factor(staff, scaling):.2f}. Costs per person are staff x the share who need "
        "it x the price.",
        f"Figures are rounded to {SIGNIFICANT_FIGURES} significant figures: they are estimates "
        "for planning, not quotes. Totals are rounded from the unrounded lines, so the rounded "
        "lines may not add up to them exactly.",
        "Prices, rates and shares of staff are assumptions the engagement's rate card can change.",
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
        notes.append(f"Action estimates scaled by {card.multiplier:g} from the rate card.")
    if card.note:
        notes.append(card.note)
    if card.actions:
        notes.append(f"The rate card quotes its own figures for {', '.join(sorted(card.actions))}.")
    return notes
