"""A consultant's score override: the adjusted score drives the level, the gap, the plan and the
index; the computed score stays beside it; and it is never silent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

OVERRIDE = {
    "dimension": "alpha",
    "score": 3.0,
    "rationale": "Interviews showed the alpha practices are in place in both units.",
    "author": "A. Consultant",
    "date": dt.date(2026, 1, 20),
}


def _override(folder: Path, *overrides: dict) -> None:
    (folder / "deliverable.yaml").write_text(
        yaml.safe_dump({"overrides": list(overrides)}), encoding="utf-8"
    )


def test_an_organisation_override_drives_level_gap_plan_and_index(mini_copy, run_cli, tmp_path):
    before = json.loads(run_cli("score", str(mini_copy), "--json").out)
    _override(mini_copy, OVERRIDE)
    out = tmp_path / "r.json"
    html = tmp_path / "r.html"
    result = run_cli(
        "report",
        str(mini_copy),
        "-o",
        str(tmp_path / "r.pdf"),
        "--json",
        str(out),
        "--html",
        str(html),
    )
    assert result.code == 0, result.err
    after = json.loads(out.read_text())
    alpha = after["dimensions"][0]
    # computed 2.38 (level 2, gap 0.2 to 2.6); adjusted to 3.0: level 3 meets the target of 3
    assert (alpha["score"], alpha["level"], alpha["gap"], alpha["priority"]) == (3.0, 3, 0.0, 0.0)
    assert alpha["override"]["computed_score"] == before["dimensions"][0]["score"] == 2.38
    assert alpha["override"]["author"] == "A. Consultant"
    # ACT-01 was triggered by alpha below level 3: with alpha at target it is not planned
    assert "ACT-01" in {a["id"] for a in before["roadmap"]["actions"]}
    assert "ACT-01" not in {a["id"] for a in after["roadmap"]["actions"]}
    # index from the adjusted scores: (3.0 x 1 + 3.5 x 2) / 3 = 3.333 -> 58.3; computed kept
    assert after["overall"]["index"] == 58.3
    assert after["overall"]["computed_index"] == before["overall"]["index"] == 53.1
    # never silent: a warning, the report's dimension page and the terminal all say so
    assert any(
        "the score is the consultant's, 3.0, set by A. Consultant" in w for w in after["warnings"]
    )
    page = html.read_text()
    assert "Adjusted by A. Consultant on 20 January 2026 from 2.4" in page
    terminal = run_cli("score", str(mini_copy)).out
    assert "3.0*" in terminal and "A. Consultant" in terminal


def test_a_unit_override_adjusts_that_unit_only(mini_copy, run_cli):
    before = json.loads(run_cli("score", str(mini_copy), "--json").out)
    _override(mini_copy, {**OVERRIDE, "dimension": "beta", "unit": "north", "score": 4.5})
    after = json.loads(run_cli("score", str(mini_copy), "--json").out)
    north = after["units"][0]["dimensions"][1]
    assert (north["score"], north["level"], north["gap"]) == (4.5, 5, 0.0)
    assert north["override"]["computed_score"] == before["units"][0]["dimensions"][1]["score"]
    assert after["dimensions"] == before["dimensions"]  # the organisation's stay computed
    assert after["units"][1] == before["units"][1]


def test_an_override_without_rationale_or_on_an_unknown_dimension_is_refused(mini_copy, run_cli):
    _override(mini_copy, {**OVERRIDE, "rationale": "because"})
    result = run_cli("score", str(mini_copy))
    assert result.code == 2 and "deliverable.yaml" in result.err and "rationale" in result.err
    _override(mini_copy, {**OVERRIDE, "dimension": "gamma"})
    result = run_cli("score", str(mini_copy))
    assert result.code == 2 and "gamma" in result.err
