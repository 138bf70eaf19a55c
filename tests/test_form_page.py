"""The respondent's form page in its two modes, without a browser: the offline file inlines
exactly the script and style the web app serves, pinned by hash; the web page holds no inline
code; the engagement's branding reaches the page with a colour readable as text."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.collect.form import (
    WebForm,
    build_form,
    csp_hash,
    form_page,
    form_script,
    form_style,
)
from assessment.collect.form_branding import FormBranding
from assessment.common.contrast import TEXT_CONTRAST, contrast_ratio, readable_on_white
from assessment.loading.engagement import load_profile
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.deliverable import Colours, Theme
from tests.conftest import REPO

PULSE = REPO / "tests" / "data" / "pulse-engagement"
PROFILE = load_profile(PULSE)
QUESTIONNAIRE = load_questionnaire(PULSE / "questionnaire").questionnaire
WEB = WebForm(
    script_url="/static/form.js",
    style_url="/static/form.css",
    save_url="/r/abc/answers",
    submit_url="/r/abc/submit",
    csrf_token="token-123",
    anonymous=False,
    editable_after_submit=True,
    state="draft",
    answers={"SKILL-03": "yes", "SKILL-90": "</script><script>alert(1)</script>"},
    comments={"SKILL-03": "Copilot"},
    revision=4,
)
_SCRIPTS = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)


def _data(page: str) -> dict:
    block = page.split('id="questionnaire-data">', 1)[1].split("</script>", 1)[0]
    data: dict = json.loads(block)
    return data


def test_the_offline_page_inlines_the_served_script_and_style_pinned_by_hash():
    page = build_form(QUESTIONNAIRE, PROFILE, "shops").decode("utf-8")
    scripts = _SCRIPTS.findall(page)
    assert [attrs for attrs, _ in scripts] == [
        ' type="application/json" id="questionnaire-data"',
        "",
    ]
    assert scripts[1][1] == form_script()  # byte for byte what the app serves at script_url
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert style == form_style()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = dict(part.strip().split(" ", 1) for part in csp.group(1).split(";"))
    assert policy["script-src"] == f"'{csp_hash(form_script())}'"
    assert policy["style-src"] == f"'{csp_hash(form_style())}'"
    assert policy["default-src"] == "'none'" and "unsafe-inline" not in page
    assert "</" not in form_script() and "</" not in form_style()


def test_the_web_page_has_no_inline_code_and_carries_the_saved_answers():
    page = form_page(QUESTIONNAIRE, PROFILE, "shops", "business", web=WEB)
    executable = [attrs for attrs, _ in _SCRIPTS.findall(page) if "application/json" not in attrs]
    assert executable == [' src="/static/form.js"']
    assert re.search(r"<script src=\"/static/form.js\"></script>", page)
    assert '<link rel="stylesheet" href="/static/form.css">' in page
    assert "<style" not in page and " style=" not in page and "Content-Security-Policy" not in page
    assert "alert(1)</script>" not in page  # a saved answer cannot close the data block
    data = _data(page)
    assert data["web"] == {
        "save_url": "/r/abc/answers",
        "submit_url": "/r/abc/submit",
        "csrf_token": "token-123",
        "anonymous": False,
        "editable_after_submit": True,
        "state": "draft",
        "answers": dict(WEB.answers),
        "comments": {"SKILL-03": "Copilot"},
        "revision": 4,
    }
    assert (data["unit"], data["role"]) == ("shops", "business")
    assert _data(build_form(QUESTIONNAIRE, PROFILE, "shops").decode())["web"] is None


def test_a_web_form_state_must_be_one_the_page_knows():
    with pytest.raises(ValueError, match="state"):
        WebForm("/s.js", "/s.css", "/save", "/submit", "t", False, False, "open")  # type: ignore[arg-type]


def test_every_question_carries_its_seconds_for_the_time_left():
    data = _data(build_form(QUESTIONNAIRE, PROFILE, "shops").decode())
    seconds = {q["type"]: q["seconds"] for d in data["dimensions"] for q in d["questions"]}
    assert seconds["free_text"] > seconds["checklist"] > seconds["yes_no"] > 0


# ---- contrast and branding -------------------------------------------------------------------

_HEX = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


def test_contrast_ratio_matches_the_wcag_figures():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@given(_HEX)
def test_a_readable_colour_always_reaches_4_5_and_is_kept_when_it_does(colour):
    used = readable_on_white(colour)
    assert contrast_ratio(used.colour) >= TEXT_CONTRAST
    if contrast_ratio(colour) >= TEXT_CONTRAST:
        assert used.colour == colour and used.notice is None
    else:
        assert used.notice is not None and used.colour in used.notice and colour in used.notice


def test_a_light_accent_is_darkened_keeping_its_hue_with_a_notice():
    used = readable_on_white("#F5C400", "accent")
    assert used.notice == (
        f"The theme's accent #F5C400 is too light for text (1.6:1); "
        f"the form uses {used.colour} ({int(contrast_ratio(used.colour) * 10) / 10:.1f}:1)."
    )
    red, green, blue = (int(used.colour[i : i + 2], 16) for i in (1, 3, 5))
    assert red > green > blue == 0  # still a yellow-orange, only darker


def test_branding_from_a_theme_uses_the_client_logo_and_a_readable_primary(tmp_path):
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    theme = Theme(client_logo="logo.svg", colours=Colours(primary="#FFD700"))
    branding, notice = FormBranding.from_theme("Pulse Test Ltd", theme, tmp_path)
    assert branding.logo is not None and branding.logo.startswith("data:image/svg+xml;base64,")
    assert contrast_ratio(branding.accent) >= TEXT_CONTRAST
    assert notice is not None and "#FFD700" in notice and branding.accent in notice
    page = form_page(QUESTIONNAIRE, PROFILE, "shops", None, branding=branding)
    assert f'src="{branding.logo}"' in page and _data(page)["branding"]["accent"] == branding.accent
    dark, none = FormBranding.from_theme("Pulse", Theme(), tmp_path)
    assert (dark.accent, dark.logo, none) == ("#1F4E79", None, None)
    with pytest.raises(ValueError, match="readable"):
        FormBranding("Pulse", "#FFD700")


def test_the_collect_command_tells_the_consultant_when_the_accent_is_darkened(run_cli, pulse_copy):
    profile = pulse_copy / "assessment.yaml"
    profile.write_text(profile.read_text().replace("#7A3E00", "#F5C400"))
    result = run_cli("collect", str(pulse_copy), "--format", "html", "--unit", "shops")
    assert result.code == 0, result.err
    assert "notice: The theme's primary colour #F5C400 is too light for text (1.6:1)" in result.out
    page = (pulse_copy / "collect" / "shops.html").read_text()
    assert contrast_ratio(_data(page)["branding"]["accent"]) >= TEXT_CONTRAST
    result = run_cli("collect", str(pulse_copy), "--format", "xlsx", "--unit", "shops")
    assert result.code == 0 and "notice" not in result.out
