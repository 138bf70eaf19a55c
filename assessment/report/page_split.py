"""Splitting a long chart or table into parts that each fit a page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def balanced_chunks(items: Sequence[T], most: int) -> list[list[T]]:
    """The items in as few parts of at most `most` as possible, of nearly equal size: their
    sizes differ by one at most (50 units by at most 8 give 8, 7, 7, 7, 7, 7, 7; never 8s and
    a stub of 2). Always at least one part (maybe empty)."""
    count = max(1, math.ceil(len(items) / most))
    size, larger = divmod(len(items), count)  # the first `larger` parts take one more
    parts, start = [], 0
    for k in range(count):
        end = start + size + (1 if k < larger else 0)
        parts.append(list(items[start:end]))
        start = end
    return parts
