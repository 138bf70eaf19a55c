"""Number formats shared by the terminal and the report."""

from __future__ import annotations


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
