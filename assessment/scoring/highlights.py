"""What the summary leads with, and where the answers touch the cited standards. Judged here,
once, so that every output shows the same strengths, gaps and weak points."""

from __future__ import annotations

from assessment.model.questionnaire import Questionnaire
from assessment.model.results import CompliancePoint, DimensionResult, Highlights, QuestionResult
from assessment.scoring.policy import WEAK_LEVEL, is_weak

STRENGTHS_SHOWN = 3
GAPS_SHOWN = 5


def highlights(dimensions: list[DimensionResult]) -> Highlights:
    """The largest gaps by priority (gap in points x weight); strengths among the rest that
    are at target or at level 3 or above, highest score first. Never both for one dimension."""
    gaps = sorted((d for d in dimensions if d.gap > 0), key=lambda d: (-d.priority, d.name))[
        :GAPS_SHOWN
    ]
    listed = {d.dimension_id for d in gaps}
    strong = sorted(
        (
            d
            for d in dimensions
            if d.dimension_id not in listed
            and d.score is not None
            and (d.gap == 0 or (d.level or 0) >= WEAK_LEVEL)
        ),
        key=lambda d: (-(d.score or 0.0), d.name),
    )[:STRENGTHS_SHOWN]
    return Highlights(
        strengths=[d.dimension_id for d in strong],
        largest_gaps=[d.dimension_id for d in gaps],
    )


def compliance_points(
    questionnaire: Questionnaire, questions: list[QuestionResult]
) -> list[CompliancePoint]:
    """Each reference the questionnaire cites, with the scored questions citing it; weak when
    any of them is below the weak level (from its unrounded score)."""
    scored = {q.question_id: q for q in questions}
    cited: dict[str, list[str]] = {}
    for _, q in questionnaire.questions():
        for ref in q.references:
            cited.setdefault(ref, []).append(q.id)
    return [
        CompliancePoint(
            reference=ref,
            question_ids=[qid for qid in cited[ref] if qid in scored],
            weak=any(is_weak(scored[qid].level) for qid in cited[ref] if qid in scored),
        )
        for ref in sorted(cited)
    ]
