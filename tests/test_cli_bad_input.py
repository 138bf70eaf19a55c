"""Bad input: one clear message naming file and place, exit code 2, no traceback, no output."""

from __future__ import annotations

from pathlib import Path

import pytest

HEADER = "respondent_id,business_unit,role,question_id,answer\n"


def _report(run_cli, engagement: Path, tmp_path: Path):
    pdf = tmp_path / "out.pdf"
    result = run_cli("report", str(engagement), "-o", str(pdf), "--json", str(tmp_path / "r.json"))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert not pdf.exists() and not (tmp_path / "r.json").exists()
    assert not list(tmp_path.glob(".*.part")), "no partial file left behind"
    return result.err


def test_missing_folder(run_cli, tmp_path):
    err = _report(run_cli, tmp_path / "nowhere", tmp_path)
    assert "nowhere: engagement folder not found" in err


def test_missing_assessment_yaml(run_cli, mini_copy, tmp_path):
    (mini_copy / "assessment.yaml").unlink()
    err = _report(run_cli, mini_copy, tmp_path)
    assert "assessment.yaml: file not found" in err and "readiness init" in err


def test_malformed_yaml_names_the_line(run_cli, mini_copy, tmp_path):
    (mini_copy / "assessment.yaml").write_text("organisation: {name: Mini\nother: [\n")
    err = _report(run_cli, mini_copy, tmp_path)
    assert "assessment.yaml" in err and "is not valid YAML" in err and "row " in err


def test_yaml_that_is_not_a_mapping(run_cli, mini_copy, tmp_path):
    (mini_copy / "assessment.yaml").write_text("- just\n- a list\n")
    assert "must be a YAML mapping" in _report(run_cli, mini_copy, tmp_path)


def test_invalid_and_unknown_fields_are_all_listed(run_cli, mini_copy, tmp_path):
    path = mini_copy / "assessment.yaml"
    text = path.read_text().replace("employees: 300", "employees: many")
    path.write_text(text + "colour: blue\n")
    err = _report(run_cli, mini_copy, tmp_path)
    assert "2 problems" in err
    assert "field 'organisation.employees'" in err
    assert "field 'colour': unknown field" in err


def test_unknown_ambition_and_target_dimension(run_cli, mini_copy, tmp_path):
    path = mini_copy / "assessment.yaml"
    path.write_text(
        path.read_text().replace("ambition: balanced", "ambition: reckless\ntargets: {gamma: 3}")
    )
    err = _report(run_cli, mini_copy, tmp_path)
    assert "unknown ambition 'reckless'" in err and "field 'targets.gamma'" in err


def test_unknown_question_in_a_response_file(run_cli, mini_copy, tmp_path):
    (mini_copy / "responses" / "extra.csv").write_text(HEADER + "r9,north,executive,X-1,2\n")
    err = _report(run_cli, mini_copy, tmp_path)
    assert "extra.csv, row 2, column 'question_id': unknown question id 'X-1'" in err


def test_answer_the_question_does_not_allow(run_cli, mini_copy, tmp_path):
    (mini_copy / "responses" / "extra.csv").write_text(HEADER + "r9,north,executive,A-01,six\n")
    err = _report(run_cli, mini_copy, tmp_path)
    assert "extra.csv, row 2, column 'answer': answer 'six' is not allowed for A-01" in err


def test_many_problems_are_capped_in_the_message(run_cli, mini_copy, tmp_path):
    rows = "".join(f"x{i},north,executive,A-01,9\n" for i in range(80))
    (mini_copy / "responses" / "extra.csv").write_text(HEADER + rows)
    err = _report(run_cli, mini_copy, tmp_path)
    assert "80 problems" in err and "... and 30 more" in err


def test_output_into_a_missing_folder(run_cli, tmp_path):
    from tests.conftest import MINI

    result = run_cli("report", str(MINI), "-o", str(tmp_path / "no" / "such" / "out.pdf"))
    assert result.code == 2 and "does not exist" in result.err


def test_unexpected_error_exits_1_without_traceback(run_cli, monkeypatch, tmp_path):
    from tests.conftest import MINI

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("assessment.commands.pipeline.assess", boom)
    result = run_cli("score", str(MINI))
    assert result.code == 1
    assert "unexpected error: RuntimeError: disk on fire" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["report", "--help"],
        ["score", "--help"],
        ["init", "--help"],
        ["questionnaire", "--help"],
        ["questionnaire", "validate", "--help"],
    ],
)
def test_every_command_explains_itself(run_cli, args):
    result = run_cli(*args)
    assert result.code == 0
    assert "Usage: readiness" in result.out
    assert len(result.out.splitlines()) > 5


def test_usage_error_exits_2(run_cli):
    result = run_cli("report")
    assert result.code == 2 and "Missing argument" in result.err


def test_a_date_that_does_not_exist(run_cli, mini_copy, tmp_path):
    path = mini_copy / "assessment.yaml"
    path.write_text(path.read_text().replace("2026-01-15", "2026-02-30"))
    err = _report(run_cli, mini_copy, tmp_path)
    assert "assessment.yaml: holds a value YAML cannot read" in err


def test_previous_results_outside_the_engagement(run_cli, mini_copy, tmp_path):
    path = mini_copy / "assessment.yaml"
    path.write_text(path.read_text() + "previous_results: ../../../etc/passwd\n")
    err = _report(run_cli, mini_copy, tmp_path)
    assert "field 'previous_results': must name a file inside the engagement folder" in err


def test_questionnaire_id_cannot_be_a_path(run_cli, mini_copy, tmp_path):
    path = mini_copy / "assessment.yaml"
    text = path.read_text().replace("{id: mini, path: questionnaire}", "{id: ../../tmp/x}")
    path.write_text(text)
    err = _report(run_cli, mini_copy, tmp_path)
    assert "field 'questionnaire.id'" in err
