"""Target levels from the ambition preset and the profile's overrides; gaps to them."""

from __future__ import annotations

from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.scoring.policy import LEVEL_THRESHOLDS


def targets_for(questionnaire: Questionnaire, profile: Profile) -> dict[str, int]:
    preset = questionnaire.ambition_presets[profile.ambition]
    return {d.id: profile.targets.get(d.id, preset.target(d.id)) for d in questionnaire.dimensions}


def target_score(target: int) -> float:
    """The lowest score that reaches the target level."""
    return LEVEL_THRESHOLDS[target - 1]


def gap_levels(target: int, level: int | None) -> int:
    return max(0, target - (level or 1))


def score_gap(target: int, score: float | None) -> float:
    """Points on the 1-5 scale still needed to reach the target level; 0 once it is reached,
    and never shown as 0 (at least 0.01) while it is not."""
    current = score if score is not None else 1.0
    gap = target_score(target) - current
    return 0.0 if gap <= 0 else max(0.01, round(gap, 2))


def unit_targets_for(targets: dict[str, int], profile: Profile, unit_id: str) -> dict[str, int]:
    """The organisation's targets with the unit's own overrides."""
    return {**targets, **profile.unit_targets.get(unit_id, {})}


def percent_to_target(target: int, score: float | None) -> float:
    """How far along the 1-5 scale the score is towards the target level's lowest score."""
    if score is None:
        return 0.0
    goal = target_score(target)
    if goal <= 1.0:
        return 1.0
    return round(min(1.0, max(0.0, (score - 1.0) / (goal - 1.0))), 3)
