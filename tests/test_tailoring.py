"""Regulated industries are data: a questionnaire's tailoring.yaml, or the bundled
one for a questionnaire without its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessment.commands.pipeline import assess_engagement
from assessment.loading.engagement import load_engagement
from assessment.loading.questionnaire import load_questionnaire
from tests.conftest import MINI, REPO

SHIPPED = REPO / "questionnaires" / "genai-readiness"


def _mini_with_tailoring(tmp_path: Path, data: object) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "questionnaire" / "tailoring.yaml").write_text(yaml.safe_dump(data))
    return folder


@pytest.mark.parametrize(
    ("industry", "regulated"),
    [("insurance", True), (" Banking ", True), ("Public Sector", True), ("retail", False)],
)
def test_the_shipped_regulated_industries_match_in_any_case(industry, regulated):
    assert load_questionnaire(SHIPPED).tailoring.is_regulated(industry) is regulated


def test_a_questionnaire_without_tailoring_shares_the_bundled_one():
    assert load_questionnaire(MINI / "questionnaire").tailoring == (
        load_questionnaire(SHIPPED).tailoring
    )


def test_a_questionnaires_own_tailoring_decides_what_is_regulated(tmp_path):
    # Mini Co is in retail. Make the mini library's ACT-03 (phase 4, after ACT-02, which ends
    # in month 9) a compliance action: regulated, it may start in phase 3, so in month 9.
    plain = _mini_with_tailoring(tmp_path / "plain", {"regulated_industries": []})
    regulated = _mini_with_tailoring(tmp_path / "reg", {"regulated_industries": ["Retail"]})
    for folder in (plain, regulated):
        library = folder / "questionnaire" / "actions.yaml"
        data = yaml.safe_load(library.read_text())
        data["actions"][2]["compliance"] = True
        library.write_text(yaml.safe_dump(data))
    before = assess_engagement(load_engagement(plain)).roadmap
    after = assess_engagement(load_engagement(regulated)).roadmap
    assert not any("regulated industry" in t for t in before.tailoring)
    assert {a.id: a.start_month for a in before.actions}["ACT-03"] == 12
    assert {a.id: a.start_month for a in after.actions}["ACT-03"] == 9
    assert (
        "Retail is a regulated industry: 1 compliance action starts a phase earlier than the "
        "library's default." in after.tailoring
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"regulated_industries": ["banking", " "]}, "regulated_industries", "blank"),
        ({"regulated_industry": ["banking"]}, "regulated_industry", ""),
    ],
)
def test_bad_tailoring_is_a_located_error(run_cli, tmp_path, data, field, message):
    folder = _mini_with_tailoring(tmp_path, data)
    result = run_cli("questionnaire", "validate", str(folder / "questionnaire"))
    assert result.code == 2
    assert f"tailoring.yaml, field '{field}'" in result.err
    assert message in result.err
    assert "Traceback" not in result.err
