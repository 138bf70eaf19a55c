"""How an organisation's profile shapes the plan and its description: regulated industries and
size bands, read from a questionnaire's tailoring.yaml."""

from __future__ import annotations

from pydantic import Field, field_validator

from assessment.model.base import Frozen


class SizeBand(Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    up_to: int | None = Field(
        default=None, gt=0, description="most staff in the band; left out for the last band"
    )
    label: str = Field(min_length=1, description="how the report describes the size")


class Tailoring(Frozen):
    """tailoring.yaml as written. Empty lists: nothing is regulated, sizes are not banded."""

    regulated_industries: list[str] = Field(
        default_factory=list,
        description="industries (any case) whose compliance actions start a phase earlier",
    )
    size_bands: list[SizeBand] = Field(
        default_factory=list, description="from the smallest up; the last one has no up_to"
    )

    @field_validator("regulated_industries")
    @classmethod
    def _named(cls, value: list[str]) -> list[str]:
        if any(not v.strip() for v in value):
            raise ValueError("an industry must not be blank")
        return value

    @field_validator("size_bands")
    @classmethod
    def _bands_cover_every_size(cls, value: list[SizeBand]) -> list[SizeBand]:
        if not value:
            return value
        if value[-1].up_to is not None or any(b.up_to is None for b in value[:-1]):
            raise ValueError("every band but the last needs up_to, and the last has none")
        bounds = [b.up_to for b in value[:-1] if b.up_to is not None]
        if bounds != sorted(bounds) or len(set(bounds)) != len(bounds):
            raise ValueError("bands must be listed by increasing up_to")
        ids = [b.id for b in value]
        dups = sorted({i for i in ids if ids.count(i) > 1})
        if dups:
            raise ValueError(f"duplicate size band ids: {', '.join(dups)}")
        return value

    def is_regulated(self, industry: str) -> bool:
        wanted = industry.strip().lower()
        return any(wanted == i.strip().lower() for i in self.regulated_industries)

    def size_band(self, employees: int) -> SizeBand | None:
        """The band `employees` falls in; None when the file defines no bands."""
        for band in self.size_bands:
            if band.up_to is None or employees <= band.up_to:
                return band
        return None
