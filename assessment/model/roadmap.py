"""The action library (data) and the roadmap the planner builds from it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Frozen

Effort = Literal["low", "medium", "high"]


class Kpi(Frozen):
    name: str = Field(min_length=1)
    target: str = Field(min_length=1)
    measure: str = Field(min_length=1, description="how the KPI is measured")


class Trigger(Frozen):
    """An action is triggered when its dimension is below this level and below target."""

    dimension: str
    below_level: int = Field(ge=2, le=5)


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

    @model_validator(mode="after")
    def _trigger_in_dimensions(self) -> ActionDefinition:
        if self.trigger.dimension not in self.dimensions:
            raise ValueError("the trigger's dimension must be one of the action's dimensions")
        if self.id in self.depends_on:
            raise ValueError("an action cannot depend on itself")
        return self


class ActionLibrary(Frozen):
    phases: list[Phase] = Field(min_length=1)
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
    quick_win: bool
    priority: float
    reason: str
    best_practices: list[str]
    pitfalls: list[str]


class DeferredAction(Frozen):
    id: str
    title: str
    reason: str


class Roadmap(Frozen):
    horizon_months: int
    phases: list[Phase]
    actions: list[PlannedAction]
    deferred: list[DeferredAction]
