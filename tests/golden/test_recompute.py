"""The independent recomputation (recompute.py) against hand-worked figures and the engine."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE, MINI
from tests.golden.golden import regenerate
from tests.golden.recompute import disagreements, recompute


def test_recomputation_of_the_mini_engagement_by_hand() -> None:
    # answers in tests/data/mini-engagement/responses/answers.csv; A-02 weighs 3, beta weighs 2
    mine = recompute(MINI)
    north, south = mine["units"]["north"], mine["units"]["south"]
    # north alpha: r1 (2 + 3 x 4) / 4 = 3.5, r2 4 -> 3.75; beta: r1 (3 + 1) / 2 = 2, r2 only na/dk
    assert north["dimensions"]["alpha"] == {"score": 3.75, "level": 4}
    # 2.0 is level 2, but the critical B-02 scored 1 in north
    assert north["dimensions"]["beta"] == {"score": 2.0, "level": 1}
    assert south["dimensions"] == {
        "alpha": {"score": 1.0, "level": 1},
        "beta": {"score": 5.0, "level": 5},
    }
    assert north["index"] == pytest.approx((7.75 / 3 - 1) / 4 * 100)
    assert south["index"] == pytest.approx((11 / 3 - 1) / 4 * 100)
    assert mine["dimensions"]["alpha"] == {"score": 2.375, "level": 2, "respondents": 3}
    # 3.5 would be level 4; B-02's organisation score (1 + 5) / 2 = 3 holds it at 3
    assert mine["dimensions"]["beta"] == {"score": 3.5, "level": 3, "respondents": 2}
    assert mine["overall"]["score"] == pytest.approx(9.375 / 3)
    assert mine["overall"]["index"] == pytest.approx(53.125)
    assert (mine["overall"]["level"], mine["overall"]["band"]) == (3, "Ready for targeted pilots")
    assert mine["participation"] == {"respondents": 3, "by_unit": {"north": 2, "south": 1}}


def test_recomputation_names_every_wrong_figure() -> None:
    wrong = copy.deepcopy(regenerate(MINI))
    next(d for d in wrong["dimensions"] if d["dimension_id"] == "alpha")["level"] = 3
    next(u for u in wrong["units"] if u["unit_id"] == "south")["index"] += 0.1
    wrong["participation"]["by_unit"]["north"] = 3
    problems = disagreements(recompute(MINI), wrong)
    assert [p.split(":")[0] for p in problems] == [
        "participation.by_unit",
        "dimensions[alpha].level",
        "units[south].index",
    ]


def test_recomputation_reads_questions_and_conditions_from_the_yaml(mini_copy: Path) -> None:
    """A question added (with a condition) and one removed: the engine and the recomputation
    still agree, and the condition is honoured as worked out by hand."""
    alpha = mini_copy / "questionnaire" / "dimensions" / "alpha.yaml"
    data = yaml.safe_load(alpha.read_text())
    data["questions"].insert(
        2,
        {
            "id": "A-03",
            "text": "Third?",
            "type": "numeric",
            "weight": 2.0,
            "unit": "%",
            "minimum": 0,
            "maximum": 100,
            "bands": [{"min": 0, "level": 1}, {"min": 50, "level": 5}],
            "visible_if": "A-01 >= 3",
        },
    )
    alpha.write_text(yaml.safe_dump(data, sort_keys=False))
    beta = mini_copy / "questionnaire" / "dimensions" / "beta.yaml"
    data = yaml.safe_load(beta.read_text())
    data["questions"] = [q for q in data["questions"] if q["id"] != "B-01"]
    beta.write_text(yaml.safe_dump(data, sort_keys=False))
    answers = mini_copy / "responses" / "answers.csv"
    rows = [r for r in answers.read_text().splitlines() if ",B-01," not in r]
    # r1 chose A-01 = 2, so A-03 is hidden from r1 and that answer must not count
    rows += ["r1,north,executive,A-03,80", "r2,north,business,A-03,60%"]
    answers.write_text("\n".join(rows) + "\n")

    mine = recompute(mini_copy)
    # north alpha: r1 (2 + 3 x 4) / 4 = 3.5; r2 (4 + 2 x 5) / 3 = 14 / 3
    assert mine["units"]["north"]["dimensions"]["alpha"]["score"] == pytest.approx(
        (3.5 + 14 / 3) / 2
    )
    # beta now rests on B-02 alone: r1 1, r3 5
    assert mine["dimensions"]["beta"]["score"] == 3.0
    assert disagreements(mine, regenerate(mini_copy)) == []


@pytest.mark.parametrize("rule", ["median", "weakest_link"])
def test_recomputation_agrees_with_the_engine_under_each_consensus_rule(
    rule: str, tmp_path: Path
) -> None:
    folder = tmp_path / "northwind"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "assessment.yaml").open("a") as profile:
        profile.write(f"scoring: {{consensus: {rule}}}\n")
    mine = recompute(folder)
    assert mine != recompute(EXAMPLE)
    problems = disagreements(mine, regenerate(folder))
    assert not problems, "\n".join(problems)


def test_recomputation_reads_role_and_unit_labels(mini_copy: Path) -> None:
    # A-02 is put to executives and data_it only: a misread label would drop r3's answer to it
    answers = mini_copy / "responses" / "answers.csv"
    text = answers.read_text().replace("r3,south,data_it,A-02,1", "r3,south,data_it,A-02,5")
    text = text.replace("r3,south,data_it,", "r3,South,Data and IT,")
    answers.write_text(text.replace(",executive,", ",Executive,"))
    mine = recompute(mini_copy)
    # south alpha: r3 (1 + 3 x 5) / 4 = 4; north unchanged
    assert mine["units"]["south"]["dimensions"]["alpha"] == {"score": 4.0, "level": 4}
    assert mine["units"]["north"] == recompute(MINI)["units"]["north"]
    assert disagreements(mine, regenerate(mini_copy)) == []


def test_recomputation_of_a_unit_without_respondents_and_an_unanswered_dimension(
    mini_copy: Path,
) -> None:
    answers = mini_copy / "responses" / "answers.csv"
    rows = [r for r in answers.read_text().splitlines() if not r.startswith("r3,south,data_it,B-")]
    answers.write_text("\n".join(rows) + "\n")
    with (mini_copy / "assessment.yaml").open("a") as profile:
        profile.write("  - {id: east, name: East}\n")
    mine = recompute(mini_copy)
    assert mine["participation"]["by_unit"] == {"north": 2, "south": 1, "east": 0}
    assert mine["units"]["east"] == {"respondents": 0, "index": None, "dimensions": {}}
    # south answered alpha only, at 1: index 0
    assert mine["units"]["south"]["dimensions"] == {"alpha": {"score": 1.0, "level": 1}}
    assert mine["units"]["south"]["index"] == 0.0
    # beta rests on north alone (2.0), held at level 1 by B-02 = 1
    assert mine["dimensions"]["beta"] == {"score": 2.0, "level": 1, "respondents": 1}
    assert disagreements(mine, regenerate(mini_copy)) == []
