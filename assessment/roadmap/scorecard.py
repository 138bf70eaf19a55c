"""The KPI scorecard: every KPI of the plan with its owner, target, due month and baseline."""

from __future__ import annotations

import datetime as dt

from assessment.common.months import month_date
from assessment.model.results import QuestionResult
from assessment.model.roadmap import PlannedAction, ScorecardRow


def scorecard(
    actions: list[PlannedAction], questions: dict[str, QuestionResult], start: dt.date
) -> list[ScorecardRow]:
    """A KPI is due when the action that delivers it is planned to end."""
    rows = []
    for action in actions:
        for kpi in action.kpis:
            rows.append(
                ScorecardRow(
                    action_id=action.id,
                    kpi=kpi.name,
                    owner=action.owners[0],
                    target=kpi.target,
                    measure=kpi.measure,
                    due_month=action.end_month,
                    due_date=month_date(start, action.end_month),
                    baseline=_baseline(questions.get(kpi.baseline_question or "")),
                )
            )
    return sorted(rows, key=lambda r: (r.due_month, r.action_id, r.kpi))


def _baseline(question: QuestionResult | None) -> str | None:
    if question is None or question.answered == 0:
        return None
    if question.median_value is not None:
        return (
            f"{question.median_value:g}{question.unit} today (median of "
            f"{question.answered} answers to {question.question_id})"
        )
    if question.score is not None:
        return f"{question.question_id} scores {question.score:.1f} of 5 today"
    return None
