"""Reductions that ignore NaN and never warn, so they are safe on any thread.

numpy's nanmean, nanmin and nanmedian warn on an all-NaN slice, and silencing that with
warnings.catch_warnings changes process-wide filters: two threads doing it at once can leave
warnings switched off for good. Here an all-NaN slice simply gives NaN. (np.errstate is
per thread since numpy 2.)
"""

from __future__ import annotations

import numpy as np


def nan_mean(values: np.ndarray, axis: int) -> np.ndarray:
    present = ~np.isnan(values)
    sums = np.where(present, values, 0.0).sum(axis=axis)
    counts = present.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean: np.ndarray = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return mean


def nan_min(values: np.ndarray, axis: int) -> np.ndarray:
    smallest: np.ndarray = np.fmin.reduce(values, axis=axis)  # fmin passes NaN over
    return smallest


def nan_quantiles(values: np.ndarray, quantiles: list[float], axis: int) -> np.ndarray:
    """Quantiles along `axis` (which is dropped; one result per quantile goes last),
    interpolating linearly between order statistics as numpy's nanquantile does."""
    ordered = np.sort(np.moveaxis(values, axis, -1), axis=-1)  # NaN sort last
    valid = (~np.isnan(ordered)).sum(axis=-1, keepdims=True)
    last = np.maximum(valid - 1, 0)
    results = []
    for q in quantiles:
        position = last * q
        below = np.floor(position).astype(np.intp)
        above = np.minimum(below + 1, last)
        low = np.take_along_axis(ordered, below, axis=-1)
        high = np.take_along_axis(ordered, above, axis=-1)
        results.append((low + (high - low) * (position - below))[..., 0])
    found = np.stack(results, axis=-1)
    return np.where(valid > 0, found, np.nan)


def nan_median(values: np.ndarray, axis: int) -> np.ndarray:
    median: np.ndarray = nan_quantiles(values, [0.5], axis)[..., 0]
    return median
