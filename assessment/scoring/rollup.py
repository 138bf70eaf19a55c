"""Roll-ups from respondents to business units and from units to the organisation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.scoring.aggregate import group_means
from assessment.scoring.reductions import nan_mean, nan_median, nan_min


def unit_rollup(values: np.ndarray, units: np.ndarray, n_units: int, consensus: str) -> np.ndarray:
    """(units x columns) from (respondents x columns): the mean of each unit's respondents, or
    the median under the median rule; NaN where nobody in the unit has a value."""
    if consensus != "median":
        return group_means(values, units, n_units)
    frame = pd.DataFrame(values)
    medians = frame.groupby(units).median().reindex(range(n_units))
    return medians.to_numpy(dtype=float)


def org_rollup(unit_values: np.ndarray, consensus: str, axis: int = 0) -> np.ndarray:
    """The organisation from its units along `axis`: mean, median, or the weakest unit (units
    without a value are passed over; none at all gives NaN)."""
    if consensus == "median":
        return nan_median(unit_values, axis)
    if consensus == "weakest_link":
        return nan_min(unit_values, axis)
    return nan_mean(unit_values, axis)
