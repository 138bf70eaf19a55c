"""Place selected actions on the horizon: dependencies first, then priority, under a limit
on how many actions run at once. What does not fit is deferred with its reason."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field

from assessment.model.roadmap import Phase
from assessment.roadmap.select import Selected


@dataclass(frozen=True)
class Slot:
    selected: Selected
    start_month: int
    end_month: int
    phase: int
    urgent: bool  # for a legal duty in force and not met, or a prerequisite of such work
    held_back: bool  # starts later than its prerequisites and phase allow: the limit on work


@dataclass(frozen=True)
class Deferral:
    selected: Selected
    reason: str


@dataclass(frozen=True)
class Constraints:
    """What the law and the programme ask of the schedule, beyond priority.

    `urgent`: actions for duties in force and not met; they start at once, not in their phase.
    `due`: action -> the last month it may end to meet a legal date within the horizon.
    `keep`: actions that measure value or review the programme; planned ahead of other work so
    the horizon never pushes them out while discretionary work is planned."""

    urgent: frozenset[str] = frozenset()
    due: dict[str, int] = field(default_factory=dict)
    keep: frozenset[str] = frozenset()


URGENT, COMMITTED, DISCRETIONARY = 0, 1, 2


def planning_classes(selected: list[Selected], rules: Constraints) -> dict[str, int]:
    """Urgent work and its prerequisites first, then dated and value-tracking work and theirs,
    then the rest. A prerequisite takes the most pressing class of what needs it."""
    by_id = {s.action.id: s for s in selected}
    classes = dict.fromkeys(by_id, DISCRETIONARY)

    def lift(seeds: list[str], cls: int) -> None:
        stack = [a for a in seeds if a in by_id]
        while stack:
            aid = stack.pop()
            if classes[aid] <= cls:  # already as pressing, and so are its prerequisites
                continue
            classes[aid] = cls
            stack.extend(d for d in by_id[aid].action.depends_on if d in by_id)

    lift(sorted(rules.urgent), URGENT)
    lift(sorted(set(rules.due) | rules.keep), COMMITTED)
    return classes


def dependency_order(
    selected: list[Selected], classes: dict[str, int] | None = None
) -> list[Selected]:
    """Topological order over the selected actions; among those ready, the most pressing class
    first, then the highest priority."""
    classes = classes or {}
    by_id = {s.action.id: s for s in selected}
    deps = {s.action.id: [d for d in s.action.depends_on if d in by_id] for s in selected}
    waiting = {aid: len(ds) for aid, ds in deps.items()}
    dependents: dict[str, list[str]] = {aid: [] for aid in by_id}
    for aid, ds in deps.items():
        for d in ds:
            dependents[d].append(aid)

    def key(aid: str) -> tuple[int, float, str]:
        return (classes.get(aid, DISCRETIONARY), -by_id[aid].priority, aid)

    ready = [key(a) for a, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        *_, aid = heapq.heappop(ready)
        order.append(by_id[aid])
        for nxt in dependents[aid]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, key(nxt))
    if len(order) != len(selected):  # the library loader refuses cycles; this guards misuse
        raise ValueError("dependency cycle among selected actions")
    return order


def schedule(
    selected: list[Selected],
    phases: list[Phase],
    max_parallel: int,
    capex_high: dict[str, float] | None = None,
    budget_cap: float | None = None,
    rules: Constraints | None = None,
) -> tuple[list[Slot], list[Deferral], dict[str, str]]:
    """`capex_high` and `budget_cap`: an action's CAPEX (high estimate) counts against the
    phase it starts in, and no phase may start more than the cap. Returns the slots, the
    deferrals, and for each dated action that still ends after its date, why."""
    rules = rules or Constraints()
    horizon = phases[-1].end_month
    running = [0] * horizon  # actions running in each month
    spent = {p.number: 0.0 for p in phases}
    placed: dict[str, Slot] = {}
    deferred: dict[str, Deferral] = {}
    late: dict[str, str] = {}
    ideal_end: dict[str, int] = {}
    classes = planning_classes(selected, rules)
    for s in dependency_order(selected, classes):
        a = s.action
        blocked = [d for d in a.depends_on if d in deferred]
        if blocked:
            verb = "is" if len(blocked) == 1 else "are"
            deferred[a.id] = Deferral(s, f"Waits for {', '.join(blocked)}, which {verb} deferred.")
            continue
        phase_start = phases[s.earliest_phase - 1].start_month
        deps_end = max((placed[d].end_month for d in a.depends_on if d in placed), default=0)
        # Urgent work and its prerequisites do not wait for their phase.
        own_start = 0 if classes[a.id] == URGENT else phase_start
        earliest = max(own_start, deps_end)
        # Where it could end with no limit on work at once: tells capacity from dependencies.
        free_deps_end = max((ideal_end[d] for d in a.depends_on if d in placed), default=0)
        ideal_end[a.id] = max(own_start, free_deps_end) + a.duration_months
        if earliest + a.duration_months > horizon:
            if deps_end > free_deps_end:
                why = (
                    f"its dependencies finish in month {deps_end}, later than they could "
                    f"because at most {_at_once(max_parallel)},"
                )
            elif deps_end >= phase_start:
                why = f"its dependencies finish in month {deps_end}"
            else:
                why = f"it belongs in phase {s.earliest_phase} (from month {phase_start})"
            deferred[a.id] = Deferral(
                s,
                f"Does not fit: {why} and it takes {a.duration_months} months, so it would "
                f"end in month {earliest + a.duration_months}, after the {horizon}-month horizon.",
            )
            continue
        cost = (capex_high or {}).get(a.id, 0.0)

        def affordable(month: int, cost: float = cost) -> bool:
            return budget_cap is None or spent[_phase_of(month, phases)] + cost <= budget_cap

        start = _first_free(running, earliest, a.duration_months, max_parallel, affordable)
        due = rules.due.get(a.id)
        if due is not None and (start is None or start + a.duration_months > due):
            # A legal date comes before the phase allows: start as soon as prerequisites do.
            sooner = _first_free(running, deps_end, a.duration_months, max_parallel, affordable)
            if sooner is not None and (start is None or sooner < start):
                start = sooner  # on time, or at least as little late as possible
        if start is None and budget_cap is not None and cost > budget_cap:
            deferred[a.id] = Deferral(
                s,
                f"Does not fit: its CAPEX (up to {cost:,.0f}) is above the budget cap of "
                f"{budget_cap:,.0f} per phase.",
            )
            continue
        if start is None:
            limits = f"at most {_at_once(max_parallel, 'running')}"
            if budget_cap is not None:
                limits += f" and {budget_cap:,.0f} of CAPEX per phase"
            deferred[a.id] = Deferral(
                s,
                f"Does not fit: with {limits} there is no {a.duration_months}-month slot after "
                f"month {earliest} within the {horizon}-month horizon; raise capacity or plan "
                "it in the next cycle.",
            )
            continue
        if due is not None and start + a.duration_months > due:
            if deps_end + a.duration_months <= due:
                late[a.id] = (
                    f"no earlier slot is free with at most {_at_once(max_parallel, 'running')}"
                )
            elif deps_end > 0:
                late[a.id] = (
                    f"its prerequisites end in month {deps_end} and it takes "
                    f"{a.duration_months} months"
                )
            else:
                late[a.id] = f"it takes {a.duration_months} months from the start of the plan"
        for m in range(start, start + a.duration_months):
            running[m] += 1
        spent[_phase_of(start, phases)] += cost
        placed[a.id] = Slot(
            s,
            start,
            start + a.duration_months,
            _phase_of(start, phases),
            urgent=classes[a.id] == URGENT,
            held_back=start > earliest,
        )
    return list(placed.values()), list(deferred.values()), late


def _first_free(
    running: list[int], earliest: int, duration: int, limit: int, affordable: Callable[[int], bool]
) -> int | None:
    for start in range(earliest, len(running) - duration + 1):
        if affordable(start) and all(running[m] < limit for m in range(start, start + duration)):
            return start
    return None


def _phase_of(month: int, phases: list[Phase]) -> int:
    for phase in phases:
        if phase.start_month <= month < phase.end_month:
            return phase.number
    return phases[-1].number


def _at_once(limit: int, verb: str = "run") -> str:
    """'8 actions run at once', '1 action runs at once', '1 action running at once'."""
    if limit == 1:
        return f"1 action {verb + 's' if verb == 'run' else verb} at once"
    return f"{limit} actions {verb} at once"
