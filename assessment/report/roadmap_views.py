"""Roadmap parts of the report context: actions, phases, costs, scorecard, deadlines."""

from __future__ import annotations

from assessment.formatting import long_date, money_range
from assessment.model.results import Results
from assessment.model.roadmap import PlannedAction, Roadmap
from assessment.report.views import (
    ActionView,
    CostLineView,
    DeadlineView,
    DecisionView,
    PhaseCostView,
    PhaseView,
    ScorecardView,
)

DECISIONS_SHOWN = 3
_STATUS = {"applies": "In force", "upcoming": "Upcoming", "at_risk": "At risk"}


def action_view(
    action: PlannedAction, dim_names: dict[str, str], planned: set[str], currency: str
) -> ActionView:
    return ActionView(
        id=action.id,
        dimension_id=action.dimensions[0],
        title=action.title,
        dimensions=", ".join(dim_names[d] for d in action.dimensions),
        owners=", ".join(action.owners),
        deliverable=action.deliverable,
        kpis=action.kpis,
        phase=action.phase,
        months=f"Months {action.start_month}-{action.end_month}",
        start_month=action.start_month,
        end_month=action.end_month,
        effort=action.effort,
        quick_win=action.quick_win,
        # Dependencies outside the plan are already in place: the gap that triggers them is closed.
        depends_on=", ".join(d for d in action.depends_on if d in planned) or "none",
        reason=action.reason,
        best_practices=action.best_practices,
        pitfalls=action.pitfalls,
        capex=money_range(action.capex.low, action.capex.high, currency),
        opex=money_range(action.opex_per_year.low, action.opex_per_year.high, currency),
        cost_assumption=action.cost_assumption,
        compliance=action.compliance,
    )


def phase_views(roadmap: Roadmap, actions: list[ActionView]) -> list[PhaseView]:
    return [
        PhaseView(
            number=p.number,
            name=p.name,
            months=f"Months {p.start_month}-{p.end_month}",
            actions=[a for a in actions if a.phase == p.number],
        )
        for p in roadmap.phases
    ]


def phase_cost_views(roadmap: Roadmap) -> list[PhaseCostView]:
    names = {p.number: f"{p.number}. {p.name}" for p in roadmap.phases}
    return [
        PhaseCostView(
            name=names[c.phase],
            capex=money_range(c.capex.low, c.capex.high, roadmap.currency),
            opex=money_range(c.opex_per_year.low, c.opex_per_year.high, roadmap.currency),
        )
        for c in roadmap.phase_costs
    ]


def cost_line_views(roadmap: Roadmap) -> list[CostLineView]:
    """Programme lines first, then each planned action, in plan order."""
    lines = sorted(roadmap.cost_lines, key=lambda c: c.kind == "action")
    return [
        CostLineView(
            id=c.id if c.kind == "action" else "",
            label=c.label,
            phase=str(c.phase),
            capex=money_range(c.capex.low, c.capex.high, roadmap.currency),
            opex=money_range(c.opex_per_year.low, c.opex_per_year.high, roadmap.currency),
            assumption=c.assumption,
            programme=c.kind != "action",
        )
        for c in lines
    ]


def scorecard_views(roadmap: Roadmap) -> list[ScorecardView]:
    return [
        ScorecardView(
            action_id=r.action_id,
            kpi=r.kpi,
            owner=r.owner,
            target=r.target,
            measure=r.measure,
            due=f"Month {r.due_month}",
            baseline=r.baseline or "to be measured",
        )
        for r in roadmap.scorecard
    ]


def deadline_views(roadmap: Roadmap, style: str) -> list[DeadlineView]:
    return [
        DeadlineView(
            date=long_date(d.date, style),
            title=d.title,
            reference=d.reference,
            status=_STATUS[d.status],
            explanation=d.explanation,  # already in the engagement's date style
            note=d.note,
        )
        for d in roadmap.deadlines
    ]


def decisions(
    results: Results, actions: list[ActionView], deadlines: list[DeadlineView]
) -> list[DecisionView]:
    """What leadership must decide now: the highest-priority actions of the first phase,
    ahead of any regulatory deadline at risk."""
    by_id = {a.id: a for a in results.roadmap.actions}
    first = sorted(
        (a for a in actions if a.phase == 1), key=lambda a: (-by_id[a.id].priority, a.id)
    )
    chosen = [
        DecisionView(
            title=f"Approve {a.id}: {a.title}",
            detail=f"Owner: {a.owners}. {a.months}; CAPEX {a.capex}. {a.reason}",
        )
        for a in first
    ]
    urgent = [
        DecisionView(title=f"Fund the work behind {d.reference}", detail=d.explanation)
        for d in deadlines
        if d.status == _STATUS["at_risk"]
    ][:1]
    return (urgent + chosen)[:DECISIONS_SHOWN]
