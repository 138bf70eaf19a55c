"""The consultant's layer as the templates show it: document control, sign-off, contact, the
commentary as safe HTML by place, and the theme. Formats what the consultant wrote; decides
nothing."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from assessment.common.bundled import bundled_dir
from assessment.common.formatting import long_date
from assessment.model.deliverable import ConsultantLayer, Person
from assessment.report.logo import logo_data_uri
from assessment.report.markdown import markdown_html
from assessment.report.theme import theme_css


@dataclass(frozen=True)
class PersonView:
    name: str
    role: str
    organisation: str
    email: str
    phone: str


@dataclass(frozen=True)
class SignOffView:
    name: str
    role: str
    organisation: str
    signed_on: str  # the date as text; empty: not yet signed, a line to sign on


@dataclass(frozen=True)
class UnitNote:
    unit: str  # the unit's name
    html: Markup


@dataclass(frozen=True)
class ConsultantView:
    draft: bool  # prints the Draft mark on every page
    draft_mark_uri: str  # the mark, an SVG of outlines, as a data: URL
    firm: str
    title: str
    version: str
    status: str  # "Draft" or "Final"
    version_date: str  # the assessment date
    authors: list[PersonView]
    distribution: list[PersonView]
    sign_off: list[SignOffView]
    contact: PersonView | None
    disclaimer: str
    key_messages: Markup  # empty markup: none written
    recommendations: Markup
    sections: dict[str, Markup]  # section id -> note shown at the section's start
    dimension_notes: dict[str, Markup]  # dimension id -> note on its page
    unit_notes: list[UnitNote]  # in the results' order of units
    theme_css: Markup
    logo_uri: str | None
    client_logo_uri: str | None
    cover_image_uri: str | None


@cache
def _draft_mark_uri() -> str:
    data = (bundled_dir("report_templates") / "draft-mark.svg").read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _person(p: Person) -> PersonView:
    return PersonView(p.name, p.role, p.organisation, p.email, p.phone)


def consultant_view(
    layer: ConsultantLayer,
    folder: Path | None,
    title: str,
    assessment_date_text: str,
    units: list[tuple[str, str]],
    date_style: str = "dmy",
    scope: str | None = None,
) -> ConsultantView:
    """`folder` holds the theme's files (None: no images or own fonts); `title` is the
    edition's own, used when the document sets none; `units` are (id, name) as reported;
    `scope` is the business unit a per-unit edition is about, kept in any title."""
    doc, theme, notes = layer.document, layer.theme, layer.commentary

    def image(name: str | None) -> str | None:
        return logo_data_uri(folder, name) if folder is not None else None

    return ConsultantView(
        draft=doc.status != "final",
        draft_mark_uri=_draft_mark_uri(),
        firm=doc.firm,
        title=(f"{doc.title}: {scope}" if scope else doc.title) if doc.title else title,
        version=doc.version,
        status=doc.status.capitalize(),
        version_date=assessment_date_text,
        authors=[_person(p) for p in doc.authors],
        distribution=[_person(p) for p in doc.distribution],
        sign_off=[
            SignOffView(
                s.name,
                s.role,
                s.organisation,
                long_date(s.signed_on, date_style) if s.signed_on else "",
            )
            for s in doc.sign_off
        ],
        contact=_person(doc.contact) if doc.contact else None,
        disclaimer=theme.disclaimer,
        key_messages=markdown_html(notes.key_messages),
        recommendations=markdown_html(notes.recommendations),
        sections={k: markdown_html(v) for k, v in notes.sections.items()},
        dimension_notes={k: markdown_html(v) for k, v in notes.dimensions.items()},
        unit_notes=[
            UnitNote(name, markdown_html(notes.units[uid]))
            for uid, name in units
            if uid in notes.units
        ],
        theme_css=theme_css(theme, folder),
        logo_uri=image(theme.logo),
        client_logo_uri=image(theme.client_logo),
        cover_image_uri=image(theme.cover_image),
    )
