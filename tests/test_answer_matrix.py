"""Loading builds the answer matrix once; scoring it gives the same results as scoring the
tidy answers, for the whole engagement and for one unit's narrowed copy."""

from __future__ import annotations

import numpy as np

from assessment.answers.matrix import build_matrix
from assessment.commands.pipeline import unit_engagement
from assessment.loading.engagement import load_engagement
from assessment.scoring.engine import score
from tests.conftest import EXAMPLE


def test_loaded_matrix_is_the_matrix_of_the_loaded_answers() -> None:
    engagement = load_engagement(EXAMPLE)
    loaded = engagement.responses.matrix
    again = build_matrix(engagement.responses.answers, engagement.questionnaire.questionnaire)
    assert loaded.respondents.equals(again.respondents)
    assert np.array_equal(loaded.scores, again.scores, equal_nan=True)
    assert np.array_equal(loaded.states, again.states)
    assert np.array_equal(loaded.codes, again.codes)


def test_a_units_narrowed_matrix_scores_like_its_answers() -> None:
    engagement = load_engagement(EXAMPLE)
    unit_id = engagement.profile.business_units[1].id
    narrowed = unit_engagement(engagement, unit_id)
    responses, questionnaire = narrowed.responses, narrowed.questionnaire.questionnaire
    assert set(responses.matrix.respondents["unit"]) == {unit_id}
    from_matrix = score(responses.answers, questionnaire, narrowed.profile, responses.matrix)
    from_answers = score(responses.answers, questionnaire, narrowed.profile)
    assert from_matrix == from_answers
    assert from_matrix.participation.respondents == len(responses.matrix.respondents)
    # The unit's own report shows the intervals the organisation's report gives it.
    whole = score(engagement.responses.answers, questionnaire, engagement.profile)
    in_whole = next(u for u in whole.units if u.unit_id == unit_id)
    assert [d.confidence_interval for d in from_matrix.units[0].dimensions] == [
        d.confidence_interval for d in in_whole.dimensions
    ]
