"""`questionnaire validate` finds questions a role is asked but can never see, and conditions
that can never be true; the check agrees with how scoring evaluates conditions."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers.matrix import NOT_ASKED, build_matrix
from assessment.loading.condition_reach import Reach
from assessment.loading.questionnaire import load_questionnaire
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
from tests.conftest import REPO

PULSE_Q = REPO / "tests" / "data" / "pulse-engagement" / "questionnaire"
SHIPPED = REPO / "questionnaires" / "genai-readiness"
WHERE = "skills.yaml, field 'questions.3.visible_if'"
# The pulse questionnaire declares no roles, so it has the default ones.
ROLES = list(load_questionnaire(PULSE_Q).questionnaire.role_labels)


def _pulse(tmp_path: Path, changes: dict[int, dict[str, object]]) -> Path:
    """A copy of the pulse questionnaire with fields of some skills questions replaced."""
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    path = folder / "dimensions" / "skills.yaml"
    data = yaml.safe_load(path.read_text())
    for index, fields in changes.items():
        data["questions"][index].update(fields)
    path.write_text(yaml.safe_dump(data))
    return folder


def test_a_follow_up_asked_of_a_role_that_never_answers_its_trigger_is_rejected(run_cli, tmp_path):
    # SKILL-04 follows SKILL-03, which only executives answer; business is asked SKILL-04 too.
    folder = _pulse(
        tmp_path, {2: {"audience": ["executive"]}, 3: {"audience": ["executive", "business"]}}
    )
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert (
        f"{WHERE}: SKILL-04: is asked of business, who can never see it: its condition "
        "\"SKILL-03 == 'yes'\" depends on SKILL-03, which business is never asked; remove "
        "business from its audience or ask business SKILL-03"
    ) in result.err
    assert "asked of executive" not in result.err


def test_not_of_an_unanswered_question_is_true_so_that_role_can_see_it(run_cli, tmp_path):
    # Scoring treats a comparison on an unasked question as false, so `not` of it is true.
    folder = _pulse(
        tmp_path,
        {
            2: {"audience": ["executive"]},
            3: {"audience": ["executive", "business"], "visible_if": "not SKILL-03 == 'yes'"},
        },
    )
    assert run_cli("questionnaire", "validate", str(folder)).code == 0


def test_a_role_that_cannot_see_the_trigger_cannot_see_the_follow_up(run_cli, tmp_path):
    folder = _pulse(
        tmp_path,
        {
            0: {"audience": ["executive"]},
            2: {"visible_if": "SKILL-01 >= 50"},
            3: {"audience": ["executive", "hr_people"]},
        },
    )
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    # SKILL-03 is asked of every role, but only executives answer SKILL-01.
    unseen_03 = [r for r in ROLES if f"SKILL-03: is asked of {r}," in result.err]
    assert unseen_03 == [r for r in ROLES if r != "executive"]
    assert (
        'SKILL-04: is asked of hr_people, who can never see it: its condition "SKILL-03 == '
        "'yes'\" depends on SKILL-03, whose answers from hr_people can never make it true"
    ) in result.err
    assert "SKILL-04: is asked of executive" not in result.err


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("SKILL-03 >= 6", "'SKILL-03 >= 6' can never be true: SKILL-03's options have levels 1, 5"),
        ("SKILL-03 == 3", "'SKILL-03 == 3' can never be true: SKILL-03's options have levels 1, 5"),
        (
            "SKILL-01 > 100",
            "'SKILL-01 > 100' can never be true: SKILL-01 takes numbers from 0 to 100",
        ),
        ("SKILL-02 < 1", "SKILL-02 scores from 1 (nothing ticked) to 5 (everything ticked)"),
        (
            "SKILL-03 == 'yes' and SKILL-03 == 'no'",
            "condition \"SKILL-03 == 'yes' and SKILL-03 == 'no'\" can never be true, whatever",
        ),
        ("SKILL-02 has 'basics' and SKILL-02 < 2", "can never be true, whatever the answers"),
    ],
)
def test_conditions_that_can_never_be_true_are_rejected(run_cli, tmp_path, condition, message):
    folder = _pulse(tmp_path, {3: {"visible_if": condition}})
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert f"{WHERE}: SKILL-04: " in result.err and message in result.err


@pytest.mark.parametrize(
    "condition",
    [
        "SKILL-03 <= 5 or SKILL-01 == 37.5",
        "SKILL-02 has 'basics' and SKILL-02 <= 2",
        "SKILL-01 > 99.9",
    ],
)
def test_conditions_some_answer_satisfies_pass(run_cli, tmp_path, condition):
    folder = _pulse(tmp_path, {3: {"visible_if": condition}})
    assert run_cli("questionnaire", "validate", str(folder)).code == 0


def _shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "genai"
    shutil.copytree(SHIPPED, folder)
    return folder


def _set_audience(folder: Path, dimension: str, question: str, audience: list[str]) -> None:
    path = folder / "dimensions" / f"{dimension}.yaml"
    data = yaml.safe_load(path.read_text())
    for q in data["questions"]:
        if q["id"] == question:
            q["audience"] = audience
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_the_shipped_questionnaires_old_follow_up_audiences_are_rejected(run_cli, tmp_path):
    # Version 1.0.0 asked SEC-07 of data_it and MODEL-05 of security_risk; each follows a
    # question only the other role answers.
    folder = _shipped_copy(tmp_path)
    _set_audience(folder, "security", "SEC-07", ["security_risk", "data_it"])
    _set_audience(folder, "models", "MODEL-05", ["data_it", "security_risk"])
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert "SEC-07: is asked of data_it, who can never see it" in result.err
    assert "MODEL-05: is asked of security_risk, who can never see it" in result.err


def test_the_shipped_questionnaire_passes(run_cli):
    assert run_cli("questionnaire", "validate", str(SHIPPED)).code == 0


# Property: the check says a role can see SKILL-04 exactly when scoring shows it to some
# respondent in that role, for generated conditions and audiences.

_NUMBERS = [0, 19, 20, 21, 49, 50, 51, 74, 75, 76, 99, 100]
_TICKED = [
    "none",
    "basics",
    "builders",
    "leaders",
    "basics;builders",
    "basics;leaders",
    "builders;leaders",
    "basics;builders;leaders",
]
_OPS = ["==", "!=", "<", "<=", ">", ">="]


def _leaf(names: list[str]) -> st.SearchStrategy[Condition]:
    options = []
    if "SKILL-01" in names:
        options.append(
            st.builds(
                Compare,
                st.just("SKILL-01"),
                st.sampled_from(_OPS),
                st.sampled_from([0.0, 20.0, 50.0, 75.0, 100.0, 101.0]),
            )
        )
    if "SKILL-02" in names:
        options += [
            st.builds(
                Compare,
                st.just("SKILL-02"),
                st.sampled_from(_OPS),
                st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            ),
            st.builds(Has, st.just("SKILL-02"), st.sampled_from(["basics", "builders", "leaders"])),
        ]
    if "SKILL-03" in names:
        options += [
            st.builds(
                Compare,
                st.just("SKILL-03"),
                st.sampled_from(["==", "!="]),
                st.sampled_from(["yes", "no"]),
            ),
            st.builds(
                Compare,
                st.just("SKILL-03"),
                st.sampled_from(_OPS),
                st.sampled_from([1.0, 3.0, 5.0]),
            ),
            st.builds(
                OneOf,
                st.just("SKILL-03"),
                st.lists(st.sampled_from(["yes", "no"]), min_size=1, max_size=2).map(tuple),
            ),
        ]
    options.append(st.builds(Answered, st.sampled_from(names)))
    return st.one_of(options)


def _condition(names: list[str]) -> st.SearchStrategy[Condition]:
    return st.recursive(
        _leaf(names),
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.builds(
                BoolOp,
                st.sampled_from(["and", "or"]),
                st.lists(inner, min_size=2, max_size=3).map(tuple),
            ),
        ),
        max_leaves=4,
    )


def _text(c: Condition) -> str:
    match c:
        case Answered(q):
            return f"answered({q})"
        case Compare(q, op, value) if isinstance(value, float):
            return f"{q} {op} {value:g}"
        case Compare(q, op, value):
            return f"{q} {op} '{value}'"
        case OneOf(q, values):
            return f"{q} in [{', '.join(repr(v) for v in values)}]"
        case Has(q, item):
            return f"{q} has '{item}'"
        case Not(operand):
            return f"not ({_text(operand)})"
        case BoolOp(op, operands):
            return f" {op} ".join(f"({_text(o)})" for o in operands)
    raise TypeError(c)


_AUDIENCE = st.lists(st.sampled_from(ROLES), min_size=1, max_size=5, unique=True)


@settings(max_examples=60, deadline=None)
@given(
    audiences=st.tuples(_AUDIENCE, _AUDIENCE, _AUDIENCE, _AUDIENCE),
    trigger=st.none() | _condition(["SKILL-01", "SKILL-02"]),
    follow_up=_condition(["SKILL-01", "SKILL-02", "SKILL-03"]),
)
def test_the_check_agrees_with_scoring(audiences, trigger, follow_up):
    base = load_questionnaire(PULSE_Q).questionnaire
    skills = base.dimensions[0]
    conditions = {"SKILL-04": _text(follow_up)} | ({"SKILL-03": _text(trigger)} if trigger else {})
    questions = [
        q.model_copy(
            update={"audience": audiences[i], "visible_if": conditions.get(q.id)} if i < 4 else {}
        )
        for i, q in enumerate(skills.questions)
    ]
    q = base.model_copy(
        update={
            "dimensions": [skills.model_copy(update={"questions": questions}), base.dimensions[1]]
        }
    )
    index = q.question_index()
    reach = Reach(
        {qid: index[qid] for qid in ["SKILL-01", "SKILL-02", "SKILL-03", "SKILL-04"]},
        {qid: parse_condition(text) for qid, text in conditions.items()},
    )
    rows = []
    combos = itertools.product([*_NUMBERS, "", "dk"], [*_TICKED, ""], ["yes", "no", "", "dk"])
    for n, (number, ticked, yes_no) in enumerate(combos):
        for role in ROLES:
            person = f"{role}-{n}"
            for qid, answer in (
                ("SKILL-01", str(number)),
                ("SKILL-02", ticked),
                ("SKILL-03", yes_no),
                ("SKILL-04", "c"),
            ):
                rows.append((person, "shops", role, qid, answer))
    frame = pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])
    matrix = build_matrix(frame, q)
    shown = matrix.states[:, matrix.question_ids.index("SKILL-04")] != NOT_ASKED
    roles = matrix.respondents["role"].to_numpy()
    for role in audiences[3]:
        assert reach.can_show("SKILL-04", role) is bool(shown[roles == role].any()), role
