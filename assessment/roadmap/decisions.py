"""What leadership must decide now, chosen once by the planner, in plain words: a legal duty in
force and not met comes first, then the highest-priority actions of the first phase, then the
budget envelope as a decision of its own. Also the plan's first 90 days and the legal
deadlines a board must see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from assessment.common.formatting import month_date
from assessment.model.obligations import ObligationStatus
from assessment.model.roadmap import Decision, PlannedAction, Range

DECISIONS_SHOWN = 3  # besides the budget envelope
FIRST_DAYS_MONTHS = 3  # "the first 90 days": actions starting in the plan's first 3 months
DUE_SOON_MONTHS = 12  # a duty applying within a year is a deadline the board must see
# Who decides the envelope: a role every organisation has, not one from the action library.
BUDGET_OWNER = "Chief Financial Officer, with the executive sponsor"


def decide_by(start: dt.date, start_month: int) -> dt.date:
    """A decision is due when its work starts; work that starts at once, within the plan's
    first month."""
    return month_date(start, max(start_month, 1))


def decisions(
    actions: list[PlannedAction],
    obligations: list[ObligationStatus],
    start: dt.date,
    total_capex: Range,
    total_opex: Range,
    horizon_months: int,
    currency: str,
) -> list[Decision]:
    by_id = {a.id: a for a in actions}
    overdue = [
        _legal(o, [by_id[x] for x in o.actions if x in by_id], start)
        for o in obligations
        if o.status == "overdue" and o.applies_if is None
    ][:1]
    committed = {x for d in overdue for x in d.action_ids}
    first = sorted(
        (a for a in actions if a.phase == 1 and a.id not in committed),
        key=lambda a: (-a.priority, a.id),
    )
    approvals = [
        Decision(
            kind="approve_action",
            title=a.title,
            owner=a.owners[0],
            decide_by=decide_by(start, a.start_month),
            capex=a.capex,
            opex_per_year=a.opex_per_year,
            reason=a.business_reason or a.reason,
            action_ids=[a.id],
            obligation_id=None,
        )
        for a in first
    ]
    chosen = (overdue + approvals)[:DECISIONS_SHOWN]
    return [*chosen, _budget(actions, start, total_capex, total_opex, horizon_months, currency)]


def _legal(o: ObligationStatus, planned: list[PlannedAction], start: dt.date) -> Decision:
    first_start = min((a.start_month for a in planned), default=0)
    return Decision(
        kind="legal_duty",
        title=f"Act now on {_in_sentence(o.title)} ({o.reference})",
        owner=planned[0].owners[0] if planned else "the executive sponsor",
        decide_by=decide_by(start, first_start),
        capex=_sum(a.capex for a in planned),
        opex_per_year=_sum(a.opex_per_year for a in planned),
        reason=f"{o.summary} {o.plan_text}",
        action_ids=[a.id for a in planned],
        obligation_id=o.id,
    )


def _in_sentence(title: str) -> str:
    """A title inside a sentence: its first word in lower case, unless it is an acronym."""
    first = title.split(" ", 1)[0]
    return title if first[1:2].isupper() else title[:1].lower() + title[1:]


def _budget(
    actions: list[PlannedAction],
    start: dt.date,
    capex: Range,
    opex: Range,
    horizon_months: int,
    currency: str,
) -> Decision:
    return Decision(
        kind="budget",
        title=f"Set the budget envelope for the {horizon_months}-month programme",
        owner=BUDGET_OWNER,
        decide_by=decide_by(start, 0),
        capex=capex,
        opex_per_year=opex,
        reason=(
            f"It funds the {len(actions)} planned actions and the programme around them (team, "
            "assistant seats, model usage), with the range of each estimate shown in the plan. "
            "Releasing it phase by phase, against each phase's results, keeps the later spend "
            "a decision."
        ),
        action_ids=[a.id for a in actions],
        obligation_id=None,
    )


def _sum(ranges: Iterable[Range]) -> Range:
    items = list(ranges)
    return Range(low=sum(r.low for r in items), high=sum(r.high for r in items))


def first_days(actions: list[PlannedAction]) -> list[str]:
    """The actions that start in the plan's first three months, in start order."""
    return [
        a.id
        for a in sorted(actions, key=lambda a: (a.start_month, -a.priority, a.id))
        if a.start_month < FIRST_DAYS_MONTHS
    ]


def deadlines(obligations: list[ObligationStatus], start: dt.date) -> list[str]:
    """Duties in force that the answers do not show met (overdue, or not evidenced either
    way), and duties applying within the next twelve months, soonest first."""
    soon = month_date(start, DUE_SOON_MONTHS)
    due = [
        o
        for o in obligations
        if o.status in ("overdue", "not_evidenced")
        or (o.status == "applies_from" and o.date is not None and o.date <= soon)
    ]
    return [o.id for o in sorted(due, key=lambda o: (o.date or start, o.id))]
