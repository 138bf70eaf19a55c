"""Plan months as calendar dates, one convention for the planner and every renderer."""

from __future__ import annotations

import datetime as dt


def month_date(start: dt.date, months: int) -> dt.date:
    """The date `months` after `start` (day clipped to 28 so every month has it)."""
    total = start.month - 1 + months
    return dt.date(start.year + total // 12, total % 12 + 1, min(start.day, 28))
