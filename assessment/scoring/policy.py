"""Every scoring constant in one place; docs/methodology.md describes the same numbers."""

from __future__ import annotations

import numpy as np

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

# Float noise must not drop an exact threshold score into the level below.
_EPSILON = 1e-9


def level_of(scores: np.ndarray) -> np.ndarray:
    """Maturity level (1-5) for each score; NaN stays NaN."""
    levels = np.searchsorted(np.array(LEVEL_THRESHOLDS), scores + _EPSILON, side="right")
    return np.where(np.isnan(scores), np.nan, np.clip(levels, 1, 5).astype(float))


def level_of_score(score: float) -> int:
    return int(level_of(np.array([score]))[0])


def index_of(score: float) -> float:
    """Readiness index 0-100 from a 1-5 score."""
    return round((score - 1.0) / 4.0 * 100.0, 1)


def band_of(index: float) -> str:
    name = READINESS_BANDS[0][1]
    for lower, band in READINESS_BANDS:
        if index >= lower:
            name = band
    return name
