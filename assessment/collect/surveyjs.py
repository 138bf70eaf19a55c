"""The questionnaire as a SurveyJS survey: a page per dimension, choices with the option
labels, visibleIf from the conditions. Its results import back with `readiness import`."""

from __future__ import annotations

import json
from typing import Any

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
from assessment.model.questionnaire import OPTION_TYPES, Question, Questionnaire


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def visible_if(condition: Condition, questions: dict[str, Question]) -> str:
    """Our condition in SurveyJS's expression language. A level comparison on an option
    question becomes the list of options whose level satisfies it."""
    match condition:
        case Compare(q, op, value) if isinstance(value, float):
            question = questions[q]
            if question.type in OPTION_TYPES:
                compare = {
                    "==": value.__eq__,
                    "!=": value.__ne__,
                    "<": value.__gt__,
                    "<=": value.__ge__,
                    ">": value.__lt__,
                    ">=": value.__le__,
                }[op]
                ids = [o.id for o in question.answer_options if compare(float(o.level))]
                return f"{{{q}}} anyof [{', '.join(_quote(i) for i in ids)}]" if ids else "false"
            if question.type == "checklist":
                # SurveyJS cannot weigh ticked items; any real answer is the nearest rule.
                return f"{{{q}}} notempty"
            return f"{{{q}}} {'=' if op == '==' else op} {value:g}"
        case Compare(q, op, value):
            return f"{{{q}}} {'=' if op == '==' else '<>'} {_quote(str(value))}"
        case OneOf(q, values):
            return f"{{{q}}} anyof [{', '.join(_quote(v) for v in values)}]"
        case Has(q, item):
            return f"{{{q}}} contains {_quote(item)}"
        case Answered(q):
            if questions[q].type == "checklist":  # an array of ticked values
                return f"{{{q}}} notempty and {{{q}}} notcontains 'na' and {{{q}}} notcontains 'dk'"
            return f"{{{q}}} notempty and {{{q}}} <> 'na' and {{{q}}} <> 'dk'"
        case Not(operand):
            return f"!({visible_if(operand, questions)})"
        case BoolOp(op, operands):
            return f" {op} ".join(f"({visible_if(o, questions)})" for o in operands)
    raise TypeError(condition)  # pragma: no cover


def _specials(q: Question) -> list[dict[str, str]]:
    choices = []
    if q.allow_not_applicable:
        choices.append({"value": "na", "text": NOT_APPLICABLE_LABEL})
    if q.allow_dont_know:
        choices.append({"value": "dk", "text": DONT_KNOW_LABEL})
    return choices


def _element(q: Question, questions: dict[str, Question]) -> dict[str, Any]:
    element: dict[str, Any] = {"name": q.id, "title": q.text}
    if q.help:
        element["description"] = q.help
    if q.type in OPTION_TYPES:
        element |= {
            "type": "radiogroup",
            "showCommentArea": True,
            "choices": [{"value": o.id, "text": o.label} for o in q.answer_options] + _specials(q),
        }
    elif q.type == "checklist":
        element |= {
            "type": "checkbox",
            "showNoneItem": True,
            "showCommentArea": True,
            "choices": [{"value": i.id, "text": i.label} for i in q.items] + _specials(q),
        }
    elif q.type == "numeric":
        element |= {"type": "text", "inputType": "number", "showCommentArea": True}
        if q.minimum is not None:
            element["min"] = q.minimum
        if q.maximum is not None:
            element["max"] = q.maximum
    else:
        element["type"] = "comment"
    if q.visible_if:
        element["visibleIf"] = visible_if(parse_condition(q.visible_if), questions)
    return element


def surveyjs_survey(questionnaire: Questionnaire) -> str:
    questions = questionnaire.question_index()
    about = {
        "name": "about",
        "title": "About you",
        "elements": [
            {"type": "text", "name": "respondent_name", "title": "Your name"},
            {
                "type": "text",
                "name": "respondent_email",
                "title": "Your e-mail",
                "inputType": "email",
            },
            {
                "type": "text",
                "name": "business_unit",
                "title": "Your business unit",
                "isRequired": True,
            },
            {
                "type": "dropdown",
                "name": "role",
                "title": "Your role",
                "isRequired": True,
                "choices": [{"value": k, "text": v} for k, v in questionnaire.role_labels.items()],
            },
        ],
    }
    pages = [about] + [
        {"name": d.id, "title": d.name, "elements": [_element(q, questions) for q in d.questions]}
        for d in questionnaire.dimensions
    ]
    survey = {
        "title": questionnaire.title,
        "description": f"{questionnaire.id} {questionnaire.version}, exported by genai-readiness",
        "showQuestionNumbers": "off",
        "pages": pages,
    }
    return json.dumps(survey, indent=2, ensure_ascii=False) + "\n"
