"""JSON answers: the offline form's saved file and SurveyJS results."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from assessment.collect.mapping import Mapping
from assessment.collect.submissions import Place, Submission
from assessment.collect.tables import read_text
from assessment.loading.limits import MAX_JSON_DEPTH
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

FORM_MARKER = "genai-readiness form"
# Question names the SurveyJS export gives the respondent fields.
SURVEYJS_FIELDS = {
    "respondent_name": "name",
    "respondent_email": "email",
    "business_unit": "unit",
    "role": "role",
}


# A JSON string, escapes included: brackets inside one are text, not nesting.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest, counted without parsing (the parser recurses)."""
    raw = np.frombuffer(_STRING.sub("", text).encode("utf-8"), dtype=np.uint8)
    steps = np.isin(raw, (ord("["), ord("{"))).astype(np.int64)
    steps -= np.isin(raw, (ord("]"), ord("}")))
    return int(np.cumsum(steps).max(initial=0))


def read_json(path: Path, name: str) -> Any:
    text = read_text(path, name)
    depth = nesting_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(
            Problem(name, f"nests {depth:,} levels deep; at most {MAX_JSON_DEPTH} are read")
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(name, f"is not valid JSON: {exc.msg}", row=exc.lineno)) from None


def is_form_file(data: Any) -> bool:
    return isinstance(data, dict) and data.get("tool") == FORM_MARKER


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def form_submission(data: Any, name: str, questionnaire: Questionnaire) -> Submission:
    """The offline form's file: {tool, questionnaire_id, respondent: {...}, answers, comments}."""
    if not isinstance(data, dict):
        raise InputError(Problem(name, "is not an offline-form file: expected a JSON object"))
    if data.get("questionnaire_id") != questionnaire.id:
        raise InputError(
            Problem(
                name,
                f"is for questionnaire '{data.get('questionnaire_id')}', not '{questionnaire.id}'",
                field="questionnaire_id",
            )
        )
    who = data.get("respondent") or {}
    answers = data.get("answers") or {}
    comments = data.get("comments") or {}
    if not isinstance(who, dict) or not isinstance(answers, dict) or not isinstance(comments, dict):
        raise InputError(Problem(name, "respondent, answers and comments must be objects"))
    index = questionnaire.question_index()
    unknown = [k for k in (*answers, *comments) if k not in index]
    if unknown:
        raise InputError(
            [Problem(name, f"unknown question id '{k}'", field=f"answers.{k}") for k in unknown]
        )
    return Submission(
        file=name,
        name=_text(who.get("name")),
        email=_text(who.get("email")),
        unit=_text(who.get("business_unit")),
        role=_text(who.get("role")),
        answers={
            k: (_text(v), Place(field=f"answers.{k}"))
            for k, v in answers.items()
            if _text(v).strip()
        },
        comments={k: _text(v) for k, v in comments.items()},
        places={
            "name": Place(field="respondent.name"),
            "unit": Place(field="respondent.business_unit"),
            "role": Place(field="respondent.role"),
        },
    )


def surveyjs_submissions(
    data: Any, name: str, questionnaire: Questionnaire, mapping: Mapping
) -> list[Submission]:
    """SurveyJS results: one object (or a list of them) mapping question names to values."""
    results = data if isinstance(data, list) else [data]
    index = questionnaire.question_index()
    submissions = []
    problems = []
    for n, result in enumerate(results):
        if not isinstance(result, dict):
            problems.append(Problem(name, "each result must be an object", field=f"[{n}]"))
            continue
        s = Submission(
            file=name, places={k: Place(field=f"[{n}].{k}") for k in ("name", "unit", "role")}
        )
        for key, value in result.items():
            base = key.removesuffix("-Comment")
            if key in SURVEYJS_FIELDS:
                setattr(s, SURVEYJS_FIELDS[key], _text(value))
                continue
            qid = mapping.question_for(base) or (base if base in index else None)
            if qid is None:
                problems.append(Problem(name, f"unknown question '{key}'", field=f"[{n}].{key}"))
            elif key.endswith("-Comment"):
                s.comments[qid] = _text(value)
            elif _text(value).strip():
                s.answers[qid] = (_text(value), Place(field=f"[{n}].{key}"))
        submissions.append(s)
    if problems:
        raise InputError(problems)
    return submissions
