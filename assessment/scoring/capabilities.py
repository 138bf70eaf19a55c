"""Capability scores: the sub-areas of a dimension, from its questions' scores."""

from __future__ import annotations

from assessment.model.questionnaire import Dimension
from assessment.model.results import CapabilityResult
from assessment.scoring.policy import level_of_score


def capability_results(
    dimension: Dimension, question_scores: dict[str, float | None]
) -> list[CapabilityResult]:
    """Weighted mean of the organisation's question scores within each capability."""
    groups: dict[str, list[tuple[str, float]]] = {}
    for q in dimension.questions:
        if q.scored and q.capability:
            groups.setdefault(q.capability, []).append((q.id, q.weight))
    results = []
    for name, members in groups.items():
        scored = [
            (question_scores[qid], w) for qid, w in members if question_scores.get(qid) is not None
        ]
        total = sum(w for _, w in scored)
        score = sum(s * w for s, w in scored if s is not None) / total if total else None
        results.append(
            CapabilityResult(
                name=name,
                score=None if score is None else round(score, 2),
                level=None if score is None else level_of_score(score),
                question_ids=[qid for qid, _ in members],
            )
        )
    return results
