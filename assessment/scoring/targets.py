"""Target levels from the ambition preset and the profile's overrides; gaps to them."""

from __future__ import annotations

from assessment.common.formatting import round_half_up
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.scoring.policy import LEVEL_THRESHOLDS, level_of_score


def targets_for(questionnaire: Questionnaire, profile: Profile) -> dict[str, int]:
    preset = questionnaire.ambition_presets[profile.ambition]
    return {d.id: profile.targets.get(d.id, preset.target(d.id)) for d in questionnaire.dimensions}


def target_score(target: int) -> float:
    """The lowest score that reaches the target level."""
    return LEVEL_THRESHOLDS[target - 1]


def reached(target: int, score: float) -> bool:
    """The target level is reached exactly when the score's level is (same float tolerance)."""
    return level_of_score(score) >= target


def gap(target: int, score: float | None) -> float:
    """The one gap every output shows: points on the 1-5 scale from the score as shown (one
    decimal, half up) to the target level's lowest score; 0 once the target is reached. As
    levels are read from the shown score, a gap is at least 0.1 while the target is not
    reached, and the shown score plus the gap is the target score exactly. `score` is the one
    the gap is measured from (a gating question's, when a gate holds the level down); none
    counts as the bottom of the scale."""
    current = score if score is not None else 1.0
    if reached(target, current):
        return 0.0
    return round_half_up(target_score(target) - round_half_up(current))


def unit_targets_for(targets: dict[str, int], profile: Profile, unit_id: str) -> dict[str, int]:
    """The organisation's targets with the unit's own overrides."""
    return {**targets, **profile.unit_targets.get(unit_id, {})}


# While the target is not reached, percent to target never rounds up to 100%.
SHORT_OF_TARGET = 0.999


def percent_to_target(target: int, score: float | None) -> float | None:
    """(score - 1) / (target's lowest score - 1) as a fraction: 1 exactly when the target
    level is reached, at most 0.999 while it is not; None without a score. `score` is the
    one the gap is measured from (a gating question's, when a gate holds the dimension)."""
    if score is None:
        return None
    if reached(target, score):
        return 1.0
    share = (score - 1.0) / (target_score(target) - 1.0)  # target > 1 here: not reached
    return min(SHORT_OF_TARGET, round(max(0.0, share), 3))
