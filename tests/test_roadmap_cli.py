"""`readiness roadmap`: the terminal table and the CSV export for project tools."""

from __future__ import annotations

import csv

import pytest
import yaml

from assessment.exports.cells import neutralise
from tests.conftest import MINI


def test_roadmap_table_and_csv(run_cli, tmp_path):
    out = tmp_path / "roadmap.csv"
    result = run_cli("roadmap", str(MINI), "--csv", str(out))
    assert result.code == 0, result.err
    assert "Phase 1: Start (months 0-3; focus: Alpha)" in result.out
    assert "Total: CAPEX EUR 160k-320k" in result.out
    rows = list(csv.DictReader(out.open()))
    assert [(r["id"], r["status"], r["start_month"], r["end_month"]) for r in rows] == [
        ("ACT-01", "planned", "0", "3"),
        ("ACT-02", "planned", "3", "9"),
        ("ACT-03", "planned", "12", "18"),
    ]
    assert rows[1]["depends_on"] == "ACT-01" and rows[1]["capex_high"] == "200000"


def test_csv_cells_that_look_like_formulas_are_neutralised(run_cli, mini_copy, tmp_path):
    path = mini_copy / "questionnaire" / "actions.yaml"
    data = yaml.safe_load(path.read_text())
    data["actions"][0]["title"] = '=HYPERLINK("http://x.test","click")'
    data["actions"][0]["owners"] = ["@admin", "+44 lead", "-1"]
    path.write_text(yaml.safe_dump(data))
    out = tmp_path / "roadmap.csv"
    assert run_cli("roadmap", str(mini_copy), "--csv", str(out)).code == 0
    first = next(csv.DictReader(out.open()))
    assert first["title"].startswith("'=HYPERLINK")
    assert first["owners"] == "'@admin; +44 lead; -1"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (3, "3"),
        (None, ""),
    ],
)
def test_neutralise(value, cell):
    assert neutralise(value) == cell


def test_roadmap_refuses_to_overwrite_a_users_file(run_cli, tmp_path):
    mine = tmp_path / "plan.csv"
    mine.write_text("my own plan\n")
    result = run_cli("roadmap", str(MINI), "--csv", str(mine))
    assert result.code == 2 and mine.read_text() == "my own plan\n"


def test_roadmap_replaces_its_own_csv(run_cli, tmp_path):
    out = tmp_path / "roadmap.csv"
    assert run_cli("roadmap", str(MINI), "--csv", str(out)).code == 0
    assert run_cli("roadmap", str(MINI), "--csv", str(out)).code == 0
