"""The judgments results.json carries beside the scores: highlights, compliance points and the
thresholds behind them."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import (
    CompliancePoint,
    DimensionResult,
    Highlights,
    QuestionResult,
    Thresholds,
)
from assessment.scoring.highlights import compliance_points, highlights
from assessment.scoring.policy import (
    BOOTSTRAP_RESAMPLES,
    COVERAGE_WARNING,
    DISAGREEMENT_SD,
    LEVEL_THRESHOLDS,
    PERCEPTION_GAP_POINTS,
    READINESS_BANDS,
    WEAK_LEVEL,
)


@dataclass(frozen=True)
class Judgments:
    highlights: Highlights
    compliance: list[CompliancePoint]
    thresholds: Thresholds


def judge(
    questionnaire: Questionnaire,
    profile: Profile,
    dimensions: list[DimensionResult],
    questions: list[QuestionResult],
) -> Judgments:
    return Judgments(
        highlights=highlights(dimensions),
        compliance=compliance_points(questionnaire, questions),
        thresholds=Thresholds(
            weak_level=WEAK_LEVEL,
            perception_gap_points=PERCEPTION_GAP_POINTS,
            min_group_size=profile.report.min_group_size,
            level_starts=list(LEVEL_THRESHOLDS),
            bands=list(READINESS_BANDS),
            interval_resamples=BOOTSTRAP_RESAMPLES,
            coverage_warning=COVERAGE_WARNING,
            disagreement_sd=DISAGREEMENT_SD,
        ),
    )
