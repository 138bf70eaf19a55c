"""Gaps + action library + obligations + profile -> the roadmap in the results."""

from __future__ import annotations

from typing import Any

from assessment.common.formatting import long_date, month_date
from assessment.model.engagement import Profile
from assessment.model.rate_card import RateCard
from assessment.model.results import DimensionResult, QuestionResult
from assessment.model.roadmap import (
    ActionLibrary,
    DeferredAction,
    InPlace,
    PlannedAction,
    Roadmap,
)
from assessment.model.tailoring import Tailoring
from assessment.roadmap import obligations as legal
from assessment.roadmap.costs import action_line, cost_assumptions, phase_costs, totals
from assessment.roadmap.decisions import deadlines, decisions, first_days
from assessment.roadmap.phases import planned_phases, quick_win
from assessment.roadmap.programme_costs import programme_lines
from assessment.roadmap.schedule import Constraints, schedule
from assessment.roadmap.scorecard import scorecard
from assessment.roadmap.select import select_actions
from assessment.roadmap.tailoring import applies_to, earliest_phase, is_regulated, tailoring_notes
from assessment.roadmap.use_case_priority import Unblocking, UseCaseDemand, raise_priority


def plan(
    library: ActionLibrary,
    dimensions: list[DimensionResult],
    questions: list[QuestionResult],
    profile: Profile,
    rate_card: RateCard | None = None,
    tailoring: Tailoring | None = None,
    use_cases: UseCaseDemand | None = None,
) -> Roadmap:
    """`use_cases`: what the engagement's use cases ask of the plan, known before scheduling:
    the priority each unblocking action gains, and the use cases that make the organisation a
    provider."""
    card = rate_card or RateCard()
    org = profile.organisation
    start = profile.assessment_date
    horizon = library.horizon_months
    regulated = is_regulated(org.industry, tailoring)
    phase_of = {
        a.id: earliest_phase(a, regulated) for a in library.actions if applies_to(a, org.region)
    }
    by_question = {q.question_id: q for q in questions}
    assessed = (
        legal.assess(
            library.obligations, profile, by_question, use_cases.providers if use_cases else ()
        )
        if library.obligations
        else []
    )
    selected = [
        raise_priority(s, use_cases)
        for s in select_actions(
            library.actions,
            {d.dimension_id: d for d in dimensions},
            by_question,
            phase_of,
            required=_required_by_law(assessed, profile),
        )
    ]
    unblocking = use_cases.unblocking if use_cases else {}
    chosen_ids = {s.action.id for s in selected}
    rules = Constraints(
        urgent=frozenset(
            aid for a in assessed if a.overdue_for_certain for aid in a.obligation.actions
        ),
        due=_due_months(assessed, profile, horizon),
        keep=frozenset(a.id for a in library.actions if a.measures_value),
    )
    converted = profile.currency == library.currency or card.exchange_rate != 1.0
    currency = profile.currency if converted else library.currency
    costs = {
        s.action.id: action_line(s.action, phase_of[s.action.id], org.employees, card, currency)
        for s in selected
    }
    slots, deferrals, late = schedule(
        selected,
        library.phases,
        profile.planning.max_parallel_actions,
        {aid: c.capex.high for aid, c in costs.items()},
        profile.planning.budget_cap_per_phase,
        rules,
    )
    slots.sort(key=lambda s: (s.start_month, -s.selected.priority, s.selected.action.id))
    placed = {s.selected.action.id for s in slots}
    titles = {a.id: a.title for a in library.actions}
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
            start_date=month_date(start, s.start_month),
            end_date=month_date(start, s.end_month),
            depends_on=[d for d in a.depends_on if d in placed],
            prerequisites_in_place=[
                InPlace(id=d, title=titles[d])
                for d in a.depends_on
                if d not in chosen_ids and d in phase_of
            ],
            effort=a.effort,
            quick_win=quick_win(a.effort, s.start_month, s.end_month),
            compliance=a.compliance,
            priority=s.selected.priority,
            reason=s.selected.reason,
            business_reason=s.selected.business_reason,
            urgent=s.urgent,
            best_practices=a.best_practices,
            pitfalls=a.pitfalls,
            capex=costs[a.id].capex,
            opex_per_year=costs[a.id].opex_per_year,
            cost_assumption=costs[a.id].assumption,
            **_unblocks(unblocking.get(a.id)),
        )
        for s in slots
    ]
    deferred = [
        DeferredAction(id=d.selected.action.id, title=d.selected.action.title, reason=d.reason)
        for d in deferrals
    ]
    library_phase = {a.id: a.earliest_phase for a in library.actions}
    lines = [costs[a.id].model_copy(update={"phase": a.phase}) for a in actions]
    lines += programme_lines(card, library.phases, org.employees, org.region, currency)
    total_capex, total_opex = totals(lines)
    obligations = legal.statuses(
        assessed,
        profile,
        {a.id: (a.start_month, a.end_month) for a in actions},
        {d.id: d.reason for d in deferred},
        late,
        {s.selected.action.id for s in slots if s.held_back},
        titles,
    )
    return Roadmap(
        horizon_months=horizon,
        phases=planned_phases(
            library.phases, actions, {d.dimension_id: d.name for d in dimensions}, start
        ),
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
        scorecard=scorecard(actions, by_question, start),
        regulation=(
            library.obligations.citation_on(start) if library.obligations and assessed else None
        ),
        obligations=obligations,
        decisions=decisions(
            actions, obligations, start, total_capex, total_opex, horizon, currency
        ),
        first_days=first_days(actions),
        deadlines=deadlines(obligations, start),
        tailoring=tailoring_notes(
            profile,
            regulated=regulated,
            region_actions=sum(1 for a in library.actions if a.regions and a.id in placed),
            moved_earlier=sum(1 for a in actions if a.compliance and a.phase < library_phase[a.id]),
        ),
    )


def _unblocks(found: Unblocking | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {
        "unblocks": list(found.use_cases),
        "unblocks_value": found.value,
        "use_case_gain": found.gain,
    }


def _required_by_law(assessed: list[legal.Assessed], profile: Profile) -> dict[str, str]:
    """Actions a duty binding the organisation for certain needs, whatever the gaps say: duties
    the answers show not met, in force or applying later."""
    style = profile.report.date_style
    required: dict[str, str] = {}
    for a in assessed:
        if a.conditional or not a.shown_unmet:
            continue
        when = long_date(a.date, style)
        why = (
            f"Required by {a.obligation.reference}, in force since {when} and not met on the "
            "answers."
            if a.status == "overdue"
            else f"Required by {a.obligation.reference}, which applies from {when}."
        )
        for aid in a.obligation.actions:
            required.setdefault(aid, why)
    return required


def _due_months(assessed: list[legal.Assessed], profile: Profile, horizon: int) -> dict[str, int]:
    """For duties that apply later within the horizon: the last month each of their actions
    may end."""
    due: dict[str, int] = {}
    for a in assessed:
        if a.status != "applies_from" or a.already_met:
            continue
        month = legal.months_until(profile.assessment_date, a.date)
        if month > horizon:
            continue
        for aid in a.obligation.actions:
            due[aid] = min(due.get(aid, month), month)
    return due
