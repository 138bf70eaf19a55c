"""The respondent's form, one page for two modes. Offline (`readiness collect --format html`):
one self-contained HTML file with its script and style inline, pinned by hash in its CSP, that
keeps answers in the browser and saves them as a JSON file. Web: the same page for the web app,
which serves the script and style as files (form_script, form_style) and the saved answers."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from assessment.collect.form_branding import FormBranding
from assessment.collect.form_data import form_data, script_safe_json
from assessment.common.bundled import bundled_dir
from assessment.common.contrast import readable_on_white
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

FORM_LOGIC, FORM_SCRIPT, FORM_STYLE = "logic.js", "form.js", "form.css"
FormState = Literal["draft", "submitted", "closed"]


@dataclass(frozen=True)
class WebForm:
    """What the web app tells the page: where its files and endpoints are, and the respondent's
    saved answers (raw, as in the offline file) to resume from."""

    script_url: str
    style_url: str
    save_url: str
    submit_url: str
    csrf_token: str
    anonymous: bool
    editable_after_submit: bool
    state: FormState
    answers: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    revision: int = 0
    resume_url: str | None = None  # anonymous drafts: the link that reopens this draft

    def __post_init__(self) -> None:
        if self.state not in ("draft", "submitted", "closed"):
            raise ValueError(f"state must be draft, submitted or closed, not {self.state!r}")


@cache  # bundled files: read once per process
def _template_file(name: str) -> str:
    return (bundled_dir("report_templates") / "form" / name).read_text(encoding="utf-8")


def form_logic() -> str:
    """The form's answer and condition logic, the script a test checks against the scorer."""
    return _template_file(FORM_LOGIC)


def form_script() -> str:
    """The page's one script, as the web app serves it and as the offline page inlines it:
    the logic, then the code that builds the page from the data block."""
    return form_logic() + _template_file(FORM_SCRIPT)


def form_style() -> str:
    """The page's one stylesheet, as the web app serves it and as the offline page inlines it."""
    return _template_file(FORM_STYLE)


def csp_hash(source: str) -> str:
    """The Content-Security-Policy source that lets this inline script or style, and no other,
    apply."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def check_role(questionnaire: Questionnaire, role: str | None) -> None:
    """A form or workbook for one role needs a role the questionnaire declares."""
    if role is not None and role not in questionnaire.role_labels:
        known = ", ".join(questionnaire.role_labels)
        raise InputError(
            Problem(
                "command line", f"no role '{role}' in the questionnaire ({known})", field="--role"
            )
        )


@cache
def _page_template() -> Template:
    env = Environment(
        loader=FileSystemLoader(bundled_dir("report_templates") / "form"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    return env.get_template("form.html.j2")


# What the page itself uses (links in its head, a notice), not the script.
_PAGE_ONLY = ("script_url", "style_url", "resume_url")


def _web_data(web: WebForm) -> dict[str, Any]:
    """The web settings the script reads from the page's data block."""
    return {k: v for k, v in asdict(web).items() if k not in _PAGE_ONLY}


@dataclass(frozen=True)
class PreparedForm:
    """A unit and role's form with all but the respondent's part done (the questionnaire as
    page data, the names, the branding): the web app keeps one per unit and role, so opening a
    link only adds the respondent's answers."""

    title: str
    organisation: str
    logo: str | None
    unit: str
    data_json: str  # the page data as script-safe JSON, without its "web" part


def prepare_form(
    questionnaire: Questionnaire,
    profile: Profile,
    unit_id: str | None,
    role: str | None,
    branding: FormBranding | None = None,
) -> PreparedForm:
    """Everything of the form that does not depend on who opens it."""
    check_role(questionnaire, role)
    if branding is None:
        accent = readable_on_white(profile.report.accent_colour).colour
        branding = FormBranding(profile.organisation.name, accent)
    data = form_data(questionnaire, profile, unit_id, role)
    data["branding"] = {"accent": branding.accent}
    return PreparedForm(
        title=questionnaire.title,
        organisation=branding.organisation,
        logo=branding.logo,
        unit=next((u.name for u in profile.business_units if u.id == unit_id), ""),
        data_json=script_safe_json(data),
    )


def render_form(prepared: PreparedForm, web: WebForm | None = None) -> str:
    """The form's HTML. Offline (web=None) it stands alone; with `web`, it links the app's
    script and style and holds no inline code, so the app can send `script-src 'self';
    style-src 'self'`."""
    # The data block is one JSON object: the prepared part, then "web" spliced in before its
    # closing brace (script-safe, like the rest).
    web_json = script_safe_json(_web_data(web)) if web else "null"
    payload = f'{prepared.data_json[:-1]}, "web": {web_json}}}'
    inline = {}
    if web is None:
        script, style = form_script(), form_style()
        inline = {
            "script": Markup(script),  # our own code, which never holds "</" (tested)
            "style": Markup(style),
            "script_hash": csp_hash(script),
            "style_hash": csp_hash(style),
        }
    return _page_template().render(
        title=prepared.title,
        organisation=prepared.organisation,
        logo=prepared.logo,
        unit=prepared.unit,
        web=web,
        payload=Markup(payload),  # escaped for a <script> element
        **inline,
    )


def form_page(
    questionnaire: Questionnaire,
    profile: Profile,
    unit_id: str | None,
    role: str | None,
    *,
    branding: FormBranding | None = None,
    web: WebForm | None = None,
) -> str:
    """The form's HTML for a unit and role (None: the respondent chooses)."""
    return render_form(prepare_form(questionnaire, profile, unit_id, role, branding), web)


def build_form(
    questionnaire: Questionnaire,
    profile: Profile,
    unit_id: str | None,
    role: str | None = None,
    branding: FormBranding | None = None,
) -> bytes:
    """The offline form file for a unit; with `role`, that role is chosen already. Questions not
    meant for the role the respondent picks are hidden, as the scorer never asks them."""
    return form_page(questionnaire, profile, unit_id, role, branding=branding).encode("utf-8")
