"""Use cases (engagement data), the archetypes they instantiate (library data) and the verdict
each one gets: go, go with conditions, not yet or never."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from assessment.model.base import Authored, Frozen
from assessment.model.roadmap import Range

RiskTier = Literal["minimal", "limited", "high", "prohibited"]
# The tiers a use case can be carried out in; a prohibited practice has no minimum levels.
PermittedTier = Literal["minimal", "limited", "high"]
PERMITTED_TIERS: tuple[PermittedTier, ...] = ("minimal", "limited", "high")
SystemRole = Literal["deployer", "provider"]
PersonalData = Literal["none", "personal", "special_category"]
Verdict = Literal["go", "go_with_conditions", "not_yet", "never"]
# Art. 50 paragraphs and whom each binds (the fact sheet): (1) and (2) providers, (3) and (4)
# deployers.
TransparencyDuty = Literal["50(1)", "50(2)", "50(3)", "50(4)"]
ANNEX_III_POINTS = ("1", "2", "3", "4", "5(b)", "5(c)", "6", "7", "8")
ARTICLE_5_POINTS = ("a", "b", "c", "d", "e", "f", "g", "h")


class Requirement(Authored):
    """A dimension, or one capability of it, that must reach a level for the use case to run;
    the level depends on the risk tier it runs in."""

    dimension: str = Field(min_length=1)
    capability: str | None = Field(default=None, description="a capability of the dimension")
    min_level: dict[PermittedTier, int] = Field(
        description="lowest maturity level (1-5) needed in each tier: minimal, limited, high"
    )
    closed_by: list[str] = Field(
        min_length=1, description="ids of the actions that raise it: they unblock the use case"
    )

    @model_validator(mode="after")
    def _every_tier(self) -> Requirement:
        missing = [t for t in PERMITTED_TIERS if t not in self.min_level]
        if missing:
            raise ValueError(f"give a minimum level for every tier (missing {', '.join(missing)})")
        if any(not 1 <= v <= 5 for v in self.min_level.values()):
            raise ValueError("minimum levels must be between 1 and 5")
        return self


class Archetype(Authored):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    risk_tier: RiskTier = Field(description="its typical EU AI Act risk tier")
    annex_iii: str | None = Field(default=None, description="Annex III point, for high risk")
    article_5: str | None = Field(default=None, description="Art. 5(1) point, when prohibited")
    transparency: list[TransparencyDuty] = Field(
        default_factory=list, description="Art. 50 paragraphs the system falls under"
    )
    role: SystemRole = Field(description="the role it typically puts the organisation in")
    personal_data: PersonalData
    dpia: bool = Field(description="its processing needs a GDPR Art. 35 DPIA")
    requires: list[Requirement] = Field(default_factory=list)

    @property
    def unblocked_by(self) -> list[str]:
        """The actions that unblock it: those closing any of its requirements."""
        return list(dict.fromkeys(aid for req in self.requires for aid in req.closed_by))

    @model_validator(mode="after")
    def _legal_basis(self) -> Archetype:
        if self.annex_iii is not None and self.annex_iii not in ANNEX_III_POINTS:
            raise ValueError(f"annex_iii must be one of {', '.join(ANNEX_III_POINTS)}")
        if self.article_5 is not None and self.article_5 not in ARTICLE_5_POINTS:
            raise ValueError(f"article_5 must be one of {', '.join(ARTICLE_5_POINTS)}")
        if self.risk_tier == "prohibited" and self.article_5 is None:
            raise ValueError("a prohibited practice names its Art. 5(1) point (article_5)")
        if self.risk_tier == "high" and self.annex_iii is None:
            raise ValueError("a high-risk archetype names its Annex III point (annex_iii)")
        if self.dpia and self.personal_data == "none":
            raise ValueError("a DPIA (dpia: true) is for processing of personal data")
        if self.risk_tier != "prohibited" and not self.requires:
            raise ValueError("list the dimensions or capabilities it requires")
        return self


class VerdictPolicy(Authored):
    """The two thresholds of 'go with conditions', and how much the value of use cases still
    waiting raises the priority of the actions that unblock them (docs/methodology.md)."""

    conditions_max_gap: float = Field(
        ge=0,
        le=4,
        allow_inf_nan=False,
        description="largest blocking gap (points on the 1-5 scale) still allowed",
    )
    conditions_start_within_months: int = Field(
        ge=1, le=600, description="every closing action starts before this plan month"
    )
    # Without these two lines in the library, use cases raise no priority.
    priority_gain_per_million: float = Field(
        default=0.0,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="priority points an action gains per million (plan currency) of the yearly "
        "value, low ends summed, of the use cases it unblocks",
    )
    priority_gain_cap: float = Field(
        default=0.0,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="the most priority points one action can gain from use cases",
    )


class ArchetypeLibrary(Authored):
    policy: VerdictPolicy
    archetypes: list[Archetype] = Field(min_length=1)


class UseCaseValue(Authored):
    """A yearly value range: money in the engagement's currency, or hours saved priced at the
    rate card's hourly rate. Exactly one of the two."""

    money_per_year: Range | None = None
    hours_per_year: Range | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> UseCaseValue:
        if (self.money_per_year is None) == (self.hours_per_year is None):
            raise ValueError("give either money_per_year or hours_per_year, not both or neither")
        return self


class UseCaseOverrides(Authored):
    """What this use case does differently from its archetype, and why."""

    risk_tier: RiskTier | None = None
    role: SystemRole | None = None
    personal_data: PersonalData | None = None
    rationale: str = Field(min_length=1)


class UseCase(Authored):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: str = Field(min_length=1)
    owning_unit: str = Field(min_length=1, description="a business unit id of assessment.yaml")
    description: str = Field(min_length=1)
    value: UseCaseValue
    archetype: str = Field(min_length=1)
    overrides: UseCaseOverrides | None = None


class UseCasesFile(Authored):
    use_cases: list[UseCase] = Field(default_factory=list)


class BlockingGap(Frozen):
    dimension_id: str
    capability: str | None
    needed_level: int
    level: int | None = Field(description="the level now, read from the score as shown")
    gap: float | None = Field(
        description="points from the score as shown to the needed level's lowest score; None "
        "when nothing was answered"
    )
    closing_actions: list[str] = Field(description="unblocking actions serving this dimension")


class UseCaseVerdict(Frozen):
    """One use case judged against the measured readiness and the plan."""

    id: str
    name: str
    owning_unit: str
    archetype: str
    risk_tier: RiskTier
    role: SystemRole = Field(description="the organisation's AI Act role for this system")
    personal_data: PersonalData
    dpia: bool
    duties: list[str] = Field(description="the legal duties that follow, in plain words")
    value_per_year: Range = Field(description="in the plan's currency")
    value_basis: str = Field(description="how the value was estimated")
    verdict: Verdict
    reason: str = Field(description="the verdict in one sentence")
    blocking: list[BlockingGap]
    conditions: list[str] = Field(description="go with conditions: what must happen, and when")
    closing_actions: list[str] = Field(description="roadmap actions that close the gaps")
    possible_from_month: int | None = Field(
        description="not yet: the end month of the last closing action; None when never, "
        "already possible, or not within the plan"
    )
    within_plan: bool = Field(description="false when a closing action is deferred or missing")
    override_rationale: str | None = None
    possible_from_date: dt.date | None = Field(
        default=None, description="the calendar date of possible_from_month"
    )
    feasibility: float | None = Field(
        default=None,
        description="0-1: how far the scores it depends on reach its needed levels, on "
        "average (docs/methodology.md); None for a prohibited practice",
    )
    feasibility_interval: tuple[float, float] | None = Field(
        default=None, description="feasibility at the low and high ends of the 95% intervals"
    )


class ActionStake(Frozen):
    """A closing action and the not-yet use cases that wait for it."""

    action_id: str
    title: str
    use_cases: list[str] = Field(description="ids of the not-yet use cases it helps unblock")
    value_per_year: Range = Field(description="the sum of their value ranges")
    planned: bool = Field(description="false when the action is deferred or not planned")


class UseCasePortfolio(Frozen):
    """The use cases side by side: where the value-feasibility matrix divides, and the value
    that waits for each blocking action."""

    value_split: float = Field(description="the median of the plotted use cases' value midpoints")
    feasibility_split: float = Field(description="the policy's line between low and high")
    value_at_stake: Range = Field(description="the not-yet use cases' value ranges, summed")
    stakes: list[ActionStake] = Field(description="largest value first")
    policy: VerdictPolicy | None = Field(
        default=None, description="the verdict thresholds and the priority gain, as applied"
    )
