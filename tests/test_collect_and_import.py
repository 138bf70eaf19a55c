"""Workbooks for business units, filled in and imported back; status of the collection."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from assessment.collect.fillable_workbook import ANSWER_COLUMN, COMMENT_COLUMN, HEADER_ROW
from assessment.loading.engagement import load_engagement

ANSWERS = {  # question id -> what the respondent types or picks (labels, as in the drop-downs)
    "SKILL-01": "45",
    "SKILL-02": "basics; builders",
    "SKILL-03": "Yes, approved and available to all staff",
    "SKILL-04": "In a reviewed prompt library",
    "SKILL-90": '=HYPERLINK("http://x.test")',
    "CULT-01": "Agree",
    "CULT-02": "Not applicable",
}


def _fill(
    path: Path,
    answers: dict[str, str],
    name="Ada Lovelace",
    email="ada@example.test",
    role="Business",
    unit="Shops",
) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Answers"]
    sheet["C3"], sheet["C4"], sheet["C5"], sheet["C6"] = name, email, role, unit
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        qid = sheet.cell(row, 1).value
        if qid in answers:
            sheet.cell(row, ANSWER_COLUMN).value = answers[qid]
            if qid == "SKILL-01":
                sheet.cell(row, COMMENT_COLUMN).value = "From the learning system"
    book.save(path)


@pytest.fixture
def workbook(run_cli, pulse_copy) -> Path:
    result = run_cli("collect", str(pulse_copy), "--unit", "shops")
    assert result.code == 0, result.err
    path = pulse_copy / "collect" / "shops.xlsx"
    (pulse_copy / "responses" / "pulse.csv").unlink()  # start the collection from scratch
    return path


def test_workbook_offers_the_allowed_answers_and_is_locked(workbook):
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[:2] == ["Instructions", "Answers"]
    assert book["Lists"].sheet_state == "hidden" and book["About"].sheet_state == "hidden"
    sheet = book["Answers"]
    assert sheet.protection.sheet and book.security.lockStructure
    rows = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    assert {"SKILL-01", "SKILL-04", "CULT-02"} <= set(rows)
    assert sheet.cell(rows["SKILL-01"], ANSWER_COLUMN).protection.locked is False
    assert sheet.cell(rows["SKILL-01"], 3).protection.locked is True
    validated = {str(c) for dv in sheet.data_validations.dataValidation for c in dv.sqref.ranges}
    assert f"E{rows['SKILL-03']}" in validated and f"E{rows['SKILL-01']}" not in validated
    lists = [c.value for c in book["Lists"]["C"] if c.value]  # the first question with a list
    assert lists[-2:] == ["Not applicable", "Don't know"]
    assert "Answer only if: SKILL-03 == 'yes'" in sheet.cell(rows["SKILL-04"], 4).value


def test_round_trip_gives_the_same_answers(run_cli, pulse_copy, workbook):
    _fill(workbook, ANSWERS)
    result = run_cli("import", str(pulse_copy), str(workbook))
    assert result.code == 0, result.err
    assert "imported 1 respondent(s)" in result.out
    answers = load_engagement(pulse_copy).responses.answers
    got = dict(zip(answers["question"], answers["answer"], strict=True))
    assert got == {
        "SKILL-01": "45",
        "SKILL-02": "basics;builders",
        "SKILL-03": "yes",
        "SKILL-04": "d",
        "SKILL-90": '\'=HYPERLINK("http://x.test")',
        "CULT-01": "4",
        "CULT-02": "na",
    }
    assert set(answers["unit"]) == {"shops"} and set(answers["role"]) == {"business"}
    person = answers["respondent"].iloc[0]
    assert person.startswith("P-") and "ada" not in person.lower()
    text = (pulse_copy / "responses" / "shops.csv").read_text()
    assert "Ada" not in text and "example.test" not in text
    assert "From the learning system" in text


def test_reimport_is_idempotent_and_changes_need_replace(run_cli, pulse_copy, workbook):
    _fill(workbook, ANSWERS)
    assert run_cli("import", str(pulse_copy), str(workbook)).code == 0
    before = (pulse_copy / "responses" / "shops.csv").read_text()
    again = run_cli("import", str(pulse_copy), str(workbook))
    assert again.code == 0 and "1 already imported unchanged" in again.out
    assert sorted(p.name for p in (pulse_copy / "responses").iterdir()) == ["shops.csv"]
    _fill(workbook, {**ANSWERS, "CULT-01": "Disagree"})
    refused = run_cli("import", str(pulse_copy), str(workbook))
    assert refused.code == 2 and "pass --replace" in refused.err
    assert (pulse_copy / "responses" / "shops.csv").read_text() == before
    replaced = run_cli("import", str(pulse_copy), str(workbook), "--replace")
    assert replaced.code == 0 and "replaced 1" in replaced.out
    answers = load_engagement(pulse_copy).responses.answers
    assert dict(zip(answers["question"], answers["answer"], strict=True))["CULT-01"] == "2"
    assert answers["respondent"].nunique() == 1


def test_bad_answers_name_sheet_row_and_column_and_nothing_is_written(
    run_cli, pulse_copy, workbook
):
    _fill(workbook, {**ANSWERS, "SKILL-01": "140", "CULT-01": "Maybe"}, role="Intern")
    result = run_cli("import", str(pulse_copy), str(workbook))
    assert result.code == 2
    assert "shops.xlsx, row 5, column 'C', field 'sheet Answers': role 'Intern'" in result.err
    assert "140 is out of range for SKILL-01" in result.err
    assert "answer 'Maybe' is not allowed for CULT-01" in result.err
    assert list((pulse_copy / "responses").iterdir()) == []


def test_all_or_nothing_across_files(run_cli, pulse_copy, workbook, tmp_path):
    _fill(workbook, ANSWERS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli("import", str(pulse_copy), str(workbook), str(broken))
    assert result.code == 2 and "is not a readable .xlsx workbook" in result.err
    assert list((pulse_copy / "responses").iterdir()) == []


def test_workbook_for_one_role_holds_only_its_questions(run_cli, pulse_copy):
    import yaml

    path = pulse_copy / "questionnaire" / "dimensions" / "skills.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][1]["audience"] = ["data_it"]  # SKILL-02
    path.write_text(yaml.safe_dump(data))
    assert run_cli("collect", str(pulse_copy), "--role", "executive").code == 0
    sheet = openpyxl.load_workbook(pulse_copy / "collect" / "shops-executive.xlsx")["Answers"]
    ids = {sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    assert "SKILL-01" in ids and "SKILL-02" not in ids


def test_collect_refuses_to_overwrite_a_users_file(run_cli, pulse_copy):
    (pulse_copy / "collect").mkdir()
    (pulse_copy / "collect" / "shops.xlsx").write_text("mine")
    result = run_cli("collect", str(pulse_copy))
    assert result.code == 2 and "--force" in result.err
    assert run_cli("collect", str(pulse_copy), "--force").code == 0
    # A workbook may have been filled in since: even its own is replaced only with --force.
    assert run_cli("collect", str(pulse_copy)).code == 2


def test_status_shows_who_answered_and_what_is_missing(run_cli, pulse_copy):
    result = run_cli("status", str(pulse_copy))
    assert result.code == 0
    assert "4 respondents in 1 response file(s)" in result.out
    assert "Shops: no answers yet from executive" in " ".join(result.out.split())
    (pulse_copy / "responses" / "pulse.csv").unlink()
    empty = run_cli("status", str(pulse_copy))
    assert empty.code == 0 and "No responses yet" in empty.out


def test_password_protected_workbook_is_a_clear_error(run_cli, pulse_copy, tmp_path):
    """Excel saves a password-protected workbook as an encrypted OLE2 container, not a zip."""
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    result = run_cli("import", str(pulse_copy), str(locked))
    assert result.code == 2
    assert (
        "locked.xlsx: is not a readable .xlsx workbook (damaged, password-protected" in result.err
    )
