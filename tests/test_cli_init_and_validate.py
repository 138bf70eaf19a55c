"""`readiness init` and `readiness questionnaire validate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from assessment.loading.engagement import load_profile
from tests.conftest import EXAMPLE, MINI, REPO


def test_init_writes_a_profile_that_loads_and_an_empty_responses_folder(run_cli, tmp_path):
    folder = tmp_path / "acme"
    result = run_cli("init", str(folder), "--name", 'Acme "Quoted" Ltd')
    assert result.code == 0
    profile = load_profile(folder)
    assert profile.organisation.name == 'Acme "Quoted" Ltd'
    assert profile.questionnaire.id == "genai-readiness"
    assert list((folder / "responses").iterdir()) == []
    # Without answers the report says what is missing, rather than failing oddly.
    report = run_cli("report", str(folder), "-o", str(tmp_path / "r.pdf"))
    assert report.code == 2 and "no response files" in report.err


def test_init_refuses_a_folder_with_content(run_cli, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("init", str(tmp_path))
    assert result.code == 2 and "not empty" in result.err
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert not (tmp_path / "assessment.yaml").exists()


def test_initialised_engagement_scores_once_answers_are_added(run_cli, tmp_path):
    folder = tmp_path / "acme"
    assert run_cli("init", str(folder)).code == 0
    shutil.copy(EXAMPLE / "responses" / "claims.csv", folder / "responses")
    text = (folder / "assessment.yaml").read_text().replace("id: unit-a", "id: claims")
    (folder / "assessment.yaml").write_text(text)
    assert run_cli("score", str(folder)).code == 0


def test_validate_bundled_questionnaire_by_id_and_by_path(run_cli):
    by_id = run_cli("questionnaire", "validate", "genai-readiness")
    assert by_id.code == 0 and "ok: genai-readiness" in by_id.out and "9 dimensions" in by_id.out
    by_path = run_cli(
        "questionnaire",
        "validate",
        str(REPO / "questionnaires" / "genai-readiness" / "questionnaire.yaml"),
    )
    assert by_path.code == 0


def test_validate_lists_problems_across_files(run_cli, tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(MINI / "questionnaire", folder)
    alpha = yaml.safe_load((folder / "dimensions" / "alpha.yaml").read_text())
    alpha["questions"][0]["options"][0]["level"] = 7
    alpha["questions"][1]["colour"] = "red"
    (folder / "dimensions" / "alpha.yaml").write_text(yaml.safe_dump(alpha))
    beta = yaml.safe_load((folder / "dimensions" / "beta.yaml").read_text())
    del beta["level_descriptors"][5]
    (folder / "dimensions" / "beta.yaml").write_text(yaml.safe_dump(beta))
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert "alpha.yaml, field 'questions.0.options.0.level'" in result.err
    assert "alpha.yaml, field 'questions.1.colour': unknown field" in result.err
    assert "beta.yaml, field 'level_descriptors'" in result.err


def test_validate_checks_the_action_library(run_cli, tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(MINI / "questionnaire", folder)
    actions = yaml.safe_load((folder / "actions.yaml").read_text())
    actions["actions"][0]["dimensions"] = ["alpha", "gamma"]
    actions["actions"][1]["depends_on"] = ["ACT-99"]
    (folder / "actions.yaml").write_text(yaml.safe_dump(actions))
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert "ACT-01: unknown dimension 'gamma'" in result.err
    assert "ACT-02: depends on unknown action 'ACT-99'" in result.err


def test_validate_unknown_questionnaire(run_cli, tmp_path: Path):
    result = run_cli("questionnaire", "validate", "no-such-thing")
    assert result.code == 2 and "bundled: genai-readiness" in result.err


def test_questionnaire_show_outlines_dimensions_and_capabilities(run_cli):
    result = run_cli("questionnaire", "show", "genai-readiness")
    assert result.code == 0
    assert "Data readiness [data]" in result.out and "Levels:" in result.out
    assert "STRAT-01*" in result.out  # critical questions are marked


def test_schemas_are_json_schema_documents(run_cli):
    import json

    for args, field in (
        (["schema", "results"], "roadmap"),
        (["schema", "engagement"], "organisation"),
        (["questionnaire", "schema"], "questions"),
        (["questionnaire", "schema", "--file", "actions"], "phases"),
        (["questionnaire", "schema", "--file", "questionnaire"], "lineage"),
    ):
        result = run_cli(*args)
        assert result.code == 0
        document = json.loads(result.out)
        assert field in document["properties"]
        assert document["additionalProperties"] is False


def test_a_dimension_file_validates_against_its_schema():
    import json

    import jsonschema
    import yaml

    from assessment.commands.schemas import schema_json

    schema = json.loads(schema_json("dimension"))
    for path in (REPO / "questionnaires" / "genai-readiness" / "dimensions").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)


def test_validate_requires_options_to_span_the_levels(run_cli, tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(MINI / "questionnaire", folder)
    alpha = yaml.safe_load((folder / "dimensions" / "alpha.yaml").read_text())
    alpha["questions"][0]["options"] = alpha["questions"][0]["options"][:3]
    (folder / "dimensions" / "alpha.yaml").write_text(yaml.safe_dump(alpha))
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2
    assert "A-01: options must reach from level 1 to level 5 (they cover [1, 2, 3])" in result.err
