"""Reductions that ignore NaN and never warn, so they are safe on any thread.

numpy's nanmean, nanmin and nanmedian warn on an all-NaN slice, and silencing that with
warnings.catch_warnings changes process-wide filters: two threads doing it at once can leave
warnings switched off for good. Here an all-NaN slice simply gives NaN. (np.errstate is
per thread since numpy 2.) Made for float64 scores: finite, of moderate size.
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


def _sorted(values: np.ndarray, axis: int, overwrite_input: bool) -> np.ndarray:
    """`values` sorted along `axis`, moved last; NaN sort to the end."""
    moved = np.moveaxis(values, axis, -1)
    if overwrite_input:  # a temporary of the caller's: no second copy of a large array
        moved.sort(axis=-1)
        return moved
    return np.sort(moved, axis=-1)


def nan_quantiles(
    values: np.ndarray, quantiles: list[float], axis: int, overwrite_input: bool = False
) -> np.ndarray:
    """Quantiles along `axis` (which is dropped; one result per quantile goes last), exactly
    as numpy's nanquantile gives them: linear between order statistics, with its rounding."""
    ordered = _sorted(values, axis, overwrite_input)
    valid = (~np.isnan(ordered)).sum(axis=-1, keepdims=True)
    last = np.maximum(valid - 1, 0)
    results = []
    for q in quantiles:
        position = q * last
        below = np.floor(position).astype(np.intp)
        above = np.minimum(below + 1, last)
        low = np.take_along_axis(ordered, below, axis=-1)
        high = np.take_along_axis(ordered, above, axis=-1)
        t = position - below
        difference = high - low
        # numpy interpolates from the nearer end, which decides the last bit of the result.
        between = np.where(t >= 0.5, high - difference * (1 - t), low + difference * t)
        results.append(between[..., 0])
    found = np.stack(results, axis=-1)
    return np.where(valid > 0, found, np.nan)


def nan_median(values: np.ndarray, axis: int, overwrite_input: bool = False) -> np.ndarray:
    """The median along `axis` as numpy's nanmedian gives it: the mean of the two middle values
    of an even count."""
    ordered = _sorted(values, axis, overwrite_input)
    valid = (~np.isnan(ordered)).sum(axis=-1, keepdims=True)
    lower = np.take_along_axis(ordered, np.maximum(valid - 1, 0) // 2, axis=-1)[..., 0]
    upper = np.take_along_axis(ordered, valid // 2 - (valid == 0), axis=-1)[..., 0]
    median: np.ndarray = np.where(valid[..., 0] > 0, (lower + upper) / 2, np.nan)
    return median
