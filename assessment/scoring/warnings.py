"""Data-quality warnings in plain language, for the terminal and the report."""

from __future__ import annotations

from assessment.common.formatting import percent_text, score_text
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import DimensionResult, PerceptionResult, UnitResult
from assessment.scoring.policy import COVERAGE_WARNING, DISAGREEMENT_SD


def data_quality_warnings(
    dimensions: list[DimensionResult],
    units: list[UnitResult],
    perception: list[PerceptionResult],
    questionnaire: Questionnaire,
) -> list[str]:
    names = {d.id: d.name for d in questionnaire.dimensions}
    warnings = []
    for unit in units:
        if unit.respondents == 0:
            warnings.append(f"{unit.name} has no respondents; it is left out of the roll-up.")
    for d in dimensions:
        if d.coverage_warning:
            warnings.append(
                f"{d.name}: only {percent_text(d.coverage)} of applicable questions were answered "
                f"(below {COVERAGE_WARNING:.0%}); treat its score with care."
            )
        if d.disagreement and d.dispersion is not None:
            warnings.append(
                f"{d.name}: respondents disagree strongly (standard deviation "
                f"{score_text(d.dispersion)}, threshold {DISAGREEMENT_SD:.1f})."
            )
    for unit in units:
        low = [
            names[c.dimension_id]
            for c in unit.dimensions
            if c.coverage_warning and unit.respondents > 0
        ]
        if low:
            warnings.append(f"{unit.name}: low coverage in {', '.join(low)}.")
    for p in perception:
        e, r, gap = p.executive_score, p.practitioner_score, p.gap_points
        if p.perception_gap and e is not None and r is not None and gap is not None:
            warnings.append(
                f"{names[p.dimension_id]}: on the same questions executives score "
                f"{score_text(e)} and practitioners {score_text(r)}, {score_text(abs(gap))} "
                "points apart."
            )
    return warnings
