"""One typed answer -> its canonical code, or the reason it is not allowed."""

from __future__ import annotations

import math
import re

from assessment.model.questionnaire import NOTHING_TICKED, OPTION_TYPES, Question
from assessment.model.responses import (
    DONT_KNOW,
    DONT_KNOW_ALIASES,
    NOT_APPLICABLE,
    NOT_APPLICABLE_ALIASES,
)

CHECKLIST_SEPARATORS = (";", "|")
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def normalise_answer(question: Question, raw: str) -> tuple[str, str | None]:
    """(canonical answer, None) or ("", reason). Blank stays blank (unanswered)."""
    text = raw.strip()
    if question.type == "free_text" or text == "":
        return text, None
    lowered = text.lower()
    if lowered in NOT_APPLICABLE_ALIASES:
        if question.allow_not_applicable:
            return NOT_APPLICABLE, None
        return "", f"'not applicable' is not allowed for {question.id}; {_allowed(question)}"
    if lowered in DONT_KNOW_ALIASES:
        if question.allow_dont_know:
            return DONT_KNOW, None
        return "", f"'don't know' is not allowed for {question.id}; {_allowed(question)}"
    if question.type in OPTION_TYPES:
        for option in question.answer_options:
            if lowered in (option.id.lower(), option.label.lower()):
                return option.id, None
    elif question.type == "checklist":
        return _checklist(question, text)
    elif question.type == "numeric":
        return _numeric(question, text)
    return "", f"answer '{text}' is not allowed for {question.id} ({_allowed(question)})"


def _checklist(question: Question, text: str) -> tuple[str, str | None]:
    if text.lower() == NOTHING_TICKED:
        return NOTHING_TICKED, None
    lookup = {i.id.lower(): i.id for i in question.items}
    lookup.update({i.label.lower(): i.id for i in question.items})
    parts = [text]
    for separator in CHECKLIST_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    ticked: set[str] = set()
    for part in (p.strip() for p in parts if p.strip()):
        if part.lower() not in lookup:
            return "", f"'{part}' is not an item of {question.id} ({_allowed(question)})"
        ticked.add(lookup[part.lower()])
    return ";".join(i.id for i in question.items if i.id in ticked), None


def _numeric(question: Question, text: str) -> tuple[str, str | None]:
    cleaned = text.removesuffix("%").strip() if question.unit == "%" else text
    if THOUSANDS.match(cleaned):
        return "", (
            f"'{text}' is ambiguous (a decimal comma or a thousands separator?); "
            "write it without separators, e.g. 1000 or 1.5"
        )
    try:
        value = float(
            cleaned.replace(",", ".") if cleaned.count(",") == 1 and "." not in cleaned else cleaned
        )
    except ValueError:
        return "", f"'{text}' is not a number ({_allowed(question)})"
    if not math.isfinite(value):
        return "", f"'{text}' is not a finite number"
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return "", f"{value:g} is out of range for {question.id} ({_allowed(question)})"
    return f"{value:g}", None


def _allowed(question: Question) -> str:
    specials = [
        code
        for code, ok in (
            (NOT_APPLICABLE, question.allow_not_applicable),
            (DONT_KNOW, question.allow_dont_know),
        )
        if ok
    ]
    if question.type == "checklist":
        choices = "item ids separated by ';', or 'none'"
    elif question.type == "numeric":
        bounds = ""
        if question.minimum is not None and question.maximum is not None:
            bounds = f" from {question.minimum:g} to {question.maximum:g}"
        choices = f"a number{bounds}"
    else:
        choices = ", ".join(o.id for o in question.answer_options)
    tail = f", {', '.join(specials)}" if specials else ""
    return f"allowed: {choices}{tail}, or leave it blank"
