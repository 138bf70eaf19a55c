"""The action library (data) and the roadmap the planner builds from it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Frozen
from assessment.model.obligations import ObligationSet, ObligationStatus

Effort = Literal["low", "medium", "high"]


SizeBandName = Literal["small", "medium", "large", "very_large"]


class Kpi(Frozen):
    name: str = Field(min_length=1)
    target: str = Field(min_length=1)
    measure: str = Field(min_length=1, description="how the KPI is measured")
    baseline_question: str | None = Field(
        default=None, description="a question whose answers give today's baseline"
    )


class Trigger(Frozen):
    """An action is proposed while its dimension is below target and either below
    `below_level` or with one of the named questions scoring below its threshold."""

    dimension: str
    below_level: int = Field(ge=2, le=5)
    questions: dict[str, float] = Field(
        default_factory=dict, description="question id -> score (1-5) below which to act"
    )


class Range(Frozen):
    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class CostModel(Frozen):
    """One-off (CAPEX) and yearly running (OPEX) cost ranges per organisation size band, in the
    library's currency, with the assumption behind them."""

    capex: dict[SizeBandName, Range]
    opex_per_year: dict[SizeBandName, Range]
    assumption: str = Field(min_length=1)

    @model_validator(mode="after")
    def _every_band(self) -> CostModel:
        bands = {"small", "medium", "large", "very_large"}
        for name, table in (("capex", self.capex), ("opex_per_year", self.opex_per_year)):
            missing = sorted(bands - set(table))
            if missing:
                raise ValueError(f"{name} needs a range for every size band; missing {missing}")
        return self


class Phase(Frozen):
    number: int = Field(ge=1)
    name: str
    start_month: int = Field(ge=0)
    end_month: int = Field(gt=0)


class ActionDefinition(Frozen):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*-\d{2,}$")
    title: str = Field(min_length=1)
    dimensions: list[str] = Field(min_length=1)
    trigger: Trigger
    helps_reach_level: int = Field(ge=2, le=5)
    owners: list[str] = Field(min_length=1)
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


class ActionLibrary(Frozen):
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
    depends_on: list[str]
    effort: Effort
    quick_win: bool = Field(description="low effort, at most 3 months, done within month 6")
    compliance: bool
    priority: float
    reason: str
    urgent: bool = Field(description="fulfils, or prepares, a legal duty in force and not met")
    prerequisites_in_place: list[InPlace] = Field(
        description="library prerequisites not in the plan because the answers show them in place"
    )
    best_practices: list[str]
    pitfalls: list[str]
    capex: Range
    opex_per_year: Range
    cost_assumption: str


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
    focus: list[str] = Field(description="names of the dimensions most of its actions serve")


class PhaseCost(Frozen):
    phase: int
    capex: Range
    opex_per_year: Range = Field(description="yearly running cost of the actions it starts")


class ScorecardRow(Frozen):
    action_id: str
    kpi: str
    owner: str
    target: str
    measure: str
    due_month: int = Field(description="the planned end of the action that delivers it")
    due_date: dt.date
    baseline: str | None


class Roadmap(Frozen):
    horizon_months: int
    phases: list[PlannedPhase]
    actions: list[PlannedAction]
    deferred: list[DeferredAction]
    currency: str
    phase_costs: list[PhaseCost]
    total_capex: Range
    total_opex_per_year: Range
    cost_assumptions: list[str]
    scorecard: list[ScorecardRow]
    regulation: str | None = Field(description="how the regulation is cited on this date")
    obligations: list[ObligationStatus]
    tailoring: list[str] = Field(description="how the profile shaped the plan")
