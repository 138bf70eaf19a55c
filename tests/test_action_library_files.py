"""An action library kept as one file per action: the rules `questionnaire validate` enforces."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.commands.schemas import schema_json
from assessment.loading.action_folder import read_action_folder
from assessment.loading.questionnaire import load_questionnaire
from tests.conftest import MINI, REPO

BUNDLED = REPO / "questionnaires" / "genai-readiness"


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.fixture
def split_mini(tmp_path: Path) -> Path:
    """The mini questionnaire with its three actions moved to actions/ACT-0n.yaml."""
    folder = tmp_path / "q"
    shutil.copytree(MINI / "questionnaire", folder)
    library = yaml.safe_load((folder / "actions.yaml").read_text())
    (folder / "actions").mkdir()
    for action in library.pop("actions"):
        _dump(folder / "actions" / f"{action['id']}.yaml", action)
    _dump(folder / "actions.yaml", {**library, "actions_folder": "actions"})
    return folder


def _action(folder: Path, aid: str) -> dict[str, Any]:
    return yaml.safe_load((folder / "actions" / f"{aid}.yaml").read_text())


def _validate_fails(run_cli, folder: Path) -> str:
    result = run_cli("questionnaire", "validate", str(folder))
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    return result.err


def test_the_bundled_library_has_one_file_per_action_named_after_its_id():
    files = sorted(p.stem for p in (BUNDLED / "actions").iterdir())
    library = load_questionnaire(BUNDLED).actions
    assert [a.id for a in library.actions] == files
    assert len(files) == 63 and files[0] == "ACT-01" and files[-1] == "ACT-63"
    assert "actions" not in yaml.safe_load((BUNDLED / "actions.yaml").read_text())


def test_the_folder_loads_exactly_what_the_same_actions_inline_load(tmp_path: Path):
    folder = tmp_path / "q"
    shutil.copytree(BUNDLED, folder)
    library = yaml.safe_load((folder / "actions.yaml").read_text())
    del library["actions_folder"]
    # Written in reverse, so the test also shows the folder is read in id order.
    paths = sorted((folder / "actions").glob("*.yaml"), reverse=True)
    library["actions"] = [yaml.safe_load(p.read_text()) for p in reversed(paths)]
    shutil.rmtree(folder / "actions")
    _dump(folder / "actions.yaml", library)
    assert load_questionnaire(folder).actions == load_questionnaire(BUNDLED).actions


def test_a_split_library_validates(run_cli, split_mini: Path):
    result = run_cli("questionnaire", "validate", str(split_mini))
    assert result.code == 0
    assert result.out == "ok: mini 1.0.0: 2 dimensions, 5 questions, 3 actions\n"


def test_the_file_name_must_be_the_id(run_cli, split_mini: Path):
    action = _action(split_mini, "ACT-03")
    _dump(split_mini / "actions" / "ACT-03.yaml", {**action, "id": "ACT-04"})
    err = _validate_fails(run_cli, split_mini)
    assert (
        "ACT-03.yaml, field 'id': holds action 'ACT-04', but an action file holds one action, "
        "and is named after its id: rename the file to ACT-04.yaml or correct the id"
    ) in err
    assert err.startswith("error: 1 problem in the input")


def test_ids_are_unique(run_cli, split_mini: Path):
    shutil.copy(split_mini / "actions" / "ACT-01.yaml", split_mini / "actions" / "ACT-09.yaml")
    err = _validate_fails(run_cli, split_mini)
    assert "ACT-09.yaml, field 'id': holds action 'ACT-01'" in err
    first = split_mini / "actions" / "ACT-01.yaml"
    assert f"ACT-09.yaml, field 'id': action id 'ACT-01' is also used in {first}\n" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: ACT-02}\n- {id: ACT-05}\n", "holds a list of actions"),
        ("actions:\n  - {id: ACT-02}\n", "holds a list of actions"),
        ("id: ACT-02\n---\nid: ACT-05\n", "holds several YAML documents"),
    ],
)
def test_one_action_per_file(run_cli, split_mini: Path, text: str, message: str):
    (split_mini / "actions" / "ACT-02.yaml").write_text(text)
    err = _validate_fails(run_cli, split_mini)
    assert f"ACT-02.yaml: {message}; an action file holds one action" in err


@pytest.mark.parametrize("name", ["README.md", "ACT-04.yml", "drafts"])
def test_nothing_else_may_sit_in_the_folder(run_cli, split_mini: Path, name: str):
    extra = split_mini / "actions" / name
    extra.mkdir() if name == "drafts" else extra.write_text("id: ACT-04\n")
    err = _validate_fails(run_cli, split_mini)
    assert f"{name}: is not an action file: the folder holds only <id>.yaml files" in err


def test_dot_files_in_the_folder_are_ignored(run_cli, split_mini: Path):
    (split_mini / "actions" / ".DS_Store").write_bytes(b"\x00\x01binary")
    (split_mini / "actions" / ".ACT-01.yaml.swp").write_text("junk")
    assert run_cli("questionnaire", "validate", str(split_mini)).code == 0


def test_a_wrong_field_names_the_action_file(run_cli, split_mini: Path):
    action = _action(split_mini, "ACT-02")
    action["duration_months"] = 30
    action["colour"] = "red"
    _dump(split_mini / "actions" / "ACT-02.yaml", action)
    _dump(split_mini / "actions" / "ACT-03.yaml", {**_action(split_mini, "ACT-03"), "title": ""})
    err = _validate_fails(run_cli, split_mini)
    assert "ACT-02.yaml, field 'duration_months': Input should be less than or equal to 24" in err
    assert "ACT-02.yaml, field 'colour': unknown field (check its spelling)" in err
    assert "ACT-03.yaml, field 'title': String should have at least 1 character" in err


def test_cross_checks_name_the_action_file(run_cli, split_mini: Path):
    first = _action(split_mini, "ACT-01")
    _dump(split_mini / "actions" / "ACT-01.yaml", {**first, "depends_on": ["ACT-03"]})
    third = _action(split_mini, "ACT-03")
    third["dimensions"].append("gamma")
    _dump(split_mini / "actions" / "ACT-03.yaml", third)
    err = _validate_fails(run_cli, split_mini)
    assert "ACT-03.yaml, field 'dimensions': ACT-03: unknown dimension 'gamma'" in err
    assert "ACT-01.yaml, field 'depends_on': dependency cycle: ACT-01 -> ACT-03" in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actions": []}, "field 'actions_folder': give either 'actions' or 'actions_folder'"),
        ({"actions_folder": None}, "field 'actions_folder': give the actions inline in 'actions'"),
        ({"actions_folder": "../other"}, "must name a folder inside the questionnaire folder"),
        ({"actions_folder": "."}, "must name a folder inside the questionnaire folder"),
        ({"actions_folder": "missing"}, "missing: folder not found"),
    ],
)
def test_the_library_file_names_its_folder_properly(run_cli, split_mini, change, message):
    library = yaml.safe_load((split_mini / "actions.yaml").read_text())
    library.update(change)
    _dump(split_mini / "actions.yaml", {k: v for k, v in library.items() if v is not None})
    assert message in _validate_fails(run_cli, split_mini)


def test_an_empty_folder_is_reported(run_cli, split_mini: Path):
    for path in (split_mini / "actions").iterdir():
        path.unlink()
    assert "actions: holds no action files (<id>.yaml)" in _validate_fails(run_cli, split_mini)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(1, 1500), min_size=1, max_size=6))
def test_actions_are_read_in_id_order_whatever_the_digits(numbers: set[int]):
    import tempfile

    template = yaml.safe_load((MINI / "questionnaire" / "actions.yaml").read_text())["actions"][0]
    with tempfile.TemporaryDirectory() as tmp:
        for n in numbers:
            _dump(Path(tmp) / f"ACT-{n:02d}.yaml", {**template, "id": f"ACT-{n:02d}"})
        found, problems = read_action_folder(Path(tmp))
    assert problems == []
    assert [f.action.id for f in found] == [f"ACT-{n:02d}" for n in sorted(numbers)]


def test_schemas_describe_the_library_file_and_one_action_file(run_cli):
    shown = run_cli("questionnaire", "schema", "--file", "action")
    assert shown.code == 0 and "trigger" in json.loads(shown.out)["properties"]
    library_schema = json.loads(schema_json("actions"))
    assert {"actions", "actions_folder", "phases"} <= set(library_schema["properties"])
    # One validator for the sixty files: jsonschema.validate would check the schema each time.
    action_schema = jsonschema.Draft202012Validator(json.loads(schema_json("action")))
    jsonschema.validate(yaml.safe_load((BUNDLED / "actions.yaml").read_text()), library_schema)
    inline = yaml.safe_load((MINI / "questionnaire" / "actions.yaml").read_text())
    jsonschema.validate(inline, library_schema)
    for path in (BUNDLED / "actions").glob("*.yaml"):
        action_schema.validate(yaml.safe_load(path.read_text()))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**inline, "actions": [{"id": "ACT-01"}]}, library_schema)


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.text(max_size=8),
    st.lists(st.text(max_size=6), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
file_names = st.sampled_from(["ACT-01", "ACT-02", "ACT-03"])


@settings(max_examples=40, deadline=None)
@given(
    target=file_names,
    field=st.sampled_from(["id", "title", "dimensions", "trigger", "depends_on", "kpis", "cost"]),
    value=junk,
    new_name=st.one_of(st.none(), st.sampled_from(["ACT-01.yaml", "ACT-7.yaml", "x.yml", "a b"])),
)
def test_a_broken_action_file_fails_with_located_problems(target, field, value, new_name):
    import tempfile

    from assessment.model.errors import InputError

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "q"
        shutil.copytree(MINI / "questionnaire", folder)
        library = yaml.safe_load((folder / "actions.yaml").read_text())
        (folder / "actions").mkdir()
        for action in library.pop("actions"):
            path = folder / "actions" / f"{action['id']}.yaml"
            _dump(path, {**action, field: value} if action["id"] == target else action)
        _dump(folder / "actions.yaml", {**library, "actions_folder": "actions"})
        if new_name:
            (folder / "actions" / f"{target}.yaml").replace(folder / "actions" / new_name)
        try:
            load_questionnaire(folder)
        except InputError as error:
            for problem in error.problems:
                assert problem.file.startswith(str(folder / "actions")), problem
                assert problem.message
