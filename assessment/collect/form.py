"""The offline form: one self-contained HTML file (no network, no external scripts or styles)
that shows the questionnaire with its conditions and saves the answers as a JSON file."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from assessment.collect.json_sources import FORM_MARKER
from assessment.collect.labels import DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL
from assessment.common.bundled import bundled_dir
from assessment.model.conditions import (
    Answered,
    BoolOp,
    Compare,
    Condition,
    Has,
    Not,
    OneOf,
    parse_condition,
)
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Question, Questionnaire

FORM_LOGIC, FORM_SCRIPT = "logic.js", "form.js"


def form_logic() -> str:
    """The form's answer and condition logic, the script a test checks against the scorer."""
    return (bundled_dir("report_templates") / "form" / FORM_LOGIC).read_text(encoding="utf-8")


def form_script() -> str:
    """The page's one script, exactly as it stands between its tags: the logic, then the code
    that builds the page from the data block."""
    folder = bundled_dir("report_templates") / "form"
    return form_logic() + (folder / FORM_SCRIPT).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that lets this script, and no other, run."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
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


def condition_json(condition: Condition) -> dict[str, Any]:
    """The parsed condition as data the form's script evaluates (it never runs code)."""
    match condition:
        case Compare(q, op, value):
            return {"kind": "compare", "question": q, "op": op, "value": value}
        case OneOf(q, values):
            return {"kind": "oneof", "question": q, "values": list(values)}
        case Has(q, item):
            return {"kind": "has", "question": q, "item": item}
        case Answered(q):
            return {"kind": "answered", "question": q}
        case Not(operand):
            return {"kind": "not", "operand": condition_json(operand)}
        case BoolOp(op, operands):
            return {"kind": op, "operands": [condition_json(o) for o in operands]}
    raise TypeError(condition)  # pragma: no cover


def _question(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "type": q.type,
        "help": q.help,
        "evidence": q.evidence,
        "options": [{"id": o.id, "label": o.label, "level": o.level} for o in q.answer_options],
        "items": [{"id": i.id, "label": i.label, "weight": i.weight} for i in q.items],
        "bands": [{"min": b.min, "level": b.level} for b in q.bands],
        "minimum": q.minimum,
        "maximum": q.maximum,
        "unit": q.unit,
        "allow_na": q.allow_not_applicable,
        "allow_dk": q.allow_dont_know,
        "audience": list(q.audience),
        "visible_if": condition_json(parse_condition(q.visible_if)) if q.visible_if else None,
    }


def form_payload(
    questionnaire: Questionnaire, profile: Profile, unit_id: str | None, role: str | None = None
) -> str:
    """The questionnaire as JSON that is safe inside a <script> element."""
    data = {
        "tool": FORM_MARKER,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "unit": unit_id or "",
        "role": role or "",
        "units": [{"id": u.id, "name": u.name} for u in profile.business_units],
        "roles": [{"id": k, "label": v} for k, v in questionnaire.role_labels.items()],
        "labels": {"na": NOT_APPLICABLE_LABEL, "dk": DONT_KNOW_LABEL},
        "dimensions": [
            {"id": d.id, "name": d.name, "questions": [_question(q) for q in d.questions]}
            for d in questionnaire.dimensions
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    # "<" never appears raw, so no text in the data can close the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_form(
    questionnaire: Questionnaire, profile: Profile, unit_id: str | None, role: str | None = None
) -> bytes:
    """The form for a unit; with `role`, that role is chosen already. Questions not meant
    for the role the respondent picks are hidden, as the scorer never asks them."""
    check_role(questionnaire, role)
    env = Environment(
        loader=FileSystemLoader(bundled_dir("report_templates") / "form"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    unit = next((u.name for u in profile.business_units if u.id == unit_id), "")
    script = form_script()
    html = env.get_template("form.html.j2").render(
        title=questionnaire.title,
        organisation=profile.organisation.name,
        unit=unit,
        payload=Markup(form_payload(questionnaire, profile, unit_id, role)),  # escaped above
        script=Markup(script),  # our own script, which never holds "</" (tested)
        script_hash=script_hash(script),
    )
    return html.encode("utf-8")
