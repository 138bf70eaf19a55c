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
    """Points on the 1-5 scale still needed to reach the target level; 0 once it is reached."""
    current = score if score is not None else 1.0
    return round(max(0.0, target_score(target) - current), 2)
