"""Consensus rules, intervals, disagreement, coverage per unit, perception gaps, unit targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.scoring.engine import score
from tests.conftest import MINI

PROFILE = load_profile(MINI)
QUESTIONNAIRE = load_questionnaire(questionnaire_folder(MINI, PROFILE)).questionnaire


def _frame(rows):
    return pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])


def _alpha_only(levels_by_unit: dict[str, list[str]], role: str = "business"):
    """Respondents answering only A-01 (business roles are not asked A-02)."""
    rows = []
    for unit, levels in levels_by_unit.items():
        for i, level in enumerate(levels):
            rows.append((f"{unit}-{i}", unit, role, "A-01", level))
    return _frame(rows)


def _with(**changes):
    return PROFILE.model_copy(update=changes)


@pytest.mark.parametrize(
    ("rule", "north", "org"),
    [
        ("mean", 3.0, (3.0 + 4.0) / 2),  # north mean(1, 3, 5) = 3; south 4
        ("median", 3.0, (3.0 + 4.0) / 2),
        ("weakest_link", 3.0, 3.0),  # the weakest unit
    ],
)
def test_consensus_rules(rule, north, org):
    from assessment.model.engagement import Scoring

    answers = _alpha_only({"north": ["1", "3", "5"], "south": ["4", "4"]})
    s = score(answers, QUESTIONNAIRE, _with(scoring=Scoring(consensus=rule)))
    assert s.units[0].dimensions[0].score == pytest.approx(north)
    assert s.dimensions[0].score == pytest.approx(org)


def test_median_differs_from_mean_within_a_unit():
    from assessment.model.engagement import Scoring

    answers = _alpha_only({"north": ["1", "1", "4"], "south": ["2"]})
    mean = score(answers, QUESTIONNAIRE, PROFILE)
    median = score(answers, QUESTIONNAIRE, _with(scoring=Scoring(consensus="median")))
    assert mean.units[0].dimensions[0].score == pytest.approx(2.0)
    assert median.units[0].dimensions[0].score == pytest.approx(1.0)


def test_dispersion_and_disagreement():
    answers = _alpha_only({"north": ["1", "1", "5", "5", "1", "5"], "south": ["3", "3"]})
    s = score(answers, QUESTIONNAIRE, PROFILE)
    north, south = s.units[0].dimensions[0], s.units[1].dimensions[0]
    # north: three 1s and three 5s, sample sd = sqrt(6 * 4 / 5) = 2.19
    assert north.dispersion == pytest.approx(2.19, abs=0.01)
    assert north.disagreement  # 6 respondents, sd above 1.0
    assert south.dispersion == 0.0 and not south.disagreement
    # organisation: eight answers with mean 3, squares 6 x 4 + 2 x 0 = 24, sd = sqrt(24 / 7) = 1.85
    assert s.dimensions[0].dispersion == pytest.approx(1.85, abs=0.005)
    assert s.dimensions[0].disagreement
    assert (
        "Alpha: respondents disagree strongly (standard deviation 1.9, threshold 1.0)."
        in s.warnings
    )


def test_intervals_are_reproducible_and_match_the_exact_bootstrap():
    answers = _alpha_only({"north": ["1", "2", "3", "4", "5"], "south": ["3", "3", "3"]})
    first = score(answers, QUESTIONNAIRE, PROFILE)
    again = score(answers.sample(frac=1, random_state=3), QUESTIONNAIRE, PROFILE)
    assert first == again
    # A resample of north is five draws from 1..5; its mean's exact distribution (5^5 cases)
    # has P(mean <= 1.6) = 0.018 and P(mean <= 1.8) = 0.040, so the 2.5% point is 1.8; by
    # symmetry the 97.5% point is 4.2. 500 seeded resamples land on those grid points.
    low, high = first.units[0].dimensions[0].confidence_interval
    assert (low, high) == (pytest.approx(1.8, abs=0.2), pytest.approx(4.2, abs=0.2))
    assert first.units[1].dimensions[0].confidence_interval == (3.0, 3.0)  # no spread at all
    # The organisation resample is (north + 3) / 2, so its interval is north's mapped the same
    # way: ((1.8 + 3) / 2, (4.2 + 3) / 2) = (2.4, 3.6) for the values above.
    org = first.dimensions[0].confidence_interval
    assert org == (
        pytest.approx((low + 3) / 2, abs=0.006),
        pytest.approx((high + 3) / 2, abs=0.006),
    )
    assert first.dimensions[0].score == 3.0


def test_a_lone_respondent_has_no_interval():
    answers = _alpha_only({"north": ["2", "4"], "south": ["3"]})
    s = score(answers, QUESTIONNAIRE, PROFILE)
    north, south, org = s.units[0].dimensions[0], s.units[1].dimensions[0], s.dimensions[0]
    assert (south.confidence_interval, south.no_interval_reason) == (
        None,
        "based on 1 respondent, fewer than the 3 needed",  # min_group_size 3 by default
    )
    assert (north.confidence_interval, north.no_interval_reason) == (
        None,
        "based on 2 respondents, fewer than the 3 needed",
    )
    # Three respondents together: north resamples to means 2, 3 or 4, south stays 3, so the
    # organisation's (north + 3) / 2 spans (2 + 3) / 2 = 2.5 to (4 + 3) / 2 = 3.5.
    assert (org.confidence_interval, org.no_interval_reason) == ((2.5, 3.5), None)


def test_coverage_per_unit_and_warning():
    rows = [
        ("n1", "north", "executive", "A-01", "2"),
        ("n1", "north", "executive", "A-02", "dk"),
        ("n1", "north", "executive", "B-01", "dk"),
        ("n1", "north", "executive", "B-02", "dk"),
        ("s1", "south", "executive", "A-01", "3"),
        ("s1", "south", "executive", "A-02", "3"),
        ("s1", "south", "executive", "B-01", "3"),
        ("s1", "south", "executive", "B-02", "3"),
    ]
    s = score(_frame(rows), QUESTIONNAIRE, PROFILE)
    north, south = s.units
    assert [c.coverage for c in north.dimensions] == [0.5, 0.0]
    assert [c.coverage_warning for c in north.dimensions] == [True, True]
    assert [c.coverage for c in south.dimensions] == [1.0, 1.0]
    assert s.dimensions[0].coverage == pytest.approx(0.75)
    # beta: north said "don't know" to both questions, south answered both -> (0 + 1) / 2 = 0.5
    assert [(d.coverage, d.coverage_warning) for d in s.dimensions] == [(0.75, False), (0.5, True)]
    assert s.warnings == [
        "Beta: only 50% of applicable questions were answered (below 70%); "
        "treat its score with care.",
        "North: low coverage in Alpha, Beta.",
    ]


def test_unit_targets_override_the_organisations():
    answers = _alpha_only({"north": ["2"], "south": ["2"]})
    s = score(answers, QUESTIONNAIRE, _with(unit_targets={"south": {"alpha": 5}}))
    assert [u.dimensions[0].target for u in s.units] == [3, 5]
    # both units score 2.0: 0.6 points to level 3 (2.6), 2.2 to the south's level 5 (4.2)
    assert [(u.dimensions[0].target_score, u.dimensions[0].gap) for u in s.units] == [
        (2.6, 0.6),
        (4.2, 2.2),
    ]
    assert s.dimensions[0].target == 3


def test_unit_without_respondents_is_reported_and_left_out():
    answers = _alpha_only({"north": ["2", "4"]})
    s = score(answers, QUESTIONNAIRE, PROFILE)
    assert s.dimensions[0].score == pytest.approx(3.0)
    assert s.units[1].respondents == 0 and s.units[1].index is None
    assert "South has no respondents; it is left out of the roll-up." in s.warnings


def test_answers_to_questions_outside_the_role_are_ignored():
    # A-02 is for executives and Data and IT only; a business respondent's answer to it is
    # neither scored nor counted as covered.
    base = [("b1", "north", "business", "A-01", "3")]
    with_extra = [*base, ("b1", "north", "business", "A-02", "5")]
    before = score(_frame(base), QUESTIONNAIRE, PROFILE)
    after = score(_frame(with_extra), QUESTIONNAIRE, PROFILE)
    assert after.dimensions[0].score == before.dimensions[0].score == 3.0
    assert after.dimensions[0].coverage == before.dimensions[0].coverage
    a02 = {q.question_id: q for q in after.questions}["A-02"]
    assert a02.answered == 0 and a02.score is None


def test_a_gate_just_below_a_level_boundary_still_holds_and_leaves_a_gap():
    # B-02 (critical) averages (16 x 4 + 32 x 3) / 48 = 3.3333, shown as 3.3: level 3.
    rows = []
    for i in range(48):
        answer = "4" if i < 16 else "3"
        rows += [
            (f"e{i}", "north", "executive", "B-02", answer),
            (f"e{i}", "north", "executive", "B-01", "5"),
        ]
    s = score(_frame(rows), QUESTIONNAIRE, PROFILE)
    beta = s.dimensions[1]
    assert beta.level == 3 and beta.capped_by == ["B-02"]
    assert (beta.gap_from, beta.gap) == (3.3, 0.1)  # 3.4 - 3.3, as shown
    assert beta.priority == pytest.approx(0.2)  # gap 0.1 x weight 2


def test_an_error_while_scoring_stops_the_bootstrap_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from assessment.scoring import engine, uncertainty

    started: list[int] = []
    resample = uncertainty._unit_replicates

    def slow(*args: object) -> np.ndarray:
        started.append(1)
        time.sleep(0.2)
        return resample(*args)  # type: ignore[arg-type]

    def failing(*_: object) -> None:
        time.sleep(0.05)  # the helper has taken its first unit
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(uncertainty, "_unit_replicates", slow)
    monkeypatch.setattr(engine, "_scores", failing)
    rows = [(f"r{i}", u, "business", "A-01", "3") for i in range(4) for u in ("north", "south")]
    rows = [(f"{r}-{u}", u, role, q, a) for r, u, role, q, a in rows]
    with pytest.raises(RuntimeError):
        score(_frame(rows), QUESTIONNAIRE, PROFILE)
    assert len(started) == 1  # the unit it had begun, not the other
