"""Scoring invariants, checked over many generated answer sets (hypothesis)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessment.common.formatting import round_half_up
from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.scoring.engine import Scores, score
from tests.conftest import MINI

PROFILE = load_profile(MINI)
QUESTIONNAIRE = load_questionnaire(questionnaire_folder(MINI, PROFILE)).questionnaire
SCORED = [q for _, q in QUESTIONNAIRE.questions() if q.scored]
UNITS = [u.id for u in PROFILE.business_units]
ROLES = ["executive", "business", "data_it"]
ANSWERS = ["1", "2", "3", "4", "5", "na", "dk", ""]
LEVEL_ANSWERS = {"1", "2", "3", "4", "5"}


def _frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])
    frame["comment"] = ""
    frame["file"] = "generated.csv"
    frame["row"] = range(2, len(frame) + 2)
    frame["column"] = "answer"
    return frame


@st.composite
def answer_sets(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for i in range(n):
        unit = draw(st.sampled_from(UNITS))
        role = draw(st.sampled_from(ROLES))
        for q in SCORED:
            choices = [a for a in ANSWERS if not (a == "na" and not q.allow_not_applicable)]
            rows.append((f"r{i}", unit, role, q.id, draw(st.sampled_from(choices))))
    return _frame(rows)


def _all_scores(s: Scores) -> list[float | None]:
    values: list[float | None] = [d.score for d in s.dimensions]
    values += [c.score for u in s.units for c in u.dimensions]
    values += [q.score for q in s.questions]
    return values


def _levels(s: Scores) -> list[int | None]:
    return [d.level for d in s.dimensions] + [c.level for u in s.units for c in u.dimensions]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _reference_scores(answers: pd.DataFrame) -> dict[str, tuple[float | None, dict[str, float]]]:
    """Dimension scores computed the plain way the methodology states them, for the mini
    questionnaire (no conditions, mean consensus): a respondent's score is the weighted mean
    of the levels they gave to questions put to their role; a unit's is the mean of its
    respondents'; the organisation's the mean of its units'. Returns dim -> (org, by unit)."""
    scores: dict[str, tuple[float | None, dict[str, float]]] = {}
    for dim in QUESTIONNAIRE.dimensions:
        by_unit: dict[str, list[float]] = {}
        for (_, unit, role), rows in answers.groupby(["respondent", "unit", "role"]):
            given = dict(zip(rows["question"], rows["answer"], strict=True))
            pairs = [
                (q.weight, int(given[q.id]))
                for q in dim.questions
                if q.scored and role in q.audience and given.get(q.id) in LEVEL_ANSWERS
            ]
            if pairs:
                mean = sum(w * v for w, v in pairs) / sum(w for w, _ in pairs)
                by_unit.setdefault(str(unit), []).append(mean)
        units = {u: m for u, values in by_unit.items() if (m := _mean(values)) is not None}
        scores[dim.id] = (_mean(list(units.values())), units)
    return scores


def _level(score: float) -> int:
    """Level by the methodology's thresholds (1.8, 2.6, 3.4 and 4.2 start levels 2 to 5), read
    from the score as shown: one decimal, half up."""
    shown = float(Decimal(repr(round(score, 12))).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return 1 + sum(shown >= start for start in (1.8, 2.6, 3.4, 4.2))


@settings(max_examples=80, deadline=None)
@given(answer_sets())
def test_every_score_is_within_bounds_and_follows_the_stated_rules(answers: pd.DataFrame) -> None:
    s = score(answers, QUESTIONNAIRE, PROFILE)
    for value in _all_scores(s):
        assert value is None or 1.0 <= value <= 5.0
    assert 0.0 <= s.overall.index <= 100.0
    for d in s.dimensions:
        assert 0.0 <= d.coverage <= 1.0
        assert d.gap >= 0
    reference = _reference_scores(answers)
    for d in s.dimensions:
        expected, by_unit = reference[d.dimension_id]
        assert d.score == (None if expected is None else pytest.approx(expected, abs=0.005))
        for u in s.units:
            cell = next(c for c in u.dimensions if c.dimension_id == d.dimension_id)
            unit_expected = by_unit.get(u.unit_id)
            assert cell.score == (
                None if unit_expected is None else pytest.approx(unit_expected, abs=0.005)
            )
        if d.score is None:
            continue
        # The level is the score's as shown (one decimal, half up), unless a critical question
        # holds it lower; results keep two decimals, so a boundary may sit half a hundredth away.
        by_score = {_level(d.score - 0.005), _level(d.score + 0.005)}
        if d.capped_by:
            assert d.level < max(by_score)
        else:
            assert d.level in by_score
        # One scale: the gap is what a reader computes from the numbers shown.
        assert (d.gap == 0) == (d.level >= d.target)
        if d.gap > 0 and not d.capped_by:
            assert d.gap_from is not None
            assert round(d.gap_from + d.gap, 6) == d.target_score
    scored = [(d.score, d.weight) for d in s.dimensions if d.score is not None]
    if scored:
        weighted = sum(v * w for v, w in scored) / sum(w for _, w in scored)
        assert s.overall.score == pytest.approx(weighted, abs=0.01)
        # index = (score - 1) / 4 x 100 from the unrounded score, shown to 0.1; the score is
        # shown to 0.01, so the two may differ by 0.005 x 25 + 0.05 = 0.175
        assert s.overall.index == pytest.approx((s.overall.score - 1) / 4 * 100, abs=0.18)
    bands = [(85, "Leading"), (70, "Ready to scale"), (50, "Ready for targeted pilots")]
    bands += [(30, "Building foundations"), (0, "Not yet ready")]
    shown_index = float(Decimal(repr(s.overall.index)).quantize(Decimal("1"), ROUND_HALF_UP))
    assert s.overall.band == next(name for start, name in bands if shown_index >= start)


@settings(max_examples=80, deadline=None)
@given(answer_sets(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(answers: pd.DataFrame, rnd) -> None:
    order = list(range(len(answers)))
    rnd.shuffle(order)
    shuffled = answers.iloc[order].reset_index(drop=True)
    assert score(answers, QUESTIONNAIRE, PROFILE) == score(shuffled, QUESTIONNAIRE, PROFILE)


@settings(max_examples=80, deadline=None)
@given(answer_sets(), st.data())
def test_raising_one_answer_never_lowers_a_score_or_level(answers: pd.DataFrame, data) -> None:
    numeric = answers.index[answers["answer"].isin(["1", "2", "3", "4"])]
    assume(len(numeric) > 0)
    row = data.draw(st.sampled_from(list(numeric)))
    raised = answers.copy()
    raised.loc[row, "answer"] = str(int(answers.loc[row, "answer"]) + 1)
    before, after = score(answers, QUESTIONNAIRE, PROFILE), score(raised, QUESTIONNAIRE, PROFILE)
    for b, a in zip(_all_scores(before), _all_scores(after), strict=True):
        assert (b is None) == (a is None)
        assert b is None or a is None or a >= b - 1e-9
    for b, a in zip(_levels(before), _levels(after), strict=True):
        assert b is None or a is None or a >= b
    assert after.overall.index >= before.overall.index - 1e-9


@settings(max_examples=50, deadline=None)
@given(answer_sets())
def test_not_applicable_instead_of_a_lowest_answer_never_lowers_a_score(answers) -> None:
    lowest = answers["answer"] == "1"
    replaced = answers.copy()
    allowed = replaced["question"] != "B-02"  # B-02 does not allow "not applicable"
    replaced.loc[lowest & allowed, "answer"] = "na"
    before, after = score(answers, QUESTIONNAIRE, PROFILE), score(replaced, QUESTIONNAIRE, PROFILE)
    for b, a in zip(_all_scores(before), _all_scores(after), strict=True):
        assert b is None or a is None or a >= b - 1e-9


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.sampled_from(["1", "5"]))
def test_uniform_answers_give_the_extreme_levels(n: int, answer: str) -> None:
    rows = [(f"r{i}", UNITS[i % 2], "executive", q.id, answer) for i in range(n) for q in SCORED]
    s = score(_frame(rows), QUESTIONNAIRE, PROFILE)
    expected_level, expected_index = (5, 100.0) if answer == "5" else (1, 0.0)
    assert s.overall.level == expected_level and s.overall.index == expected_index
    scored_dims = [d for d in s.dimensions]
    assert all(d.level == expected_level for d in scored_dims)
    assert np.isclose(s.overall.score, float(answer))


@settings(max_examples=60, deadline=None)
@given(answer_sets())
def test_perception_compares_exactly_the_questions_both_groups_answered_enough(
    answers: pd.DataFrame,
) -> None:
    minimum = 2
    profile = PROFILE.model_copy(
        update={"report": PROFILE.report.model_copy(update={"min_group_size": minimum})}
    )
    s = score(answers, QUESTIONNAIRE, profile)
    # Counted from the rows, not by the engine: scored answers from people asked the question.
    audience = {q.id: set(q.audience) for q in SCORED}
    scored = answers[
        answers["answer"].isin(["1", "2", "3", "4", "5"])
        & np.array(
            [
                role in audience[q]
                for role, q in zip(answers["role"], answers["question"], strict=True)
            ]
        )
    ]
    executive = scored["role"] == "executive"
    execs = scored[executive]["question"].value_counts()
    pracs = scored[~executive]["question"].value_counts()
    for d, p in zip(QUESTIONNAIRE.dimensions, s.perception, strict=True):
        expected = [
            q.id
            for q in d.questions
            if q.scored and execs.get(q.id, 0) >= minimum and pracs.get(q.id, 0) >= minimum
        ]
        assert p.question_ids == expected
        assert p.shown == bool(expected)
        if p.shown:
            assert p.executive_score is not None and p.practitioner_score is not None
            shown = round_half_up(p.executive_score) - round_half_up(p.practitioner_score)
            assert p.gap_points == round_half_up(shown)
            assert p.perception_gap == (abs(p.gap_points) >= 0.8 - 1e-9)
        else:
            assert p.not_shown_reason and p.gap_points is None and not p.perception_gap


@settings(max_examples=60, deadline=None)
@given(answer_sets())
def test_no_interval_on_fewer_respondents_than_the_minimum_group_size(answers) -> None:
    s = score(answers, QUESTIONNAIRE, PROFILE)
    minimum = PROFILE.report.min_group_size
    cells = [*s.dimensions, *(c for u in s.units for c in u.dimensions)]
    for c in cells:
        if c.respondents < minimum:
            assert c.confidence_interval is None and c.no_interval_reason
        else:
            assert c.confidence_interval is not None and c.no_interval_reason is None
            assert c.score is not None
            low, high = c.confidence_interval
            assert 1.0 <= low <= high <= 5.0
