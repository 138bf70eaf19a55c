"""The engagement profile: who is assessed, against what ambition, and how to brand the report."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Frozen
from assessment.model.obligations import AiActRole

TargetLevel = Annotated[int, Field(ge=1, le=5)]
MAX_NAME_LENGTH = 200
MAX_STAFF = 10_000_000  # the rate card's size scaling has the same ceiling
MAX_BUDGET = 1e12
# Assessment dates outside this range are typing mistakes; the plan's months after them must
# still be calendar dates.
EARLIEST_DATE, LATEST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Organisation(Frozen):
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    industry: str = Field(min_length=1)
    employees: int = Field(gt=0, le=MAX_STAFF)
    region: str = Field(min_length=1, description="e.g. EU, UK, North America")
    country: str = ""
    ai_act_role: AiActRole = Field(
        default="deployer",
        description=(
            "the organisation's role under the EU AI Act, which decides the duties that bind it: "
            "'deployer' uses AI systems others build (bought, or through an API); 'provider' "
            "also builds AI systems or puts its name on them; 'gpai_model_provider' also trains "
            "or releases general-purpose AI models"
        ),
    )


class BusinessUnit(Frozen):
    id: str
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    headcount: int | None = Field(default=None, gt=0, le=MAX_STAFF)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("use lower-case letters, digits, '-' or '_' (e.g. 'claims')")
        return value


class QuestionnaireRef(Frozen):
    """Which questionnaire the engagement uses: a bundled id, or a folder inside the engagement."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    version: str | None = None
    path: str | None = None


class ReportSettings(Frozen):
    paper: Literal["A4", "Letter"] = "A4"
    accent_colour: str = "#1F4E79"
    logo: str | None = None
    confidentiality: str = "Confidential: prepared for the named organisation only."
    prepared_by: str = ""
    date_style: Literal["dmy", "mdy", "iso"] = Field(
        default="dmy", description="dmy: 16 November 2026; mdy: November 16, 2026; iso"
    )
    min_group_size: int = Field(
        default=3, ge=1, description="groups with fewer respondents are not shown separately"
    )

    @field_validator("accent_colour")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX_COLOUR.match(value):
            raise ValueError("must be a colour like '#1F4E79'")
        return value.upper()


Consensus = Literal["mean", "median", "weakest_link"]


class Scoring(Frozen):
    """How respondents' views combine: `mean` or `median` within each business unit and across
    units; `weakest_link` takes the mean within a unit and the lowest unit for the organisation."""

    consensus: Consensus = "mean"


class Planning(Frozen):
    max_parallel_actions: int = Field(default=6, ge=1, le=50)
    budget_cap_per_phase: float | None = Field(
        default=None,
        gt=0,
        le=MAX_BUDGET,
        allow_inf_nan=False,
        description="most CAPEX (high estimate) that may start in one phase",
    )


class Profile(Frozen):
    """The contents of an engagement's assessment.yaml."""

    organisation: Organisation
    assessment_date: dt.date
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    questionnaire: QuestionnaireRef
    ambition: str = "balanced"
    targets: dict[str, TargetLevel] = Field(default_factory=dict)
    unit_targets: dict[str, dict[str, TargetLevel]] = Field(
        default_factory=dict, description="per business unit: dimension -> target level"
    )
    business_units: list[BusinessUnit] = Field(min_length=1)
    business_units_fixed: bool = Field(
        default=False,
        description="refuse answers from units not listed (else they are added with a notice)",
    )
    report: ReportSettings = ReportSettings()
    planning: Planning = Planning()
    scoring: Scoring = Scoring()
    previous_results: str | None = Field(
        default=None, description="results.json of an earlier assessment, inside the folder"
    )

    @field_validator("assessment_date")
    @classmethod
    def _sane_date(cls, value: dt.date) -> dt.date:
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValueError(
                f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"
            )
        return value

    @model_validator(mode="after")
    def _unique_units(self) -> Profile:
        ids = [u.id for u in self.business_units]
        dups = sorted({i for i in ids if ids.count(i) > 1})
        if dups:
            raise ValueError(f"duplicate business unit ids: {', '.join(dups)}")
        unknown = sorted(set(self.unit_targets) - set(ids))
        if unknown:
            raise ValueError(f"unit_targets names unknown business units: {', '.join(unknown)}")
        return self
