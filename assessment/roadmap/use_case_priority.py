"""Use cases raise priority (docs/methodology.md, "Use cases raise priority").

Before the plan is scheduled, every action that closes a blocking gap of a use case still
waiting (neither go nor never) gains

    gain = min(cap, gain_per_million x L / 1,000,000)

where L sums the low ends of the yearly values of the use cases it unblocks, in the plan's
currency: the value the owning units are surest of. Which actions unblock which use cases
follows from the measured gaps and the archetypes alone, so the gain is known before the
schedule that it feeds; the verdicts and their months are judged after, on the plan."""

from __future__ import annotations

from dataclasses import dataclass, replace

from assessment.model.rate_card import RateCard
from assessment.model.roadmap import Range
from assessment.model.use_cases import ArchetypeLibrary, UseCase, VerdictPolicy
from assessment.roadmap.obligations import ProviderUse
from assessment.roadmap.select import Selected
from assessment.roadmap.use_case_verdicts import Measured, blocking_gaps, resolve, value_of

MILLION = 1_000_000
PROVIDER_PARAGRAPHS = ("50(1)", "50(2)")  # the fact sheet: these bind providers


@dataclass(frozen=True)
class Unblocking:
    """What one action unblocks: use case ids in file order, their values summed, the gain."""

    use_cases: tuple[str, ...]
    value: Range
    gain: float


@dataclass(frozen=True)
class UseCaseDemand:
    """What the use cases ask of the plan before it is scheduled."""

    unblocking: dict[str, Unblocking]  # action id -> what it unblocks
    providers: tuple[ProviderUse, ...]


def gain(value_low: float, policy: VerdictPolicy) -> float:
    return round(
        min(policy.priority_gain_cap, policy.priority_gain_per_million * value_low / MILLION), 3
    )


def use_case_demand(
    use_cases: list[UseCase],
    archetypes: ArchetypeLibrary | None,
    measured: Measured,
    rate_card: RateCard,
) -> UseCaseDemand:
    if not use_cases or archetypes is None:
        return UseCaseDemand({}, ())
    by_id = {a.id: a for a in archetypes.archetypes}
    waiting: dict[str, list[tuple[str, Range]]] = {}
    providers = []
    for case in use_cases:
        archetype = by_id[case.archetype]
        resolved = resolve(case, archetype)
        tier = resolved.tier
        if tier == "prohibited":  # never: it must not run, so it neither gains nor binds
            continue
        if resolved.role == "provider":
            brought: set[str] = {d for d in archetype.transparency if d in PROVIDER_PARAGRAPHS}
            if tier == "high":
                brought.add("high_risk")
            providers.append(ProviderUse(case.name, frozenset(brought)))
        value, _ = value_of(case, rate_card)
        gaps = blocking_gaps(archetype, tier, measured)
        closing = (aid for g in gaps for aid in g.closing_actions)
        for aid in dict.fromkeys(closing):
            waiting.setdefault(aid, []).append((case.id, value))
    unblocking = {}
    for aid, cases in waiting.items():
        total = Range(low=sum(v.low for _, v in cases), high=sum(v.high for _, v in cases))
        unblocking[aid] = Unblocking(
            tuple(cid for cid, _ in cases), total, gain(total.low, archetypes.policy)
        )
    return UseCaseDemand(unblocking, tuple(providers))


def raise_priority(selected: Selected, demand: UseCaseDemand | None) -> Selected:
    """The action's priority plus its gain: what the schedule then orders by."""
    found = demand.unblocking.get(selected.action.id) if demand else None
    if found is None or found.gain == 0:
        return selected
    return replace(selected, priority=round(selected.priority + found.gain, 3))
