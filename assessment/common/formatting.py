"""Number and date formats shared by the results, the terminal and the report."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

# Scores are shown to one decimal, the index and percentages as whole numbers.
SCORE_DIGITS = 1


def scale_note(level_starts: list[float]) -> str:
    """How every output explains the scale where it first shows a gap."""
    starts = ", ".join(f"{n} from {start:.1f}" for n, start in enumerate(level_starts, 1) if n > 1)
    return (
        "Scores run from 1 to 5 and are read to one decimal. A target is the score where the "
        f"target level starts (level {starts}); a gap is the points still needed to reach it."
    )


def round_half_up(value: float, digits: int = SCORE_DIGITS) -> float:
    """The one rounding of every number a reader sees: half up, as taught at school (1.95 ->
    2.0, 32.5 -> 33), where Python's round() goes to the even neighbour and float noise
    (1.95 is stored as 1.9499999...) would otherwise round down. Twelve significant decimals
    absorb that noise before the half-up step."""
    exact = Decimal(repr(round(value, 12)))
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def score_text(score: float | None) -> str:
    """A 1-5 score as every output shows it: one decimal, half up."""
    return "n/a" if score is None else f"{round_half_up(score):.1f}"


def gap_is_gated(gap: float, gap_from: float | None, score: float | None) -> bool:
    """True when a gate measures the gap from a lower score than the one shown."""
    return gap > 0 and gap_from is not None and score is not None and (
        gap_from != round_half_up(score)
    )


def gap_text(gap: float, gap_from: float | None, score: float | None) -> str:
    """The gap in points, and, when a gate measures it from a lower score than the one shown,
    from where: the reader's own subtraction must give the same figure."""
    text = f"{round_half_up(gap):.1f}"
    if gap_is_gated(gap, gap_from, score):
        text += f" from {gap_from:.1f}"
    return text


def whole_text(value: float) -> str:
    """An index or a count-like figure: a whole number, half up (32.5 -> 33)."""
    return f"{round_half_up(value, 0):.0f}"


def signed_text(value: float, digits: int = SCORE_DIGITS) -> str:
    """A change with its sign, half up: +0.3, -1.2, 0.0."""
    shown = round_half_up(value, digits)
    return f"{shown:+.{digits}f}" if shown else f"{0:.{digits}f}"


def percent_text(share: float) -> str:
    """A share 0-1 as a whole percentage, half up."""
    return f"{round_half_up(share * 100, 0):.0f}%"


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


def unblocks_text(names: list[str], low: float, high: float, currency: str) -> str:
    """What an action unblocks, for every output alike: the use cases by name and the yearly
    value behind them."""
    if not names:
        return ""
    quoted = [f"“{n}”" for n in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return f"Unblocks {listed}: {money_range(low, high, currency)} a year at stake."


def long_date(day: dt.date, style: str = "dmy") -> str:
    """A date in the engagement's style: dmy 16 November 2026, mdy November 16, 2026, iso."""
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date, style: str = "dmy") -> str:
    """A date in a table cell: dmy 16 Nov 2026, mdy Nov 16, 2026, iso."""
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{day:%b} {day.day}, {day.year}"
    return f"{day.day} {day:%b %Y}"


def month_text(day: dt.date, style: str = "dmy") -> str:
    return f"{day:%Y-%m}" if style == "iso" else f"{day:%B %Y}"


def month_date(start: dt.date, months: int) -> dt.date:
    """The date `months` after `start` (day clipped to 28 so every month has it): the one
    calendar rule behind every planned date."""
    total = start.month - 1 + months
    return dt.date(start.year + total // 12, total % 12 + 1, min(start.day, 28))
