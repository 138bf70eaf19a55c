"""How an organisation's profile shapes the plan: the regulated industries, read from a
questionnaire's tailoring.yaml."""

from __future__ import annotations

from pydantic import Field, field_validator

from assessment.model.base import Frozen


class Tailoring(Frozen):
    """tailoring.yaml as written. An empty list: nothing is regulated."""

    regulated_industries: list[str] = Field(
        default_factory=list,
        description="industries (any case) whose compliance actions start a phase earlier",
    )

    @field_validator("regulated_industries")
    @classmethod
    def _named(cls, value: list[str]) -> list[str]:
        if any(not v.strip() for v in value):
            raise ValueError("an industry must not be blank")
        return value

    def is_regulated(self, industry: str) -> bool:
        wanted = industry.strip().lower()
        return any(wanted == i.strip().lower() for i in self.regulated_industries)
