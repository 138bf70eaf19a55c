"""How sure the scores are: bootstrap confidence intervals and disagreement between people."""

from __future__ import annotations

import math
import warnings

import numpy as np

from assessment.scoring.aggregate import group_sums
from assessment.scoring.policy import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    POISSON_BOOTSTRAP_MIN,
)
from assessment.scoring.rollup import org_rollup


def dispersion(
    values: np.ndarray, units: np.ndarray, n_units: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sample standard deviation of respondents' scores per unit (units x columns) and over
    everyone (columns); NaN with fewer than two values."""
    present = (~np.isnan(values)).astype(float)
    filled = np.nan_to_num(values)
    n = group_sums(present, units, n_units)
    s1 = group_sums(filled, units, n_units)
    s2 = group_sums(filled**2, units, n_units)
    with np.errstate(invalid="ignore", divide="ignore"):
        unit_var = (s2 - s1**2 / n) / (n - 1)
        unit_sd = np.where(n >= 2, np.sqrt(np.clip(unit_var, 0, None)), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        overall = (
            np.nanstd(values, axis=0, ddof=1) if len(values) else np.full(values.shape[1], np.nan)
        )
    counts = present.sum(axis=0)
    return unit_sd, np.where(counts >= 2, overall, np.nan)


def counts(rng: np.random.Generator, b: int, n: int) -> np.ndarray:
    """(b x n) how often each of n respondents is drawn in each of b resamples of size n
    (multinomial counts, drawn as indices and counted: much faster)."""
    picks = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
    return np.bincount(picks.ravel(), minlength=b * n).reshape(b, n).astype(float)


# Poisson(1) counts by inverse transform of 16-bit uniforms: P(X <= k) for k = 0, 1, ...
# Single precision: counts are small integers, and sums over thousands of scores of 1-5 keep
# about six significant digits, far more than the two decimals an interval is shown with.
_POISSON_CDF = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(20)])
_POISSON_TABLE = np.searchsorted(_POISSON_CDF, (np.arange(2**16) + 0.5) / 2**16).astype(np.float32)


def poisson_weights(
    rng: np.random.Generator, b: int, n: int, out: np.ndarray | None = None
) -> np.ndarray:
    """(b x n) independent Poisson(1) weights: one table lookup per weight (two random bytes).
    `out`, when given, is a buffer of at least b * n float32 values to fill (no new memory)."""
    uniforms = np.frombuffer(rng.bytes(2 * b * n), dtype=np.uint16).reshape(b, n)
    target = None if out is None else out[: b * n].reshape(b, n)
    weights: np.ndarray = np.take(_POISSON_TABLE, uniforms, out=target)
    return weights


def bootstrap_intervals(
    values: np.ndarray, units: np.ndarray, n_units: int, consensus: str
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap over respondents, resampled within each unit; the organisation's
    replicate rolls the units' replicates up with the consensus rule.

    Returns unit intervals (units x columns x 2) and organisation intervals (columns x 2);
    NaN where a unit has fewer than two respondents with a value.
    """
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    b, columns = BOOTSTRAP_RESAMPLES, values.shape[1]
    replicates = np.full((n_units, b, columns), np.nan)
    sizes = np.bincount(units[units >= 0], minlength=n_units)
    largest = int(sizes.max(initial=0))
    # One buffer for every large unit's weights: fresh memory for each would cost more time
    # (the kernel clears every new page) than drawing the weights.
    buffer = np.empty(b * largest, np.float32) if largest >= POISSON_BOOTSTRAP_MIN else None
    for u in range(n_units):
        members = values[units == u]
        n = len(members)
        if n == 0:
            continue
        if consensus == "median":
            picks = rng.integers(0, n, size=(b, n))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=RuntimeWarning)
                replicates[u] = np.nanmedian(members[picks], axis=1)
            continue
        if n >= POISSON_BOOTSTRAP_MIN:
            weights = poisson_weights(rng, b, n, out=buffer)
        else:
            weights = counts(rng, b, n)
        sums = weights @ np.nan_to_num(members).astype(weights.dtype)
        missing = np.isnan(members)
        if missing.any():
            totals = weights @ (~missing).astype(weights.dtype)
        else:  # everyone has a value: each resample's total weight, for every column
            totals = np.repeat(weights.sum(axis=1)[:, None], columns, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            replicates[u] = np.where(totals > 0, sums / totals, np.nan)
    tail = (1 - CONFIDENCE) / 2 * 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        unit_ci = np.nanpercentile(replicates, [tail, 100 - tail], axis=1)  # 2 x units x cols
        org_replicates = org_rollup(replicates, consensus, axis=0)  # b x cols
        org_ci = np.nanpercentile(org_replicates, [tail, 100 - tail], axis=0)  # 2 x cols
    enough = group_sums((~np.isnan(values)).astype(float), units, n_units) >= 2
    unit_ci = np.where(enough[None], unit_ci, np.nan)
    return np.moveaxis(unit_ci, 0, -1), np.moveaxis(org_ci, 0, -1)
