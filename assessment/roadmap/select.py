"""Which actions the gaps trigger, how much each matters, and why it was chosen."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.model.results import DimensionResult, QuestionResult
from assessment.model.roadmap import ActionDefinition

EFFORT_FACTOR = {"low": 1.0, "medium": 2.0, "high": 3.0}
QUICK_WIN_MAX_MONTHS = 3


@dataclass(frozen=True)
class Selected:
    action: ActionDefinition
    priority: float
    quick_win: bool
    reason: str


def is_triggered(action: ActionDefinition, dimension: DimensionResult) -> bool:
    """Triggered while the dimension is below both the action's trigger level and its target."""
    level = dimension.level or 1
    return level < action.trigger.below_level and level < dimension.target


def priority(action: ActionDefinition, dimension: DimensionResult) -> float:
    """Gap size x dimension weight x impact / effort; impact is the levels the action can add
    before the target is reached."""
    level = dimension.level or 1
    impact = max(1, min(action.helps_reach_level, dimension.target) - level)
    return round(dimension.score_gap * dimension.weight * impact / EFFORT_FACTOR[action.effort], 3)


def select_actions(
    actions: list[ActionDefinition],
    dimensions: dict[str, DimensionResult],
    questions: dict[str, QuestionResult],
) -> list[Selected]:
    chosen = []
    for action in actions:
        dim = dimensions[action.trigger.dimension]
        if not is_triggered(action, dim):
            continue
        chosen.append(
            Selected(
                action=action,
                priority=priority(action, dim),
                quick_win=action.effort == "low" and action.duration_months <= QUICK_WIN_MAX_MONTHS,
                reason=_reason(dim, questions),
            )
        )
    return chosen


def _reason(dim: DimensionResult, questions: dict[str, QuestionResult]) -> str:
    level = dim.level or 1
    text = f"Chosen because {dim.name} is level {level} against a target of {dim.target}"
    evidence = [
        f"{qid} scored {questions[qid].score:.1f}"
        for qid in dim.weakest_questions[:2]
        if questions[qid].score is not None
    ]
    if evidence:
        text += ", and " + " and ".join(evidence)
    return text + "."
