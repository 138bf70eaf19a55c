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
    for mine, numpys in zip(got[:3], expected[:3], strict=True):
        assert np.array_equal(mine, numpys, equal_nan=True)  # to the last bit: scores round
    assert np.allclose(got[3], expected[3], equal_nan=True, rtol=0, atol=1e-12)
    # Sorting in place gives the same, for callers whose array is a temporary.
    copy = values.copy()
    assert np.array_equal(nan_median(copy, axis, overwrite_input=True), got[2], equal_nan=True)


def test_an_all_missing_slice_gives_nan() -> None:
    values = np.array([[np.nan, 1.0], [np.nan, 3.0]])
    assert np.isnan(nan_mean(values, 0)[0]) and nan_mean(values, 0)[1] == 2.0
    assert np.isnan(nan_min(values, 0)[0]) and nan_min(values, 0)[1] == 1.0
    assert np.isnan(nan_median(values, 0)[0]) and nan_median(values, 0)[1] == 2.0
