"""Malformed questionnaires give a list of located problems, never a traceback (hypothesis)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.loading.questionnaire import load_questionnaire
from assessment.model.errors import InputError
from tests.conftest import REPO

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_malformed_questionnaires_fail_cleanly(changes):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "q"
        shutil.copytree(PULSE_Q, folder)
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
        try:
            load_questionnaire(folder)
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file and problem.message
                assert problem.file.startswith(str(folder)) or problem.file.endswith(
                    tuple(FILES)
                ), problem


def test_garbage_yaml_text_fails_cleanly(tmp_path):
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    (folder / "dimensions" / "skills.yaml").write_text("questions: [\n  - {id: : :\n")
    try:
        load_questionnaire(folder)
    except InputError as error:
        assert "skills.yaml" in str(error) and "not valid YAML" in str(error)
    else:
        raise AssertionError("garbage YAML was accepted")
