"""How sure the scores are: bootstrap confidence intervals over respondents."""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from assessment.scoring.policy import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    POISSON_BOOTSTRAP_MIN,
)
from assessment.scoring.reductions import nan_median, nan_quantiles
from assessment.scoring.rollup import org_rollup

# Resampled scores held at once for the median rule (resamples x respondents x columns).
MEDIAN_BLOCK = 2**22


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
        # In blocks of resamples: all at once would hold b x n x columns numbers.
        step = max(1, MEDIAN_BLOCK // max(n * members.shape[1], 1))
        medians = np.empty((b, members.shape[1]))
        for start in range(0, b, step):
            picks = rng.integers(0, n, size=(min(step, b - start), n))
            # members[picks] is a temporary: sorted in place.
            medians[start : start + len(picks)] = nan_median(
                members[picks], axis=1, overwrite_input=True
            )
        return medians
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


def unit_seed(unit_id: str) -> np.random.SeedSequence:
    """A unit's own random stream, from its id: the same unit gets the same interval in the
    organisation's report and in its own, wherever it is listed."""
    encoded = unit_id.encode("utf-8")
    # The length too: SeedSequence pads short entropy with zeros ("a" and "a\0" would meet).
    return np.random.SeedSequence([BOOTSTRAP_SEED, len(encoded), *encoded])


class Bootstrap:
    """Percentile bootstrap over respondents, resampled within each unit; the organisation's
    replicate rolls the units' replicates up with the consensus rule.

    Units are resampled one at a time by `work`, which several threads may run at once: each
    takes the next unit left (largest first) until none is.
    """

    def __init__(
        self, values: np.ndarray, units: np.ndarray, unit_ids: list[str], consensus: str
    ) -> None:
        n_units = len(unit_ids)
        self.values, self.consensus = values, consensus
        self.seeds = [unit_seed(u) for u in unit_ids]
        self.order = np.argsort(units, kind="stable")  # each unit's rows together, in order
        self.bounds = np.searchsorted(units[self.order], np.arange(n_units + 1))
        sizes = np.diff(self.bounds)
        self.replicates = np.full((n_units, BOOTSTRAP_RESAMPLES, values.shape[1]), np.nan)
        self.enough = np.zeros((n_units, values.shape[1]), dtype=bool)
        self.todo = deque(sorted(np.flatnonzero(sizes).tolist(), key=lambda u: -sizes[u]))
        self.largest = int(sizes.max(initial=0))
        self.poisson = self.largest >= POISSON_BOOTSTRAP_MIN and consensus != "median"

    def work(self) -> None:
        """Resample units until none is left. If this fails or is interrupted, the units left
        are dropped, so that another thread sharing the work stops after its current unit."""
        buffer = None
        try:
            while True:
                try:
                    u = self.todo.popleft()  # atomic: two threads never take the same unit
                except IndexError:
                    return
                if buffer is None and self.poisson:
                    # One buffer for all of this thread's large units: fresh memory for each
                    # would cost more time than drawing the weights.
                    buffer = np.empty(BOOTSTRAP_RESAMPLES * self.largest, np.float32)
                members = self.values[self.order[self.bounds[u] : self.bounds[u + 1]]]
                self.replicates[u] = _unit_replicates(
                    members, self.seeds[u], self.consensus, buffer
                )
                self.enough[u] = (~np.isnan(members)).sum(axis=0) >= 2
        except BaseException:
            self.cancel()
            raise

    def cancel(self) -> None:
        """Drop the units not started: whoever is working stops after their current one."""
        self.todo.clear()

    def intervals(self) -> tuple[np.ndarray, np.ndarray]:
        """Unit intervals (units x columns x 2) and organisation intervals (columns x 2), once
        every unit is resampled; NaN where a unit has fewer than two respondents with a value."""
        unit_ci = percentile_interval(self.replicates, axis=1)
        org_replicates = org_rollup(self.replicates, self.consensus, axis=0)
        org_ci = percentile_interval(org_replicates, axis=0)
        return np.where(self.enough[:, :, None], unit_ci, np.nan), org_ci


def bootstrap_intervals(
    values: np.ndarray, units: np.ndarray, unit_ids: list[str], consensus: str
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap (above) on this thread: (units x columns x 2) and (columns x 2) intervals."""
    bootstrap = Bootstrap(values, units, unit_ids, consensus)
    bootstrap.work()
    return bootstrap.intervals()


def percentile_interval(replicates: np.ndarray, axis: int) -> np.ndarray:
    """The central CONFIDENCE interval of the replicates along `axis`, ignoring NaN: the
    (low, high) pair goes last."""
    tail = (1 - CONFIDENCE) / 2
    return nan_quantiles(replicates, [tail, 1 - tail], axis)
