"""Malformed questionnaires: what loads is valid, what does not gives located problems (hypothesis).

Validity is judged by `questionnaire_rules`, written from the format's rules and not from the
loader, so garbage that the loader lets through fails the test.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.loading.questionnaire import load_questionnaire
from assessment.model.errors import InputError
from tests.conftest import REPO
from tests.questionnaire_rules import KNOWN_LOADER_GAPS, violations

PULSE_Q = REPO / "tests" / "data" / "pulse-engagement" / "questionnaire"
FILES = ["questionnaire.yaml", "dimensions/skills.yaml", "dimensions/culture.yaml", "actions.yaml"]

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 9),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just("A-1 >= ("),
    st.just("SKILL-01 >= 50"),
    st.just("x: [unclosed"),
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, tuple, Any, bool]:
    name = draw(st.sampled_from(FILES))
    data = yaml.safe_load((PULSE_Q / name).read_text())
    path = draw(st.sampled_from(_paths(data)))
    return name, path, draw(junk), draw(st.booleans())


def _apply(folder: Path, changes: list[tuple[str, tuple, Any, bool]]) -> None:
    for name, path, value, delete in changes:
        file = folder / name
        data = yaml.safe_load(file.read_text())
        node = data
        try:  # an earlier change may have removed or replaced part of the path
            for key in path[:-1]:
                node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, dict | list):
            if delete and isinstance(node, dict):
                node.pop(path[-1], None)
            elif isinstance(node, dict) or (isinstance(path[-1], int) and path[-1] < len(node)):
                node[path[-1]] = value
        file.write_text(yaml.safe_dump(data))


def _named_files(folder: Path) -> set[Path]:
    """The files a (possibly broken) questionnaire.yaml points at, where a problem may be."""
    main = yaml.safe_load((folder / "questionnaire.yaml").read_text())
    named = {folder / f for f in FILES}
    if isinstance(main, dict):
        listed = main.get("dimensions")
        for entry in [*(listed if isinstance(listed, list) else []), main.get("actions")]:
            if isinstance(entry, str) and "\x00" not in entry:  # no path holds a NUL
                named.add(folder / entry)
    return {p.resolve() for p in named}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_malformed_questionnaires_fail_cleanly(changes):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "q"
        shutil.copytree(PULSE_Q, folder)
        _apply(folder, changes)
        try:
            load_questionnaire(folder)
        except InputError as error:
            assert error.problems
            allowed = _named_files(folder)
            for problem in error.problems:
                assert problem.message.strip() and "Traceback" not in problem.message
                # Located: in a questionnaire file, and shown with that place in the message.
                assert Path(problem.file).resolve() in allowed, problem
                assert str(problem).startswith(problem.file) and problem.message in str(error)
        else:
            # It loaded, so it must be valid by rules the loader's code did not write.
            assert violations(folder, tolerate=KNOWN_LOADER_GAPS) == [], changes


def test_garbage_yaml_text_fails_cleanly(tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    (folder / "dimensions" / "skills.yaml").write_text("questions: [\n  - {id: : :\n")
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    (problem,) = caught.value.problems
    assert Path(problem.file) == folder / "dimensions" / "skills.yaml"
    assert problem.row == 2  # the line with the broken mapping
    assert problem.message == "is not valid YAML: did not find expected node content"


@pytest.mark.parametrize(
    "folder",
    [
        PULSE_Q,
        REPO / "tests" / "data" / "mini-engagement" / "questionnaire",
        REPO / "questionnaires" / "genai-readiness",
    ],
    ids=["pulse", "mini", "bundled"],
)
def test_the_rules_accept_every_questionnaire_we_ship(folder: Path) -> None:
    """The oracle is not stricter than the format: real questionnaires pass it, strictly."""
    load_questionnaire(folder)
    assert violations(folder) == []


@pytest.mark.parametrize(
    ("file", "path", "value", "expected"),
    [
        ("dimensions/skills.yaml", ("questions", 3, "visible_if"), "CULT-01 >= 3", "visible_if"),
        ("dimensions/skills.yaml", ("questions", 1, "items", 1, "id"), "basics", "items"),
        ("dimensions/skills.yaml", ("questions", 2, "options", 0, "level"), 6, "options"),
        ("dimensions/culture.yaml", ("id",), "skills", "dimension ids must be unique"),
        ("actions.yaml", ("actions", 1, "depends_on"), ["PULSE-09"], "depends_on"),
        ("actions.yaml", ("actions", 0, "depends_on"), ["PULSE-02"], "dependency cycle"),
        ("questionnaire.yaml", ("lineage", "SKILL-00"), "SKILL-99", "lineage"),
    ],
)
def test_the_rules_reject_known_garbage(tmp_path, file, path, value, expected) -> None:
    """The oracle can fail: each broken rule is caught, and the loader agrees."""
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    _apply(folder, [(file, path, value, False)])
    assert any(expected in v for v in violations(folder, tolerate=KNOWN_LOADER_GAPS))
    with pytest.raises(InputError):
        load_questionnaire(folder)
