"""Which actions the gaps trigger, how much each matters, and why it was chosen."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import round_half_up, score_text
from assessment.model.results import DimensionResult, QuestionResult
from assessment.model.roadmap import ActionDefinition

EFFORT_FACTOR = {"low": 1.0, "medium": 2.0, "high": 3.0}


@dataclass(frozen=True)
class Selected:
    action: ActionDefinition
    priority: float
    reason: str
    earliest_phase: int
    business_reason: str = ""


def weak_questions(
    action: ActionDefinition, questions: dict[str, QuestionResult]
) -> list[tuple[str, float]]:
    """The action's named questions whose score, as shown, is below their thresholds: a
    reader must never see "scored 2.6" as the reason for a threshold of 2.6."""
    weak = []
    for qid, threshold in action.trigger.questions.items():
        q = questions.get(qid)
        if q is not None and q.score is not None and round_half_up(q.score) < threshold:
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


def evidence_factor(action: ActionDefinition, questions: dict[str, QuestionResult]) -> float:
    """1 plus the share of the action's own trigger questions that score below their
    thresholds: an action aimed at answers that are measurably weak comes first."""
    named = action.trigger.questions
    if not named:
        return 1.0
    return 1.0 + len(weak_questions(action, questions)) / len(named)


def priority(
    action: ActionDefinition, dimension: DimensionResult, questions: dict[str, QuestionResult]
) -> float:
    """Gap in points x dimension weight x evidence factor / effort factor (docs/methodology.md,
    "Roadmap")."""
    value = dimension.gap * dimension.weight * evidence_factor(action, questions)
    return round(value / EFFORT_FACTOR[action.effort], 3)


def select_actions(
    actions: list[ActionDefinition],
    dimensions: dict[str, DimensionResult],
    questions: dict[str, QuestionResult],
    phase_of: dict[str, int],
    required: dict[str, str] | None = None,
) -> list[Selected]:
    """`phase_of` gives each action's earliest phase after tailoring; actions missing from it
    do not apply to this organisation. `required`: actions a legal duty needs whatever the
    gaps say, with the reason in words."""
    required = required or {}
    chosen = []
    for action in actions:
        dim = dimensions[action.trigger.dimension]
        if action.id not in phase_of:
            continue
        triggered = is_triggered(action, dim, questions)
        if not triggered and action.id not in required:
            continue
        reason = _reason(action, dim, questions) if triggered else ""
        business = _business_reason(action, dim, questions) if triggered else ""
        if action.id in required:
            reason = f"{required[action.id]} {reason}".strip()
            business = f"{required[action.id]} {business}".strip()
        chosen.append(
            Selected(
                action=action,
                priority=priority(action, dim, questions),
                reason=reason,
                earliest_phase=phase_of[action.id],
                business_reason=business,
            )
        )
    return chosen


def _reason(
    action: ActionDefinition, dim: DimensionResult, questions: dict[str, QuestionResult]
) -> str:
    text = f"Chosen because {_short_of_target(dim)}"
    weak = weak_questions(action, questions)
    evidence = [f"{qid} scored {score_text(score)}" for qid, score in weak[:2]]
    if not evidence:
        evidence = [
            f"{qid} scored {score_text(questions[qid].score)}"
            for qid in dim.weakest_questions[:2]
            if qid in questions and questions[qid].score is not None
        ]
    if evidence:
        text += ", and " + " and ".join(evidence)
    return text + "."


def _short_of_target(dim: DimensionResult) -> str:
    shown = "no answers" if dim.score is None else score_text(dim.score)
    return (
        f"{dim.name} is {dim.gap:.1f} points short of its target ({shown} against "
        f"{dim.target_score:.1f})"
    )


def _business_reason(
    action: ActionDefinition, dim: DimensionResult, questions: dict[str, QuestionResult]
) -> str:
    """Why, in the board's terms: the shortfall and what respondents said, without ids."""
    weak = {qid for qid, _ in weak_questions(action, questions)}
    said = [t for t in dim.today if t.question_id in weak] or dim.today
    text = _short_of_target(dim)[0].upper() + _short_of_target(dim)[1:] + "."
    return f"{text} {said[0].text}" if said else text
