"""Bootstrap intervals: the Poisson bootstrap used for large units agrees with the classic
resampling, and both agree with the normal-theory interval of a mean at large n."""

from __future__ import annotations

import numpy as np
import pytest

from assessment.scoring import uncertainty
from assessment.scoring.uncertainty import bootstrap_intervals, poisson_weights


def _interval(values: np.ndarray) -> np.ndarray:
    units = np.zeros(len(values), dtype=int)
    unit_ci, _ = bootstrap_intervals(values[:, None], units, 1, "mean")
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
