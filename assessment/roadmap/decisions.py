"""What leadership must decide now, chosen once by the planner: a legal duty in force and not
met comes first, then the highest-priority actions of the first phase."""

from __future__ import annotations

from assessment.model.obligations import ObligationStatus
from assessment.model.roadmap import Decision, PlannedAction

DECISIONS_SHOWN = 3


def decisions(actions: list[PlannedAction], obligations: list[ObligationStatus]) -> list[Decision]:
    overdue = [
        Decision(
            kind="legal_duty",
            title=f"Act now on {o.reference}: {o.title}",
            reason=f"{o.summary} {o.plan_text}",
            action_ids=o.actions,
            obligation_id=o.id,
        )
        for o in obligations
        if o.status == "overdue" and o.applies_if is None
    ][:1]
    first = sorted((a for a in actions if a.phase == 1), key=lambda a: (-a.priority, a.id))
    approvals = [
        Decision(
            kind="approve_action",
            title=f"Approve {a.id}: {a.title}",
            reason=a.reason,
            action_ids=[a.id],
            obligation_id=None,
        )
        for a in first
    ]
    return (overdue + approvals)[:DECISIONS_SHOWN]
