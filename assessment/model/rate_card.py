"""An engagement's rate card (rate-card.yaml): how library cost figures become its own."""

from __future__ import annotations

from pydantic import Field

from assessment.model.base import Frozen
from assessment.model.roadmap import Range


class ActionCostOverride(Frozen):
    capex: Range | None = None
    opex_per_year: Range | None = None
    assumption: str = Field(min_length=1)


class RateCard(Frozen):
    """Figures in the action library are in its currency; `exchange_rate` converts them to the
    engagement's currency and `multiplier` scales them (local day rates, say). Overrides are
    already in the engagement's currency."""

    exchange_rate: float = Field(default=1.0, gt=0)
    multiplier: float = Field(default=1.0, gt=0)
    note: str = ""
    actions: dict[str, ActionCostOverride] = Field(default_factory=dict)
