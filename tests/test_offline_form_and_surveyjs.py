"""The offline HTML form as a file (tests/test_form_browser.py drives it in Chromium) and the
SurveyJS export."""

from __future__ import annotations

import json
from pathlib import Path

from assessment.loading.engagement import load_engagement


def _form(run_cli, engagement: Path) -> Path:
    assert run_cli("collect", str(engagement), "--format", "html", "--unit", "shops").code == 0
    return engagement / "collect" / "shops.html"


def test_form_is_self_contained_and_inert(run_cli, pulse_copy):
    page = _form(run_cli, pulse_copy).read_text()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script src" not in page and "<link" not in page
    data = page.split('id="questionnaire-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["questionnaire_id"] == "ai-literacy-pulse"


def test_hostile_questionnaire_text_cannot_break_out_of_the_form(run_cli, pulse_copy):
    import yaml

    path = pulse_copy / "questionnaire" / "dimensions" / "skills.yaml"
    data = yaml.safe_load(path.read_text())
    data["questions"][0]["text"] = "</script><script>alert(1)</script>"
    path.write_text(yaml.safe_dump(data))
    page = _form(run_cli, pulse_copy).read_text()
    assert "</script><script>alert(1)" not in page
    assert page.count("<script") == 2  # the data block and the form's own script


def test_saved_form_json_imports(run_cli, pulse_copy, tmp_path):
    saved = tmp_path / "answers-shops.json"
    saved.write_text(
        json.dumps(
            {
                "tool": "genai-readiness form",
                "questionnaire_id": "ai-literacy-pulse",
                "questionnaire_version": "1.0.0",
                "respondent": {
                    "name": "Eve",
                    "email": "eve@pulse.test",
                    "role": "business",
                    "business_unit": "shops",
                },
                "answers": {
                    "SKILL-01": "35",
                    "SKILL-02": "basics",
                    "SKILL-03": "yes",
                    "SKILL-04": "c",
                    "CULT-01": "4",
                },
                "comments": {"SKILL-01": "Roughly"},
            }
        )
    )
    (pulse_copy / "responses" / "pulse.csv").unlink()
    result = run_cli("import", str(pulse_copy), str(saved))
    assert result.code == 0, result.err
    frame = load_engagement(pulse_copy).responses.answers
    assert dict(zip(frame["question"], frame["answer"], strict=True)) == {
        "SKILL-01": "35",
        "SKILL-02": "basics",
        "SKILL-03": "yes",
        "SKILL-04": "c",
        "CULT-01": "4",
    }


def test_surveyjs_export(run_cli, tmp_path):
    out = tmp_path / "survey.json"
    assert run_cli("questionnaire", "export", "genai-readiness", "-o", str(out)).code == 0
    survey = json.loads(out.read_text())
    assert [p["name"] for p in survey["pages"]][:3] == ["about", "strategy", "governance"]
    elements = {e["name"]: e for p in survey["pages"] for e in p["elements"]}
    assert elements["STRAT-01"]["type"] == "radiogroup"
    assert {"value": "na", "text": "Not applicable"} in elements["STRAT-01"]["choices"]
    assert elements["STRAT-06"]["visibleIf"] == "{STRAT-01} anyof ['3', '4', '5']"
    assert elements["SEC-07"]["visibleIf"] == "{SEC-06} = 'yes'"
    assert elements["DATA-08"]["inputType"] == "number"
    assert run_cli("questionnaire", "export", "genai-readiness", "-o", str(out)).code == 0
    to_stdout = run_cli("questionnaire", "export", "genai-readiness")
    assert json.loads(to_stdout.out) == survey


def test_surveyjs_results_of_the_exported_survey_import(run_cli, pulse_copy, tmp_path):
    """A result as SurveyJS stores it for the exported survey: question names are our ids."""
    results = tmp_path / "results.json"
    results.write_text(
        json.dumps(
            {
                "respondent_name": "Fay",
                "business_unit": "office",
                "role": "executive",
                "SKILL-01": 60,
                "SKILL-02": ["basics", "leaders"],
                "SKILL-03": "no",
                "CULT-01": "5",
                "CULT-02": "2",
                "SKILL-01-Comment": "estimate",
            }
        )
    )
    (pulse_copy / "responses" / "pulse.csv").unlink()
    assert run_cli("import", str(pulse_copy), str(results)).code == 0
    frame = load_engagement(pulse_copy).responses.answers
    got = dict(zip(frame["question"], frame["answer"], strict=True))
    assert got["SKILL-02"] == "basics;leaders" and got["SKILL-01"] == "60"
