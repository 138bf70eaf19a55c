"""Progress since an earlier assessment, with questions matched through the lineage map."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assessment.commands.pipeline import assess
from assessment.model.results import Results
from tests.conftest import MINI, REPO

PULSE = REPO / "tests" / "data" / "pulse-engagement"


@pytest.fixture
def earlier(tmp_path):
    """The pulse results as they were a year before: SKILL-01 was then called SKILL-00."""
    now = assess(PULSE)[1]
    dims = [
        d.model_copy(update={"score": round(d.score - 0.5, 2), "level": d.level - 1})
        for d in now.dimensions
    ]
    questions = [
        q.model_copy(update={"question_id": "SKILL-00", "score": 2.0})
        if q.question_id == "SKILL-01"
        else q
        for q in now.questions
    ] + [now.questions[0].model_copy(update={"question_id": "GONE-01"})]
    then = now.model_copy(
        update={
            "assessment_date": dt.date(2025, 3, 1),
            "overall": now.overall.model_copy(update={"index": now.overall.index - 10}),
            "dimensions": dims,
            "questions": questions,
        }
    )
    path = tmp_path / "earlier.json"
    path.write_text(then.model_dump_json())
    return path


def test_progress_by_dimension_unit_and_question(earlier):
    results = assess(PULSE, earlier)[1]
    p = results.progress
    assert p is not None and p.previous_date == dt.date(2025, 3, 1)
    assert p.index_change == pytest.approx(10.0)
    assert [(c.key, c.change) for c in p.dimensions] == [("skills", 0.5), ("culture", 0.5)]
    assert {c.key for c in p.units} == {
        "shops/skills",
        "shops/culture",
        "office/skills",
        "office/culture",
    }
    assert all(c.change == 0 for c in p.units)
    by_key = {c.key: c for c in p.questions}
    assert by_key["SKILL-01"].previous_score == 2.0  # found through the lineage SKILL-00 -> 01
    assert by_key["SKILL-01"].change == pytest.approx(1.0)
    assert p.unmatched_questions == ["GONE-01"]
    assert any(f.path == "earlier.json" for f in results.inputs)


def test_previous_from_the_command_line(earlier, run_cli):
    result = run_cli("score", str(PULSE), "--json", "--previous", str(earlier))
    assert result.code == 0
    assert Results.model_validate(json.loads(result.out)).progress is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "earlier results file not found"),
        ("{not json", "is not a JSON file"),
        ('{"tool": "other"}', "is not a results.json written by readiness"),
    ],
)
def test_bad_previous_results(tmp_path, run_cli, content, message):
    path = tmp_path / "earlier.json"
    if content is not None:
        path.write_text(content)
    result = run_cli("score", str(PULSE), "--previous", str(path))
    assert result.code == 2 and message in result.err


def test_previous_results_of_another_questionnaire(tmp_path, run_cli):
    path = tmp_path / "mini.json"
    path.write_text(assess(MINI)[1].model_dump_json())
    result = run_cli("score", str(PULSE), "--previous", str(path))
    assert result.code == 2 and "comes from questionnaire 'mini'" in result.err


def test_report_shows_progress(earlier, run_cli, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(PULSE), "-o", str(pdf), "--previous", str(earlier)).code == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Progress since the last assessment" in text
    assert "Since the assessment of 1 March 2025 the readiness index is up 10 points." in text
