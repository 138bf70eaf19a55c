"""Use cases side by side: each one's feasibility from the scores it depends on, and the
portfolio's value against feasibility (docs/methodology.md, "Value against feasibility").

A requirement's attainment is how far its score (as shown) has come from the bottom of the
scale (1) to its needed level's lowest score, at most 1; a met requirement counts 1 and an
unanswered one 0. Feasibility is the mean attainment of the use case's requirements."""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median
from typing import TYPE_CHECKING

from assessment.common.formatting import round_half_up
from assessment.model.results import DimensionResult
from assessment.model.roadmap import Range, Roadmap
from assessment.model.use_cases import (
    ActionStake,
    Archetype,
    RiskTier,
    UseCasePortfolio,
    UseCaseVerdict,
    VerdictPolicy,
)

if TYPE_CHECKING:
    from assessment.roadmap.use_case_verdicts import Readiness

# Three quarters of the way to every needed level, on average: most of the climb is done.
FEASIBILITY_SPLIT = 0.75


def attainment(score: float | None, met: bool, needed_start: float) -> float:
    if met:
        return 1.0
    if score is None:
        return 0.0
    if needed_start <= 1.0:
        return 1.0
    return min(1.0, max(0.0, (score - 1.0) / (needed_start - 1.0)))


def feasibility(
    archetype: Archetype, tier: RiskTier, readiness: Readiness
) -> tuple[float | None, tuple[float, float] | None]:
    """The mean attainment, and the same at the low and high ends of the 95% intervals."""
    if tier == "prohibited" or not archetype.requires:
        return None, None
    points: list[float] = []
    lows: list[float] = []
    highs: list[float] = []
    for req in archetype.requires:
        needed = req.min_level[tier]
        start = readiness.level_starts[needed - 1]
        dimension = next(d for d in readiness.dimensions if d.dimension_id == req.dimension)
        if req.capability is None:
            level, shown = dimension.level, dimension.gap_from
        else:
            cap = next((c for c in dimension.capabilities if c.name == req.capability), None)
            level = cap.level if cap else None
            shown = None if cap is None or cap.score is None else round_half_up(cap.score, 1)
        ends = _interval_ends(dimension, shown)
        met = level is not None and level >= needed
        points.append(attainment(shown, met, start))
        # At an interval's end a score at or above the needed level's start attains it fully.
        lows.append(attainment(ends[0], False, start))
        highs.append(attainment(ends[1], False, start))
    count = len(points)
    share = round_half_up(sum(points) / count, 2)
    low = min(share, round_half_up(sum(lows) / count, 2))
    high = max(share, round_half_up(sum(highs) / count, 2))
    return share, (low, high)


def _interval_ends(
    dimension: DimensionResult, shown: float | None
) -> tuple[float | None, float | None]:
    """The dimension's 95% interval moved to the score as shown (a gate's, or a capability's:
    a capability has no interval of its own and shares its dimension's uncertainty)."""
    interval = dimension.confidence_interval
    if interval is None or shown is None or dimension.score is None:
        return shown, shown
    return shown - (dimension.score - interval[0]), shown + (interval[1] - dimension.score)


def portfolio(
    verdicts: list[UseCaseVerdict], roadmap: Roadmap, policy: VerdictPolicy | None = None
) -> UseCasePortfolio | None:
    """Where the matrix divides, and the value waiting behind each blocking action: the not-yet
    use cases it helps unblock, their value ranges summed."""
    if not verdicts:
        return None
    plotted = [v for v in verdicts if v.feasibility is not None]
    midpoints = [(v.value_per_year.low + v.value_per_year.high) / 2 for v in plotted]
    waiting = [v for v in verdicts if v.verdict == "not_yet"]
    titles = {a.id: a.title for a in roadmap.actions} | {d.id: d.title for d in roadmap.deferred}
    planned = {a.id for a in roadmap.actions}
    stakes = []
    for aid in dict.fromkeys(aid for v in waiting for aid in v.closing_actions):
        unblocked = [v for v in waiting if aid in v.closing_actions]
        stakes.append(
            ActionStake(
                action_id=aid,
                title=titles.get(aid, aid),
                use_cases=[v.id for v in unblocked],
                value_per_year=_sum(v.value_per_year for v in unblocked),
                planned=aid in planned,
            )
        )
    stakes.sort(key=lambda s: (-s.value_per_year.high, -s.value_per_year.low, s.action_id))
    return UseCasePortfolio(
        value_split=median(midpoints) if midpoints else 0.0,
        feasibility_split=FEASIBILITY_SPLIT,
        value_at_stake=_sum(v.value_per_year for v in waiting),
        stakes=stakes,
        policy=policy,
    )


def _sum(ranges: Iterable[Range]) -> Range:
    items = list(ranges)
    return Range(low=sum(r.low for r in items), high=sum(r.high for r in items))
