"""The action library (data) and the roadmap the planner builds from it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Authored, Frozen
from assessment.model.obligations import ObligationSet, ObligationStatus

Effort = Literal["low", "medium", "high"]


class Kpi(Authored):
    name: str = Field(min_length=1)
    target: str = Field(min_length=1)
    measure: str = Field(min_length=1, description="how the KPI is measured")
    baseline_question: str | None = Field(
        default=None, description="a question whose answers give today's baseline"
    )


class Trigger(Authored):
    """An action is proposed while its dimension is below target and either below
    `below_level` or with one of the named questions scoring below its threshold."""

    dimension: str
    below_level: int = Field(ge=2, le=5)
    questions: dict[str, float] = Field(
        default_factory=dict, description="question id -> score (1-5) below which to act"
    )


# Bounds on any single cost figure or price: far above any real programme, so a typo in a rate
# card (an extra zero run twice) is caught where it was made rather than printed in a report.
MAX_AMOUNT = 1e12


class Range(Authored):
    low: float = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    high: float = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


# Figures in a cost block's `covers` text would be a second, unchecked statement of the cost.
_FIGURE_IN_TEXT = re.compile(
    r"\b(?:EUR|USD|GBP|CHF)\s?\d|[€$£]\s?\d|\d\s?%|\d\s?FTE|\d\s?per\b", re.IGNORECASE
)


class PerPersonCost(Authored):
    """A price paid per person: people = staff x share. The default price and share are the
    library's editable assumptions; an engagement's rate card can replace them by `id`."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    what: str = Field(min_length=1, description="what is bought, e.g. 'AI-literacy e-learning'")
    who: str = Field(min_length=1, description="who it is for, e.g. 'all staff'")
    share: float = Field(gt=0, le=1, allow_inf_nan=False, description="share of staff")
    price: Range = Field(description="per person, in the library's currency")
    per: Literal["year", "once"] = Field(description="year: OPEX per year; once: CAPEX")


class CostModel(Authored):
    """An action's cost in the library's currency. `capex` (one-off) and `opex_per_year` are
    estimates for an organisation of the reference headcount and scale smoothly with headcount;
    `per_person` prices are multiplied by the people they are for. `covers` says what the cost
    pays for in words; the figures in its assumption are generated from the numbers used."""

    capex: Range
    opex_per_year: Range
    per_person: list[PerPersonCost] = Field(default_factory=list)
    covers: str = Field(min_length=1)

    @field_validator("covers")
    @classmethod
    def _no_figures(cls, value: str) -> str:
        if _FIGURE_IN_TEXT.search(value):
            raise ValueError(
                "state prices and quantities as figures (capex, opex_per_year, per_person), "
                "not in the text, so the stated assumption always matches the figure"
            )
        return value


class Phase(Authored):
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    start_month: int = Field(ge=0)
    end_month: int = Field(gt=0)


class ActionDefinition(Authored):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*-\d{2,}$")
    title: str = Field(min_length=1)
    dimensions: list[str] = Field(min_length=1)
    trigger: Trigger
    helps_reach_level: int = Field(ge=2, le=5)
    owners: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    deliverable: str = Field(min_length=1)
    kpis: list[Kpi] = Field(min_length=1)
    earliest_phase: int = Field(default=1, ge=1)
    duration_months: int = Field(ge=1, le=24)
    effort: Effort = "medium"
    depends_on: list[str] = Field(default_factory=list)
    best_practices: list[str] = Field(default_factory=list)
    pitfalls: list[str] = Field(default_factory=list)
    cost: CostModel
    compliance: bool = Field(
        default=False, description="regulatory work: regulated industries start it a phase earlier"
    )
    regions: list[str] = Field(
        default_factory=list, description="only for organisations in these regions (empty: all)"
    )
    measures_value: bool = Field(
        default=False,
        description="measures value or reviews the programme: kept inside the horizon",
    )

    @model_validator(mode="after")
    def _trigger_in_dimensions(self) -> ActionDefinition:
        if self.trigger.dimension not in self.dimensions:
            raise ValueError("the trigger's dimension must be one of the action's dimensions")
        if self.id in self.depends_on:
            raise ValueError("an action cannot depend on itself")
        return self


class ActionLibrary(Authored):
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    phases: list[Phase] = Field(min_length=1)
    obligations: ObligationSet | None = Field(
        default=None, description="in the YAML file: the name of the obligations file beside it"
    )
    actions: list[ActionDefinition] = Field(min_length=1)

    @field_validator("phases")
    @classmethod
    def _contiguous(cls, value: list[Phase]) -> list[Phase]:
        month = 0
        for i, phase in enumerate(value, start=1):
            if phase.number != i or phase.start_month != month or phase.end_month <= month:
                raise ValueError("phases must be numbered 1.. and follow each other from month 0")
            month = phase.end_month
        return value

    @property
    def horizon_months(self) -> int:
        return self.phases[-1].end_month


class InPlace(Frozen):
    """A prerequisite whose capability the answers show in place, so it is not planned."""

    id: str
    title: str


class PlannedAction(Frozen):
    id: str
    title: str
    dimensions: list[str]
    owners: list[str]
    deliverable: str
    kpis: list[Kpi]
    phase: int
    start_month: int
    end_month: int
    start_date: dt.date = Field(description="the calendar date month start_month begins")
    end_date: dt.date = Field(description="the calendar date month end_month begins")
    depends_on: list[str]
    effort: Effort
    quick_win: bool = Field(description="low effort, at most 3 months, done within month 6")
    compliance: bool
    priority: float = Field(
        description="what the schedule orders by: gap x weight x evidence / effort, plus "
        "use_case_gain"
    )
    reason: str = Field(description="why it was chosen, with the question ids behind it")
    business_reason: str = Field(
        default="", description="why, in the board's terms: the shortfall and what people said"
    )
    urgent: bool = Field(description="fulfils, or prepares, a legal duty in force and not met")
    prerequisites_in_place: list[InPlace] = Field(
        description="library prerequisites not in the plan because the answers show them in place"
    )
    best_practices: list[str]
    pitfalls: list[str]
    capex: Range
    opex_per_year: Range
    cost_assumption: str
    unblocks: list[str] = Field(
        default_factory=list,
        description="ids of the use cases, not yet possible, with a blocking gap it closes",
    )
    unblocks_value: Range | None = Field(
        default=None, description="their yearly values summed, in the plan's currency"
    )
    use_case_gain: float = Field(
        default=0.0, description="priority points added for the use cases it unblocks"
    )


class DeferredAction(Frozen):
    id: str
    title: str
    reason: str


class PlannedPhase(Frozen):
    """A phase as planned: its actions start from `start_month`, and it ends when the last of
    them ends (never before the library's end of the phase)."""

    number: int
    name: str
    start_month: int
    end_month: int
    start_date: dt.date
    end_date: dt.date
    focus: list[str] = Field(description="names of the dimensions most of its actions serve")


class CostLine(Frozen):
    """One line of the plan's cost: an action, or a programme line (assistant seats, model
    usage, the programme team of a phase). The plan's totals are built from these lines."""

    id: str = Field(description="the action id, or seats, usage, team-<phase>")
    kind: Literal["action", "seats", "usage", "team"]
    label: str
    phase: int = Field(description="the phase it is spent in (actions: the phase they start)")
    capex: Range = Field(description="one-off, rounded for display")
    opex_per_year: Range = Field(description="yearly once in place, rounded for display")
    capex_exact: Range = Field(description="unrounded; totals are sums of these, then rounded")
    opex_per_year_exact: Range
    assumption: str = Field(description="how the figure is computed, from the numbers used")


class PhaseCost(Frozen):
    phase: int
    capex: Range = Field(description="one-off cost of the lines in the phase, rounded")
    opex_per_year: Range = Field(description="yearly running cost the phase's lines add, rounded")


class ScorecardRow(Frozen):
    action_id: str
    kpi: str
    owner: str
    target: str
    measure: str
    due_month: int = Field(description="the planned end of the action that delivers it")
    due_date: dt.date
    baseline: str | None


class Decision(Frozen):
    """A decision put to leadership now, in plain words: no ids in its title or reason (the
    full report traces it through action_ids)."""

    kind: Literal["legal_duty", "approve_action", "budget"]
    title: str
    owner: str = Field(description="who is accountable for carrying it out")
    decide_by: dt.date
    capex: Range = Field(description="one-off cost it commits, rounded for display")
    opex_per_year: Range = Field(description="yearly running cost it commits, rounded")
    reason: str = Field(description="why, in business terms")
    action_ids: list[str] = Field(description="the planned actions it commits")
    obligation_id: str | None = Field(description="the legal duty behind it, if any")


class Roadmap(Frozen):
    horizon_months: int
    phases: list[PlannedPhase]
    actions: list[PlannedAction]
    deferred: list[DeferredAction]
    currency: str
    cost_lines: list[CostLine] = Field(
        default_factory=list, description="every cost line; totals are built from these"
    )
    phase_costs: list[PhaseCost]
    total_capex: Range
    total_opex_per_year: Range
    cost_assumptions: list[str]
    scorecard: list[ScorecardRow]
    regulation: str | None = Field(description="how the regulation is cited on this date")
    obligations: list[ObligationStatus]
    decisions: list[Decision] = Field(description="what leadership must decide now, in order")
    first_days: list[str] = Field(
        default_factory=list,
        description="ids of the actions that start in the plan's first three months (90 days)",
    )
    deadlines: list[str] = Field(
        default_factory=list,
        description="ids of the legal duties overdue, or applying within the next 12 months "
        "and not yet shown met, soonest first",
    )
    tailoring: list[str] = Field(description="how the profile shaped the plan")
