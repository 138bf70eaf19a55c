"""Garbage the questionnaire loader once let through (found by the fuzz test's oracle): blank
text a client would read as a missing name, infinite weights, `true` read as 1, and 0 or 'yes'
read as flags. Each case is refused at its file and field.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from assessment.loading.questionnaire import load_questionnaire
from assessment.model.errors import InputError
from tests.questionnaire_rules import BLANK, BOOL_AS_NUMBER, LOOSE_FLAG, NON_FINITE, violations
from tests.test_questionnaire_fuzz import PULSE_Q, _apply

SKILLS, ACTIONS, MAIN = "dimensions/skills.yaml", "actions.yaml", "questionnaire.yaml"
CASES = [
    (BLANK, SKILLS, ("name",), " "),
    (BLANK, SKILLS, ("questions", 0, "text"), "  "),
    (BLANK, MAIN, ("levels", 0, "name"), " "),
    (BLANK, ACTIONS, ("phases", 0, "name"), ""),
    (BLANK, ACTIONS, ("actions", 0, "owners", 0), ""),
    (NON_FINITE, SKILLS, ("weight",), float("inf")),
    (NON_FINITE, SKILLS, ("questions", 0, "maximum"), float("inf")),
    (NON_FINITE, SKILLS, ("questions", 0, "minimum"), float("nan")),
    (NON_FINITE, SKILLS, ("questions", 1, "items", 1, "weight"), float("inf")),
    (BOOL_AS_NUMBER, SKILLS, ("questions", 3, "options", 1, "level"), True),
    (BOOL_AS_NUMBER, ACTIONS, ("actions", 0, "duration_months"), True),
    (BOOL_AS_NUMBER, MAIN, ("ambition_presets", "balanced", "default"), True),
    (LOOSE_FLAG, SKILLS, ("questions", 0, "critical"), 0),
    (LOOSE_FLAG, SKILLS, ("questions", 0, "critical"), "yes"),
]


def _broken(tmp_path: Path, file: str, path: tuple, value: Any) -> Path:
    folder = tmp_path / "q"
    shutil.copytree(PULSE_Q, folder)
    _apply(folder, [(file, path, value, False)])
    return folder


@pytest.mark.parametrize(("kind", "file", "path", "value"), CASES)
def test_each_case_is_garbage_by_the_rules(tmp_path, kind, file, path, value) -> None:
    """The premise of the test below: the strict rules reject the value for its kind alone."""
    folder = _broken(tmp_path, file, path, value)
    assert violations(folder) != []
    assert violations(folder, tolerate=frozenset({kind})) == []


@pytest.mark.parametrize(("kind", "file", "path", "value"), CASES)
def test_the_loader_rejects_it_at_its_place(tmp_path, kind, file, path, value) -> None:
    folder = _broken(tmp_path, file, path, value)
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    dotted = ".".join(map(str, path))
    assert any(
        Path(p.file) == folder / file and p.field and dotted.startswith(p.field)
        for p in caught.value.problems
    ), caught.value.problems
