"""Counts, sums and sums of squares of respondents' scores per group. Means, spreads and
respondent counts all follow from them, so the respondents are passed over once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Moments:
    """Per group and column, ignoring NaN; each (groups + 1, columns), the last row for the
    rows in no group."""

    count: np.ndarray
    total: np.ndarray
    squares: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray, groups: np.ndarray, n_groups: int) -> Moments:
        """Moments of each group's rows of `values` (rows x columns); group -1 is no group.
        Counted column by column, so the temporaries stay small (and in cache)."""
        group = np.where(groups >= 0, groups.astype(np.intp), n_groups)
        shape = (n_groups + 1, values.shape[1])
        count, total, squares = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        for j in range(values.shape[1]):
            column = values[:, j]
            present = ~np.isnan(column)
            mine, column = group[present], column[present]
            count[:, j] = np.bincount(mine, minlength=n_groups + 1)
            total[:, j] = np.bincount(mine, weights=column, minlength=n_groups + 1)
            squares[:, j] = np.bincount(mine, weights=column * column, minlength=n_groups + 1)
        return cls(count, total, squares)

    def overall(self) -> Moments:
        """Everyone as one group (with nobody outside it)."""
        zero = np.zeros((1, self.count.shape[1]))
        return Moments(
            np.concatenate([self.count.sum(0, keepdims=True), zero]),
            np.concatenate([self.total.sum(0, keepdims=True), zero]),
            np.concatenate([self.squares.sum(0, keepdims=True), zero]),
        )

    def means(self) -> np.ndarray:
        """(groups x columns) mean; NaN where a group has no value."""
        n, total = self.count[:-1], self.total[:-1]
        with np.errstate(invalid="ignore", divide="ignore"):
            means: np.ndarray = np.where(n > 0, total / n, np.nan)
        return means

    def spreads(self) -> np.ndarray:
        """(groups x columns) sample standard deviation; NaN with fewer than two values."""
        n, total, squares = self.count[:-1], self.total[:-1], self.squares[:-1]
        with np.errstate(invalid="ignore", divide="ignore"):
            variance = (squares - total * total / n) / (n - 1)
            sd: np.ndarray = np.where(n >= 2, np.sqrt(np.clip(variance, 0, None)), np.nan)
        return sd
