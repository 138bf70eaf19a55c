"""Small wording helpers so every page says the same thing the same way."""

from __future__ import annotations

import datetime as dt

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


def levels_phrase(count: int) -> str:
    word = _NUMBER_WORDS.get(count, str(count))
    return f"{word} level" if count == 1 else f"{word} levels"


def long_date(day: dt.date, style: str = "dmy") -> str:
    """A date in the engagement's style: dmy 16 November 2026, mdy November 16, 2026, iso."""
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B %Y}"


def month_text(day: dt.date, style: str = "dmy") -> str:
    return f"{day:%Y-%m}" if style == "iso" else f"{day:%B %Y}"


def score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"
