"""The verdict on each use case: go, go with conditions, not yet or never, from the levels its
archetype needs in its risk tier, the measured levels and the plan's months.

Policy (docs/methodology.md, "Use-case verdicts"): never for a prohibited practice; go when
every needed level is met; go with conditions when every blocking gap is at most
`conditions_max_gap` points and every action closing it is planned to start before month
`conditions_start_within_months`; not yet otherwise, possible from the end of the last closing
action, or not within the plan when one is deferred or missing."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import round_half_up
from assessment.model.rate_card import RateCard
from assessment.model.results import DimensionResult
from assessment.model.roadmap import ActionLibrary, PlannedAction, Range, Roadmap
from assessment.model.use_cases import (
    Archetype,
    ArchetypeLibrary,
    BlockingGap,
    PermittedTier,
    PersonalData,
    Requirement,
    RiskTier,
    SystemRole,
    UseCase,
    UseCaseVerdict,
    VerdictPolicy,
)
from assessment.roadmap.use_case_duties import duties_of
from assessment.roadmap.use_case_portfolio import feasibility


@dataclass(frozen=True)
class Measured:
    """What blocking gaps read, known before the plan: the measured dimensions, the action
    library and the level scale."""

    dimensions: list[DimensionResult]
    library: ActionLibrary
    level_starts: list[float]  # the lowest score (as shown) of levels 1 to 5


@dataclass(frozen=True)
class Readiness:
    """What the verdicts read: the measured dimensions, the plan and the level scale."""

    dimensions: list[DimensionResult]
    roadmap: Roadmap
    library: ActionLibrary
    level_starts: list[float]  # the lowest score (as shown) of levels 1 to 5


@dataclass(frozen=True)
class Resolved:
    """A use case's tier, role and personal data: its archetype's unless overridden."""

    tier: RiskTier
    role: SystemRole
    data: PersonalData


def resolve(case: UseCase, archetype: Archetype) -> Resolved:
    over = case.overrides
    return Resolved(
        tier=(over.risk_tier if over else None) or archetype.risk_tier,
        role=(over.role if over else None) or archetype.role,
        data=(over.personal_data if over else None) or archetype.personal_data,
    )


def judge_use_cases(
    use_cases: list[UseCase],
    archetypes: ArchetypeLibrary | None,
    readiness: Readiness,
    rate_card: RateCard,
) -> list[UseCaseVerdict]:
    if not use_cases or archetypes is None:
        return []
    by_id = {a.id: a for a in archetypes.archetypes}
    return [
        judge(case, by_id[case.archetype], archetypes.policy, readiness, rate_card)
        for case in use_cases
    ]


def judge(
    case: UseCase,
    archetype: Archetype,
    policy: VerdictPolicy,
    readiness: Readiness,
    rate_card: RateCard,
) -> UseCaseVerdict:
    over = case.overrides
    resolved = resolve(case, archetype)
    tier, role, data = resolved.tier, resolved.role, resolved.data
    # Special-category data on a scale worth a use case is GDPR Art. 35(3)(b) processing.
    dpia = data == "special_category" or (archetype.dpia and data != "none")
    value, basis = value_of(case, rate_card)
    share, interval = feasibility(archetype, tier, readiness)
    common = {
        "id": case.id,
        "name": case.name,
        "owning_unit": case.owning_unit,
        "archetype": archetype.id,
        "risk_tier": tier,
        "role": role,
        "personal_data": data,
        "dpia": dpia,
        "duties": duties_of(archetype, tier, role, dpia),
        "value_per_year": value,
        "value_basis": basis,
        "override_rationale": over.rationale if over else None,
        "feasibility": share,
        "feasibility_interval": interval,
    }
    if tier == "prohibited":
        point = f"Art. 5(1)({archetype.article_5})" if archetype.article_5 else "Art. 5"
        return UseCaseVerdict(
            **common,
            verdict="never",
            reason=f"A prohibited practice under EU AI Act {point}: it must not be used.",
            blocking=[],
            conditions=[],
            closing_actions=[],
            possible_from_month=None,
            within_plan=False,
        )
    gaps = blocking_gaps(archetype, tier, readiness)
    planned = {a.id: a for a in readiness.roadmap.actions}
    closing = list(dict.fromkeys(aid for g in gaps for aid in g.closing_actions))
    unplanned = [aid for aid in closing if aid not in planned]
    within_plan = not unplanned and all(g.closing_actions for g in gaps)
    if not gaps:
        return UseCaseVerdict(
            **common,
            verdict="go",
            reason="Every readiness level it needs is met.",
            blocking=[],
            conditions=[],
            closing_actions=[],
            possible_from_month=None,
            within_plan=True,
        )
    actions = [planned[aid] for aid in closing if aid in planned]
    if within_plan and conditional(gaps, actions, policy):
        largest = max(g.gap for g in gaps if g.gap is not None)
        return UseCaseVerdict(
            **common,
            verdict="go_with_conditions",
            reason=(
                f"It can start now: its largest gap is {largest:.1f} points and every action "
                f"closing its gaps starts before month {policy.conditions_start_within_months}."
            ),
            blocking=gaps,
            conditions=[_condition(a) for a in actions],
            closing_actions=closing,
            possible_from_month=None,
            within_plan=True,
        )
    last = max(actions, key=lambda a: a.end_month) if within_plan and actions else None
    month = last.end_month if last else None
    return UseCaseVerdict(
        **common,
        verdict="not_yet",
        reason=_not_yet_reason(gaps, unplanned, month, readiness.roadmap),
        blocking=gaps,
        conditions=[],
        closing_actions=closing,
        possible_from_month=month,
        possible_from_date=last.end_date if last else None,
        within_plan=within_plan,
    )


def conditional(
    gaps: list[BlockingGap], actions: list[PlannedAction], policy: VerdictPolicy
) -> bool:
    """Small gaps only, each closed by actions that start soon."""
    small = all(g.gap is not None and g.gap <= policy.conditions_max_gap for g in gaps)
    soon = all(a.start_month < policy.conditions_start_within_months for a in actions)
    return small and soon


def blocking_gaps(
    archetype: Archetype, tier: PermittedTier, readiness: Measured | Readiness
) -> list[BlockingGap]:
    """Every requirement the measured levels do not meet in this tier."""
    return [
        gap
        for req in archetype.requires
        if (gap := blocking_gap(req, req.min_level[tier], readiness)) is not None
    ]


def blocking_gap(
    req: Requirement, needed: int, readiness: Measured | Readiness
) -> BlockingGap | None:
    """The shortfall against one requirement, or None when its level is met."""
    dimension = next(d for d in readiness.dimensions if d.dimension_id == req.dimension)
    if req.capability is None:
        level, shown = dimension.level, dimension.gap_from
    else:
        cap = next((c for c in dimension.capabilities if c.name == req.capability), None)
        level = cap.level if cap else None
        shown = None if cap is None or cap.score is None else round_half_up(cap.score, 1)
    if level is not None and level >= needed:
        return None
    reach = {a.id: a.helps_reach_level for a in readiness.library.actions}
    gap = None
    if shown is not None:
        gap = max(0.1, round_half_up(readiness.level_starts[needed - 1] - shown, 1))
    return BlockingGap(
        dimension_id=req.dimension,
        capability=req.capability,
        needed_level=needed,
        level=level,
        gap=gap,
        # Only actions the library says lift a dimension as far as this level close the gap.
        closing_actions=[aid for aid in req.closed_by if reach.get(aid, 0) >= needed],
    )


def value_of(case: UseCase, rate_card: RateCard) -> tuple[Range, str]:
    """The yearly value in the plan's currency, and how it was estimated."""
    value = case.value
    if value.money_per_year is not None:
        return value.money_per_year, "money a year, as estimated by the owning unit"
    hours = value.hours_per_year
    rate = rate_card.hourly_rate
    assert hours is not None and rate is not None  # the loader refuses hours without a rate
    factor = rate_card.exchange_rate
    return (
        Range(low=hours.low * rate.low * factor, high=hours.high * rate.high * factor),
        "hours saved a year, priced at the hourly staff cost",
    )


def _condition(action: PlannedAction) -> str:
    return f"{action.title}: planned from month {action.start_month} to month {action.end_month}"


def _not_yet_reason(
    gaps: list[BlockingGap], unplanned: list[str], month: int | None, roadmap: Roadmap
) -> str:
    count = f"{len(gaps)} needed level{'s' if len(gaps) != 1 else ''} not met"
    if month is not None:
        return f"{count}; the plan closes the gaps by month {month}."
    deferred = {a.id: a.title for a in roadmap.deferred}
    if any(aid in deferred for aid in unplanned):
        titles = ", ".join(deferred[aid] for aid in unplanned if aid in deferred)
        return f"{count}; not within the plan: it waits for deferred work ({titles})."
    if unplanned:
        return f"{count}; not within the plan: the work that closes them is not planned."
    return f"{count}; not within the plan: no action in the library raises them far enough."
