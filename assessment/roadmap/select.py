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
    earliest_phase: int


def weak_questions(
    action: ActionDefinition, questions: dict[str, QuestionResult]
) -> list[tuple[str, float]]:
    """The action's named questions that score below their thresholds."""
    weak = []
    for qid, threshold in action.trigger.questions.items():
        q = questions.get(qid)
        if q is not None and q.score is not None and q.score < threshold:
            weak.append((qid, q.score))
    return weak


def is_triggered(
    action: ActionDefinition, dimension: DimensionResult, questions: dict[str, QuestionResult]
) -> bool:
    """Proposed while the dimension is below target, and either below the trigger level or
    with one of the named questions below its threshold."""
    level = dimension.level or 1
    if level >= dimension.target:
        return False
    return level < action.trigger.below_level or bool(weak_questions(action, questions))


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
    phase_of: dict[str, int],
) -> list[Selected]:
    """`phase_of` gives each action's earliest phase after tailoring; actions missing from it
    do not apply to this organisation."""
    chosen = []
    for action in actions:
        dim = dimensions[action.trigger.dimension]
        if action.id not in phase_of or not is_triggered(action, dim, questions):
            continue
        chosen.append(
            Selected(
                action=action,
                priority=priority(action, dim),
                quick_win=action.effort == "low" and action.duration_months <= QUICK_WIN_MAX_MONTHS,
                reason=_reason(action, dim, questions),
                earliest_phase=phase_of[action.id],
            )
        )
    return chosen


def _reason(
    action: ActionDefinition, dim: DimensionResult, questions: dict[str, QuestionResult]
) -> str:
    level = dim.level or 1
    text = f"Chosen because {dim.name} is level {level} against a target of {dim.target}"
    weak = weak_questions(action, questions)
    evidence = [f"{qid} scored {score:.1f}" for qid, score in weak[:2]]
    if not evidence:
        evidence = [
            f"{qid} scored {questions[qid].score:.1f}"
            for qid in dim.weakest_questions[:2]
            if qid in questions and questions[qid].score is not None
        ]
    if evidence:
        text += ", and " + " and ".join(evidence)
    return text + "."
