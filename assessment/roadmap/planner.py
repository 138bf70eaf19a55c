"""Gaps + action library -> the roadmap in the results."""

from __future__ import annotations

from assessment.model.results import DimensionResult, QuestionResult
from assessment.model.roadmap import ActionLibrary, DeferredAction, PlannedAction, Roadmap
from assessment.roadmap.schedule import schedule
from assessment.roadmap.select import select_actions


def plan(
    library: ActionLibrary,
    dimensions: list[DimensionResult],
    questions: list[QuestionResult],
    max_parallel: int,
) -> Roadmap:
    selected = select_actions(
        library.actions,
        {d.dimension_id: d for d in dimensions},
        {q.question_id: q for q in questions},
    )
    slots, deferrals = schedule(selected, library.phases, max_parallel)
    slots.sort(key=lambda s: (s.start_month, -s.selected.priority, s.selected.action.id))
    actions = [
        PlannedAction(
            id=s.selected.action.id,
            title=s.selected.action.title,
            dimensions=s.selected.action.dimensions,
            owners=s.selected.action.owners,
            deliverable=s.selected.action.deliverable,
            kpis=s.selected.action.kpis,
            phase=s.phase,
            start_month=s.start_month,
            end_month=s.end_month,
            depends_on=s.selected.action.depends_on,
            effort=s.selected.action.effort,
            quick_win=s.selected.quick_win,
            priority=s.selected.priority,
            reason=s.selected.reason,
            best_practices=s.selected.action.best_practices,
            pitfalls=s.selected.action.pitfalls,
        )
        for s in slots
    ]
    deferred = [
        DeferredAction(id=d.selected.action.id, title=d.selected.action.title, reason=d.reason)
        for d in deferrals
    ]
    return Roadmap(
        horizon_months=library.horizon_months,
        phases=library.phases,
        actions=actions,
        deferred=deferred,
    )
