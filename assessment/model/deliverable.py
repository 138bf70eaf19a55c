"""The consultant's layer over the computed results, written by hand in the engagement folder:
document control, the firm's theme and score overrides (`deliverable.yaml`), and commentary
(Markdown files under `commentary/`). Renderers show it; only overrides change a judgment, and
they do so in scoring, never in a renderer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Authored, Frozen

_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

DocumentStatus = Literal["draft", "final"]


class Person(Authored):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=200)
    organisation: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=60)


class SignOff(Authored):
    """Who signs the deliverable; signed once `signed_on` is set."""

    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=200)
    organisation: str = Field(default="", max_length=200)
    signed_on: dt.date | None = None


class DocumentControl(Authored):
    firm: str = Field(default="", max_length=200, description="the consulting firm's name")
    title: str = Field(default="", max_length=200, description="default: the edition's own title")
    version: str = Field(default="0.1", min_length=1, max_length=40)
    status: DocumentStatus = Field(
        default="draft", description="'draft' prints a visible Draft mark on every page"
    )
    authors: list[Person] = Field(default_factory=list)
    distribution: list[Person] = Field(default_factory=list)
    sign_off: list[SignOff] = Field(default_factory=list)
    contact: Person | None = None

    @model_validator(mode="after")
    def _final_is_signed(self) -> DocumentControl:
        unsigned = [s.name for s in self.sign_off if s.signed_on is None]
        if self.status == "final" and unsigned:
            raise ValueError(
                "a final document must be signed by everyone in sign_off; not yet signed: "
                + ", ".join(unsigned)
            )
        return self


class Colours(Authored):
    primary: str = Field(default="#1F4E79", description="headings, cover band, chart series")
    secondary: str = Field(default="#5B7F95", description="second chart series, rules")
    accent: str = Field(default="#C0504D", description="highlights: overdue, gaps")
    text: str = Field(default="#1A1A1A")

    @field_validator("primary", "secondary", "accent", "text")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX_COLOUR.match(value):
            raise ValueError("must be a colour like '#1F4E79'")
        return value.upper()


class Fonts(Authored):
    """Each is a bundled font's name ('Inter') or a .ttf/.otf file inside the engagement folder."""

    heading: str = Field(default="Inter", min_length=1, max_length=300)
    body: str = Field(default="Inter", min_length=1, max_length=300)


class Theme(Authored):
    """The firm's look, for the PDF, the deck and the workbook alike. Paths are relative to the
    engagement folder and must stay inside it. Without a primary colour or a logo, the profile's
    older `report.accent_colour` and `report.logo` (the client's) stand in (see `with_fallback`)."""

    logo: str | None = Field(default=None, description="the firm's logo: PNG, JPEG or SVG")
    client_logo: str | None = Field(default=None, description="the client's logo, co-branding")
    colours: Colours = Colours()
    fonts: Fonts = Fonts()
    cover_image: str | None = Field(default=None, description="PNG or JPEG for the cover band")
    disclaimer: str = Field(default="", max_length=4000)

    def with_fallback(self, accent_colour: str, logo: str | None) -> Theme:
        """This theme, with the profile's accent colour and logo where it sets none of its own.
        The profile's logo is the client organisation's, so it stands in for `client_logo`."""
        update: dict[str, object] = {}
        if "primary" not in self.colours.model_fields_set:
            update["colours"] = self.colours.model_copy(update={"primary": accent_colour.upper()})
        if self.client_logo is None and logo:
            update["client_logo"] = logo
        return self.model_copy(update=update) if update else self


class ScoreOverride(Authored):
    """A consultant's adjusted score for a dimension (organisation-wide, or one unit's). The
    adjusted value drives levels, gaps, the plan and verdicts; the computed one stays beside it."""

    dimension: str = Field(min_length=1)
    unit: str | None = Field(default=None, description="a business unit id; none: organisation")
    score: float = Field(ge=1.0, le=5.0, description="the adjusted score, 1-5")
    rationale: str = Field(min_length=10, max_length=2000)
    author: str = Field(min_length=1, max_length=200)
    date: dt.date


class DeliverableFile(Authored):
    """The contents of an engagement's deliverable.yaml."""

    document: DocumentControl = DocumentControl()
    theme: Theme = Theme()
    overrides: list[ScoreOverride] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_override_each(self) -> DeliverableFile:
        keys = [(o.dimension, o.unit) for o in self.overrides]
        twice = sorted({f"{d}/{u or 'organisation'}" for d, u in keys if keys.count((d, u)) > 1})
        if twice:
            raise ValueError("more than one override for " + ", ".join(twice))
        return self


class Commentary(Frozen):
    """The consultant's Markdown, by place. Untrusted for rendering: raw HTML is off and links
    are shown, not followed."""

    key_messages: str = ""
    recommendations: str = ""
    dimensions: dict[str, str] = Field(default_factory=dict, description="dimension id -> text")
    units: dict[str, str] = Field(default_factory=dict, description="unit id -> text")
    sections: dict[str, str] = Field(
        default_factory=dict,
        description="section id (summary, dimensions, units, roadmap, costs, compliance, "
        "methodology) -> text shown at the start of that section",
    )


class ConsultantLayer(Frozen):
    """Everything the consultant adds, loaded and checked: what renderers receive beside the
    results."""

    document: DocumentControl = DocumentControl()
    theme: Theme = Theme()
    commentary: Commentary = Commentary()
    overrides: list[ScoreOverride] = Field(default_factory=list)
