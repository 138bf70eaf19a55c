"""`readiness workbook`: the analysis workbook read back with openpyxl and checked against
results.json, with pseudonyms, hidden units and inert text checked on hand-made answers."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.workbook import Workbook as OpenWorkbook

from assessment.cli import main
from assessment.collect.pseudonyms import KEY_FILE, engagement_key, pseudonym
from assessment.commands.output_files import is_own_output
from assessment.commands.workbook import pseudonyms
from assessment.common.formatting import whole_text
from assessment.exports.markdown_text import plain_paragraphs
from assessment.exports.workbook import AnswerRow, AnswerSheet, render_workbook
from assessment.model.deliverable import (
    Colours,
    Commentary,
    ConsultantLayer,
    DocumentControl,
    Fonts,
    Person,
    Theme,
)
from assessment.model.results import Results
from tests.conftest import EXAMPLE, MINI

TABLES = ["Answers", "Question scores", "Dimension scores", "Roadmap", "KPIs", "Costs"]
FORMULA = '=HYPERLINK("http://x.test/steal","click")'
# North gets three more respondents, known by name, e-mail and an imported pseudonym, so that
# it reaches the minimum group size (3); South keeps its single respondent and stays hidden.
EXTRA_ANSWERS = (
    "respondent_id,business_unit,role,question_id,answer,comment\n"
    "Jane Doe,north,executive,A-01,5,\n"
    f'Jane Doe,north,executive,A-90,"{FORMULA.replace(chr(34), chr(34) * 2)}",\n'
    "jane.roe@example.com,north,executive,A-01,3,+SUM(A1:A9)\n"
    "jane.roe@example.com,north,executive,B-01,2,\n"
    "P-0123456789ab,north,executive,A-01,4,\n"
)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _results_json(folder: Path) -> Results:
    code, out, err = _run("score", str(folder), "--json")
    assert code == 0, err
    return Results.model_validate_json(out)


def _table(book: OpenWorkbook, name: str) -> list[dict[str, object]]:
    rows = book[name].iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    table = []
    for row in rows:
        if all(v is None for v in row):
            break  # the table ends at the first blank row (Costs has its totals below)
        table.append(dict(zip(header, row, strict=True)))
    return table


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.datetime)
    return value.date()


@pytest.fixture(scope="module")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> tuple[OpenWorkbook, Results]:
    folder = tmp_path_factory.mktemp("nw") / "northwind"
    shutil.copytree(EXAMPLE, folder)
    out = folder.parent / "northwind.xlsx"
    code, said, err = _run("workbook", str(folder), "-o", str(out))
    assert code == 0, err
    assert f"wrote {out}" in said
    return load_workbook(out), _results_json(folder)


@pytest.fixture
def mixed(mini_copy: Path) -> Path:
    (mini_copy / "responses" / "extra.csv").write_text(EXTRA_ANSWERS, encoding="utf-8")
    return mini_copy


def _workbook_of(folder: Path, name: str = "out.xlsx") -> OpenWorkbook:
    out = folder.parent / name
    code, _, err = _run("workbook", str(folder), "-o", str(out), "--force")
    assert code == 0, err
    return load_workbook(out)


def test_question_scores_are_those_of_results_json(northwind):
    book, results = northwind
    rows = _table(book, "Question scores")
    names = {d.dimension_id: d.name for d in results.dimensions}
    assert [r["Question"] for r in rows] == [q.question_id for q in results.questions]
    for row, q in zip(rows, results.questions, strict=True):
        assert row["Dimension"] == names[q.dimension_id]
        assert (row["Score"], row["Level"], row["Answered"]) == (q.score, q.level, q.answered)
        assert (row["Not applicable"], row["Don't know"], row["Unanswered"]) == (
            q.not_applicable,
            q.dont_know,
            q.unanswered,
        )
        assert row["Critical"] == ("yes" if q.critical else "no")


def test_dimension_scores_per_unit_with_intervals(northwind):
    book, results = northwind
    rows = _table(book, "Dimension scores")
    assert len(rows) == len(results.dimensions) * (1 + len(results.units))
    whole = rows[: len(results.dimensions)]
    for row, d in zip(whole, results.dimensions, strict=True):
        assert row["Dimension"] == d.name
        assert (row["Score"], row["Level"], row["Target level"]) == (d.score, d.level, d.target)
        assert (row["Target score"], row["Gap (points)"]) == (d.target_score, d.gap)
        assert (row["Interval low"], row["Interval high"]) == d.confidence_interval
    by_unit = {(r["Business unit"], r["Dimension"]): r for r in rows[len(whole) :]}
    names = {d.dimension_id: d.name for d in results.dimensions}
    for unit in results.units:
        assert not unit.hidden  # the example has none; see the mini engagement below
        for u in unit.dimensions:
            row = by_unit[(unit.name, names[u.dimension_id])]
            assert (row["Score"], row["Respondents"], row["Readiness index"]) == (
                u.score,
                u.respondents,
                unit.index,
            )
            assert (row["Interval low"], row["Interval high"]) == (
                u.confidence_interval or (None, None)
            )


def test_roadmap_with_owners_phases_dates_and_costs(northwind):
    book, results = northwind
    roadmap = results.roadmap
    rows = _table(book, "Roadmap")
    planned = [r for r in rows if r["Status"] == "Planned"]
    assert [r["Action"] for r in planned] == [a.id for a in roadmap.actions]
    due = {s.action_id: s.due_date for s in roadmap.scorecard}
    for row, a in zip(planned, roadmap.actions, strict=True):
        assert row["Owners"] == "; ".join(a.owners)
        assert (row["Phase"], row["Start month"], row["End month"]) == (
            a.phase,
            a.start_month,
            a.end_month,
        )
        assert (row["One-off low (EUR)"], row["One-off high (EUR)"]) == (a.capex.low, a.capex.high)
        assert (row["Yearly low (EUR)"], row["Yearly high (EUR)"]) == (
            a.opex_per_year.low,
            a.opex_per_year.high,
        )
        if a.unblocks:  # the use cases by name, and the value at stake
            names = [u.name for u in results.use_cases if u.id in a.unblocks]
            assert all(f"“{n}”" in row["Use cases it unblocks"] for n in names)
        else:
            assert row["Use cases it unblocks"] is None
        if a.id in due:  # the scorecard dates an action's KPIs by its end
            assert _day(row["End date"]) == due[a.id]
        if a.start_month == 0:
            assert _day(row["Start date"]) == results.assessment_date
    assert [r["Action"] for r in rows if r["Status"] == "Deferred"] == [
        d.id for d in roadmap.deferred
    ]
    assert book["Roadmap"]["R2"].number_format == "#,##0"


def test_kpis_costs_and_assumptions(northwind):
    book, results = northwind
    roadmap = results.roadmap
    kpis = _table(book, "KPIs")
    assert [(r["Action"], r["KPI"], r["Owner"], r["Due month"]) for r in kpis] == [
        (s.action_id, s.kpi, s.owner, s.due_month) for s in roadmap.scorecard
    ]
    assert [_day(r["Due date"]) for r in kpis] == [s.due_date for s in roadmap.scorecard]
    costs = _table(book, "Costs")
    assert [(r["Line"], r["What"], r["How it is computed"]) for r in costs] == [
        (c.id, c.label, c.assumption) for c in roadmap.cost_lines
    ]
    assert [r["One-off high (EUR)"] for r in costs] == [c.capex.high for c in roadmap.cost_lines]
    sheet = book["Costs"]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Total")
    assert total[4:8] == (
        roadmap.total_capex.low,
        roadmap.total_capex.high,
        roadmap.total_opex_per_year.low,
        roadmap.total_opex_per_year.high,
    )
    assumptions = [r["Assumption"] for r in _table(book, "Cost assumptions")]
    assert assumptions == roadmap.cost_assumptions


def _example_deliverable() -> dict:
    import yaml

    from tests.conftest import EXAMPLE

    return yaml.safe_load((EXAMPLE / "deliverable.yaml").read_text(encoding="utf-8"))


def test_about_sheet_has_document_control(northwind):
    book, results = northwind
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Organisation"] == results.organisation
    document = _example_deliverable()["document"]  # the example's own document control
    assert about["Version"] == document["version"] and about["Status"] == "Draft"
    assert "DRAFT" in about
    # one rounding everywhere: the index as the report prints it
    assert about["Readiness index"].startswith(f"{whole_text(results.overall.index)} of 100")
    # long paragraphs get the height of their lines, so printed they do not overlap
    sheet = book["About"]
    tall = [r for r in range(1, sheet.max_row + 1) if sheet.row_dimensions[r].height]
    assert tall and all(sheet.row_dimensions[r].height >= 30 for r in tall)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert set(TABLES) <= set(about)
    assert book.properties.creator == f"genai-readiness {results.tool_version}"


def test_every_table_has_frozen_header_filter_and_theme(northwind):
    book, _ = northwind
    primary = "FF" + _example_deliverable()["theme"]["colours"]["primary"].lstrip("#").upper()
    for name in [*TABLES, "Cost assumptions"]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref is not None
        assert sheet.auto_filter.ref.startswith("A1:"), name
        header = sheet["A1"]
        assert header.font.b and header.fill.fgColor.rgb == primary, name
        assert header.font.name == Fonts().body
        assert all(sheet.column_dimensions[c].width <= 72 for c in "ABCDEFGHI")
    assert book["Question scores"]["F2"].number_format == "0.0"
    # Every answer row is in the filter's range.
    answers = book["Answers"]
    assert answers.auto_filter.ref == f"A1:I{answers.max_row}"


def test_hidden_unit_is_left_out_and_its_scores_not_shown(mixed):
    book = _workbook_of(mixed)
    rows = _table(book, "Answers")
    # South's only respondent (r3) is left out: 4 + 3 answers of r1 and r2, 2 + 2 + 1 new.
    assert len(rows) == 12
    assert {r["Business unit"] for r in rows} == {"North"}
    assert all(str(r["Answer"]) != "More training please" for r in rows)
    south = [r for r in _table(book, "Dimension scores") if r["Business unit"] == "South"]
    assert len(south) == 2
    for row in south:
        shown = {k: v for k, v in row.items() if v is not None}
        assert set(shown) == {"Business unit", "Dimension", "Note"}
        assert "Not shown" in str(row["Note"])
    everything = [
        str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row
    ]
    assert not any("More training please" in v for v in everything)
    notes = " ".join(everything)
    assert "The answers of 1 respondent in South are left out" in notes


def test_answer_rows_by_hand(mixed):
    rows = _table(_workbook_of(mixed), "Answers")
    key = engagement_key(mixed)
    jane = pseudonym(key, "Jane Doe", "")
    row = next(r for r in rows if r["Respondent (pseudonym)"] == jane and r["Question"] == "A-01")
    assert (row["Answer"], row["Answer text"], row["Score"]) == ("5", "Option at level 5", 5)
    assert row["Role"] == "Executive"  # four executives in North
    r2 = [r for r in rows if r["Role"] == "Other roles"]  # r2 is North's only business person
    assert {r["Question"]: (r["Answer text"], r["Score"]) for r in r2} == {
        "A-01": ("Option at level 4", 4),
        "B-01": ("Not applicable", None),
        "B-02": ("Don't know", None),
    }


def test_formula_like_text_is_stored_inert(mixed):
    book = _workbook_of(mixed)
    rows = _table(book, "Answers")
    assert "'" + FORMULA in [r["Answer"] for r in rows]
    assert "'+SUM(A1:A9)" in [r["Comment"] for r in rows]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_pseudonyms_are_stable_and_never_the_name_or_email(mixed):
    first = [r["Respondent (pseudonym)"] for r in _table(_workbook_of(mixed), "Answers")]
    second = [r["Respondent (pseudonym)"] for r in _table(_workbook_of(mixed, "b.xlsx"), "Answers")]
    assert first == second
    assert (mixed / KEY_FILE).exists()
    key = engagement_key(mixed)
    # As `readiness import` would have named the same people; an imported pseudonym stays.
    assert set(first) == {
        pseudonym(key, "r1", ""),
        pseudonym(key, "r2", ""),
        pseudonym(key, "Jane Doe", ""),
        pseudonym(key, "", "jane.roe@example.com"),
        "P-0123456789ab",
    }
    book = load_workbook(mixed.parent / "out.xlsx")
    text = " ".join(
        str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row
    )
    assert "Jane" not in text and "example.com" not in text and "r1" not in first


def test_ids_differing_only_in_case_get_distinct_pseudonyms():
    key = bytes(32)
    named = pseudonyms(["Ann Lee", "ann  lee", "P-00000000000a"], key)
    assert named["P-00000000000a"] == "P-00000000000a"
    assert len(set(named.values())) == 3
    assert named["Ann Lee"] == pseudonym(key, "Ann Lee", "")
    assert named["ann  lee"] == named["Ann Lee"] + "-2"


def test_the_layer_drives_look_and_document_control():
    results = _results_json(MINI)
    layer = ConsultantLayer(
        document=DocumentControl(
            firm="=Acme Advisory", version="1.0", authors=[Person(name="Ana Pérez")]
        ),
        theme=Theme(
            colours=Colours(primary="#112233"),
            fonts=Fonts(body="fonts/FirmSans.ttf"),
            disclaimer="-Not advice",
        ),
        commentary=Commentary(
            key_messages="Data is **the** gap.\n\n- Fund [the platform](http://x.test)\n"
            "- <b>raw</b> =1+1\n"
        ),
    )
    book = load_workbook(io.BytesIO(render_workbook(results, layer, AnswerSheet([]), {})))
    cells = [row for row in book["About"].iter_rows(values_only=True)]
    about = {row[0]: row[1] for row in cells if row[0]}
    assert about["Prepared by"] == "'=Acme Advisory"
    assert about["Authors"] == "Ana Pérez" and about["Version"] == "1.0"
    values = [row[1] for row in cells]
    assert "Data is the gap." in values
    assert "\u2022 Fund the platform (http://x.test)" in values
    assert "\u2022 <b>raw</b> =1+1" in values
    assert "'-Not advice" in values
    header = book["Roadmap"]["A1"]
    assert header.fill.fgColor.rgb == "FF112233" and header.font.name == "FirmSans"


def test_plain_paragraphs_keep_every_word():
    assert plain_paragraphs("# Title\n\nOne *two*\nthree.\n\n1. first\n   - nested") == [
        "Title",
        "One two three.",
        "\u2022 first",
        "  \u2022 nested",
    ]


def test_never_replaces_a_workbook_it_did_not_write(mini_copy, tmp_path):
    theirs = tmp_path / "theirs.xlsx"
    Workbook().save(theirs)
    before = theirs.read_bytes()
    assert not is_own_output(theirs)
    code, _, err = _run("workbook", str(mini_copy), "-o", str(theirs))
    assert code == 2 and "was not written by readiness" in err
    assert theirs.read_bytes() == before
    ours = tmp_path / "ours.xlsx"
    assert _run("workbook", str(mini_copy), "-o", str(ours))[0] == 0
    assert is_own_output(ours)
    assert _run("workbook", str(mini_copy), "-o", str(ours))[0] == 0  # its own: replaced
    assert _run("workbook", str(mini_copy), "-o", str(theirs), "--force")[0] == 0
    assert is_own_output(theirs)


def test_a_collect_workbook_is_not_its_own_output(run_cli, mini_copy):
    assert run_cli("collect", str(mini_copy)).code == 0
    made = sorted((mini_copy / "collect").glob("*.xlsx"))
    assert made and not any(is_own_output(p) for p in made)


def test_bad_output_name_is_a_located_error(mini_copy, tmp_path):
    code, _, err = _run("workbook", str(mini_copy), "-o", str(tmp_path / "out.pdf"))
    assert code == 2
    assert "field '--output'" in err and "does not end in .xlsx" in err
    assert "Traceback" not in err


def test_bad_key_is_a_located_error(mini_copy, tmp_path):
    (mini_copy / KEY_FILE).parent.mkdir()
    (mini_copy / KEY_FILE).write_text("not hex\n")
    code, _, err = _run("workbook", str(mini_copy), "-o", str(tmp_path / "out.xlsx"))
    assert code == 2 and "pseudonym.key" in err and "not a pseudonym key" in err


def test_control_characters_show_as_a_mark_instead_of_breaking_the_file():
    results = _results_json(MINI)
    row = AnswerRow("P-000000000001", "North", "Executive", "A-90", "alpha", "a\x07b", "", None, "")
    data = render_workbook(results, ConsultantLayer(), AnswerSheet([row]), {})
    answers = _table(load_workbook(io.BytesIO(data)), "Answers")
    assert answers[0]["Answer"] == "a\ufffdb"
