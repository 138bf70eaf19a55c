"""Small wording helpers so every page says the same thing the same way."""

from __future__ import annotations

from assessment.common.formatting import percent_text, score_text

__all__ = ["levels_phrase", "percent", "score_text"]

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


def levels_phrase(count: int) -> str:
    word = _NUMBER_WORDS.get(count, str(count))
    return f"{word} level" if count == 1 else f"{word} levels"


def percent(share: float) -> str:
    return percent_text(share)
