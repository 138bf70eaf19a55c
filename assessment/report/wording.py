"""Small wording helpers so every page says the same thing the same way."""

from __future__ import annotations

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


def levels_phrase(count: int) -> str:
    word = _NUMBER_WORDS.get(count, str(count))
    return f"{word} level" if count == 1 else f"{word} levels"


def score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"
