"""A rate card (rate-card.yaml): the prices and rates behind the plan's costs.

The questionnaire folder may ship one with the library's default prices; an engagement's own
rate-card.yaml is laid over it key by key. Every price here is an editable assumption."""

from __future__ import annotations

from pydantic import Field, field_validator

from assessment.model.base import Frozen
from assessment.model.roadmap import Range

MAX_STAFF = 10_000_000
MAX_FTE = 1_000.0
OTHER_REGION = "other"


class ActionCostOverride(Frozen):
    """A quote for one action, in the plan's currency; it replaces the library's figure."""

    capex: Range | None = None
    opex_per_year: Range | None = None
    assumption: str = Field(min_length=1)


class SizeScaling(Frozen):
    """Library figures are for `reference_staff`; other sizes scale them by
    (staff / reference_staff) ** exponent: smooth, with no jumps between sizes."""

    reference_staff: int = Field(default=1_000, gt=0, le=MAX_STAFF)
    exponent: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False)


class PerPersonPrice(Frozen):
    """Replaces the price or the share of staff of a library per-person cost, by its id."""

    price: Range | None = None
    share: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False)


class Seats(Frozen):
    """Assistant seat licences: seats = staff x share, each at a price per month."""

    share: float = Field(ge=0, le=1, allow_inf_nan=False, description="share of staff")
    price_per_month: Range = Field(description="per seat, in the library's currency")
    from_month: int = Field(ge=0, le=600, description="plan month the seats are bought")


class Usage(Frozen):
    """Model and API usage: active users = staff x share, each costing a price per month."""

    share: float = Field(ge=0, le=1, allow_inf_nan=False, description="share of staff")
    price_per_user_month: Range = Field(description="usage per active user, library currency")
    from_month: int = Field(ge=0, le=600, description="plan month the usage starts")


class Role(Frozen):
    """A programme role: full-time equivalents in each phase at a loaded yearly cost."""

    label: str = Field(min_length=1)
    yearly_cost: dict[str, Range] = Field(
        description="loaded cost per FTE and year by region; 'other' for any region not listed"
    )
    fte_by_phase: list[float] = Field(description="FTE in phase 1, 2, ... of the plan")

    @field_validator("yearly_cost")
    @classmethod
    def _has_fallback(cls, value: dict[str, Range]) -> dict[str, Range]:
        if OTHER_REGION not in value:
            raise ValueError(f"give a rate for '{OTHER_REGION}' (regions not listed)")
        return value

    @field_validator("fte_by_phase")
    @classmethod
    def _sensible_fte(cls, value: list[float]) -> list[float]:
        for fte in value:
            if not 0 <= fte <= MAX_FTE:  # also false for NaN
                raise ValueError(f"each FTE must be between 0 and {MAX_FTE:g}, not {fte}")
        return value

    def rate_for(self, region: str) -> tuple[str, Range]:
        """The region's rate (matched ignoring case), or the 'other' rate."""
        wanted = region.strip().casefold()
        for name, rate in self.yearly_cost.items():
            if name.casefold() == wanted:
                return name, rate
        return OTHER_REGION, self.yearly_cost[OTHER_REGION]


class Programme(Frozen):
    seats: Seats | None = None
    usage: Usage | None = None
    roles: dict[str, Role] = Field(default_factory=dict)


class RateCard(Frozen):
    """Prices are in the action library's currency; `exchange_rate` converts them to the
    engagement's currency and `multiplier` scales the library's action estimates (local day
    rates, say). Action overrides are quotes already in the engagement's currency."""

    exchange_rate: float = Field(default=1.0, gt=0, le=1e6, allow_inf_nan=False)
    multiplier: float = Field(default=1.0, gt=0, le=100, allow_inf_nan=False)
    note: str = ""
    size_scaling: SizeScaling = Field(default_factory=SizeScaling)
    prices: dict[str, PerPersonPrice] = Field(
        default_factory=dict, description="per-person price overrides by their id"
    )
    programme: Programme = Field(default_factory=Programme)
    actions: dict[str, ActionCostOverride] = Field(default_factory=dict)
    hourly_rate: Range | None = Field(
        default=None,
        description="loaded cost of an hour of staff time, library currency: prices the hours "
        "a use case saves",
    )
