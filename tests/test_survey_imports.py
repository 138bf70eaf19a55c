"""Survey-tool exports, made by hand after each tool's real column layout, imported with and
without a mapping file."""

from __future__ import annotations

import pytest

from assessment.loading.engagement import load_engagement
from tests.conftest import REPO

EXPORTS = REPO / "tests" / "data" / "exports"


@pytest.fixture
def empty_pulse(pulse_copy):
    (pulse_copy / "responses" / "pulse.csv").unlink()
    return pulse_copy


def _answers(engagement):
    frame = load_engagement(engagement).responses.answers
    return {
        (r, q): a
        for r, q, a in zip(frame["respondent"], frame["question"], frame["answer"], strict=True)
    }, frame


def test_google_forms_csv(run_cli, empty_pulse):
    result = run_cli("import", str(empty_pulse), str(EXPORTS / "google-forms.csv"))
    assert result.code == 0, result.err
    answers, frame = _answers(empty_pulse)
    assert frame["respondent"].nunique() == 2
    by_unit = frame.groupby("unit")["respondent"].first()
    amy, bob = by_unit["shops"], by_unit["office"]
    assert answers[(amy, "SKILL-02")] == "basics;builders"  # ", "-joined labels
    assert answers[(bob, "SKILL-02")] == "basics;builders;leaders"
    assert answers[(amy, "SKILL-04")] == "c" and answers[(bob, "CULT-02")] == "1"
    assert answers[(amy, "SKILL-90")] == "Clearer rules"
    assert set(frame["role"]) == {"business", "executive"}


def test_microsoft_forms_xlsx(run_cli, empty_pulse):
    result = run_cli("import", str(empty_pulse), str(EXPORTS / "microsoft-forms.xlsx"))
    assert result.code == 0, result.err
    answers, frame = _answers(empty_pulse)
    (dee,) = set(frame["respondent"])
    assert answers[(dee, "SKILL-02")] == "basics;leaders"  # ";"-joined with a trailing ";"
    assert answers[(dee, "SKILL-01")] == "80" and answers[(dee, "CULT-01")] == "5"
    assert set(frame["role"]) == {"security_risk"}


def test_qualtrics_csv_with_three_header_rows(run_cli, empty_pulse):
    result = run_cli("import", str(empty_pulse), str(EXPORTS / "qualtrics.csv"))
    assert result.code == 0, result.err
    answers, frame = _answers(empty_pulse)
    (marie,) = set(frame["respondent"])
    assert answers[(marie, "SKILL-01")] == "55" and answers[(marie, "SKILL-03")] == "no"
    assert answers[(marie, "CULT-01")] == "3" and answers[(marie, "CULT-02")] == "4"
    assert set(frame["unit"]) == {"shops"} and set(frame["role"]) == {"data_it"}


def test_translated_qualtrics_needs_a_mapping(run_cli, empty_pulse):
    source = str(EXPORTS / "qualtrics-de.csv")
    without = run_cli("import", str(empty_pulse), source)
    assert without.code == 2 and "add it to a mapping file" in without.err
    assert list((empty_pulse / "responses").iterdir()) == []
    mapped = run_cli(
        "import", str(empty_pulse), source, "--mapping", str(EXPORTS / "mapping-de.yaml")
    )
    assert mapped.code == 0, mapped.err
    answers, frame = _answers(empty_pulse)
    (joerg,) = set(frame["respondent"])
    assert answers[(joerg, "SKILL-03")] == "yes" and answers[(joerg, "CULT-01")] == "4"
    assert set(frame["unit"]) == {"office"} and set(frame["role"]) == {"executive"}


def test_surveyjs_results(run_cli, empty_pulse):
    result = run_cli("import", str(empty_pulse), str(EXPORTS / "surveyjs.json"))
    assert result.code == 0, result.err
    answers, frame = _answers(empty_pulse)
    (cy,) = set(frame["respondent"])
    assert answers[(cy, "SKILL-02")] == "basics" and answers[(cy, "SKILL-01")] == "25"
    assert "Depends on the manager" in set(frame["comment"])


def test_same_person_from_two_tools_is_one_respondent(run_cli, empty_pulse, tmp_path):
    """The pseudonym comes from the e-mail, whatever tool collected it."""
    import csv

    path = tmp_path / "again.csv"
    rows = list(csv.reader((EXPORTS / "google-forms.csv").open()))
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([rows[0], rows[1]])
    assert run_cli("import", str(empty_pulse), str(EXPORTS / "google-forms.csv")).code == 0
    again = run_cli("import", str(empty_pulse), str(path))
    assert again.code == 0 and "1 already imported unchanged" in again.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("Timestamp,Mystery column\n2026,x\n", "Mystery column"),
        ("{not json", "not valid JSON"),
    ],
)
def test_broken_exports(run_cli, empty_pulse, tmp_path, content, message):
    suffix = ".json" if content.startswith("{") else ".csv"
    path = tmp_path / f"broken{suffix}"
    path.write_text(content)
    result = run_cli("import", str(empty_pulse), str(path))
    assert result.code == 2 and message in result.err
    assert list((empty_pulse / "responses").iterdir()) == []


def test_unknown_file_type(run_cli, empty_pulse, tmp_path):
    path = tmp_path / "answers.txt"
    path.write_text("hello")
    result = run_cli("import", str(empty_pulse), str(path))
    assert result.code == 2 and "cannot import a '.txt' file" in result.err
