"""Which scores get a confidence interval: none rests on too few respondents to look precise."""

from __future__ import annotations

import numpy as np

Shown = tuple[tuple[float, float] | None, str | None]


def fewest_for_interval(min_group_size: int) -> int:
    """The report's minimum group size, and never fewer than two: one respondent has no spread."""
    return max(2, min_group_size)


def interval_or_reason(pair: np.ndarray, respondents: int, min_group_size: int) -> Shown:
    """(low, high) rounded as shown, or None with the reason in plain words."""
    needed = fewest_for_interval(min_group_size)
    if respondents == 0:
        return None, "no respondent answered these questions"
    if respondents < needed:
        people = "respondent" if respondents == 1 else "respondents"
        return None, f"based on {respondents} {people}, fewer than the {needed} needed"
    if np.isnan(pair).any():
        return None, "too few answers to resample"
    return (round(float(pair[0]), 2), round(float(pair[1]), 2)), None
