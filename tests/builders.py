"""Hand-built results for planner tests."""

from __future__ import annotations

from assessment.model.results import DimensionResult, QuestionResult


def dimension_result(
    dim_id: str, level: int, target: int, score: float, gap: float, weight: float = 1.0
) -> DimensionResult:
    return DimensionResult(
        dimension_id=dim_id,
        name=dim_id.title(),
        weight=weight,
        score=score,
        level=level,
        level_name=str(level),
        target=target,
        gap=gap,
        gap_from=score,
        percent_to_target=0.5,
        priority=gap * weight,
        confidence_interval=None,
        dispersion=None,
        disagreement=False,
        coverage=1.0,
        coverage_warning=False,
        respondents=5,
        capped_by=[],
        capabilities=[],
        weakest_questions=[],
        reason="",
        target_score=(1.0, 1.8, 2.6, 3.4, 4.2)[target - 1],
    )


def question_result(qid: str, score: float) -> QuestionResult:
    return QuestionResult(
        question_id=qid,
        dimension_id="",
        text="?",
        weight=1.0,
        critical=False,
        score=score,
        answered=5,
        not_applicable=0,
        dont_know=0,
        unanswered=0,
        top_answer=None,
    )
