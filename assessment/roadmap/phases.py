"""Phases as planned, and the one definition of a quick win."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from assessment.common.formatting import month_date
from assessment.model.roadmap import Effort, Phase, PlannedAction, PlannedPhase

QUICK_WIN_MAX_MONTHS = 3
QUICK_WIN_DONE_BY = 6  # a quick win shows results within the first two phases
FOCUS_SHOWN = 3


def quick_win(effort: Effort, start_month: int, end_month: int) -> bool:
    """Low effort, at most three months long, and finished by month six."""
    return (
        effort == "low"
        and end_month - start_month <= QUICK_WIN_MAX_MONTHS
        and end_month <= QUICK_WIN_DONE_BY
    )


def planned_phases(
    phases: list[Phase],
    actions: list[PlannedAction],
    dimension_names: dict[str, str],
    start: dt.date,
) -> list[PlannedPhase]:
    """A phase holds the actions that start in it and ends when the last of them ends, so no
    action runs past the end of its phase; its focus names the dimensions its actions serve
    most, so the phase says what it holds."""
    planned = []
    for p in phases:
        held = [a for a in actions if a.phase == p.number]
        counts = Counter(
            a.dimensions[0] for a in held
        )  # an action's first dimension is its main one
        order = {d: i for i, d in enumerate(dimension_names)}
        ranked = sorted(counts, key=lambda d: (-counts[d], order.get(d, len(order)), d))
        end_month = max([p.end_month, *(a.end_month for a in held)])
        planned.append(
            PlannedPhase(
                number=p.number,
                name=p.name,
                start_month=p.start_month,
                end_month=end_month,
                start_date=month_date(start, p.start_month),
                end_date=month_date(start, end_month),
                focus=[dimension_names.get(d, d) for d in ranked[:FOCUS_SHOWN]],
            )
        )
    return planned
