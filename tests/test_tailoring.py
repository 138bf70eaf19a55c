"""Regulated industries and size bands are data: a questionnaire's tailoring.yaml, or the bundled
one for a questionnaire without its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessment.loading.engagement import load_engagement
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.engagement import SIZE_BAND_LABELS, SIZE_BANDS, Organisation
from assessment.pipeline import assess_engagement
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


@pytest.mark.parametrize(
    ("employees", "band", "label"),
    [
        (1, "small", "under 1,000 staff"),
        (999, "small", "under 1,000 staff"),
        (1_000, "medium", "1,000 to 4,999 staff"),
        (4_999, "medium", "1,000 to 4,999 staff"),
        (5_000, "large", "5,000 to 24,999 staff"),
        (24_999, "large", "5,000 to 24,999 staff"),
        (25_000, "very_large", "25,000 staff or more"),
        (2_000_000, "very_large", "25,000 staff or more"),
    ],
)
def test_the_shipped_size_bands_at_their_edges(employees, band, label):
    found = load_questionnaire(SHIPPED).tailoring.size_band(employees)
    assert found is not None and (found.id, found.label) == (band, label)


@pytest.mark.parametrize("employees", [1, 999, 1_000, 4_999, 5_000, 24_999, 25_000, 10**9])
def test_the_transitional_size_band_copies_agree_with_the_data(employees):
    # report/context.py still reads SIZE_BAND_LABELS and Organisation.size_band.
    tailoring = load_questionnaire(SHIPPED).tailoring
    band = tailoring.size_band(employees)
    org = Organisation(name="X", industry="retail", employees=employees, region="EU")
    assert band is not None and (org.size_band, SIZE_BAND_LABELS[org.size_band]) == (
        band.id,
        band.label,
    )
    assert [b for b, _ in SIZE_BANDS] == [b.id for b in tailoring.size_bands]


def test_a_questionnaire_without_tailoring_shares_the_bundled_one():
    assert load_questionnaire(MINI / "questionnaire").tailoring == (
        load_questionnaire(SHIPPED).tailoring
    )


def test_a_questionnaires_own_tailoring_decides_what_is_regulated(tmp_path):
    mini = load_engagement(MINI)
    # The mini library's ACT-03 is a compliance action; Mini Co is in retail.
    before = assess_engagement(mini).roadmap
    assert not any("regulated industry" in t for t in before.tailoring)
    folder = _mini_with_tailoring(tmp_path, {"regulated_industries": ["Retail"]})
    after = assess_engagement(load_engagement(folder)).roadmap
    assert "Retail is a regulated industry" in " ".join(after.tailoring)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "size_bands": [
                    {"id": "a", "up_to": 10, "label": "A"},
                    {"id": "b", "up_to": 20, "label": "B"},
                ]
            },
            "size_bands",
            "the last has none",
        ),
        (
            {
                "size_bands": [
                    {"id": "a", "up_to": 20, "label": "A"},
                    {"id": "b", "up_to": 10, "label": "B"},
                    {"id": "c", "label": "C"},
                ]
            },
            "size_bands",
            "increasing up_to",
        ),
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
