"""The minimum group size: groups smaller than it are never shown, to protect anonymity. The
one rule every output follows (units in reports, per-unit reports, perception)."""

from __future__ import annotations


def too_small(respondents: int, minimum: int) -> bool:
    return respondents < minimum


def hidden_reason(respondents: int, minimum: int) -> str | None:
    """Why a group is hidden, in plain words; None when it may be shown."""
    if not too_small(respondents, minimum):
        return None
    return f"{respondents} respondent{'' if respondents == 1 else 's'}, fewer than {minimum}"
