"""Roadmap parts of the report context: actions, phases, costs, scorecard, legal duties."""

from __future__ import annotations

from assessment.common.formatting import long_date, money_range, month_text
from assessment.model.roadmap import PlannedAction, Roadmap
from assessment.report.views import (
    ActionView,
    CostLineView,
    DecisionView,
    ObligationView,
    PhaseCostView,
    PhaseView,
    ScorecardView,
)


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
        urgent=action.urgent,
        priority=f"{action.priority:.2f}",
        in_place=", ".join(p.title for p in action.prerequisites_in_place),
    )


def phase_views(roadmap: Roadmap, actions: list[ActionView]) -> list[PhaseView]:
    return [
        PhaseView(
            number=p.number,
            name=p.name,
            months=f"Months {p.start_month}-{p.end_month}",
            focus=", ".join(p.focus),
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


def scorecard_views(roadmap: Roadmap, style: str) -> list[ScorecardView]:
    return [
        ScorecardView(
            action_id=r.action_id,
            kpi=r.kpi,
            owner=r.owner,
            target=r.target,
            measure=r.measure,
            due=f"Month {r.due_month} ({month_text(r.due_date, style)})",
            baseline=r.baseline or "to be measured",
        )
        for r in roadmap.scorecard
    ]


def obligation_views(roadmap: Roadmap, style: str) -> list[ObligationView]:
    return [
        ObligationView(
            date=long_date(o.date, style) if o.date else "",
            title=o.title,
            duty=o.duty,
            reference=o.reference,
            status=o.status_label,
            status_key=o.status,
            summary=o.summary,  # already in the engagement's date style
            plan_text=o.plan_text,
        )
        for o in roadmap.obligations
    ]


def decision_views(roadmap: Roadmap, actions: list[ActionView]) -> list[DecisionView]:
    """The planner's decisions, with each approval's owner, months and cost written out."""
    by_id = {a.id: a for a in actions}
    views = []
    for d in roadmap.decisions:
        if d.kind == "approve_action" and d.action_ids and d.action_ids[0] in by_id:
            a = by_id[d.action_ids[0]]
            detail = f"Owner: {a.owners}. {a.months}; CAPEX {a.capex}. {d.reason}"
        else:
            detail = d.reason
        views.append(DecisionView(title=d.title, detail=detail))
    return views
