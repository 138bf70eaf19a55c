"""The mini engagement scored by hand (see the arithmetic in each test)."""

from __future__ import annotations

import numpy as np
import pytest

from assessment.commands.pipeline import assess
from assessment.scoring.policy import band_of, index_of, level_of
from tests.conftest import MINI


@pytest.fixture(scope="module")
def results():
    return assess(MINI)[1]


def test_dimension_scores_roll_up_respondent_unit_organisation(results):
    alpha, beta = results.dimensions
    # alpha: r1 = (2*1 + 4*3)/4 = 3.5, r2 = 4 (A-02 not put to a business role), r3 = (1+3)/4 = 1
    # north = mean(3.5, 4) = 3.75, south = 1, organisation = mean(3.75, 1) = 2.375
    assert alpha.score == pytest.approx(2.38)
    assert alpha.level == 2 and alpha.level_name == "Two"
    # beta: r1 = (3+1)/2 = 2, r2 has only n/a and don't know, r3 = 5; north 2, south 5 -> 3.5
    assert beta.score == pytest.approx(3.5)
    # 3.5 is level 4, but the critical B-02 scores (1 + 5) / 2 = 3.0, level 3: the gate holds
    assert beta.level == 3 and beta.capped_by == ["B-02"]


def test_targets_and_gaps(results):
    alpha, beta = results.dimensions
    # 2.375 shows as 2.4 (half up); level 3 starts at 2.6: the gap a reader computes
    assert (alpha.target, alpha.gap, alpha.gap_from) == (3, 0.2, 2.4)
    assert alpha.priority == pytest.approx(0.2)  # gap 0.2 x weight 1
    assert alpha.percent_to_target == pytest.approx((2.375 - 1) / (2.6 - 1), abs=0.001)  # 0.859
    # target 4 from the preset's override; the gap is measured from the gate (3.4 - 3.0)
    assert (beta.target, beta.gap, beta.gap_from) == (4, 0.4, 3.0)
    assert beta.priority == pytest.approx(0.8)  # gap x weight 2
    assert beta.percent_to_target == pytest.approx((3.0 - 1) / (3.4 - 1), abs=0.001)


def test_overall_index_weights_dimensions(results):
    # (2.375 * 1 + 3.5 * 2) / 3 = 3.125 -> index (3.125 - 1) / 4 * 100 = 53.125
    assert results.overall.score == pytest.approx(3.12, abs=0.01)
    assert results.overall.index == pytest.approx(53.1)
    assert results.overall.level == 3
    assert results.overall.band == "Ready for targeted pilots"


def test_coverage_leaves_out_not_applicable_and_questions_not_asked(results):
    alpha, beta = results.dimensions
    assert alpha.coverage == 1.0  # 5 applicable cells, all answered
    assert beta.coverage == pytest.approx(0.8)  # B-01 n/a left out; B-02 don't know counts


def test_question_results(results):
    q = {r.question_id: r for r in results.questions}
    assert set(q) == {"A-01", "A-02", "B-01", "B-02"}  # free text is never scored
    assert q["A-01"].score == pytest.approx(2.0)  # north mean(2, 4) = 3, south 1
    assert q["A-02"].score == pytest.approx(2.5)  # north r1 4 (r2 not asked), south r3 1
    assert q["B-01"].score == pytest.approx(4.0)  # north r1 3 (r2 n/a), south 5
    assert q["B-02"].score == pytest.approx(3.0)  # north r1 1 (r2 don't know), south 5
    assert (q["B-01"].answered, q["B-01"].not_applicable) == (2, 1)
    assert (q["B-02"].answered, q["B-02"].dont_know) == (2, 1)
    assert [r.unanswered for r in results.questions] == [0, 0, 0, 0]


def test_explanation_names_the_questions_furthest_below_target(results):
    alpha, beta = results.dimensions
    # Level 3 starts at 2.6: A-01 pulls 1 x (2.6 - 2.0) = 0.6, A-02 pulls 3 x (2.6 - 2.5) = 0.3
    assert alpha.weakest_questions == ["A-01", "A-02"]
    assert alpha.reason == (
        "Alpha is level 2 (Two, 2.4 of 5) against a target of level 3; "
        "the answers furthest below the target are A-01 (2.0), A-02 (2.5)."
    )
    assert beta.weakest_questions == ["B-02"]
    assert beta.reason == (
        "Beta is level 3 (Three, 3.5 of 5) against a target of level 4, held at this level by the "
        "critical question B-02; the answers furthest below the target are B-02 (3.0)."
    )


def test_participation(results):
    assert results.participation.respondents == 3
    assert results.participation.by_unit == {"north": 2, "south": 1}
    assert results.participation.by_role == {"business": 1, "data_it": 1, "executive": 1}


def test_units(results):
    north, south = results.units
    assert north.respondents == 2
    assert [d.score for d in north.dimensions] == [pytest.approx(3.75), pytest.approx(2.0)]
    assert [d.level for d in south.dimensions] == [1, 5]
    # north's beta score 2.0 is level 2, but its only B-02 answer is 1: the gate caps it at 1
    assert [d.level for d in north.dimensions] == [4, 1]
    # north beta: r1 answered both, r2 n/a (left out) and don't know (counts) -> 2 of 3
    assert [d.coverage for d in north.dimensions] == [1.0, pytest.approx(0.667, abs=0.001)]
    # index = (weighted score - 1) / 4 x 100: north (3.75 + 2 x 2) / 3 = 2.583 -> 39.6,
    # south (1 + 2 x 5) / 3 = 3.667 -> 66.7
    assert (north.index, south.index) == (pytest.approx(39.6), pytest.approx(66.7))
    # Both have fewer respondents than the minimum group size of 3, so neither is shown alone.
    assert (north.hidden, south.hidden) == (True, True)
    assert results.warnings == ["North: low coverage in Beta."]


def test_intervals(results):
    alpha, beta = results.dimensions
    # alpha resamples: north's two respondents (3.5 and 4) give 3.5, 3.75 or 4, south's one
    # always 1, so the organisation's (north + 1) / 2 is 2.25, 2.375 or 2.5.
    assert (alpha.confidence_interval, alpha.no_interval_reason) == ((2.25, 2.5), None)
    # beta: r2 gave only n/a and don't know, so two respondents, below the minimum of 3
    assert beta.respondents == 2 and beta.confidence_interval is None
    assert beta.no_interval_reason == "based on 2 respondents, fewer than the 3 needed"


@pytest.mark.parametrize(
    ("score", "level"),
    [
        # Levels are read from the score as shown, one decimal half up: 3.35 shows as 3.4.
        (1.0, 1),
        (1.74, 1),
        (1.75, 2),
        (1.8, 2),
        (2.549, 2),
        (2.55, 3),
        (3.349, 3),
        (3.35, 4),
        (3.3958, 4),
        (4.1499, 4),
        (4.15, 5),
        (5.0, 5),
        ((3.3 + 3.4) / 2, 4),  # 3.3499999999999996 in binary: still 3.35
    ],
)
def test_level_thresholds(score, level):
    assert level_of(np.array([score]))[0] == level


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (0, "Not yet ready"),
        (29.4, "Not yet ready"),
        (29.5, "Building foundations"),  # printed as 30: the band the reader sees
        (30, "Building foundations"),
        (50, "Ready for targeted pilots"),
        (70, "Ready to scale"),
        (85, "Leading"),
        (100, "Leading"),
    ],
)
def test_readiness_bands(index, band):
    assert band_of(index) == band


def test_index_scale():
    assert index_of(1.0) == 0.0
    assert index_of(5.0) == 100.0
    assert index_of(3.0) == 50.0
