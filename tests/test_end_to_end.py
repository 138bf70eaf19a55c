"""The README's main command on the bundled example, read back from the PDF."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.cli import main
from assessment.common.formatting import score_text, whole_text
from assessment.model.results import Results
from tests.conftest import EXAMPLE, REPO


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = {
        "pdf": out / "northwind.pdf",
        "html": out / "northwind.html",
        "json": out / "results.json",
    }
    code = main(
        [
            "report",
            str(EXAMPLE),
            "-o",
            str(paths["pdf"]),
            "--html",
            str(paths["html"]),
            "--json",
            str(paths["json"]),
        ]
    )
    assert code == 0
    return paths


@pytest.fixture(scope="module")
def pdf_text(outputs: dict[str, Path]) -> str:
    reader = PdfReader(outputs["pdf"])
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def results(outputs: dict[str, Path]) -> Results:
    return Results.model_validate_json(outputs["json"].read_text())


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_names_the_organisation_dimensions_levels_and_phases(pdf_text, results):
    text = _flat(pdf_text)
    assert "Northwind Mutual Insurance" in text
    for d in results.dimensions:
        assert d.name in text
        assert d.level_name and d.level_name in text
    for phase in results.roadmap.phases:
        assert phase.name in text
    for action in results.roadmap.actions:
        assert action.id in text


def test_pdf_has_the_main_sections_and_page_numbers(outputs, pdf_text):
    reader = PdfReader(outputs["pdf"])
    pages = len(reader.pages)
    text = _flat(pdf_text)
    for section in (
        "Contents",
        "Executive summary",
        "Readiness by dimension",
        "Business units",
        "Roadmap",
        "Methodology",
    ):
        assert section in text
    assert f"Page 2 of {pages}" in text and f"Page {pages} of {pages}" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Executive summary" in outline and "Roadmap" in outline
    assert reader.metadata.title.startswith("Northwind Mutual Insurance")
    assert reader.metadata.creator.startswith("genai-readiness")


def test_results_json_matches_the_example(results):
    # Counted from the raw CSV files, not by the engine: one respondent per id.
    who: dict[str, tuple[str, str]] = {}
    for file in sorted((EXAMPLE / "responses").glob("*.csv")):
        with file.open(newline="") as handle:
            for row in csv.DictReader(handle):
                who[row["respondent_id"]] = (row["business_unit"], row["role"])
    assert results.questionnaire_id == "genai-readiness"
    assert results.participation.respondents == len(who) == 43
    assert results.participation.by_unit == Counter(unit for unit, _ in who.values())
    assert results.participation.by_role == Counter(role for _, role in who.values())
    # Units in the profile's order, each with its own count.
    assert [(u.unit_id, u.respondents) for u in results.units] == [
        (unit, results.participation.by_unit[unit])
        for unit in ("claims", "underwriting", "customer", "corporate")
    ]
    # Every input file is listed with the hash of its bytes as they are on disk.
    expected = [
        "assessment.yaml",
        *(f"responses/{f.name}" for f in sorted(EXAMPLE.glob("responses/*.csv"))),
        "use-cases.yaml",
    ]
    assert [f.path for f in results.inputs] == expected
    for f in results.inputs:
        assert f.sha256 == hashlib.sha256((EXAMPLE / f.path).read_bytes()).hexdigest()
    assert results.roadmap.actions, "the example has gaps, so it needs actions"
    ends = {a.id: a.end_month for a in results.roadmap.actions}
    for action in results.roadmap.actions:
        for dep in action.depends_on:
            if dep in ends:
                assert action.start_month >= ends[dep]


def test_html_is_the_same_document_and_stands_alone(outputs, results):
    html = outputs["html"].read_text()
    assert "Northwind Mutual Insurance" in html
    assert 'href="report.css"' not in html and "@font-face" in html
    for d in results.dimensions:
        assert d.name in html


def test_same_inputs_give_the_same_results(tmp_path, run_cli, outputs):
    first = outputs["json"].read_text()
    again = tmp_path / "again.json"
    assert (
        run_cli("report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--json", str(again)).code
        == 0
    )
    assert again.read_text() == first


def test_score_prints_a_table_and_json(run_cli, results):
    table = run_cli("score", str(EXAMPLE))
    assert table.code == 0 and table.err == ""
    out = _flat(table.out)
    overall = results.overall
    # The terminal shows the results' own figures, not figures of its own.
    assert out.startswith(
        f"Northwind Mutual Insurance: readiness index {whole_text(overall.index)}/100 "
        f"({overall.band}), "
        f"level {overall.level} {overall.level_name}; "
        f"{results.participation.respondents} respondents"
    )
    for d in results.dimensions:
        assert d.confidence_interval is not None
        low, high = d.confidence_interval
        # one decimal, half up: what the PDF shows
        assert score_text(d.score) in out and f"{score_text(low)}-{score_text(high)}" in out
        assert f"{d.level} {d.level_name}" in out
    roadmap = results.roadmap
    assert out.endswith(
        f"Roadmap: {len(roadmap.actions)} actions planned, {len(roadmap.deferred)} deferred."
    )
    as_json = run_cli("score", str(EXAMPLE), "--json")
    assert as_json.code == 0
    assert Results.model_validate(json.loads(as_json.out)) == results


def test_second_run_replaces_its_own_pdf_but_not_a_users_file(tmp_path, run_cli, outputs):
    own = tmp_path / "own.pdf"
    shutil.copy(outputs["pdf"], own)
    before = own.stat().st_ino
    assert run_cli("report", str(EXAMPLE), "-o", str(own)).code == 0
    assert own.stat().st_ino != before  # a new file was moved into place, not left alone
    assert len(PdfReader(own).pages) == len(PdfReader(outputs["pdf"]).pages)
    users = tmp_path / "contract.pdf"
    users.write_bytes(b"%PDF-1.4 somebody else's document")
    refused = run_cli("report", str(EXAMPLE), "-o", str(users))
    assert refused.code == 2
    assert refused.err == (
        "error: 1 problem in the input:\n"
        f"  - {users}: exists and was not written by readiness; choose another name or pass "
        "--force to replace it\n"
    )
    assert users.read_bytes() == b"%PDF-1.4 somebody else's document"
    assert run_cli("report", str(EXAMPLE), "-o", str(users), "--force").code == 0
    assert users.read_bytes().startswith(b"%PDF-1.7")
    assert PdfReader(users).metadata.creator.startswith("genai-readiness")


def test_installed_console_script_runs(tmp_path):
    exe = shutil.which("readiness") or str(Path(sys.executable).parent / "readiness")
    done = subprocess.run([exe, "--help"], capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0 and done.stdout.startswith("Usage: readiness [OPTIONS] COMMAND")
    commands = done.stdout.split("Commands:\n", 1)[1].split("\n")
    assert [line.split()[0] for line in commands if line.strip()] == [
        "collect",
        "deck",
        "import",
        "init",
        "invite",
        "questionnaire",
        "report",
        "resolve",
        "roadmap",
        "schema",
        "score",
        "serve",
        "status",
        "workbook",
    ]
    bad = subprocess.run(
        [exe, "report", str(tmp_path / "missing"), "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == (
        f"error: 1 problem in the input:\n  - {tmp_path / 'missing'}: engagement folder not found\n"
    )


def test_roadmap_reads_from_gap_to_action_to_kpi_and_cost(pdf_text, results):
    text = _flat(pdf_text)
    action = results.roadmap.actions[0]
    assert action.reason in text  # why it was chosen, naming the gap
    for kpi in action.kpis:
        assert kpi.name in text and kpi.target in text
    assert "CAPEX EUR" in text and "per year" in text
    for row in results.roadmap.scorecard[:5]:
        assert row.kpi in text
    assert results.roadmap.obligations, "an EU insurer has EU AI Act duties"
    for ob in results.roadmap.obligations:
        assert ob.reference in text and ob.title in text and ob.plan_text in text
    # What the board reads about the law is true on 16 November 2026 for a deployer.
    status = {o.id: o for o in results.roadmap.obligations}
    assert status["EU-AIA-ART4"].status == "overdue"  # since 2 February 2025, literacy low
    assert status["EU-AIA-GPAI"].status == "not_applicable"  # binds model providers only
    assert status["EU-AIA-ART26"].status == "applies_from"
    assert str(status["EU-AIA-ART26"].date) == "2027-12-02"  # as amended
    assert status["EU-AIA-ART26"].applies_if and status["EU-AIA-ART26"].on_time
    literacy = {a.id: a for a in results.roadmap.actions}["ACT-24"]
    assert (literacy.start_month, literacy.urgent) == (0, True)
    assert "Needed for an overdue legal duty" in text


def test_files_that_merely_mention_the_tool_are_not_replaced(tmp_path, run_cli):
    from tests.conftest import MINI

    profile = tmp_path / "assessment.yaml"
    profile.write_text("questionnaire: {id: genai-readiness}\n")
    notes = tmp_path / "notes.csv"
    notes.write_text("my notes about genai-readiness\n")
    page = tmp_path / "page.html"
    page.write_text("<p>genai-readiness was great</p>")
    for args, refused in (
        (["report", str(MINI), "-o", str(tmp_path / "r.pdf"), "--json", str(profile)], profile),
        (["roadmap", str(MINI), "--csv", str(notes)], notes),
        (["report", str(MINI), "-o", str(tmp_path / "r.pdf"), "--html", str(page)], page),
    ):
        result = run_cli(*args)
        assert result.code == 2
        assert f"{refused}: exists and was not written by readiness" in result.err
        assert "Traceback" not in result.err
    # Refused before anything is written: no PDF either.
    assert not (tmp_path / "r.pdf").exists()
    assert profile.read_text() == "questionnaire: {id: genai-readiness}\n"
    assert notes.read_text() == "my notes about genai-readiness\n"
    assert page.read_text() == "<p>genai-readiness was great</p>"
