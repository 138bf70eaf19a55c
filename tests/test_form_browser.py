"""The respondent's form in headless Chromium (Playwright driving Debian's chromium): the offline
file completed by keyboard alone, its accessibility checked by axe-core at phone and desktop
sizes, and the web mode's saving and submitting against intercepted requests (no server)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment.collect.form import WebForm, form_page, form_script, form_style
from assessment.loading.engagement import load_engagement, load_profile
from assessment.loading.questionnaire import load_questionnaire
from tests.browsers import CHROMIUM, launched_chromium
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
pytest.importorskip("playwright.sync_api")

PULSE = REPO / "tests" / "data" / "pulse-engagement"
QUESTION_IDS = ["SKILL-01", "SKILL-02", "SKILL-03", "SKILL-04", "SKILL-90", "CULT-01", "CULT-02"]
PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def _form(run_cli, engagement: Path) -> Path:
    assert run_cli("collect", str(engagement), "--format", "html", "--unit", "shops").code == 0
    return engagement / "collect" / "shops.html"


def _focused(page, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement.matches(s)", selector))


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if _focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _arrow_until(page, selector: str, expected: str, key: str = "ArrowDown") -> None:
    """Press an arrow key until the focused control's value is `expected`."""
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == expected and page.evaluate(
            "s => document.querySelector(s).checked !== false", selector
        ):
            return
        page.keyboard.press(key)
    raise AssertionError(f"arrow keys never chose {expected}")


def _visible_text(page) -> str:
    return str(page.inner_text("body"))


def test_the_offline_form_by_keyboard_alone(run_cli, pulse_copy, tmp_path, browser):
    form = _form(run_cli, pulse_copy)
    context = browser.new_context(accept_downloads=True, viewport=DESKTOP)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(form.as_uri())

    _tab_to(page, "#respondent-name")
    page.keyboard.type("Eve")
    _tab_to(page, "#respondent-email")
    page.keyboard.type("eve@pulse.test")
    _tab_to(page, "#respondent-role")
    _arrow_until(page, "#respondent-role", "business")
    _tab_to(page, "#next")
    page.keyboard.press("Enter")
    assert _focused(page, "#heading-skills")  # focus follows the page change
    assert page.inner_text("#progress-text").startswith("Section 1 of 2 · 0 of 6 questions")

    _tab_to(page, "input[name='answer-SKILL-01'][type='number']")
    page.keyboard.type("35")
    _tab_to(page, "#q-SKILL-01 summary")
    page.keyboard.press("Enter")  # opens the comment box
    _tab_to(page, "#comment-SKILL-01")
    page.keyboard.type("From HR")
    _tab_to(page, "input[name='answer-SKILL-02'][value='basics']")
    page.keyboard.press("Space")
    assert page.is_hidden("#q-SKILL-04")  # shown only once SKILL-03 is 'yes'
    _tab_to(page, "input[name='answer-SKILL-03'][value='yes']")
    page.keyboard.press("Space")
    assert page.is_visible("#q-SKILL-04")
    _tab_to(page, "input[name='answer-SKILL-04']")
    _arrow_until(page, "input[name='answer-SKILL-04'][value='e']", "e")
    _tab_to(page, "#next")
    page.keyboard.press("Enter")
    assert _focused(page, "#heading-culture")
    _tab_to(page, "input[name='answer-CULT-02']")
    _arrow_until(page, "input[name='answer-CULT-02'][value='na']", "na")
    _tab_to(page, "#next")
    page.keyboard.press("Enter")

    # The review lists what is still open, by question text, with links back to it.
    assert _focused(page, "#heading-review")
    links = page.locator("#review .unanswered a")
    assert links.all_inner_texts() == [
        "What would help you most?",
        "My manager encourages me to try generative AI in my work.",
    ]
    text = _visible_text(page)
    assert "You have answered 5 of 7 questions." in text
    assert not [qid for qid in QUESTION_IDS if qid in text]  # no internal ids on show

    # Answers survive closing the page: they come back from this browser's storage.
    page.reload()
    assert page.is_visible("#heading-review")
    assert page.input_value("#respondent-name") == "Eve"
    assert page.input_value("input[name='answer-SKILL-01'][type='number']") == "35"

    page.keyboard.press("Tab")
    _tab_to(page, "#review a[href='#q-SKILL-90']")
    page.keyboard.press("Enter")
    assert _focused(page, "#answer-SKILL-90")  # straight back to the question
    page.keyboard.type("More time to learn")
    for heading in ("#heading-culture", "#heading-review"):
        _tab_to(page, "#next")
        page.keyboard.press("Enter")
        assert _focused(page, heading)
    assert page.locator("#review .unanswered a").all_inner_texts() == [
        "My manager encourages me to try generative AI in my work."
    ]
    _tab_to(page, "#save")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "answers.json"
    download.value.save_as(saved)
    context.close()

    assert all(url.startswith(("file:", "blob:", "data:")) for url in requests), requests
    (pulse_copy / "responses" / "pulse.csv").unlink()
    result = run_cli("import", str(pulse_copy), str(saved))
    assert result.code == 0, result.err
    frame = load_engagement(pulse_copy).responses.answers
    assert dict(zip(frame["question"], frame["answer"], strict=True)) == {
        "SKILL-01": "35",
        "SKILL-02": "basics",
        "SKILL-03": "yes",
        "SKILL-04": "e",
        "SKILL-90": "More time to learn",
        "CULT-02": "na",
    }
    assert "From HR" in set(frame["comment"])


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_offline_form_passes_axe_and_fits_a_phone(run_cli, pulse_copy, browser, viewport):
    form = _form(run_cli, pulse_copy)
    # axe is injected by the test, so this context lets it past the page's CSP.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(form.as_uri())
    problems = {"about": _serious(page)}
    page.click("#next")
    page.check("input[name='answer-SKILL-03'][value='yes']")  # the conditional question too
    page.click("#q-SKILL-01 summary")
    problems["questions"] = _serious(page)
    rows = page.eval_on_selector_all(
        ".option, button, summary",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect())"
        ".map(r => [r.width, r.height])",
    )
    assert rows and all(w >= 44 and h >= 44 for w, h in rows), rows  # tap targets
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if viewport == PHONE:  # the narrowest common phone, too
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"/tmp/form-{viewport['width']}-questions.png")
    page.click("#next")
    page.click("#next")
    problems["review"] = _serious(page)
    page.screenshot(path=f"/tmp/form-{viewport['width']}-review.png", full_page=True)
    context.close()
    assert problems == {"about": [], "questions": [], "review": []}


# ---- web mode --------------------------------------------------------------------------------

ORIGIN = "http://form.test"
PROFILE = load_profile(PULSE)
QUESTIONNAIRE = load_questionnaire(PULSE / "questionnaire").questionnaire


class FakeApp:
    """The web app's side, by request interception: serves the page, script and style with the
    app's CSP, records the bodies sent to the save and submit URLs and answers each with the
    next reply queued (default: saved)."""

    def __init__(self, page, web: WebForm) -> None:
        self.saves: list[dict[str, Any]] = []
        self.submits: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.replies: list[tuple[int, dict[str, Any]]] = []
        self.revision = web.revision
        self.csp_errors: list[str] = []
        html = form_page(QUESTIONNAIRE, PROFILE, "shops", "business", web=web)
        files = {
            "/r/abc": (html, "text/html"),
            "/static/form.js": (form_script(), "text/javascript"),
            "/static/form.css": (form_style(), "text/css"),
        }
        csp = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; "
            "connect-src 'self'"
        )

        def handle(route) -> None:
            request = route.request
            path = request.url.removeprefix(ORIGIN)
            if path in files:
                body, kind = files[path]
                route.fulfill(
                    body=body, content_type=kind, headers={"Content-Security-Policy": csp}
                )
                return
            sent = json.loads(request.post_data or "{}")
            self.headers.append(request.headers)
            (self.saves if request.method == "PUT" else self.submits).append(sent)
            status, reply = self.replies.pop(0) if self.replies else (200, {})
            if status == 200 and request.method == "PUT" and not reply:
                self.revision += 1
                reply = {"revision": self.revision, "saved_at": "2026-03-01T09:07:00Z"}
            route.fulfill(status=status, body=json.dumps(reply), content_type="application/json")

        page.route(f"{ORIGIN}/**", handle)
        page.on("console", lambda m: self.csp_errors.append(m.text) if "Security" in m.text else 0)


def _web(**changes: Any) -> WebForm:
    settings: dict[str, Any] = {
        "script_url": "/static/form.js",
        "style_url": "/static/form.css",
        "save_url": "/r/abc/answers",
        "submit_url": "/r/abc/submit",
        "csrf_token": "token-123",
        "anonymous": False,
        "editable_after_submit": True,
        "state": "draft",
        "answers": {"SKILL-01": "35", "SKILL-03": "yes"},
        "comments": {"SKILL-01": "From HR"},
        "revision": 4,
    }
    return WebForm(**(settings | changes))


def _open(browser, web: WebForm) -> tuple[Any, FakeApp]:
    context = browser.new_context(viewport=PHONE, timezone_id="UTC")
    page = context.new_page()
    app = FakeApp(page, web)
    page.goto(f"{ORIGIN}/r/abc")
    return page, app


def test_the_web_form_resumes_and_autosaves_after_a_pause(browser):
    page, app = _open(browser, _web())
    # Resumed from the saved answers; no identity fields: the link says who answers.
    assert page.input_value("input[name='answer-SKILL-01'][type='number']") == "35"
    assert page.is_checked("input[name='answer-SKILL-03'][value='yes']")
    assert page.is_visible("#q-SKILL-04")
    assert page.locator("#respondent-name").count() == 0
    assert page.inner_text("#progress-text").startswith("Section 1 of 2 · 2 of 7 questions")
    assert not [qid for qid in QUESTION_IDS if qid in _visible_text(page)]

    page.check("input[name='answer-SKILL-02'][value='basics']")
    page.check("input[name='answer-SKILL-04'][value='c']")  # two changes, one save
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('Saved')"
    )
    assert page.inner_text("#save-state") == "Saved at 09:07."
    assert app.saves == [
        {
            "answers": {"SKILL-01": "35", "SKILL-02": "basics", "SKILL-03": "yes", "SKILL-04": "c"},
            "comments": {"SKILL-01": "From HR"},
            "revision": 4,
        }
    ]
    assert app.headers[0]["x-csrf-token"] == "token-123"
    assert app.headers[0]["content-type"] == "application/json"

    # The server fails once: the page says so, keeps the edit and tries again with it.
    app.replies.append((500, {"error": "database busy"}))
    page.check("input[name='answer-SKILL-03'][value='no']")  # hides SKILL-04 again
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('retrying')"
    )
    assert page.inner_text("#save-state").startswith("Not saved, retrying in 2 seconds")
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.startsWith('Saved')"
    )
    assert len(app.saves) == 3 and app.saves[2] == app.saves[1]
    assert app.saves[2]["answers"] == {"SKILL-01": "35", "SKILL-02": "basics", "SKILL-03": "no"}
    assert app.saves[2]["revision"] == 5  # the failed save took no revision
    assert app.csp_errors == []  # nothing inline: the app's strict CSP blocks nothing
    page.context.close()


def test_a_stale_revision_stops_saving_and_asks_for_a_reload(browser):
    page, app = _open(browser, _web())
    app.replies.append((409, {"error": "stale revision"}))
    page.check("input[name='answer-SKILL-02'][value='basics']")
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('Reload')"
    )
    page.check("input[name='answer-SKILL-02'][value='leaders']")
    page.wait_for_timeout(1500)
    assert len(app.saves) == 1
    page.context.close()


@pytest.mark.parametrize("status", [403, 410])
def test_a_closed_survey_says_so_and_disables_the_inputs(browser, status):
    page, app = _open(browser, _web())
    app.replies.append((status, {"error": "closed"}))
    page.check("input[name='answer-SKILL-02'][value='basics']")
    page.wait_for_selector("#heading-done:text('This survey is closed')")
    assert page.is_disabled("input[name='answer-SKILL-02'][value='leaders']")
    page.context.close()
    page, _ = _open(browser, _web(state="closed"))
    assert page.is_visible("#heading-done:text('This survey is closed')")
    page.context.close()


def test_submitting_from_the_review_page(browser):
    page, app = _open(browser, _web())
    page.click("#next")
    page.click("#next")
    assert page.locator("#review .unanswered a").all_inner_texts() == [
        "Which training paths exist?",
        "How are prompts shared between colleagues?",
        "What would help you most?",
        "My manager encourages me to try generative AI in my work.",
        "I worry that generative AI will replace my job.",
    ]
    assert "you can still change your answers until the survey closes" in page.inner_text("#review")
    app.replies.append((200, {"state": "submitted", "editable": True}))
    page.click("#submit")
    page.wait_for_selector("#heading-done:text('Thank you')")
    assert _focused(page, "#heading-done")
    assert "until the survey closes" in page.inner_text("#done")
    assert app.submits == [
        {"answers": {"SKILL-01": "35", "SKILL-03": "yes"}, "comments": {"SKILL-01": "From HR"},
         "revision": 4}
    ]  # fmt: skip
    assert app.saves == []
    page.context.close()


def test_an_anonymous_respondent_is_told_answers_are_final_before_submitting(browser):
    page, app = _open(browser, _web(anonymous=True, editable_after_submit=False))
    page.click("#next")
    page.click("#next")
    assert "Once you submit them, they cannot be changed." in page.inner_text("#review")
    app.replies.append((200, {"state": "submitted", "editable": False}))
    page.click("#submit")
    page.wait_for_selector("#heading-done:text('Thank you')")
    assert "can no longer be changed" in page.inner_text("#done")
    assert page.is_disabled("input[name='answer-SKILL-03'][value='yes']")
    page.context.close()


def test_answers_go_out_in_the_raw_format_and_a_number_out_of_range_does_not(browser):
    page, app = _open(browser, _web(answers={}, comments={}))
    page.check("input[name='answer-SKILL-02'][value='basics']")
    page.check("input[name='answer-SKILL-02'][value='leaders']")
    page.fill("input[name='answer-SKILL-01'][type='number']", "150")
    assert page.inner_text("#error-SKILL-01") == "Enter a number from 0 to 100."
    assert page.get_attribute("#answer-SKILL-01", "aria-invalid") == "true"
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.startsWith('Saved')"
    )
    assert app.saves[-1]["answers"] == {"SKILL-02": "basics;leaders"}
    page.check("input[name='answer-SKILL-02'][value='dk']")  # excludes the items ticked
    page.check("input[name='answer-SKILL-01'][value='na']")  # and clears the number
    assert page.inner_text("#save-state") == "Changes not saved yet."
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.startsWith('Saved')"
    )
    assert app.saves[-1]["answers"] == {"SKILL-01": "na", "SKILL-02": "dk"}
    assert page.input_value("#answer-SKILL-01") == ""
    page.context.close()
