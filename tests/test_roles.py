"""Respondent roles come from questionnaire.yaml: audiences, answer files and perception gaps
follow the roles a questionnaire declares."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessment.loading.engagement import load_profile
from assessment.loading.questionnaire import load_questionnaire
from assessment.loading.responses import load_responses
from assessment.model.questionnaire import DEFAULT_ROLES
from assessment.scoring.engine import score
from tests.conftest import MINI, REPO

SHIPPED = REPO / "questionnaires" / "genai-readiness"
LEAD_AND_STAFF = [
    {"id": "lead", "label": "Leadership", "executive": True},
    {"id": "staff", "label": "Staff"},
]


def _edit(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text())
    data.update(change)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _mini_with_roles(tmp_path: Path, roles: list[dict[str, object]], audience: list[str]) -> Path:
    """The mini engagement with its own roles; alpha's audiences (executive, data_it) replaced."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    questionnaire = folder / "questionnaire"
    _edit(questionnaire / "questionnaire.yaml", {"roles": roles})
    alpha = questionnaire / "dimensions" / "alpha.yaml"
    data = yaml.safe_load(alpha.read_text())
    for q in data["questions"]:
        if "audience" in q:
            q["audience"] = audience
    alpha.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def _answers(folder: Path, rows: list[tuple[str, str, str]]) -> None:
    """B-01 answers: (respondent, role as written, answer)."""
    lines = ["respondent_id,business_unit,role,question_id,answer"]
    lines += [f"{r},north,{role},B-01,{answer}" for r, role, answer in rows]
    responses = folder / "responses"
    shutil.rmtree(responses)
    responses.mkdir()
    (responses / "answers.csv").write_text("\n".join(lines) + "\n")


def test_the_shipped_questionnaire_declares_the_roles_forms_offer():
    q = load_questionnaire(SHIPPED).questionnaire
    assert q.role_labels == {
        "executive": "Executive",
        "business": "Business",
        "finance": "Finance",
        "data_it": "Data and IT",
        "security_risk": "Security and risk",
        "hr_people": "HR and people",
    }
    assert q.executive_roles == {"executive"}


def test_a_questionnaire_without_roles_gets_the_defaults_and_asks_them_everything():
    q = load_questionnaire(MINI / "questionnaire").questionnaire
    assert list(q.role_labels) == [r.id for r in DEFAULT_ROLES]
    index = q.question_index()
    assert index["A-02"].audience == ["executive", "data_it"]  # written out: kept
    assert index["B-01"].audience == [r.id for r in DEFAULT_ROLES]  # left out: every role


def test_declared_roles_drive_audiences_answer_files_and_perception(tmp_path):
    folder = _mini_with_roles(tmp_path, LEAD_AND_STAFF, ["lead"])
    q = load_questionnaire(folder / "questionnaire").questionnaire
    assert q.question_index()["B-01"].audience == ["lead", "staff"]
    assert q.question_index()["A-02"].audience == ["lead"]
    # Roles given by label in any case, or by id; leadership answers 5, staff 1 (or 2).
    _answers(
        folder,
        [
            ("r1", "Leadership", "5"),
            ("r2", "LEADERSHIP", "5"),
            ("r3", "lead", "5"),
            ("r4", "Staff", "1"),
            ("r5", "staff", "1"),
            ("r6", "staff", "2"),
        ],
    )
    profile = load_profile(folder)
    responses = load_responses(folder / "responses", q, profile)
    assert sorted(responses.matrix.respondents["role"].astype(str)) == ["lead"] * 3 + ["staff"] * 3
    beta = next(
        p for p in score(responses.answers, q, profile).perception if p.dimension_id == "beta"
    )
    # Three per side (the minimum group size): executives 5, practitioners (1 + 1 + 2) / 3.
    assert beta.shown and beta.question_ids == ["B-01"]
    assert beta.executive_score == pytest.approx(5.0)
    assert beta.practitioner_score == pytest.approx(4 / 3, abs=0.005)  # results keep 2 decimals
    assert beta.gap_points == 3.7  # 5.0 - 1.3, the two scores as shown
    assert beta.perception_gap


def test_which_roles_count_as_executive_is_read_from_the_questionnaire(tmp_path):
    swapped = [{**LEAD_AND_STAFF[0], "executive": False}, {**LEAD_AND_STAFF[1], "executive": True}]
    folder = _mini_with_roles(tmp_path, swapped, ["lead"])
    _answers(
        folder, [(f"r{i}", "lead" if i < 3 else "staff", "5" if i < 3 else "1") for i in range(6)]
    )
    q = load_questionnaire(folder / "questionnaire").questionnaire
    profile = load_profile(folder)
    responses = load_responses(folder / "responses", q, profile)
    beta = next(
        p for p in score(responses.answers, q, profile).perception if p.dimension_id == "beta"
    )
    assert (beta.executive_score, beta.practitioner_score) == (
        pytest.approx(1.0),
        pytest.approx(5.0),
    )


def test_a_role_the_questionnaire_does_not_declare_is_a_located_error(run_cli, tmp_path):
    folder = _mini_with_roles(tmp_path, LEAD_AND_STAFF, ["lead"])
    _answers(folder, [("r1", "executive", "5")])
    result = run_cli("score", str(folder))
    assert result.code == 2
    assert "answers.csv" in result.err
    assert "role 'executive' is not one of lead, staff" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("roles", "audience", "where", "message"),
    [
        (LEAD_AND_STAFF, ["lead", "boss"], "alpha.yaml, field 'questions.1.audience'", "'boss'"),
        (LEAD_AND_STAFF, [], "alpha.yaml, field 'questions.1.audience'", "at least one role"),
        (
            [{"id": "lead", "label": "Lead"}, {"id": "lead", "label": "Boss"}],
            ["lead"],
            "questionnaire.yaml, field 'roles'",
            "role id 'lead' is declared twice",
        ),
        (
            [{"id": "lead", "label": "Staff"}, {"id": "staff", "label": "Staff member"}],
            ["lead"],
            "questionnaire.yaml, field 'roles'",
            "role label 'Staff' is another role's id",
        ),
        (
            [{"id": "Lead", "label": "Lead"}],
            ["Lead"],
            "questionnaire.yaml, field 'roles.0.id'",
            "",
        ),
        ([], ["lead"], "questionnaire.yaml, field 'roles'", ""),
    ],
)
def test_bad_roles_and_audiences_are_located_errors(
    run_cli, tmp_path, roles, audience, where, message
):
    folder = _mini_with_roles(tmp_path, roles, audience)
    result = run_cli("questionnaire", "validate", str(folder / "questionnaire"))
    assert result.code == 2
    assert where in result.err
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_form_for_an_undeclared_role_is_refused(run_cli, tmp_path):
    folder = _mini_with_roles(tmp_path, LEAD_AND_STAFF, ["lead"])
    bad = run_cli("collect", str(folder), "--format", "html", "--role", "executive")
    assert bad.code == 2
    assert "no role 'executive' in the questionnaire (lead, staff)" in bad.err
    assert not (folder / "collect" / "north-executive.html").exists()
    good = run_cli("collect", str(folder), "--format", "html", "--role", "lead")
    assert good.code == 0
    html = (folder / "collect" / "north-lead.html").read_text()
    assert (
        '"roles": [{"id": "lead", "label": "Leadership"}, {"id": "staff", "label": "Staff"}]'
        in html
    )
