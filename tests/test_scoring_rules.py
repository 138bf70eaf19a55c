"""Scoring rules a client reads directly: levels from unrounded scores, percent to target,
perception gaps, intervals on small groups and ties for the most frequent answer. Each case is
worked by hand in its comments."""

from __future__ import annotations

import pandas as pd
import pytest

from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.questionnaire import Questionnaire
from assessment.scoring.engine import score
from tests.conftest import MINI

PROFILE = load_profile(MINI)
QUESTIONNAIRE = load_questionnaire(questionnaire_folder(MINI, PROFILE)).questionnaire


def _frame(rows):
    return pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])


def _with_capability(name: str, question_ids: set[str]) -> Questionnaire:
    """The mini questionnaire with the named questions grouped into one capability."""
    dims = [
        d.model_copy(
            update={
                "questions": [
                    q.model_copy(update={"capability": name}) if q.id in question_ids else q
                    for q in d.questions
                ]
            }
        )
        for d in QUESTIONNAIRE.dimensions
    ]
    return QUESTIONNAIRE.model_copy(update={"dimensions": dims})


def _just_below_3_4():
    """48 executives: B-02 gets 19 fours and 29 threes, mean (19*4 + 29*3) / 48 = 163/48
    = 3.3958, shown as 3.40 (the first score of level 4) but level 3; B-01 all fives."""
    rows = []
    for i in range(48):
        rows += [
            (f"e{i}", "north", "executive", "B-02", "4" if i < 19 else "3"),
            (f"e{i}", "north", "executive", "B-01", "5"),
        ]
    return _frame(rows)


def test_levels_come_from_unrounded_scores_for_questions_and_capabilities():
    questionnaire = _with_capability("Gatekeeping", {"B-02"})
    s = score(_just_below_3_4(), questionnaire, PROFILE)
    b02 = {q.question_id: q for q in s.questions}["B-02"]
    assert b02.score == 3.40 and b02.level == 3  # rounded 3.40 would read as level 4
    gatekeeping = s.dimensions[1].capabilities[0]
    assert (gatekeeping.score, gatekeeping.level) == (3.40, 3)
    # The dimension agrees: 3.3958 is below the 3.4 target, gated by B-02.
    assert s.dimensions[1].level == 3 and s.dimensions[1].capped_by == ["B-02"]


def test_percent_to_target_is_measured_from_the_gate_and_never_rounds_up_to_the_target():
    from assessment.scoring.targets import percent_to_target, score_gap

    s = score(_just_below_3_4(), QUESTIONNAIRE, PROFILE)
    alpha, beta = s.dimensions
    # beta: respondents score (5 + 4) / 2 = 4.5 or (5 + 3) / 2 = 4, mean 4.198 (level 4), but
    # B-02 at 3.3958 holds it at level 3 against target 4 (lowest score 3.4):
    # (3.3958 - 1) / (3.4 - 1) = 0.99826 -> 0.998, gap 0.0042 -> shown as 0.01
    assert (beta.level, beta.target) == (3, 4)
    assert beta.percent_to_target == 0.998 and beta.score_gap == 0.01
    assert alpha.score is None and alpha.percent_to_target is None  # nobody answered alpha
    # 3.3995 would round to 1.000 while 0.0005 points short: it stays below 100%.
    assert percent_to_target(4, 3.3995) == 0.999 and score_gap(4, 3.3995) == 0.01
    assert percent_to_target(4, 3.4) == 1.0 and score_gap(4, 3.4) == 0.0
    assert percent_to_target(3, 1.9) == pytest.approx(0.9 / 1.6, abs=0.001)  # 0.5625
    assert percent_to_target(1, 1.0) == 1.0  # level 1 is reached by every score


def _perception_rows():
    """North: executives e1-e3, practitioners p1-p3; alpha's A-02 goes to executives and
    data_it only, so only e* and p3 (data_it) can answer it."""
    rows = []
    for r, role, a01, a02, b01 in (
        ("e1", "executive", "5", "5", "3"),
        ("e2", "executive", "4", "5", "3"),
        ("e3", "executive", "5", "5", "4"),
        ("p1", "business", "2", None, "3"),
        ("p2", "business", "2", None, "3"),
        ("p3", "data_it", "3", "1", "2"),
    ):
        rows.append((r, "north", role, "A-01", a01))
        if a02 is not None:
            rows.append((r, "north", role, "A-02", a02))
        rows.append((r, "north", role, "B-01", b01))
    return _frame(rows)


def test_perception_compares_the_same_questions_in_points_for_large_enough_groups():
    s = score(_perception_rows(), QUESTIONNAIRE, PROFILE)  # minimum group size 3
    alpha, beta = s.perception
    # alpha: only A-01 has 3 answers on each side (A-02: 3 executives, 1 practitioner).
    # executives mean(5, 4, 5) = 4.67, practitioners mean(2, 2, 3) = 2.33 -> 2.34 points.
    assert alpha.shown and alpha.question_ids == ["A-01"]
    assert (alpha.executive_score, alpha.practitioner_score) == (4.67, 2.33)
    assert alpha.gap_points == 2.34 and alpha.perception_gap
    assert (alpha.executive_level, alpha.practitioner_level) == (5, 2)
    # Respondents' whole-dimension scores would have mixed in A-02 (weight 3) for executives
    # only: e1 5, e2 (4 + 15) / 4 = 4.75, e3 5 -> 4.92, a gap of who was asked, not of views.
    # beta: B-01 only (B-02 unanswered): mean(3, 3, 4) = 3.33 against mean(3, 3, 2) = 2.67,
    # 0.66 points: less than one level's width (0.8), no perception gap.
    assert beta.question_ids == ["B-01"] and beta.gap_points == 0.66
    assert not beta.perception_gap
    assert (
        "Alpha: on the same questions executives score 4.67 and practitioners 2.33, "
        "2.34 points apart."
    ) in s.warnings


def test_perception_is_not_shown_for_groups_below_the_minimum_size():
    rows = _perception_rows()
    smaller = rows[rows["respondent"] != "p2"]  # two practitioners left
    s = score(smaller, QUESTIONNAIRE, PROFILE)
    for p in s.perception:
        assert not p.shown and p.perception_gap is False
        assert (p.executive_score, p.practitioner_score, p.gap_points) == (None, None, None)
        assert p.not_shown_reason == (
            "no question was answered by at least 3 executives and 3 practitioners"
        )
    # A minimum of 2 shows it again: A-01 executives 4.67, practitioners mean(2, 3) = 2.5.
    report = PROFILE.report.model_copy(update={"min_group_size": 2})
    s = score(smaller, QUESTIONNAIRE, PROFILE.model_copy(update={"report": report}))
    assert s.perception[0].question_ids == ["A-01"] and s.perception[0].gap_points == 2.17
    only_execs = rows[rows["role"] == "executive"]
    assert score(only_execs, QUESTIONNAIRE, PROFILE).perception[0].not_shown_reason == (
        "no practitioner answered these questions"
    )


def test_a_score_on_fewer_respondents_than_the_minimum_has_no_interval():
    import io

    from rich.console import Console

    from assessment.commands.pipeline import assess
    from assessment.exports.terminal import print_scores
    from assessment.report.context import build_context

    engagement, results = assess(MINI)  # minimum group size 3
    alpha, beta = results.dimensions
    # alpha rests on r1, r2 and r3; beta on r1 and r3 (r2 answered only n/a and don't know).
    assert alpha.respondents == 3 and alpha.confidence_interval is not None
    assert alpha.no_interval_reason is None
    assert beta.respondents == 2 and beta.confidence_interval is None
    assert beta.no_interval_reason == "based on 2 respondents, fewer than the 3 needed"
    north, south = results.units
    assert [c.respondents for c in north.dimensions] == [2, 1]
    assert [c.confidence_interval for u in results.units for c in u.dimensions] == [None] * 4
    assert south.dimensions[0].no_interval_reason == (
        "based on 1 respondent, fewer than the 3 needed"
    )

    context = build_context(results, engagement.questionnaire.questionnaire, engagement.profile)
    shown = {d.id: d.interval for d in context.dimensions}
    low, high = alpha.confidence_interval
    assert shown["alpha"] == f"95% interval {low:.1f} to {high:.1f}"
    assert shown["beta"] == "no interval: based on 2 respondents, fewer than the 3 needed"
    out = io.StringIO()
    print_scores(results, Console(file=out, width=200))
    rows = [[c.strip() for c in line.split("│")[1:3]] for line in out.getvalue().splitlines()]
    rows = [r for r in rows if len(r) == 2]  # table rows: dimension, score over interval
    alpha_at = rows.index(["Alpha", f"{alpha.score:.2f}"])
    beta_at = rows.index(["Beta", f"{beta.score:.2f}"])
    assert rows[alpha_at + 1][1] == f"{low:.2f}-{high:.2f}"
    assert rows[beta_at + 1][1] == "none"


def test_a_tie_for_the_most_frequent_answer_shows_every_tied_answer_and_the_shares():
    from assessment.report.context import top_answer_text

    # B-01: "4", "3", "4", "3", "1" -> 4 and 3 twice each, 2 of 5 = 40% each.
    # "2" three times of 5 = 60%, no tie. B-02: "n/a" is not allowed; nobody scored it.
    rows = []
    for i, (a01, b01) in enumerate([("2", "4"), ("2", "3"), ("5", "4"), ("2", "3"), ("1", "1")]):
        rows += [(f"r{i}", "north", "business", "A-01", a01)]
        rows += [(f"r{i}", "north", "business", "B-01", b01)]
    s = score(_frame(rows), QUESTIONNAIRE, PROFILE)
    q = {r.question_id: r for r in s.questions}
    b01, a01, b02 = q["B-01"], q["A-01"], q["B-02"]
    assert b01.top_answer is None
    assert b01.top_answers == ["Option at level 3", "Option at level 4"]
    assert b01.top_answer_share == 0.4
    assert top_answer_text(b01) == (
        "2 answers tie at 40% each: “Option at level 3”; “Option at level 4”"
    )
    assert a01.top_answer == "Option at level 2" and a01.top_answers == [a01.top_answer]
    assert a01.top_answer_share == 0.6
    assert top_answer_text(a01) == "Option at level 2 (60%)"
    assert (b02.top_answers, b02.top_answer_share, top_answer_text(b02)) == ([], None, "no answers")
