"""Anonymous survey exports (no name or e-mail): each response is known by the survey tool's
own id, and importing the same export again, a longer one or a re-sorted one never makes a
respondent twice."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from assessment.loading.engagement import load_engagement
from tests.conftest import REPO

EXPORTS = REPO / "tests" / "data" / "exports"
# Each tool's anonymous export, the rows before its first response, and the column that names it.
TOOLS = {
    "google": ("google-forms-anonymous.csv", 1, "Timestamp"),
    "qualtrics": ("qualtrics-anonymous.csv", 3, "ResponseId"),
    "microsoft": ("microsoft-forms-anonymous.xlsx", 1, "ID"),
}
# One more response for each tool, in its own layout.
EXTRA = {
    "google": "2026/03/04 4:00:00 PM GMT,Shops,Business,10,Basics for all staff,No,"
    "In a shared folder,,Disagree,Agree",
    "qualtrics": "2026-03-04 16:00:00,2026-03-04 16:05:00,IP Address,,100,300,True,"
    "2026-03-04 16:05:01,R_4jklAnon,,,,,,,anonymous,EN,Shops,Business,10,No,Disagree,Agree",
    "microsoft": "4|3/6/26 16:00:00|3/6/26 16:05:00|anonymous||Shops|Business|10|"
    "Basics for all staff;|No|Disagree",
}


@pytest.fixture
def empty_pulse(pulse_copy):
    (pulse_copy / "responses" / "pulse.csv").unlink()
    return pulse_copy


def _rows(tool: str) -> list[list[object]]:
    path = EXPORTS / TOOLS[tool][0]
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return [list(r) for r in book.active.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(tool: str, rows: list[list[object]], folder: Path) -> Path:
    """An export like the tool's, with these rows, named as the tool would name it again."""
    path = folder / TOOLS[tool][0]
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _extra_row(tool: str) -> list[object]:
    if tool == "microsoft":
        cells: list[object] = EXTRA[tool].split("|")
        return [int(c) if str(c).isdigit() else (c or None) for c in cells]
    return next(csv.reader([EXTRA[tool]]))


def _respondents(folder: Path) -> set[str]:
    return set(load_engagement(folder).responses.answers["respondent"].astype(str))


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_anonymous_export_imports_with_a_notice(run_cli, empty_pulse, tool):
    export, _, column = TOOLS[tool]
    result = run_cli("import", str(empty_pulse), str(EXPORTS / export))
    assert result.code == 0, result.err
    assert "3 response(s) carry no name or e-mail" in result.out
    assert f"survey tool's {column}" in result.out and "another round" in result.out
    people = _respondents(empty_pulse)
    assert len(people) == 3
    # Ids are pseudonyms, as for named respondents: the tool's own id never reaches the files.
    assert all(p.startswith("P-") for p in people)
    written = "".join(p.read_text() for p in (empty_pulse / "responses").glob("*.csv"))
    assert "R_1abcAnon" not in written and "9:14:01" not in written


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_same_longer_and_resorted_exports_add_no_one_twice(run_cli, empty_pulse, tmp_path, tool):
    _, first_data, _ = TOOLS[tool]
    rows = _rows(tool)
    head, body = rows[:first_data], rows[first_data:]
    assert run_cli("import", str(empty_pulse), str(EXPORTS / TOOLS[tool][0])).code == 0
    before = _respondents(empty_pulse)

    same = run_cli("import", str(empty_pulse), str(EXPORTS / TOOLS[tool][0]))
    assert same.code == 0 and "imported 0 respondent(s)" in same.out
    assert "3 already imported unchanged" in same.out

    resorted_dir = tmp_path / "resorted"
    resorted_dir.mkdir()
    resorted = _write(tool, [*head, *reversed(body)], resorted_dir)
    again = run_cli("import", str(empty_pulse), str(resorted))
    assert again.code == 0 and "3 already imported unchanged" in again.out, again.err
    assert _respondents(empty_pulse) == before

    longer_dir = tmp_path / "longer"
    longer_dir.mkdir()
    longer = _write(tool, [*head, *body, _extra_row(tool)], longer_dir)
    more = run_cli("import", str(empty_pulse), str(longer))
    assert more.code == 0, more.err
    assert "imported 1 respondent(s)" in more.out and "3 already imported unchanged" in more.out
    after = _respondents(empty_pulse)
    assert len(after) == 4 and before < after


def test_google_forms_ids_come_from_the_timestamp_not_the_row(run_cli, empty_pulse, tmp_path):
    """Two responses in the same second are told apart by their content; moving a response to
    another row keeps its id."""
    rows = _rows("google")
    head, body = rows[:1], rows[1:]
    assert body[0][0] == body[1][0], "the fixture has two responses in one second"
    assert run_cli("import", str(empty_pulse), str(EXPORTS / TOOLS["google"][0])).code == 0
    answers = load_engagement(empty_pulse).responses.answers
    training = answers[answers["question"] == "SKILL-01"]
    by_share = dict(zip(training["answer"], training["respondent"].astype(str), strict=True))
    assert len(by_share) == 3

    moved_dir = tmp_path / "moved"
    moved_dir.mkdir()
    moved = _write("google", [*head, body[2], body[1], body[0]], moved_dir)
    (empty_pulse / "responses" / "google-forms-anonymous.csv").unlink()
    assert run_cli("import", str(empty_pulse), str(moved)).code == 0
    answers = load_engagement(empty_pulse).responses.answers
    training = answers[answers["question"] == "SKILL-01"]
    assert dict(zip(training["answer"], training["respondent"].astype(str), strict=True)) == (
        by_share
    )


def test_named_responses_keep_their_name_based_ids(run_cli, empty_pulse):
    """A response id is only the fallback: an export with e-mails matches people by e-mail."""
    result = run_cli("import", str(empty_pulse), str(EXPORTS / "qualtrics.csv"))
    assert result.code == 0 and "no name or e-mail" not in result.out
