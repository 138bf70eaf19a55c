"""Target levels from the ambition preset and the profile's overrides; gaps to them."""

from __future__ import annotations

from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.scoring.policy import LEVEL_THRESHOLDS, level_of_score


def targets_for(questionnaire: Questionnaire, profile: Profile) -> dict[str, int]:
    preset = questionnaire.ambition_presets[profile.ambition]
    return {d.id: profile.targets.get(d.id, preset.target(d.id)) for d in questionnaire.dimensions}


def target_score(target: int) -> float:
    """The lowest score that reaches the target level."""
    return LEVEL_THRESHOLDS[target - 1]


def gap_levels(target: int, level: int | None) -> int:
    return max(0, target - (level or 1))


def reached(target: int, score: float) -> bool:
    """The target level is reached exactly when the score's level is (same float tolerance)."""
    return level_of_score(score) >= target


def score_gap(target: int, score: float | None) -> float:
    """Points on the 1-5 scale still needed to reach the target level; 0 once it is reached,
    and never shown as 0 (at least 0.01) while it is not."""
    current = score if score is not None else 1.0
    if reached(target, current):
        return 0.0
    return max(0.01, round(target_score(target) - current, 2))


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
