"""Scoring rules a client reads directly: levels from the score as shown, percent to target,
perception gaps, intervals on small groups and ties for the most frequent answer. Each case is
worked by hand in its comments."""

from __future__ import annotations

import pandas as pd
import pytest

from assessment.common.formatting import round_half_up
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


def _b02_mean(fours: int) -> pd.DataFrame:
    """48 executives: B-02 gets `fours` fours and the rest threes; B-01 all fives."""
    rows = []
    for i in range(48):
        rows += [
            (f"e{i}", "north", "executive", "B-02", "4" if i < fours else "3"),
            (f"e{i}", "north", "executive", "B-01", "5"),
        ]
    return _frame(rows)


def test_levels_are_read_from_the_score_as_shown_for_questions_and_capabilities():
    # 19 fours, 29 threes: (19 x 4 + 29 x 3) / 48 = 163/48 = 3.3958, shown as 3.4: level 4,
    # the level a reader of "3.4" expects.
    questionnaire = _with_capability("Gatekeeping", {"B-02"})
    s = score(_b02_mean(19), questionnaire, PROFILE)
    b02 = {q.question_id: q for q in s.questions}["B-02"]
    assert b02.score == 3.40 and b02.level == 4
    gatekeeping = s.dimensions[1].capabilities[0]
    assert (gatekeeping.score, gatekeeping.level) == (3.40, 4)
    # beta: respondents (5 + 4) / 2 = 4.5 or (5 + 3) / 2 = 4, mean 4.198, shown as 4.2 (level
    # 5); the gate B-02 at level 4 holds it there, which meets the target of 4: no gap.
    beta = s.dimensions[1]
    assert (beta.level, beta.capped_by, beta.target, beta.gap) == (4, ["B-02"], 4, 0.0)
    assert beta.percent_to_target == 1.0


def test_gap_and_percent_to_target_are_measured_from_the_gate_as_shown():
    from assessment.scoring.targets import gap, percent_to_target

    # 16 fours, 32 threes: B-02 = 160/48 = 3.3333, shown as 3.3: level 3 against target 4.
    s = score(_b02_mean(16), QUESTIONNAIRE, PROFILE)
    alpha, beta = s.dimensions
    # beta: mean (16 x 4.5 + 32 x 4) / 48 = 4.1667, shown 4.2 (level 5), held at 3 by B-02:
    # the gap runs from the gate's 3.3 to 3.4, and 3.3 + 0.1 is what the reader sees.
    assert (beta.level, beta.target, beta.capped_by) == (3, 4, ["B-02"])
    assert (beta.gap_from, beta.gap) == (3.3, 0.1)
    assert beta.priority == pytest.approx(0.2)  # gap 0.1 x weight 2
    assert beta.percent_to_target == pytest.approx((10 / 3 - 1) / 2.4, abs=0.001)  # 0.972
    assert alpha.score is None and alpha.percent_to_target is None  # nobody answered alpha
    # The boundary, at .5: 3.35 shows as 3.4 and reaches level 4; 3.3499 shows as 3.3.
    assert gap(4, 3.35) == 0.0 and percent_to_target(4, 3.35) == 1.0
    assert gap(4, 3.3499) == 0.1 and percent_to_target(4, 3.3499) == 0.979
    assert gap(3, 1.95) == 0.6  # 1.95 shows as 2.0 (half up, despite binary 1.9499...)
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
    # executives mean(5, 4, 5) = 4.67, practitioners mean(2, 2, 3) = 2.33, shown as 4.7 and
    # 2.3: 2.4 points apart, the difference of the numbers a reader sees.
    assert alpha.shown and alpha.question_ids == ["A-01"]
    assert (alpha.executive_score, alpha.practitioner_score) == (4.67, 2.33)
    assert alpha.gap_points == 2.4 and alpha.perception_gap
    assert (alpha.executive_level, alpha.practitioner_level) == (5, 2)
    # Respondents' whole-dimension scores would have mixed in A-02 (weight 3) for executives
    # only: e1 5, e2 (4 + 15) / 4 = 4.75, e3 5 -> 4.92, a gap of who was asked, not of views.
    # beta: B-01 only (B-02 unanswered): mean(3, 3, 4) = 3.33 against mean(3, 3, 2) = 2.67,
    # shown 3.3 and 2.7: 0.6 points, less than one level's width (0.8), no perception gap.
    assert beta.question_ids == ["B-01"] and beta.gap_points == 0.6
    assert not beta.perception_gap
    assert (
        "Alpha: on the same questions executives score 4.7 and practitioners 2.3, "
        "2.4 points apart."
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
    assert s.perception[0].question_ids == ["A-01"]
    assert s.perception[0].gap_points == 2.2  # 4.7 - 2.5, as shown
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
    assert shown["alpha"] == f"95% interval {round_half_up(low):.1f} to {round_half_up(high):.1f}"
    assert shown["beta"] == "no interval: based on 2 respondents, fewer than the 3 needed"
    out = io.StringIO()
    print_scores(results, Console(file=out, width=200))
    rows = [[c.strip() for c in line.split("│")[1:3]] for line in out.getvalue().splitlines()]
    rows = [r for r in rows if len(r) == 2]  # table rows: dimension, score over interval
    # The terminal shows what the PDF shows: one decimal, half up.
    alpha_at = rows.index(["Alpha", f"{round_half_up(alpha.score):.1f}"])
    beta_at = rows.index(["Beta", f"{round_half_up(beta.score):.1f}"])
    assert rows[alpha_at + 1][1] == f"{round_half_up(low):.1f}-{round_half_up(high):.1f}"
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
    # Four options tie at 25% each: counted, not listed (a checklist can tie a dozen ways).
    four = [(f"t{i}", "north", "business", "A-01", str(i + 1)) for i in range(4)]
    a01 = {r.question_id: r for r in score(_frame(four), QUESTIONNAIRE, PROFILE).questions}["A-01"]
    assert len(a01.top_answers) == 4
    assert top_answer_text(a01) == "no answer stands out: 4 answers tie at 25% each"
