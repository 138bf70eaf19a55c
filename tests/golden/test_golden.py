"""results.json of the kept engagements equals the golden files, and the golden files agree with
an independent recomputation from the answers (see README.md here for accepting a change)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.golden import update
from tests.golden.golden import ENGAGEMENTS, HERE, diff, load, readable, regenerate
from tests.golden.recompute import disagreements, recompute

NAMES = sorted(ENGAGEMENTS)


@pytest.fixture(scope="module")
def fresh() -> dict[str, dict[str, Any]]:
    return {name: regenerate(folder) for name, folder in ENGAGEMENTS.items()}


@pytest.mark.parametrize("name", NAMES)
def test_results_equal_the_golden_file(name: str, fresh: dict[str, dict[str, Any]]) -> None:
    lines = diff(load(name), fresh[name])
    if lines:
        pytest.fail(
            f"results.json of {ENGAGEMENTS[name].relative_to(HERE.parents[1])} differs from "
            f"tests/golden/{name} ({len(lines)} changes, golden -> now):\n{readable(lines)}\n"
            "If every change is intended: python tests/golden/update.py (tests/golden/README.md)",
            pytrace=False,
        )


@pytest.mark.parametrize("name", NAMES)
def test_golden_file_agrees_with_the_independent_recomputation(name: str) -> None:
    problems = disagreements(recompute(ENGAGEMENTS[name]), load(name))
    assert not problems, "\n".join(problems)


def test_a_changed_answer_shows_as_paths_with_old_and_new_values(mini_copy: Path) -> None:
    answers = mini_copy / "responses" / "answers.csv"
    text = answers.read_text()
    answers.write_text(text.replace("r3,south,data_it,A-01,1", "r3,south,data_it,A-01,5"))
    lines = diff(load("mini-engagement.json"), regenerate(mini_copy))
    # south alpha: (5 + 3 x 1) / 4 = 2; organisation alpha (3.75 + 2) / 2 = 2.875
    for expected in (
        "dimensions[alpha].score: 2.38 -> 2.88",
        "dimensions[alpha].level: 2 -> 3",
        "units[south].dimensions[alpha].score: 1.0 -> 2.0",
        "overall.index: 53.1 -> 57.3",
    ):
        assert expected in lines
    assert not any(line.startswith(("dimensions[beta]", "units[north]")) for line in lines)


def test_diff_names_added_and_removed_elements_by_id() -> None:
    old = {"actions": [{"id": "ACT-01", "phase": 1}, {"id": "ACT-02", "phase": 2}], "n": [1, 2]}
    new = {"actions": [{"id": "ACT-02", "phase": 3}, {"id": "ACT-09", "phase": 1}], "n": [1]}
    assert diff(old, new) == [
        'actions[ACT-01]: removed {"id": "ACT-01", "phase": 1}',
        "actions[ACT-02].phase: 2 -> 3",
        'actions[ACT-09]: added {"id": "ACT-09", "phase": 1}',
        "n: [1, 2] -> [1]",
    ]
    assert diff(new, copy.deepcopy(new)) == []


def test_update_check_reports_nothing_to_change_and_writes_nothing() -> None:
    before = {name: (HERE / name).read_bytes() for name in NAMES}
    assert update.main(["--check"]) == 0
    assert {name: (HERE / name).read_bytes() for name in NAMES} == before


def test_the_mini_report_html_equals_its_snapshot() -> None:
    from tests.golden.report_snapshot import SNAPSHOT, mini_report_html, snapshot_diff

    now = mini_report_html()
    kept = SNAPSHOT.read_text(encoding="utf-8")
    if now != kept:
        pytest.fail(
            f"the mini engagement's report HTML differs from tests/golden/{SNAPSHOT.name}:\n"
            f"{snapshot_diff(kept, now)}\n"
            "If every change is intended: python tests/golden/update.py (tests/golden/README.md)",
            pytrace=False,
        )


def test_the_snapshot_diff_points_at_the_changed_text() -> None:
    from tests.golden.report_snapshot import snapshot_diff

    shown = snapshot_diff(
        "<h1>\nReadiness</h1>\n<p>level 2</p>\n", "<h1>\nReadiness</h1>\n<p>level 3</p>\n"
    )
    assert "-<p>level 2</p>" in shown and "+<p>level 3</p>" in shown
