"""The offline form's answer and condition logic (report_templates/form/logic.js) agrees with the
scorer: Node.js runs the form's own script on generated questionnaires and answers, with no
browser, and every question's visibility and every value a condition compares must match."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers.answer_values import answer_number
from assessment.answers.matrix import NOT_ASKED, build_matrix
from assessment.collect.form import build_form, form_logic
from assessment.collect.form_data import form_payload
from assessment.loading.engagement import load_profile
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.conditions import Answered, Compare, Has, OneOf
from assessment.model.questionnaire import Questionnaire
from tests.conftest import REPO
from tests.test_condition_reach import _NUMBERS, _OPS, _TICKED, _condition, _text

# CI installs Node.js from the distribution (apt package nodejs), as it installs Chromium.
NODE = shutil.which("node") or shutil.which("nodejs")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (apt package nodejs)")

PULSE = REPO / "tests" / "data" / "pulse-engagement"
LOGIC = REPO / "report_templates" / "form" / "logic.js"
RUNNER = Path(__file__).with_name("form_logic_runner.js")
PROFILE = load_profile(PULSE)
BASE = load_questionnaire(PULSE / "questionnaire").questionnaire
ROLES = ["executive", "business", "hr_people"]
_AUDIENCE = st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True)
_WEIGHT = st.sampled_from([0.1, 0.2, 0.3, 0.7, 1.0, 2.0, 3.0])


def _run_form_logic(
    questionnaires: list[Questionnaire],
    respondents: list[dict[str, object]],
    numbers: tuple[Questionnaire, list[tuple[str, str]]] | None = None,
) -> dict:
    """Node runs logic.js: each questionnaire's form payload with the same respondents, and
    the values of `numbers`' answers."""

    def payload(q: Questionnaire) -> object:
        return json.loads(form_payload(q, PROFILE, None))

    cases = {
        "cases": [{"payload": payload(q), "respondents": respondents} for q in questionnaires],
        "numbers": {"payload": payload(numbers[0]), "pairs": numbers[1]}
        if numbers
        else {"payload": None, "pairs": []},
    }
    done = subprocess.run(
        [str(NODE), str(RUNNER), str(LOGIC)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict = json.loads(done.stdout)
    return result


def _respondents() -> tuple[list[dict[str, object]], pd.DataFrame]:
    """Every combination of answers to the first three skills questions, roles in turn."""
    combos = itertools.product(
        [*map(str, _NUMBERS), "", "dk", "na"], [*_TICKED, "", "dk"], ["yes", "no", "", "dk"]
    )
    respondents, rows = [], []
    for n, (number, ticked, yes_no) in enumerate(combos):
        role = ROLES[n % len(ROLES)]
        answers = {"SKILL-01": number, "SKILL-02": ticked, "SKILL-03": yes_no, "SKILL-04": "c"}
        respondents.append({"role": role, "answers": answers})
        rows += [(f"r{n:04d}", "shops", role, qid, answer) for qid, answer in answers.items()]
    return respondents, pd.DataFrame(
        rows, columns=["respondent", "unit", "role", "question", "answer"]
    )


RESPONDENTS, ANSWERS = _respondents()


def _check_agreement(questionnaires: list[Questionnaire]) -> None:
    shown = _run_form_logic(questionnaires, RESPONDENTS)["shown"]
    for q, form_shown in zip(questionnaires, shown, strict=True):
        matrix = build_matrix(ANSWERS, q)
        order = [x.id for _, x in q.questions()]
        columns = [order.index(qid) for qid in matrix.question_ids]
        for row, respondent_id in enumerate(matrix.respondents.index):
            n = int(str(respondent_id)[1:])
            scorer = [bool(s != NOT_ASKED) for s in matrix.states[row]]
            form = [form_shown[n][c] for c in columns]
            conditions = {x.id: x.visible_if for _, x in q.questions() if x.visible_if}
            assert form == scorer, (RESPONDENTS[n], conditions)


def _questionnaire(audiences, weights, trigger, follow_up) -> Questionnaire:
    """The pulse questionnaire with the skills questions' audiences, SKILL-02's item weights and
    the conditions of SKILL-03 and SKILL-04 replaced."""
    skills = BASE.dimensions[0]
    conditions = {"SKILL-04": _text(follow_up)} | ({"SKILL-03": _text(trigger)} if trigger else {})
    questions = []
    for i, q in enumerate(skills.questions[:4]):
        update: dict[str, object] = {"audience": audiences[i], "visible_if": conditions.get(q.id)}
        if q.type == "checklist":
            update["items"] = [
                item.model_copy(update={"weight": w})
                for item, w in zip(q.items, weights, strict=True)
            ]
        questions.append(q.model_copy(update=update))
    questions += skills.questions[4:]
    dims = [skills.model_copy(update={"questions": questions}), *BASE.dimensions[1:]]
    return BASE.model_copy(update={"dimensions": dims})


_LEAVES = [
    *(Compare("SKILL-01", op, v) for op in _OPS for v in [0.0, 20.0, 50.0, 75.0, 100.0, 101.0]),
    *(Compare("SKILL-02", op, v) for op in _OPS for v in [1.0, 2.0, 2.6, 3.0, 4.2, 5.0]),
    *(Has("SKILL-02", item) for item in ["basics", "builders", "leaders"]),
    *(Compare("SKILL-03", op, v) for op in ["==", "!="] for v in ["yes", "no"]),
    *(Compare("SKILL-03", op, v) for op in _OPS for v in [1.0, 3.0, 5.0]),
    OneOf("SKILL-03", ("yes",)),
    OneOf("SKILL-03", ("yes", "no")),
    *(Answered(qid) for qid in ["SKILL-01", "SKILL-02", "SKILL-03"]),
]


def test_every_kind_of_condition_shows_the_same_questions_in_the_form_and_the_scorer():
    everyone = [list(ROLES)] * 4
    _check_agreement(
        [_questionnaire(everyone, (1.0, 2.0, 1.0), None, leaf) for leaf in _LEAVES]
        # and through a hidden trigger: SKILL-03 shown only to some
        + [_questionnaire(everyone, (1.0, 2.0, 1.0), _LEAVES[2], leaf) for leaf in _LEAVES[-12:]]
    )


@settings(max_examples=10, deadline=None)
@given(
    cases=st.lists(
        st.tuples(
            st.tuples(_AUDIENCE, _AUDIENCE, _AUDIENCE, _AUDIENCE),
            st.tuples(_WEIGHT, _WEIGHT, _WEIGHT),
            st.none() | _condition(["SKILL-01", "SKILL-02"]),
            _condition(["SKILL-01", "SKILL-02", "SKILL-03"]),
        ),
        min_size=5,
        max_size=5,
    )
)
def test_the_form_shows_exactly_the_questions_the_scorer_asks(cases):
    _check_agreement([_questionnaire(*case) for case in cases])


@settings(max_examples=15, deadline=None)
@given(weights=st.tuples(_WEIGHT, _WEIGHT, _WEIGHT))
def test_the_form_compares_the_values_the_scorer_compares(weights):
    q = _questionnaire([ROLES] * 4, weights, None, Answered("SKILL-03"))
    index = q.question_index()
    cases = [("SKILL-01", str(n)) for n in [*_NUMBERS, 2.5, -1]]
    cases += [("SKILL-02", t) for t in _TICKED]
    cases += [(qid, o.id) for qid in ("SKILL-03", "SKILL-04") for o in index[qid].options]
    js = _run_form_logic([], [], (q, cases))["numbers"]
    # Exactly equal: a condition at a level's edge must fall the same way in both.
    assert js == [answer_number(index[qid], raw) for qid, raw in cases]


def test_the_form_carries_the_checked_script_verbatim(run_cli, pulse_copy):
    logic = form_logic()
    assert logic == LOGIC.read_text(encoding="utf-8")
    assert "</" not in logic  # it is inlined in a <script> element
    page = build_form(BASE, PROFILE, "shops").decode("utf-8")
    assert logic in page
