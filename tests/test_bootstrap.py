"""Bootstrap intervals: the Poisson bootstrap used for large units agrees with the classic
resampling, and both agree with the normal-theory interval of a mean at large n."""

from __future__ import annotations

import math
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from assessment.scoring import uncertainty
from assessment.scoring.uncertainty import (
    Bootstrap,
    bootstrap_intervals,
    percentile_interval,
    poisson_weights,
)


def _interval(values: np.ndarray) -> np.ndarray:
    units = np.zeros(len(values), dtype=int)
    unit_ci, _ = bootstrap_intervals(values[:, None], units, ["u"], "mean")
    return unit_ci[0, 0]


@pytest.mark.parametrize("classic", [True, False])
def test_large_unit_interval_matches_the_normal_theory_one(
    classic: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if classic:
        monkeypatch.setattr(uncertainty, "POISSON_BOOTSTRAP_MIN", 10**9)
    values = np.random.default_rng(5).normal(3.0, 1.0, 4000)
    low, high = _interval(values)
    half = 1.96 * values.std(ddof=1) / np.sqrt(len(values))  # about 0.031
    assert low < values.mean() < high
    assert abs((high - low) / 2 - half) < 0.15 * half
    assert abs((low + high) / 2 - values.mean()) < 0.2 * half


def test_poisson_weights_have_mean_and_variance_one() -> None:
    weights = poisson_weights(np.random.default_rng(1), 200, 5000)
    assert weights.shape == (200, 5000)
    assert abs(weights.mean() - 1) < 0.01 and abs(weights.var() - 1) < 0.01
    assert set(np.unique(weights)) <= set(range(12))


def test_respondents_without_a_value_are_left_out_of_each_resample() -> None:
    values = np.concatenate([np.full(1500, 2.0), np.full(1500, np.nan)])
    low, high = _interval(values)
    assert low == pytest.approx(2.0) and high == pytest.approx(2.0)


class _Counting:
    """A bit generator whose 16-bit uniforms are 0, 1, 2, ..., 65535 in turn."""

    def random_raw(self, size: int) -> np.ndarray:
        return np.arange(2**16, dtype=np.uint16).view(np.uint64)[:size].copy()


class _Rng:
    bit_generator = _Counting()


def test_poisson_weights_invert_the_poisson_distribution_exactly() -> None:
    # Every 16-bit uniform u gives the count k with P(X < k) < (u + 0.5) / 2**16 <= P(X <= k).
    cdf = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(20)])
    expected = np.searchsorted(cdf, (np.arange(2**16) + 0.5) / 2**16)
    weights = poisson_weights(_Rng(), 1, 2**16)  # type: ignore[arg-type]
    assert weights.dtype == np.float32
    assert weights[0].tolist() == expected.tolist()
    # Each count turns up as often as Poisson(1) says, to the resolution of 16 bits.
    shares = np.bincount(weights[0].astype(int)) / 2**16
    poisson = [math.exp(-1) / math.factorial(k) for k in range(len(shares))]
    assert np.allclose(shares, poisson, atol=2**-16)


@settings(max_examples=80, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=3, min_side=1, max_side=12),
        elements=st.one_of(st.floats(-5, 5), st.just(np.nan)),
    ),
    st.data(),
)
def test_percentile_interval_is_numpys_nanpercentile(
    replicates: np.ndarray, data: st.DataObject
) -> None:
    axis = data.draw(st.integers(0, replicates.ndim - 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        expected = np.nanpercentile(replicates, [2.5, 97.5], axis=axis)
    got = percentile_interval(replicates, axis)
    assert np.allclose(got, np.moveaxis(expected, 0, -1), equal_nan=True, rtol=0, atol=1e-9)


def test_a_units_interval_depends_on_its_own_respondents_and_id_only() -> None:
    rng = np.random.default_rng(8)
    first = rng.normal(3.0, 1.0, (1200, 2))
    second = rng.normal(2.0, 0.5, (300, 2))
    units = np.repeat([0, 1], [1200, 300])
    both, _ = bootstrap_intervals(
        np.concatenate([first, second]), units, ["north", "south"], "mean"
    )
    # Alone, and listed second: the same draws.
    alone, _ = bootstrap_intervals(first, np.ones(1200, dtype=int), ["west", "north"], "mean")
    assert np.array_equal(both[0], alone[1])
    assert np.isnan(alone[0]).all()  # a unit without respondents has no interval
    # Another unit with the same answers draws other resamples.
    renamed, _ = bootstrap_intervals(first, np.zeros(1200, dtype=int), ["east"], "mean")
    assert not np.array_equal(renamed[0], both[0])


def test_threads_sharing_the_units_give_the_same_intervals() -> None:
    rng = np.random.default_rng(9)
    values = rng.normal(3.0, 1.0, (6000, 3))
    values[rng.random(values.shape) < 0.1] = np.nan
    units = rng.integers(0, 6, 6000)
    ids = [f"u{k}" for k in range(6)]
    alone = bootstrap_intervals(values, units, ids, "mean")
    shared = Bootstrap(values, units, ids, "mean")
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _: shared.work(), range(2)))
    together = shared.intervals()
    for a, b in zip(alone, together, strict=True):
        assert np.array_equal(a, b, equal_nan=True)


def test_median_resamples_drawn_in_blocks_give_the_same_intervals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(10)
    values = rng.integers(1, 6, (300, 2)).astype(float)
    units = rng.integers(0, 2, 300)
    whole = bootstrap_intervals(values, units, ["a", "b"], "median")
    monkeypatch.setattr(uncertainty, "MEDIAN_BLOCK", 1000)  # a few resamples at a time
    blocks = bootstrap_intervals(values, units, ["a", "b"], "median")
    for a, b in zip(whole, blocks, strict=True):
        assert np.array_equal(a, b, equal_nan=True)


def test_a_failure_drops_the_units_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> np.ndarray:
        raise MemoryError

    monkeypatch.setattr(uncertainty, "_unit_replicates", broken)
    values = np.ones((40, 1))
    bootstrap = Bootstrap(values, np.repeat(np.arange(4), 10), ["a", "b", "c", "d"], "mean")
    with pytest.raises(MemoryError):
        bootstrap.work()
    assert not bootstrap.todo  # a thread sharing the work would stop after its current unit
