"""Programme cost lines that no single action owns: assistant seat licences, model and API
usage, and the team that runs the programme in each phase. Each states its arithmetic."""

from __future__ import annotations

from assessment.model.rate_card import OTHER_REGION, RateCard
from assessment.model.roadmap import CostLine, Phase, Range
from assessment.roadmap.costs import add, amount_text, result_text, rounded, times

NONE = Range(low=0, high=0)


def _phase_at(month: int, phases: list[Phase]) -> int:
    for p in phases:
        if p.start_month <= month < p.end_month:
            return p.number
    return phases[-1].number


def _line(
    id_: str, kind: str, label: str, phase: int, capex: Range, opex: Range, assumption: str
) -> CostLine:
    return CostLine.model_validate(
        {
            "id": id_,
            "kind": kind,
            "label": label,
            "phase": phase,
            "capex": rounded(capex),
            "opex_per_year": rounded(opex),
            "capex_exact": capex,
            "opex_per_year_exact": opex,
            "assumption": assumption,
        }
    )


def programme_lines(
    card: RateCard, phases: list[Phase], staff: int, region: str, currency: str
) -> list[CostLine]:
    lines: list[CostLine] = []
    seats, usage = card.programme.seats, card.programme.usage
    if seats is not None and seats.share > 0:
        lines.append(
            _per_person_line(
                ("seats", "Assistant seat licences", "seats", "per seat a month"),
                seats.from_month,
                seats.share,
                seats.price_per_month,
                staff,
                card.exchange_rate,
                currency,
                phases,
            )
        )
    if usage is not None and usage.share > 0:
        lines.append(
            _per_person_line(
                (
                    "usage",
                    "Model and API usage",
                    "active users",
                    "of model and API usage per user a month",
                ),
                usage.from_month,
                usage.share,
                usage.price_per_user_month,
                staff,
                card.exchange_rate,
                currency,
                phases,
            )
        )
    lines += _team_lines(card, phases, region, currency)
    return lines


def _team_lines(card: RateCard, phases: list[Phase], region: str, currency: str) -> list[CostLine]:
    """Per phase: FTE x loaded yearly cost x the phase's months / 12, for each role."""
    lines = []
    for phase in phases:
        months = phase.end_month - phase.start_month
        pieces, costs, bases = [], [], set()
        for role in card.programme.roles.values():
            # The loader checks one figure per phase; a shorter list means no FTE there.
            fte = role.fte_by_phase[phase.number - 1 :][:1] or [0.0]
            if fte[0] == 0:
                continue
            where, rate = role.rate_for(region)
            rate = times(rate, card.exchange_rate)
            costs.append(times(rate, fte[0] * months / 12))
            bases.add("standard" if where == OTHER_REGION else where)
            pieces.append(f"{role.label} {fte[0]:g} FTE x {amount_text(rate, currency)}")
        if not costs:
            continue
        total = add(*costs)
        lines.append(
            _line(
                f"team-{phase.number}",
                "team",
                f"Programme team, phase {phase.number}",
                phase.number,
                total,
                NONE,
                f"Months {phase.start_month}-{phase.end_month} ({months} months): "
                + "; ".join(pieces)
                + f" a year ({' and '.join(sorted(bases))} loaded cost per FTE), for {months} "
                f"months = {result_text(total, currency)}. The team that runs the programme; "
                "work inside an action is priced in that action.",
            )
        )
    return lines


def _per_person_line(
    words: tuple[str, str, str, str],
    from_month: int,
    share: float,
    price_per_month: Range,
    staff: int,
    fx: float,
    currency: str,
    phases: list[Phase],
) -> CostLine:
    """A yearly cost of staff x share people at a monthly price: seats, model usage.
    `words`: the line's id (and kind), label, what the people are, and what the price is for."""
    line_id, label, people, per = words
    count = staff * share
    price = times(price_per_month, fx)
    yearly = times(price, count * 12)
    return _line(
        line_id,
        line_id,
        label,
        _phase_at(from_month, phases),
        NONE,
        yearly,
        f"From month {from_month}: {count:,.0f} {people} ({share:.0%} of {staff:,} staff) x "
        f"{amount_text(price, currency)} {per} x 12 = {result_text(yearly, currency)} a year.",
    )
