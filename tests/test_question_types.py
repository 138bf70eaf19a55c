"""Every question type and a condition, scored by hand on the two-dimension pulse questionnaire."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from assessment.commands.pipeline import assess
from tests.conftest import REPO

PULSE = REPO / "tests" / "data" / "pulse-engagement"


@pytest.fixture(scope="module")
def results():
    return assess(PULSE)[1]


def test_question_scores_by_type(results):
    q = {r.question_id: r for r in results.questions}
    # numeric bands 0/20/50/75/95: shops 40 -> 2, 10 -> 1; office 80 -> 4, 100 -> 5
    assert q["SKILL-01"].score == pytest.approx((1.5 + 4.5) / 2)
    # checklist weights 1/2/1: basics = 2, none = 1 | basics+builders = 4, all = 5
    assert q["SKILL-02"].score == pytest.approx((1.5 + 4.5) / 2)
    # yes/no: yes -> 5, no -> 1: shops (5 + 1) / 2 = 3, office 5 -> 4
    assert q["SKILL-03"].score == pytest.approx(4.0)
    # SKILL-04 shows only after SKILL-03 == 'yes': p2 answered it but said no, so it is ignored
    assert (q["SKILL-04"].answered, q["SKILL-04"].dont_know, q["SKILL-04"].unanswered) == (2, 1, 0)
    assert q["SKILL-04"].score == pytest.approx(4.0)
    # reversed agreement: Agree -> 2, 5 -> 1 | 1 -> 5, 2 -> 4
    assert q["CULT-02"].score == pytest.approx((1.5 + 4.5) / 2)
    # agreement by number or label: shops 4, 2 -> 3; office Strongly agree, 5 -> 5
    assert q["CULT-01"].score == pytest.approx(4.0)
    assert "SKILL-90" not in q


def test_dimension_scores(results):
    skills, culture = results.dimensions
    # p1 (2+2+5+3)/4 = 3, p2 (1+1+1)/3 = 1 -> shops 2; p3 (4+4+5)/3, p4 5 -> office 4.667
    assert skills.score == pytest.approx(3.33)
    # 3.333 shows as 3.3, level 3 (3.4 starts level 4); the preset's target for skills is 4
    assert (skills.level, skills.target) == (3, 4)
    assert skills.gap == 0.1  # 3.4 - 3.3, from the score as shown
    assert skills.capped_by == []  # the critical SKILL-01 scores 3.0, no lower than level 3
    assert skills.coverage == pytest.approx(14 / 15, abs=0.001)  # hidden cell left out
    assert culture.score == pytest.approx(3.5)  # shops 2.25, office 4.75
    assert (culture.level, culture.gap) == (4, 0.0)
    # (3.333 x 2 + 3.5) / 3 = 3.389 -> index 59.7
    assert results.overall.index == pytest.approx(59.7)
    # 3.389 shows as 3.4: level 4, as read from the score shown
    assert (results.overall.level, results.overall.level_name) == (4, "Fluent")
    # units: shops (2 x 2 + 2.25) / 3 = 2.083 -> 27.1; office (4.667 x 2 + 4.75) / 3 -> 92.4
    assert [u.index for u in results.units] == [pytest.approx(27.1), pytest.approx(92.4)]


def test_custom_questionnaire_renders_to_a_pdf(tmp_path, run_cli):
    pdf = tmp_path / "pulse.pdf"
    result = run_cli("report", str(PULSE), "-o", str(pdf))
    assert result.code == 0, result.err
    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        "Pulse Test Ltd",
        "Skills",
        "Culture",
        "Capable",
        "Fluent",
        "Launch",
        "PULSE-01",
    ):
        assert expected in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)  # Letter, from the profile


def test_validate_accepts_the_custom_questionnaire(run_cli):
    result = run_cli("questionnaire", "validate", str(PULSE / "questionnaire"))
    assert result.code == 0
    assert "ai-literacy-pulse 1.0.0: 2 dimensions, 7 questions, 2 actions" in result.out
