"""The visible_if language: parsing, validation against the questionnaire, and evaluation."""

from __future__ import annotations

import shutil

import pytest
import yaml

from assessment.loading.questionnaire import load_questionnaire
from assessment.model.conditions import (
    Answered,
    BoolOp,
    Compare,
    ConditionError,
    Has,
    Not,
    OneOf,
    parse_condition,
)
from assessment.model.errors import InputError
from tests.conftest import REPO

PULSE_Q = REPO / "tests" / "data" / "pulse-engagement" / "questionnaire"


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("A-1 >= 3", Compare("A-1", ">=", 3.0)),
        ("A-1 == 'yes'", Compare("A-1", "==", "yes")),
        ("A-1 in ['1', '2']", OneOf("A-1", ("1", "2"))),
        ("A-1 has 'dlp'", Has("A-1", "dlp")),
        ("answered(A-1)", Answered("A-1")),
        ("not A-1 < 2.5", Not(Compare("A-1", "<", 2.5))),
        (
            "A >= 1 and B == 'x' or C != 'y'",
            BoolOp(
                "or",
                (
                    BoolOp("and", (Compare("A", ">=", 1.0), Compare("B", "==", "x"))),
                    Compare("C", "!=", "y"),
                ),
            ),
        ),
        (
            "(A >= 1 or B >= 1) and C >= 1",
            BoolOp(
                "and",
                (
                    BoolOp("or", (Compare("A", ">=", 1.0), Compare("B", ">=", 1.0))),
                    Compare("C", ">=", 1.0),
                ),
            ),
        ),
    ],
)
def test_parse(text, tree):
    assert parse_condition(text) == tree


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A >=",
        "A 3",
        "(A == 1",
        "A == 1 B",
        "A in [1]",
        "__import__('os')",
        "A ~ 2",
        "answered A",
        "A in []",
        "and A == 1",
    ],
)
def test_parse_errors_are_condition_errors(text):
    with pytest.raises(ConditionError):
        parse_condition(text)


def _with_condition(tmp_path, condition: str, question: int = 3):
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    path = folder / "dimensions" / "skills.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][question]["visible_if"] = condition
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("NOPE-1 >= 2", "condition names unknown question 'NOPE-1'"),
        ("SKILL-04 >= 2", "not asked before SKILL-04"),
        ("CULT-01 >= 2", "not asked before SKILL-04"),
        ("SKILL-02 has 'cooking'", "SKILL-02 has no item 'cooking'"),
        ("SKILL-03 has 'yes'", "'has' needs a checklist question"),
        ("SKILL-03 == 'maybe'", "SKILL-03 has no option 'maybe'"),
        ("SKILL-03 >= 'yes'", "'>=' needs a number"),
        ("SKILL-03 ==", "condition 'SKILL-03 ==': expected a quoted value"),
    ],
)
def test_invalid_conditions_are_reported_with_file_and_field(tmp_path, condition, message):
    problems = _with_condition(tmp_path, condition)
    assert any(message in p for p in problems), problems
    assert all("skills.yaml, field 'questions.3.visible_if'" in p for p in problems)


def test_condition_may_not_name_free_text(tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    path = folder / "dimensions" / "culture.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][0]["visible_if"] = "answered(SKILL-90)"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    assert "a free-text question" in str(caught.value)


def _visible(condition: str, answers: dict[str, str]) -> bool:
    """Whether SKILL-04 is shown to one respondent with these answers under `condition`."""
    import pandas as pd

    from assessment.answers.matrix import NOT_ASKED, build_matrix

    q = load_questionnaire(PULSE_Q).questionnaire
    skills = q.dimensions[0]
    questions = [
        x.model_copy(update={"visible_if": condition}) if x.id == "SKILL-04" else x
        for x in skills.questions
    ]
    q = q.model_copy(
        update={"dimensions": [skills.model_copy(update={"questions": questions}), q.dimensions[1]]}
    )
    rows = [("p", "shops", "business", qid, a) for qid, a in {**answers, "SKILL-04": "c"}.items()]
    frame = pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])
    matrix = build_matrix(frame, q)
    return bool(matrix.states[0, matrix.question_ids.index("SKILL-04")] != NOT_ASKED)


@pytest.mark.parametrize(
    ("condition", "answers", "shown"),
    [
        ("SKILL-01 >= 50", {"SKILL-01": "50"}, True),
        ("SKILL-01 >= 50", {"SKILL-01": "49"}, False),
        ("SKILL-01 >= 50", {"SKILL-01": "dk"}, False),
        ("SKILL-01 < 50", {"SKILL-01": ""}, False),  # no real answer: comparison is false
        ("not SKILL-01 >= 50", {"SKILL-01": ""}, True),
        ("SKILL-02 >= 4", {"SKILL-02": "basics;builders"}, True),  # checklist score 4
        ("SKILL-02 has 'builders'", {"SKILL-02": "builders"}, True),
        ("SKILL-02 has 'builders'", {"SKILL-02": "none"}, False),
        ("SKILL-03 == 'yes'", {"SKILL-03": "yes"}, True),
        ("SKILL-03 != 'yes'", {"SKILL-03": "no"}, True),
        ("SKILL-03 != 'yes'", {"SKILL-03": "na"}, False),
        ("SKILL-03 in ['no']", {"SKILL-03": "no"}, True),
        ("answered(SKILL-03)", {"SKILL-03": "dk"}, False),
        ("SKILL-03 == 'yes' or SKILL-01 > 90", {"SKILL-03": "no", "SKILL-01": "95"}, True),
        ("SKILL-03 == 'yes' and SKILL-01 > 90", {"SKILL-03": "no", "SKILL-01": "95"}, False),
    ],
)
def test_visibility(condition, answers, shown):
    assert _visible(condition, answers) is shown
