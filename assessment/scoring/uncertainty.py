"""How sure the scores are: bootstrap confidence intervals and disagreement between people."""

from __future__ import annotations

import math

import numpy as np

from assessment.scoring.aggregate import group_moments
from assessment.scoring.policy import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    POISSON_BOOTSTRAP_MIN,
)
from assessment.scoring.reductions import nan_median, nan_quantiles
from assessment.scoring.rollup import org_rollup


def dispersion(
    values: np.ndarray, units: np.ndarray, n_units: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sample standard deviation of respondents' scores per unit (units x columns) and over
    everyone (columns); NaN with fewer than two values."""
    n, s1, s2 = group_moments(values, units, n_units, squares=True)
    return _sample_sd(n[:-1], s1[:-1], s2[:-1]), _sample_sd(n.sum(0), s1.sum(0), s2.sum(0))


def _sample_sd(n: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = (s2 - s1 * s1 / n) / (n - 1)
        sd: np.ndarray = np.where(n >= 2, np.sqrt(np.clip(variance, 0, None)), np.nan)
    return sd


def counts(rng: np.random.Generator, b: int, n: int) -> np.ndarray:
    """(b x n) how often each of n respondents is drawn in each of b resamples of size n
    (multinomial counts, drawn as indices and counted: much faster)."""
    picks = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
    return np.bincount(picks.ravel(), minlength=b * n).reshape(b, n).astype(float)


# Poisson(1) counts by inverse transform of 16-bit uniforms u: the count is how many of these
# steps u reaches (the k-th step is where P(X < k) is passed). Comparing and adding is several
# times faster than looking each u up in a table.
_POISSON_CDF = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(20)])
_POISSON_STEPS = [
    int(step)
    for step in np.searchsorted((np.arange(2**16) + 0.5) / 2**16, _POISSON_CDF, side="right")
    if step < 2**16
]


def poisson_weights(
    rng: np.random.Generator, b: int, n: int, out: np.ndarray | None = None
) -> np.ndarray:
    """(b x n) independent Poisson(1) weights as float32, from 16 raw random bits each.
    Single precision: counts are small integers, and sums over thousands of scores of 1-5 keep
    about six significant digits, far more than the two decimals an interval is shown with.
    `out`, when given, is a buffer of at least b * n float32 values to fill (no new memory)."""
    raw = rng.bit_generator.random_raw((b * n + 3) // 4)  # four 16-bit uniforms in each
    uniforms = raw.view(np.uint16)[: b * n]
    counts = np.greater_equal(uniforms, _POISSON_STEPS[0]).view(np.uint8)
    reached = np.empty(b * n, dtype=bool)
    for step in _POISSON_STEPS[1:]:
        np.add(counts, np.greater_equal(uniforms, step, out=reached).view(np.uint8), out=counts)
    weights = np.empty(b * n, np.float32) if out is None else out[: b * n]
    weights[:] = counts
    return weights.reshape(b, n)


def _unit_replicates(
    members: np.ndarray, seed: np.random.SeedSequence, consensus: str, buffer: np.ndarray | None
) -> np.ndarray:
    """(b x columns) one unit's resampled scores (mean or median of its respondents)."""
    rng = np.random.default_rng(seed)
    b, n = BOOTSTRAP_RESAMPLES, len(members)
    if consensus == "median":
        return nan_median(members[rng.integers(0, n, size=(b, n))], axis=1)
    if n >= POISSON_BOOTSTRAP_MIN:
        weights = poisson_weights(rng, b, n, out=buffer)
    else:
        weights = counts(rng, b, n)
    missing = np.isnan(members)
    # Sums of the values and of who has one, for every resample, in one product.
    both = np.concatenate([np.where(missing, 0.0, members), ~missing], axis=1)
    products = weights @ both.astype(weights.dtype)
    columns = members.shape[1]
    sums, totals = products[:, :columns], products[:, columns:]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, sums / totals, np.nan)


def bootstrap_intervals(
    values: np.ndarray, units: np.ndarray, n_units: int, consensus: str
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap over respondents, resampled within each unit; the organisation's
    replicate rolls the units' replicates up with the consensus rule.

    Each unit draws from its own seeded stream: a unit's interval depends on its own
    respondents only, not on the units before it.

    Returns unit intervals (units x columns x 2) and organisation intervals (columns x 2);
    NaN where a unit has fewer than two respondents with a value.
    """
    b, columns = BOOTSTRAP_RESAMPLES, values.shape[1]
    replicates = np.full((n_units, b, columns), np.nan)
    seeds = np.random.SeedSequence(BOOTSTRAP_SEED).spawn(n_units)
    order = np.argsort(units, kind="stable")  # each unit's rows together, in their order
    bounds = np.searchsorted(units[order], np.arange(n_units + 1))
    sizes = np.diff(bounds)
    largest = int(sizes.max(initial=0))
    # One buffer for every large unit's weights: fresh memory for each would cost more time
    # (the kernel clears every new page) than drawing the weights.
    buffer = np.empty(b * largest, np.float32) if largest >= POISSON_BOOTSTRAP_MIN else None
    for u in np.flatnonzero(sizes):
        members = values[order[bounds[u] : bounds[u + 1]]]
        replicates[u] = _unit_replicates(members, seeds[u], consensus, buffer)
    unit_ci = percentile_interval(replicates, axis=1)  # units x cols x 2
    org_ci = percentile_interval(org_rollup(replicates, consensus, axis=0), axis=0)  # cols x 2
    enough = group_moments(values, units, n_units)[0][:-1] >= 2
    return np.where(enough[:, :, None], unit_ci, np.nan), org_ci


def percentile_interval(replicates: np.ndarray, axis: int) -> np.ndarray:
    """The central CONFIDENCE interval of the replicates along `axis`, ignoring NaN: the
    (low, high) pair goes last."""
    tail = (1 - CONFIDENCE) / 2
    return nan_quantiles(replicates, [tail, 1 - tail], axis)
