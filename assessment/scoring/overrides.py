"""A consultant's score overrides, applied where scores are judged: the adjusted score drives
the level, the gap, the priority, the index and, through them, the plan; the computed score
stays beside it (results.json `override.computed_score`) and the report says so. An override
is never silent: it is listed among the warnings too."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assessment.common.formatting import long_date, round_half_up, score_text
from assessment.model.deliverable import ScoreOverride
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import (
    DimensionResult,
    Overall,
    ScoreOverrideNote,
    UnitDimensionScore,
    UnitResult,
)
from assessment.scoring.engine import Scores
from assessment.scoring.policy import band_of, index_of, level_of_score
from assessment.scoring.targets import gap, percent_to_target, target_score


def apply_overrides(
    scores: Scores, overrides: list[ScoreOverride], questionnaire: Questionnaire
) -> Scores:
    if not overrides:
        return scores
    weights = {d.id: d.weight for d in questionnaire.dimensions}
    mine = {o.dimension: o for o in overrides if o.unit is None}
    by_unit: dict[tuple[str, str], ScoreOverride] = {
        (o.unit, o.dimension): o for o in overrides if o.unit is not None
    }
    dimensions = [
        _dimension(d, mine[d.dimension_id], questionnaire) if d.dimension_id in mine else d
        for d in scores.dimensions
    ]
    units = [_unit(u, by_unit, weights) for u in scores.units]
    overall = _overall(scores.overall, dimensions, weights, questionnaire) if mine else None
    names = {d.dimension_id: d.name for d in scores.dimensions}
    unit_names = {u.unit_id: u.name for u in scores.units}
    notices = [_notice(o, names, unit_names) for o in overrides]
    return replace(
        scores,
        dimensions=dimensions,
        units=units,
        overall=overall or scores.overall,
        warnings=[*notices, *scores.warnings],
    )


def _note(o: ScoreOverride, computed: float | None) -> ScoreOverrideNote:
    return ScoreOverrideNote(
        computed_score=computed, rationale=o.rationale, author=o.author, date=o.date
    )


def _dimension(
    d: DimensionResult, o: ScoreOverride, questionnaire: Questionnaire
) -> DimensionResult:
    """The consultant's score replaces the computed one, gates included: it is their judgment
    of the whole dimension."""
    level = level_of_score(o.score)
    shown = round_half_up(o.score)
    return d.model_copy(
        update={
            "score": round(o.score, 2),
            "level": level,
            "level_name": questionnaire.level_name(level),
            "gap": gap(d.target, o.score),
            "gap_from": shown,
            "percent_to_target": percent_to_target(d.target, o.score),
            "priority": round(gap(d.target, o.score) * d.weight, 3),
            "capped_by": [],
            "override": _note(o, d.score),
            "reason": (
                f"{d.name} is level {level} ({questionnaire.level_name(level)}, "
                f"{score_text(o.score)} of 5) on the consultant's adjusted score; the answers "
                f"gave {score_text(d.score)}. {d.reason}"
            ),
        }
    )


def _unit(
    u: UnitResult,
    overrides: dict[tuple[str, str], ScoreOverride],
    weights: dict[str, float],
) -> UnitResult:
    cells = []
    changed = False
    for c in u.dimensions:
        o = overrides.get((u.unit_id, c.dimension_id))
        if o is None:
            cells.append(c)
            continue
        changed = True
        cells.append(_cell(c, o))
    if not changed:
        return u
    return u.model_copy(update={"dimensions": cells, "index": _index(cells, weights)})


def _cell(c: UnitDimensionScore, o: ScoreOverride) -> UnitDimensionScore:
    return c.model_copy(
        update={
            "score": round(o.score, 2),
            "level": level_of_score(o.score),
            "target_score": target_score(c.target),
            "gap": gap(c.target, o.score),
            "gap_from": round_half_up(o.score),
            "override": _note(o, c.score),
        }
    )


def _index(cells: list[UnitDimensionScore], weights: dict[str, float]) -> float | None:
    scored = [(c.score, weights[c.dimension_id]) for c in cells if c.score is not None]
    if not scored:
        return None
    values = np.array([s for s, _ in scored])
    w = np.array([w for _, w in scored])
    return index_of(float(np.dot(values, w) / w.sum()))


def _overall(
    before: Overall,
    dimensions: list[DimensionResult],
    weights: dict[str, float],
    questionnaire: Questionnaire,
) -> Overall:
    """The organisation's score from the adjusted dimension scores, as it is computed from the
    computed ones (the dimension-weighted mean), with the computed index kept beside it."""
    scored = [(d.score, weights[d.dimension_id]) for d in dimensions if d.score is not None]
    if not scored:
        return before
    score = sum(s * w for s, w in scored) / sum(w for _, w in scored)
    level = level_of_score(score)
    index = index_of(score)
    return Overall(
        index=index,
        band=band_of(index),
        score=round(score, 2),
        level=level,
        level_name=questionnaire.level_name(level),
        computed_index=before.index if index != before.index else None,
    )


def _notice(o: ScoreOverride, names: dict[str, str], units: dict[str, str]) -> str:
    where = names.get(o.dimension, o.dimension)
    if o.unit is not None:
        where += f" in {units.get(o.unit, o.unit)}"
    return (
        f"{where}: the score is the consultant's, {score_text(o.score)}, set by {o.author} on "
        f"{long_date(o.date)}: {o.rationale.rstrip('.')}."
    )
