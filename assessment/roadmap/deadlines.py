"""Regulatory deadlines that apply to the organisation, and whether the plan meets them."""

from __future__ import annotations

import datetime as dt

from assessment.formatting import long_date, month_text
from assessment.model.roadmap import Deadline, DeadlineStatus, PlannedAction


def month_date(start: dt.date, months: int) -> dt.date:
    """The date `months` after `start` (day clipped to 28 so every month has it)."""
    total = start.month - 1 + months
    return dt.date(start.year + total // 12, total % 12 + 1, min(start.day, 28))


def deadline_statuses(
    deadlines: list[Deadline],
    region: str,
    start: dt.date,
    planned: list[PlannedAction],
    deferred_ids: set[str],
    date_style: str = "dmy",
) -> list[DeadlineStatus]:
    """Month 0 of the plan is the assessment date. Explanations write dates in the
    engagement's style."""
    ends = {a.id: month_date(start, a.end_month) for a in planned}
    statuses = []
    for d in sorted(deadlines, key=lambda d: d.date):
        if region.strip().upper() not in {r.upper() for r in d.regions}:
            continue
        late = sorted(a for a in d.actions if a in ends and ends[a] > d.date)
        missing = sorted(a for a in d.actions if a in deferred_ids)
        in_force = d.date <= start
        status = "at_risk" if late or missing else ("applies" if in_force else "upcoming")
        found = DeadlineStatus(
            id=d.id,
            title=d.title,
            date=d.date,
            reference=d.reference,
            note=d.note,
            status=status,
            explanation="",
            in_force=in_force,
            late={a: ends[a] for a in late},
            deferred=missing,
        )
        explanation = deadline_text(found, date_style)
        statuses.append(found.model_copy(update={"explanation": explanation}))
    return statuses


def deadline_text(d: DeadlineStatus, date_style: str = "dmy") -> str:
    """The deadline's status in words, its dates in the engagement's style."""

    def day(when: dt.date) -> str:
        return long_date(when, date_style)

    def month(when: dt.date) -> str:
        return month_text(when, date_style)

    todo = [*d.late, *d.deferred]
    if d.in_force:
        return f"Applies since {day(d.date)}" + (
            f"; still to do: {', '.join(todo)}." if todo else "."
        )
    if d.status == "at_risk":
        parts = [f"{a} ends {month(end)}" for a, end in d.late.items()]
        parts += [f"{a} deferred" for a in d.deferred]
        return f"Due {day(d.date)}, but {'; '.join(parts)}."
    return f"Due {day(d.date)}; the plan meets it."
