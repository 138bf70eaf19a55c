"""Integer codes for text columns. Answer tables of large surveys keep their text columns as
categoricals, so grouping, matching and sorting work on integers, not millions of strings."""

from __future__ import annotations

import numpy as np
import pandas as pd


def codes_of(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values): values[codes] gives the column back."""
    codes, values = compact_codes_of(series)
    return codes.astype(np.int64), values


def compact_codes_of(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Like codes_of, keeping the codes in the narrow type a categorical stores them in: no
    copy of the column. Widen them before any arithmetic that could overflow."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    return codes, np.asarray(uniques, dtype=object)


def key_dtype(size: int) -> type[np.signedinteger]:
    """The narrowest integer type for keys below `size`: large tables are bound by memory
    traffic, so halving the width of a key column halves the time spent on it."""
    return np.int32 if size < 2**31 else np.int64


def pair_keys(first: np.ndarray, second: np.ndarray, width: int, size: int) -> np.ndarray:
    """first * width + second, computed in the narrowest type that holds keys below `size`."""
    dtype = key_dtype(size)
    keys = first.astype(dtype)
    keys *= width
    keys += second
    return keys


def sorted_codes_of(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Like codes_of, with the distinct values sorted (their order never depends on the input's).
    The codes come back in the narrowest type that holds them."""
    codes, values = compact_codes_of(series)
    order = np.argsort(values.astype(str), kind="stable")
    rank = np.empty(len(order), dtype=key_dtype(len(order) + 1))
    rank[order] = np.arange(len(order))
    return rank[codes], values[order]


def categorical(codes: np.ndarray, values: np.ndarray, index: pd.Index) -> pd.Series:
    """A categorical column from codes into `values`, which may repeat a value (two raw
    spellings that clean to the same text)."""
    value_codes, distinct = pd.factorize(np.asarray(values, dtype=object))
    # Codes into `distinct` by construction, so pandas need not check millions of them.
    return pd.Series(
        pd.Categorical.from_codes(
            value_codes.astype(np.int32)[codes],
            categories=pd.Index(distinct, dtype=object),
            validate=False,
        ),
        index=index,
    )


def relabel(series: pd.Series, values: np.ndarray) -> pd.Series:
    """The column with each distinct value replaced: values[k] for codes_of's k-th value.
    Keeps the codes (no pass over the rows) unless two values merge or one is None."""
    values = np.asarray(values, dtype=object)
    if (
        isinstance(series.dtype, pd.CategoricalDtype)
        and len(set(values.tolist())) == len(values)
        and not any(v is None for v in values)
    ):
        return series.cat.rename_categories(pd.Index(values, dtype=object))
    return categorical(codes_of(series)[0], values, series.index)


def factorize_keys(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize for integer keys in [0, size): (codes, the distinct keys ascending). A
    lookup table instead of hashing when `size` is small beside the number of keys."""
    if not _table_fits(keys, size):
        codes, distinct = pd.factorize(keys, sort=True)
        return codes.astype(np.int64), np.asarray(distinct)
    distinct = np.flatnonzero(_marks(keys, size))
    lookup = np.zeros(size, dtype=key_dtype(len(distinct) + 1))
    lookup[distinct] = np.arange(len(distinct))
    return lookup[keys], distinct


def has_repeats(keys: np.ndarray, size: int) -> bool:
    """Whether any integer key in [0, size) occurs more than once."""
    if not _table_fits(keys, size):
        return bool(pd.Series(keys).duplicated().any())
    # Fewer distinct keys than keys means a repeat: a one-byte mark per key, not a count.
    return int(np.count_nonzero(_marks(keys, size))) < len(keys)


def _table_fits(keys: np.ndarray, size: int) -> bool:
    """Whether a table indexed by key is small beside the keys themselves."""
    return size <= 4 * len(keys) + 1_000_000


def _marks(keys: np.ndarray, size: int) -> np.ndarray:
    """(size,) True at every key that occurs."""
    seen = np.zeros(size, dtype=bool)
    seen[keys] = True
    return seen


def codes_in(series: pd.Series, categories: list[str]) -> np.ndarray:
    """Each row's position in `categories`, -1 where its value is not among them; looked up
    once per distinct value."""
    codes, values = compact_codes_of(series)
    position = {c: i for i, c in enumerate(categories)}
    lookup = np.array([position.get(v, -1) for v in values] + [-1], dtype=np.int64)
    found: np.ndarray = lookup[codes]
    return found
