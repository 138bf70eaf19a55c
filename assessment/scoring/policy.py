"""Every scoring constant in one place; docs/methodology.md describes the same numbers."""

from __future__ import annotations

import numpy as np

from assessment.common.formatting import round_half_up

# Lowest score (1-5 scale) that reaches each level: five equal-width bands of 0.8.
LEVEL_THRESHOLDS: tuple[float, ...] = (1.0, 1.8, 2.6, 3.4, 4.2)

# Readiness index (0-100) bands: lower bound and name.
READINESS_BANDS: tuple[tuple[float, str], ...] = (
    (0.0, "Not yet ready"),
    (30.0, "Building foundations"),
    (50.0, "Ready for targeted pilots"),
    (70.0, "Ready to scale"),
    (85.0, "Leading"),
)

# How many questions the explanation of a dimension score names.
WEAKEST_QUESTIONS_SHOWN = 3

# Coverage (share of applicable questions answered) below this is flagged as a warning.
COVERAGE_WARNING = 0.7

# Disagreement: standard deviation of respondents' dimension scores within a group at or
# above this is flagged, once the group has enough respondents for it to mean something.
DISAGREEMENT_SD = 1.0
DISAGREEMENT_MIN_RESPONDENTS = 5

# Confidence intervals: percentile bootstrap over respondents (resampled within each
# business unit), with a fixed seed so the same answers always give the same interval.
BOOTSTRAP_RESAMPLES = 500
BOOTSTRAP_SEED = 20_261_129
# From this many respondents in a unit, each resample weighs every respondent by an independent
# Poisson(1) count instead of drawing exactly n of them (the Poisson bootstrap): the intervals
# agree at this size, and it is several times faster for all-staff surveys. Smaller units
# and the median rule keep the classic resampling.
POISSON_BOOTSTRAP_MIN = 1_000
CONFIDENCE = 0.95

# Executives (the roles questionnaire.yaml marks `executive`) against everyone else, on the
# same questions: a difference of at least one level's width (0.8 points on the 1-5 scale) is
# a perception gap.
PERCEPTION_GAP_POINTS = 0.8

# Float noise must not drop an exact threshold score into the level below.
_EPSILON = 1e-9


def shown_scores(scores: np.ndarray) -> np.ndarray:
    """Scores as every output shows them: one decimal, rounded half up (the array twin of
    common.formatting.round_half_up; rounding x10 to 6 places first absorbs float noise)."""
    return np.floor(np.round(scores * 10.0, 6) + 0.5) / 10.0


def level_of(scores: np.ndarray) -> np.ndarray:
    """Maturity level (1-5) for each score, read from the score as shown (one decimal, half
    up): a reader who sees 3.4 sees level 4, never a level the printed score contradicts.
    NaN stays NaN."""
    levels = np.searchsorted(
        np.array(LEVEL_THRESHOLDS), shown_scores(scores) + _EPSILON, side="right"
    )
    return np.where(np.isnan(scores), np.nan, np.clip(levels, 1, 5).astype(float))


def level_of_score(score: float) -> int:
    return int(level_of(np.array([score]))[0])


def index_of(score: float) -> float:
    """Readiness index (0-100) from a 1-5 score, to one decimal (shown as a whole number)."""
    return round_half_up((score - 1.0) / 4.0 * 100.0, 1)


def band_of(index: float) -> str:
    """The band of the index as shown (a whole number, half up): 29.5 shows as 30 and is
    'Building foundations', never a band the printed number contradicts."""
    shown = round_half_up(index, 0)
    name = READINESS_BANDS[0][1]
    for lower, band in READINESS_BANDS:
        if shown >= lower:
            name = band
    return name


# A question below this level is a weak point an auditor or regulator would notice.
WEAK_LEVEL = 3


def is_weak(level: int | None) -> bool:
    """`level`: of the unrounded score (QuestionResult.level), never of a rounded one."""
    return level is not None and level < WEAK_LEVEL


def weak_below() -> float:
    """The score under which a question is weak."""
    return LEVEL_THRESHOLDS[WEAK_LEVEL - 1]
