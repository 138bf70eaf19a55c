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


@pytest.mark.parametrize(
    "export", ["google-forms.csv", "microsoft-forms.xlsx", "qualtrics.csv", "surveyjs.json"]
)
def test_every_export_with_a_mapping_file(run_cli, empty_pulse, tmp_path, export):
    """A mapping moves answers between units and translates an answer label."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "units: {Shops: office, Head Office: shops, shops: office}\n"
        "answers: {CULT-01: {Agree: '5', Strongly agree: '1', 'Neither agree nor disagree': '2',"
        " '3': '2'}}\n"
    )
    result = run_cli("import", str(empty_pulse), str(EXPORTS / export), "--mapping", str(mapping))
    assert result.code == 0, result.err
    frame = load_engagement(empty_pulse).responses.answers
    culture = frame[frame["question"] == "CULT-01"]
    assert len(culture) >= 1
    assert set(culture["answer"]) <= {"5", "1", "2"}  # every label went through the mapping
    assert not (set(frame["unit"]) - {"office", "shops"})


def test_mapping_file_errors_are_located(run_cli, empty_pulse, tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("questions: {'Some header': NOPE-1}\nrespondent: {shoe_size: Size}\n")
    result = run_cli(
        "import", str(empty_pulse), str(EXPORTS / "google-forms.csv"), "--mapping", str(mapping)
    )
    assert result.code == 2
    assert "field 'questions.Some header': maps to unknown question 'NOPE-1'" in result.err
    assert "field 'respondent.shoe_size'" in result.err


def test_native_csv_import_copies_and_normalises(run_cli, empty_pulse, tmp_path):
    source = tmp_path / "answers.csv"
    source.write_text(
        "respondent_id,business_unit,role,question_id,answer,comment\n"
        "x1,Shops,Business,SKILL-01,20%,=SUM(A1)\nx1,Shops,Business,CULT-01,Agree,\n"
    )
    result = run_cli("import", str(empty_pulse), str(source))
    assert result.code == 0, result.err
    text = (empty_pulse / "responses" / "answers.csv").read_text()
    assert "x1,shops,business,SKILL-01,20,'=SUM(A1)" in text
    assert "x1,shops,business,CULT-01,4," in text


def test_new_business_unit_is_accepted_with_a_notice(run_cli, empty_pulse, tmp_path):
    source = tmp_path / "answers.csv"
    source.write_text(
        "respondent_id,business_unit,role,question_id,answer\nx1,Warehouse,Business,SKILL-01,20\n"
    )
    result = run_cli("import", str(empty_pulse), str(source))
    assert result.code == 0, result.err
    assert "notice: business unit 'Warehouse' is not in assessment.yaml" in result.out


def test_workbooks_are_parsed_with_hardened_xml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed so openpyxl uses it"


def test_native_csv_with_conflicting_rows_is_refused(run_cli, empty_pulse, tmp_path):
    source = tmp_path / "answers.csv"
    source.write_text(
        "respondent_id,business_unit,role,question_id,answer\n"
        "x1,shops,business,SKILL-01,20\nx1,office,executive,SKILL-03,yes\n"
        "x1,shops,business,SKILL-01,30\n"
    )
    result = run_cli("import", str(empty_pulse), str(source))
    assert result.code == 2
    assert "answers.csv, row 3: respondent 'x1' appears with more than one" in result.err
    assert (
        "answers.csv, row 4, column 'question_id': respondent 'x1' answers SKILL-01" in result.err
    )


def test_mapping_values_must_be_known_roles_and_units(run_cli, empty_pulse, tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("roles: {Boss: manager}\nunits: {X: nowhere}\n")
    result = run_cli(
        "import", str(empty_pulse), str(EXPORTS / "google-forms.csv"), "--mapping", str(mapping)
    )
    assert result.code == 2
    assert "field 'roles.Boss': maps 'Boss' to 'manager'" in result.err
    assert "field 'units.X': maps 'X' to 'nowhere'" in result.err


def test_form_file_that_is_not_an_object(run_cli, empty_pulse, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("[]")
    result = run_cli("import", str(empty_pulse), str(path), "--format", "form")
    assert result.code == 2 and "expected a JSON object" in result.err
