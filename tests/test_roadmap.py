"""The planner on hand-built gaps: selection, order, phases, capacity and deferral."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from assessment.loading.actions import find_cycle
from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.errors import InputError
from assessment.roadmap.planner import plan
from tests.builders import dimension_result
from tests.conftest import MINI

PROFILE = load_profile(MINI)
LOADED = load_questionnaire(questionnaire_folder(MINI, PROFILE))


def _profile(capacity: int = 6, **changes):
    from assessment.model.engagement import Planning

    return PROFILE.model_copy(
        update={"planning": Planning(max_parallel_actions=capacity), **changes}
    )


def _dim(dim_id: str, level: int, target: int, gap: float, weight: float = 1.0):
    return dimension_result(dim_id, level, target, float(level), gap, weight)


def _plan(alpha: tuple[int, int], beta: tuple[int, int], capacity: int = 6):
    dims = [
        _dim("alpha", alpha[0], alpha[1], max(0.0, alpha[1] - alpha[0] - 0.2)),
        _dim("beta", beta[0], beta[1], max(0.0, beta[1] - beta[0] - 0.2), weight=2.0),
    ]
    return plan(LOADED.actions, dims, [], _profile(capacity))


def test_no_gap_no_action():
    roadmap = _plan((3, 3), (5, 4))
    assert roadmap.actions == [] and roadmap.deferred == []


def test_selected_actions_follow_their_dependencies_and_phases():
    roadmap = _plan((2, 3), (2, 5))
    by_id = {a.id: a for a in roadmap.actions}
    assert list(by_id) == ["ACT-01", "ACT-02", "ACT-03"]
    # ACT-01: phase 1, 3 months. ACT-02 needs ACT-01 and phase 2 (month 3): months 3-9.
    # ACT-03 needs ACT-02 (ends 9) and phase 4 (month 12): months 12-18.
    assert [(a.start_month, a.end_month, a.phase) for a in roadmap.actions] == [
        (0, 3, 1),
        (3, 9, 2),
        (12, 18, 4),
    ]
    assert by_id["ACT-01"].quick_win and not by_id["ACT-02"].quick_win
    assert by_id["ACT-02"].reason == (
        "Chosen because Beta is 2.8 points short of its target (2.0 against 4.2)."
    )


def test_an_action_whose_dimension_reached_the_trigger_level_is_not_chosen():
    roadmap = _plan((3, 4), (4, 5))  # alpha at 3 is not below ACT-01's trigger (3)
    assert [a.id for a in roadmap.actions] == ["ACT-03"]  # its dependency counts as done


def test_priority_is_gap_times_weight_over_effort_without_named_questions():
    roadmap = _plan((1, 3), (2, 5))
    by_id = {a.id: a for a in roadmap.actions}
    # ACT-01: gap 1.8 x weight 1 x evidence 1 / effort low 1 = 1.8
    assert by_id["ACT-01"].priority == pytest.approx(1.8)
    # ACT-02: gap 2.8 x weight 2 x evidence 1 / effort high 3 = 1.867
    assert by_id["ACT-02"].priority == pytest.approx(1.867)


def test_what_does_not_fit_is_deferred_with_a_reason(tmp_path: Path):
    data = yaml.safe_load((LOADED.folder / "actions.yaml").read_text())
    data["actions"][2]["duration_months"] = 9  # ACT-03 from month 12 would end at 21: fits
    data["actions"][1]["duration_months"] = 9  # ACT-02: months 3-12; ACT-03: 12-21 still fits
    data["actions"][2]["earliest_phase"] = 5  # ACT-03 from month 18 + 9 = 27: past 24
    from assessment.model.roadmap import ActionLibrary

    library = ActionLibrary.model_validate(data)
    dims = [_dim("alpha", 2, 3, 0.6), _dim("beta", 2, 5, 2.8)]
    roadmap = plan(library, dims, [], _profile())
    assert [a.id for a in roadmap.actions] == ["ACT-01", "ACT-02"]
    assert [d.id for d in roadmap.deferred] == ["ACT-03"]
    assert roadmap.deferred[0].reason == (
        "Does not fit: it belongs in phase 5 (from month 18) and it takes 9 months, so it "
        "would end in month 27, after the 24-month horizon."
    )
    assert all(a.end_month <= 24 for a in roadmap.actions)


def test_capacity_limits_actions_running_at_once():
    roadmap = _plan((2, 3), (2, 5), capacity=1)
    assert roadmap.deferred == []
    spans = sorted((a.start_month, a.end_month) for a in roadmap.actions)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end


def test_cycle_in_action_library_is_reported(tmp_path: Path):
    folder = tmp_path / "q"
    import shutil

    shutil.copytree(LOADED.folder, folder)
    data = yaml.safe_load((folder / "actions.yaml").read_text())
    data["actions"][0]["depends_on"] = ["ACT-03"]
    (folder / "actions.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    messages = [p.message for p in caught.value.problems]
    assert any("dependency cycle: ACT-01 -> ACT-03 -> ACT-02 -> ACT-01" in m for m in messages)


def test_find_cycle():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    assert find_cycle({"a": ["b"], "b": ["a"]}) == ["a", "b", "a"]


def test_capacity_deferral_says_so():
    from assessment.model.roadmap import ActionLibrary

    data = yaml.safe_load((LOADED.folder / "actions.yaml").read_text())
    for action in data["actions"]:
        action.update(
            depends_on=[],
            earliest_phase=1,
            duration_months=20,
            dimensions=["alpha"],
            trigger={"dimension": "alpha", "below_level": 3},
        )
    library = ActionLibrary.model_validate(data)
    roadmap = plan(library, [_dim("alpha", 1, 3, 1.6), _dim("beta", 4, 4, 0.0)], [], _profile(2))
    assert len(roadmap.actions) == 2
    (deferred,) = roadmap.deferred
    assert "at most 2 actions running at once" in deferred.reason
