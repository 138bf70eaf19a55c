"""What the form's script reads from the page's data block: the questionnaire for one unit and
role, with conditions as data (the script evaluates them; it never runs code from the data)."""

from __future__ import annotations

import json
from typing import Any

from assessment.collect.json_sources import FORM_MARKER
from assessment.collect.labels import DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL
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
from assessment.model.questionnaire import Question, Questionnaire

# What the time-left estimate counts per unanswered question, by type: reading the question
# and its options and choosing (docs/collecting-answers.md states the same figures).
SECONDS_PER_QUESTION = {
    "yes_no": 10,
    "agreement": 12,
    "single_choice": 20,
    "numeric": 25,
    "checklist": 30,
    "free_text": 60,
}


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
        "seconds": SECONDS_PER_QUESTION[q.type],
    }


def form_data(
    questionnaire: Questionnaire, profile: Profile, unit_id: str | None, role: str | None = None
) -> dict[str, Any]:
    """The questionnaire, the unit and role the form is for, and the answer labels."""
    return {
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


def script_safe_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element: "<", ">" and "&" never appear raw, so no
    text in the data can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def form_payload(
    questionnaire: Questionnaire, profile: Profile, unit_id: str | None, role: str | None = None
) -> str:
    """The questionnaire as JSON that is safe inside a <script> element."""
    return script_safe_json(form_data(questionnaire, profile, unit_id, role))
