"""A unit against its organisation, for the unit's own report: per dimension the unit's score,
the organisation's, the difference as shown and the unit's place among the units shown. Units
below the minimum group size are counted, never named or ranked."""

from __future__ import annotations

from assessment.common.formatting import round_half_up
from assessment.model.results import Results, UnitComparison, UnitResult, UnitScope


def unit_scope(organisation: Results, unit_id: str) -> UnitScope:
    unit = next(u for u in organisation.units if u.unit_id == unit_id)
    shown = [u for u in organisation.units if not u.hidden and u.respondents > 0]
    rows = []
    for i, d in enumerate(organisation.dimensions):
        mine = unit.dimensions[i]
        rows.append(
            UnitComparison(
                dimension_id=d.dimension_id,
                unit_score=mine.score,
                organisation_score=d.score,
                difference=None
                if mine.score is None or d.score is None
                else round_half_up(round_half_up(mine.score) - round_half_up(d.score)),
                rank=None if unit.hidden else _rank(shown, i, mine.score),
                units_ranked=sum(1 for u in shown if u.dimensions[i].score is not None),
                target_score=mine.target_score,
                gap=mine.gap,
                gap_from=mine.gap_from,
            )
        )
    return UnitScope(
        unit_id=unit.unit_id,
        unit_name=unit.name,
        respondents=unit.respondents,
        unit_index=unit.index,
        organisation_index=organisation.overall.index,
        comparison=rows,
        units_shown=len(shown),
        units_not_shown=sum(1 for u in organisation.units if u.hidden and u.unit_id != unit_id),
        actions=[
            a.id
            for a in organisation.roadmap.actions
            if any(c.gap > 0 and c.dimension_id in a.dimensions for c in unit.dimensions)
        ],
    )


def _rank(shown: list[UnitResult], i: int, score: float | None) -> int | None:
    """1 + the units shown whose score, as shown, is higher: ties share a place."""
    if score is None:
        return None
    mine = round_half_up(score)
    return 1 + sum(
        1
        for u in shown
        if (other := u.dimensions[i].score) is not None and round_half_up(other) > mine
    )
