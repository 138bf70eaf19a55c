"""Progress since an earlier assessment: scores then and now, matched through the lineage."""

from __future__ import annotations

from assessment.model.earlier import EarlierResults
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import (
    Change,
    DimensionResult,
    Overall,
    Progress,
    QuestionResult,
    UnitResult,
)
from assessment.scoring.policy import level_of_score


def _change(
    key: str,
    before: float | None,
    now: float | None,
    before_level: int | None,
    now_level: int | None,
) -> Change:
    delta = None if before is None or now is None else round(now - before, 2)
    return Change(
        key=key,
        previous_score=before,
        current_score=now,
        change=delta,
        previous_level=before_level,
        current_level=now_level,
    )


def progress(
    previous: EarlierResults,
    questionnaire: Questionnaire,
    overall: Overall,
    dimensions: list[DimensionResult],
    units: list[UnitResult],
    questions: list[QuestionResult],
) -> Progress:
    """Dimensions and units match by id; an earlier question matches the current question of
    the same id, or the one the lineage map says replaced it."""
    then_dims = {d.dimension_id: d for d in previous.dimensions}
    dim_changes = [
        _change(
            d.dimension_id,
            then_dims[d.dimension_id].score,
            d.score,
            then_dims[d.dimension_id].level,
            d.level,
        )
        for d in dimensions
        if d.dimension_id in then_dims
    ]
    then_units = {(u.unit_id, c.dimension_id): c for u in previous.units for c in u.dimensions}
    unit_changes = [
        _change(f"{u.unit_id}/{c.dimension_id}", then.score, c.score, then.level, c.level)
        for u in units
        for c in u.dimensions
        if (then := then_units.get((u.unit_id, c.dimension_id))) is not None
    ]
    now_questions = {q.question_id: q for q in questions}
    question_changes, unmatched = [], []
    for old in previous.questions:
        current_id = questionnaire.lineage.get(old.question_id, old.question_id)
        now = now_questions.get(current_id)
        if now is None:
            unmatched.append(old.question_id)
            continue
        then_level = old.level
        if then_level is None and old.score is not None:  # written before levels were stored
            then_level = level_of_score(old.score)
        question_changes.append(_change(current_id, old.score, now.score, then_level, now.level))
    return Progress(
        previous_date=previous.assessment_date,
        previous_questionnaire_version=previous.questionnaire_version,
        index_change=round(overall.index - previous.overall.index, 1),
        dimensions=dim_changes,
        units=unit_changes,
        questions=question_changes,
        unmatched_questions=unmatched,
    )
