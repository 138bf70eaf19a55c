"""NaN-ignoring reductions used on the bootstrap's thread: numpy's results, without warnings."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from assessment.scoring.reductions import nan_mean, nan_median, nan_min, nan_quantiles

ARRAYS = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9),
    elements=st.one_of(st.floats(-5, 5), st.just(np.nan)),
)


@settings(max_examples=120, deadline=None)
@given(ARRAYS, st.data())
def test_reductions_agree_with_numpy_and_never_warn(
    values: np.ndarray, data: st.DataObject
) -> None:
    axis = data.draw(st.integers(0, values.ndim - 1))
    q = data.draw(st.floats(0, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        expected = [
            np.nanmean(values, axis=axis),
            np.nanmin(values, axis=axis),
            np.nanmedian(values, axis=axis),
            np.nanquantile(values, q, axis=axis),
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = [
            nan_mean(values, axis),
            nan_min(values, axis),
            nan_median(values, axis),
            nan_quantiles(values, [q], axis)[..., 0],
        ]
    for mine, numpys in zip(got, expected, strict=True):
        assert np.allclose(mine, numpys, equal_nan=True, rtol=0, atol=1e-9)


def test_an_all_missing_slice_gives_nan() -> None:
    values = np.array([[np.nan, 1.0], [np.nan, 3.0]])
    assert np.isnan(nan_mean(values, 0)[0]) and nan_mean(values, 0)[1] == 2.0
    assert np.isnan(nan_min(values, 0)[0]) and nan_min(values, 0)[1] == 1.0
    assert np.isnan(nan_median(values, 0)[0]) and nan_median(values, 0)[1] == 2.0
