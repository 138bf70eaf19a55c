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
