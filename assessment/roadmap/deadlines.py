"""Regulatory deadlines that apply to the organisation, and whether the plan meets them."""

from __future__ import annotations

import datetime as dt

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
) -> list[DeadlineStatus]:
    """Month 0 of the plan is the assessment date."""
    ends = {a.id: month_date(start, a.end_month) for a in planned}
    statuses = []
    for d in sorted(deadlines, key=lambda d: d.date):
        if region.strip().upper() not in {r.upper() for r in d.regions}:
            continue
        late = sorted(a for a in d.actions if a in ends and ends[a] > d.date)
        missing = sorted(a for a in d.actions if a in deferred_ids)
        if d.date <= start:
            status, text = "applies", f"Applies since {d.date.day} {d.date:%B %Y}"
            if late or missing:
                status = "at_risk"
                text += f"; still to do: {', '.join(late + missing)}"
        elif late or missing:
            status = "at_risk"
            parts = [f"{a} ends {ends[a]:%B %Y}" for a in late] + [f"{a} deferred" for a in missing]
            text = f"Due {d.date.day} {d.date:%B %Y}, but {'; '.join(parts)}"
        else:
            status, text = "upcoming", f"Due {d.date.day} {d.date:%B %Y}; the plan meets it"
        statuses.append(
            DeadlineStatus(
                id=d.id,
                title=d.title,
                date=d.date,
                reference=d.reference,
                note=d.note,
                status=status,
                explanation=text + ".",
                in_force=d.date <= start,
                late={a: ends[a] for a in late},
                deferred=missing,
            )
        )
    return statuses
