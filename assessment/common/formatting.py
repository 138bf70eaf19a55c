"""Number and date formats shared by the results, the terminal and the report."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def money(value: float) -> str:
    """120000 -> 120k, 1500000 -> 1.5m: estimates read as estimates."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.3g}m"
    if value >= 1_000:
        return f"{value / 1_000:.3g}k"
    return f"{value:.0f}"


def money_range(low: float, high: float, currency: str) -> str:
    if high == 0:
        return "none"
    return f"{currency} {money(low)}-{money(high)}"


def long_date(day: dt.date, style: str = "dmy") -> str:
    """A date in the engagement's style: dmy 16 November 2026, mdy November 16, 2026, iso."""
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B %Y}"


def month_text(day: dt.date, style: str = "dmy") -> str:
    return f"{day:%Y-%m}" if style == "iso" else f"{day:%B %Y}"


def round_half_up(value: float, digits: int = 1) -> float:
    """Round half up as a reader expects (1.95 -> 2.0, 32.5 -> 33), not to even: the float's
    shortest decimal form is rounded, so binary noise (1.95 stored as 1.9499...) cannot flip it."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
