"""Legal obligations as data (dates as amended, whom they bind, the answers that evidence them)
and the status each one has for an organisation on its assessment date."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from assessment.model.base import Frozen

# Whom a duty binds. A provider builds an AI system or puts its name on it; a deployer uses one
# under its authority (bought, or through an API); a provider of a general-purpose AI model
# trains or releases such a model.
Addressee = Literal["provider", "deployer", "gpai_model_provider"]
AiActRole = Literal["deployer", "provider", "gpai_model_provider"]

# The roles an organisation holds for each declared role: a provider also uses AI systems, and a
# model provider also builds systems on its models.
ROLES_HELD: dict[AiActRole, frozenset[Addressee]] = {
    "deployer": frozenset({"deployer"}),
    "provider": frozenset({"deployer", "provider"}),
    "gpai_model_provider": frozenset({"deployer", "provider", "gpai_model_provider"}),
}

ADDRESSEE_TEXT: dict[Addressee, str] = {
    "provider": "providers of AI systems",
    "deployer": "deployers of AI systems",
    "gpai_model_provider": "providers of general-purpose AI models",
}

ObligationState = Literal["not_applicable", "applies_from", "met", "not_evidenced", "overdue"]


class Amendment(Frozen):
    """A later act that moves dates: assessments dated on or after `effective` plan against it."""

    name: str = Field(min_length=1)
    effective: dt.date
    citation: str = Field(min_length=1, description="how to cite the regulation as amended")


# What a provider-role use case can bring: an Art. 50 paragraph binding providers, or the
# high-risk providers' requirements.
ProviderDuty = Literal["50(1)", "50(2)", "high_risk"]


class Obligation(Frozen):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]*$")
    title: str = Field(min_length=1)
    duty: str = Field(min_length=1, description="what the organisation must do, in plain words")
    reference: str = Field(min_length=1, description="e.g. EU AI Act Art. 26")
    regions: list[str] = Field(min_length=1)
    binds: list[Addressee] = Field(min_length=1)
    applies_from: dt.date | None = Field(
        default=None, description="date under the original text; None if only the amendment adds it"
    )
    amended_from: dt.date | None = Field(
        default=None, description="date under the amendment, when it moves or adds the duty"
    )
    applies_if: str | None = Field(
        default=None,
        description="the systems the duty depends on ('you deploy ...'); None: always applies",
    )
    evidence: dict[str, float] = Field(
        default_factory=dict,
        description="question id -> lowest organisation score (1-5) that counts as met",
    )
    brought_by: ProviderDuty | None = Field(
        default=None,
        description="which use-case duty binds the organisation to this providers' duty when "
        "a use case makes it the provider of a system: an Art. 50 paragraph its archetype "
        "carries, or high_risk for a high-risk system; None: no use case brings it",
    )
    actions: list[str] = Field(default_factory=list, description="actions that fulfil it")

    @model_validator(mode="after")
    def _dated(self) -> Obligation:
        if self.applies_from is None and self.amended_from is None:
            raise ValueError("give applies_from, amended_from or both")
        for qid, level in self.evidence.items():
            if not 1 <= level <= 5:
                raise ValueError(f"evidence level for {qid} must be between 1 and 5")
        return self

    def date_for(self, amended: bool) -> dt.date | None:
        """The date the duty applies from under the text in force (`amended` or not); None
        when that text does not contain it."""
        if amended:
            return self.amended_from or self.applies_from
        return self.applies_from


class ObligationSet(Frozen):
    regulation: str = Field(min_length=1, description="how to cite the original regulation")
    amendment: Amendment | None = None
    obligations: list[Obligation] = Field(default_factory=list)

    def amended_on(self, assessment_date: dt.date) -> bool:
        """Whether an assessment on this date plans against the amended text."""
        return self.amendment is not None and assessment_date >= self.amendment.effective

    def citation_on(self, assessment_date: dt.date) -> str:
        """How to cite the regulation as it stands on the assessment date."""
        if self.amendment is not None and self.amended_on(assessment_date):
            return self.amendment.citation
        return self.regulation


class EvidenceCheck(Frozen):
    question_id: str
    needed: float = Field(description="lowest organisation score that counts as met")
    score: float | None = Field(description="the organisation's score; None if unanswered")
    met: bool | None = Field(description="None when nobody answered")


class ObligationStatus(Frozen):
    """One obligation for this organisation on the assessment date, and what the plan does."""

    id: str
    title: str
    duty: str
    reference: str
    binds: list[Addressee]
    date: dt.date | None = Field(description="the date it applies from, as amended where in force")
    status: ObligationState
    status_label: str = Field(description="the status in a few words, as every output shows it")
    applies_if: str | None
    evidence: list[EvidenceCheck]
    actions: list[str] = Field(description="planned actions that fulfil it")
    done_by: dt.date | None = Field(description="when the last of those actions ends")
    late: list[str] = Field(description="planned actions that end after the date")
    deferred: list[str] = Field(description="actions that fulfil it but are not in the plan")
    on_time: bool | None = Field(
        description="for a duty that applies later: whether the plan meets it by its date"
    )
    summary: str = Field(description="the status in one sentence, dates in the engagement's style")
    plan_text: str = Field(description="what the plan does about it, in one sentence")
