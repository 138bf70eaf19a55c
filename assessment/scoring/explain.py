"""Plain-language reasons for a dimension score, naming the questions that pull it down."""

from __future__ import annotations

from assessment.common.formatting import score_text
from assessment.model.questionnaire import Dimension
from assessment.scoring.policy import WEAKEST_QUESTIONS_SHOWN


def weakest_questions(
    dimension: Dimension,
    question_scores: dict[str, float | None],
    reference: float | None,
    shown: int | None = WEAKEST_QUESTIONS_SHOWN,
) -> list[str]:
    """Questions scoring below the reference (the target's score while the target is not
    reached, else the dimension score), ordered by weight x distance below it."""
    if reference is None:
        return []
    pulls = []
    for q in dimension.questions:
        score = question_scores.get(q.id)
        if score is not None and score < reference:
            pulls.append((q.weight * (reference - score), q.id))
    pulls.sort(key=lambda p: (-p[0], p[1]))
    return [qid for _, qid in pulls[:shown]]


def reason(
    dimension: Dimension,
    score: float | None,
    level_name: str | None,
    level: int | None,
    target: int,
    weakest: list[str],
    question_scores: dict[str, float | None],
    capped_by: list[str] | None = None,
) -> str:
    if score is None or level is None:
        return f"{dimension.name} cannot be scored: no respondent answered its questions."
    comparison = (
        f"against a target of level {target}"
        if level < target
        else f"meeting its target of level {target}"
    )
    sentence = (
        f"{dimension.name} is level {level} ({level_name}, {score_text(score)} of 5) {comparison}"
    )
    named = ", ".join(
        f"{qid} ({score_text(score)})"
        for qid in weakest
        if (score := question_scores[qid]) is not None
    )
    if capped_by:
        sentence += f", held at this level by the critical question {', '.join(capped_by)}"
    if named and level < target:
        sentence += f"; the answers furthest below the target are {named}"
    elif named:
        sentence += f"; its weakest answers are {named}"
    return sentence + "."
