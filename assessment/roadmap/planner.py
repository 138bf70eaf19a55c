"""Gaps + action library + profile -> the roadmap in the results."""

from __future__ import annotations

from assessment.model.engagement import Profile
from assessment.model.rate_card import RateCard
from assessment.model.results import DimensionResult, QuestionResult
from assessment.model.roadmap import ActionLibrary, DeferredAction, PlannedAction, Roadmap
from assessment.roadmap.costs import action_line, cost_assumptions, phase_costs, totals
from assessment.roadmap.deadlines import deadline_statuses
from assessment.roadmap.programme_costs import programme_lines
from assessment.roadmap.schedule import schedule
from assessment.roadmap.scorecard import scorecard
from assessment.roadmap.select import select_actions
from assessment.roadmap.tailoring import applies_to, earliest_phase, is_regulated, tailoring_notes


def plan(
    library: ActionLibrary,
    dimensions: list[DimensionResult],
    questions: list[QuestionResult],
    profile: Profile,
    rate_card: RateCard | None = None,
) -> Roadmap:
    card = rate_card or RateCard()
    org = profile.organisation
    regulated = is_regulated(org.industry)
    phase_of = {
        a.id: earliest_phase(a, regulated) for a in library.actions if applies_to(a, org.region)
    }
    by_question = {q.question_id: q for q in questions}
    selected = select_actions(
        library.actions, {d.dimension_id: d for d in dimensions}, by_question, phase_of
    )
    converted = profile.currency == library.currency or card.exchange_rate != 1.0
    currency = profile.currency if converted else library.currency
    costs = {
        s.action.id: action_line(s.action, phase_of[s.action.id], org.employees, card, currency)
        for s in selected
    }
    slots, deferrals = schedule(
        selected,
        library.phases,
        profile.planning.max_parallel_actions,
        {aid: c.capex.high for aid, c in costs.items()},
        profile.planning.budget_cap_per_phase,
    )
    slots.sort(key=lambda s: (s.start_month, -s.selected.priority, s.selected.action.id))
    actions = [
        PlannedAction(
            id=(a := s.selected.action).id,
            title=a.title,
            dimensions=a.dimensions,
            owners=a.owners,
            deliverable=a.deliverable,
            kpis=a.kpis,
            phase=s.phase,
            start_month=s.start_month,
            end_month=s.end_month,
            depends_on=a.depends_on,
            effort=a.effort,
            quick_win=s.selected.quick_win,
            compliance=a.compliance,
            priority=s.selected.priority,
            reason=s.selected.reason,
            best_practices=a.best_practices,
            pitfalls=a.pitfalls,
            capex=costs[a.id].capex,
            opex_per_year=costs[a.id].opex_per_year,
            cost_assumption=costs[a.id].assumption,
        )
        for s in slots
    ]
    deferred = [
        DeferredAction(id=d.selected.action.id, title=d.selected.action.title, reason=d.reason)
        for d in deferrals
    ]
    lines = [costs[a.id].model_copy(update={"phase": a.phase}) for a in actions]
    lines += programme_lines(card, library.phases, org.employees, org.region, currency)
    total_capex, total_opex = totals(lines)
    chosen_ids = {s.action.id for s in selected}
    return Roadmap(
        horizon_months=library.horizon_months,
        phases=library.phases,
        actions=actions,
        deferred=deferred,
        currency=currency,
        cost_lines=lines,
        phase_costs=phase_costs(lines, library.phases),
        total_capex=total_capex,
        total_opex_per_year=total_opex,
        cost_assumptions=cost_assumptions(
            org.employees, library.currency, profile.currency, card, converted
        ),
        scorecard=scorecard(actions, by_question),
        deadlines=deadline_statuses(
            library.deadlines,
            org.region,
            profile.assessment_date,
            actions,
            {d.id for d in deferred},
            profile.report.date_style,
        ),
        tailoring=tailoring_notes(
            profile,
            region_actions=sum(1 for a in library.actions if a.regions and a.id in chosen_ids),
            moved_earlier=sum(
                1
                for a in library.actions
                if a.id in chosen_ids and phase_of.get(a.id, a.earliest_phase) < a.earliest_phase
            ),
        ),
    )
