"""Roadmap parts of the report context: actions, phases, costs, scorecard, legal duties."""

from __future__ import annotations

from assessment.common.formatting import (
    long_date,
    money_range,
    month_text,
    short_date,
    unblocks_text,
)
from assessment.model.roadmap import PlannedAction, Range, Roadmap
from assessment.report.views import (
    ActionView,
    CostLineView,
    DecisionView,
    FirstDaysView,
    ObligationView,
    PhaseBudgetView,
    PhaseCostView,
    PhaseView,
    ScorecardView,
)


def action_view(
    action: PlannedAction,
    dim_names: dict[str, str],
    planned: set[str],
    currency: str,
    use_case_names: dict[str, str] | None = None,
) -> ActionView:
    names = use_case_names or {}
    value = action.unblocks_value
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
        unblocks=unblocks_text(
            [names.get(u, u) for u in action.unblocks],
            value.low if value else 0,
            value.high if value else 0,
            currency,
        ),
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


def decision_views(roadmap: Roadmap, style: str) -> list[DecisionView]:
    """The planner's decisions as written in results.json: plain words, each with its owner,
    date and cost; the ids only for the full report's trace."""
    return [
        DecisionView(
            title=d.title,
            owner=d.owner,
            decide_by=long_date(d.decide_by, style),
            cost=_cost_text(d.capex, d.opex_per_year, roadmap.currency),
            reason=d.reason,
            trace=", ".join(d.action_ids) if d.kind != "budget" else "",
            budget=d.kind == "budget",
        )
        for d in roadmap.decisions
    ]


def _cost_text(capex: Range, opex: Range, currency: str) -> str:
    parts = []
    if capex.high:
        parts.append(f"{money_range(capex.low, capex.high, currency)} one-off")
    if opex.high:
        parts.append(f"{money_range(opex.low, opex.high, currency)} a year once running")
    return " and ".join(parts) or "no direct cost"


def first_days_views(roadmap: Roadmap, style: str) -> list[FirstDaysView]:
    """The actions that start in the first 90 days, as the planner listed them."""
    by_id = {a.id: a for a in roadmap.actions}
    return [
        FirstDaysView(
            title=a.title,
            owner=a.owners[0],
            starts=short_date(a.start_date, style),
            ends=short_date(a.end_date, style),
            deliverable=a.deliverable,
            cost=_cost_text(a.capex, a.opex_per_year, roadmap.currency),
        )
        for a in (by_id[x] for x in roadmap.first_days if x in by_id)
    ]


def deadline_views(roadmap: Roadmap, style: str) -> list[ObligationView]:
    """The duties the planner listed as deadlines, in its order."""
    ids = [o.id for o in roadmap.obligations]
    by_id = dict(zip(ids, obligation_views(roadmap, style), strict=True))
    return [by_id[x] for x in roadmap.deadlines if x in by_id]


def phase_budget_views(roadmap: Roadmap, style: str) -> list[PhaseBudgetView]:
    """Per phase: when, what it costs and what it buys (the work it holds, by name)."""
    costs = {c.phase: c for c in roadmap.phase_costs}
    views = []
    for p in roadmap.phases:
        held = [a for a in roadmap.actions if a.phase == p.number]
        cost = costs.get(p.number)
        views.append(
            PhaseBudgetView(
                name=f"{p.number}. {p.name}",
                when=f"{month_text(p.start_date, style)} to {month_text(p.end_date, style)}",
                capex=money_range(cost.capex.low, cost.capex.high, roadmap.currency)
                if cost
                else "none",
                opex=money_range(cost.opex_per_year.low, cost.opex_per_year.high, roadmap.currency)
                if cost
                else "none",
                buys=[a.title for a in sorted(held, key=lambda a: (-a.priority, a.id))],
                focus=", ".join(p.focus),
            )
        )
    return views
