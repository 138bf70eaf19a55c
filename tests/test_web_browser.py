"""The web workspace end to end in a real browser (Playwright driving Debian's chromium) over a
real server on 127.0.0.1: a respondent opens a personal link, sees a conditional question
appear, leaves, comes back on the same link on another device and submits; the consultant,
signed in, sees the coverage change and downloads the report as a PDF."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessment.web.server import ServeSettings, build_workspace
from assessment.web.setup_link import issue_setup_link
from tests.browsers import CHROMIUM, launched_chromium
from tests.web_databases import links_in, serving

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
pytest.importorskip("playwright.sync_api")

PULSE = Path(__file__).parent / "data" / "pulse-engagement"
PASSWORD = "correct horse battery"
SHOTS = Path("/tmp") / "readiness-web-shots"  # for a person to look at; nothing reads them


@pytest.fixture
def served(tmp_path: Path, run_cli) -> Iterator[tuple[str, str, str]]:
    """Pulse served on a free port; yields its address, the set-up link and Eve's link."""
    folder = tmp_path / "pulse"
    shutil.copytree(PULSE, folder, ignore=shutil.ignore_patterns(".readiness"))
    workspace = build_workspace(ServeSettings(folder=str(folder), workspace=None, database=None))
    setup = issue_setup_link(workspace.engine)
    assert setup is not None
    emails = tmp_path / "emails.txt"
    emails.write_text("eve@example.com\n")
    out = tmp_path / "links.csv"
    args = ["--unit", "shops", "--role", "business", "--emails", str(emails), "-o", str(out)]
    assert run_cli("invite", str(folder), *args).code == 0
    (row,) = links_in(out)
    with serving(workspace) as base:
        yield base, setup, row["link"]
    workspace.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def _progress_row(page: Any) -> list[str]:
    row = page.locator("section[aria-labelledby='progress'] tbody tr").first
    return [c.strip() for c in row.locator("td").all_inner_texts()]


def _settled_scored(page: Any, other_than: int | None = None, wait: float = 120) -> int:
    """The first row's "In the scores" once the background figures give a number (and, with
    `other_than`, a new one)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        cell = _progress_row(page)[-1]
        if cell.isdigit() and int(cell) != other_than:
            return int(cell)
        time.sleep(0.5)
        page.reload()
    raise AssertionError("the dashboard's figures never settled")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_respondent_answers_leaves_returns_and_submits_and_the_consultant_sees_it(
    served: tuple[str, str, str], browser: Any
) -> None:
    base, setup, link = served
    refused: list[str] = []

    # The consultant creates the first account and sees one invitation, nothing submitted.
    lead = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = lead.new_page()
    desk.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    desk.goto(f"{base}/setup/{setup}")
    desk.fill("#email", "lead@firm.example")
    desk.fill("#password", PASSWORD)
    desk.fill("#again", PASSWORD)
    desk.get_by_role("button", name="Create the account and sign in").click()
    desk.wait_for_url(f"{base}/e/pulse")
    invited, started, submitted = _progress_row(desk)[:3]
    assert (invited, started, submitted) == ("1", "0", "0")
    scored_before = _settled_scored(desk)  # respondents from the engagement's files

    # On a phone: answer, watch the conditional question appear, see the answers saved.
    phone = browser.new_context(viewport={"width": 375, "height": 740})
    page = phone.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(base + link)
    page.wait_for_selector("#heading-skills")
    page.fill("input[name='answer-SKILL-01'][type='number']", "35")
    page.check("input[name='answer-SKILL-02'][value='basics']")
    assert page.is_hidden("#q-SKILL-04")  # asked only once SKILL-03 is 'yes'
    page.check("input[name='answer-SKILL-03'][value='yes']")
    assert page.is_visible("#q-SKILL-04")
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.startsWith('Saved at')"
    )
    _shot(page, "respondent-phone")
    phone.close()  # leaves

    # The consultant sees the link started, nothing submitted yet.
    desk.reload()
    assert _progress_row(desk)[:3] == ["1", "1", "0"]

    # On a laptop, the same link: the answers are back, the conditional question with them.
    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = laptop.new_page()
    page.goto(base + link)
    page.wait_for_selector("#heading-skills")
    assert page.is_checked("input[name='answer-SKILL-03'][value='yes']")
    assert page.input_value("input[name='answer-SKILL-01'][type='number']") == "35"
    assert page.is_visible("#q-SKILL-04")
    page.check("input[name='answer-SKILL-04'][value='e']")
    page.click("#next")
    page.wait_for_selector("#heading-culture")
    page.check("input[name='answer-CULT-02'][value='na']")
    page.click("#next")
    page.wait_for_selector("#heading-review")
    _shot(page, "respondent-review-desktop")
    page.click("#submit")
    page.wait_for_selector("#done")
    assert "change" in page.inner_text("#done")  # named: answers can change until closing
    laptop.close()

    # The consultant sees the submission, then the respondent counted in the scores.
    desk.reload()
    assert _progress_row(desk)[1:4] == ["0", "1", "0"]  # submitted; no draft left in progress
    assert _settled_scored(desk, other_than=scored_before) == scored_before + 1
    _shot(desk, "dashboard-desktop")

    # Render the report in the background and download it.
    desk.get_by_role("button", name="Render the report").click()
    deadline = time.monotonic() + 240
    download_link = desk.locator("a", has_text="Download").first
    desk.goto(f"{base}/e/pulse")
    while time.monotonic() < deadline and not download_link.count():
        time.sleep(1)
        desk.reload()  # a goto to the same address and another #fragment would not reload
    assert download_link.count(), desk.inner_text("main")[-600:]
    with desk.expect_download() as download:
        download_link.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:2])
    assert "Pulse" in text
    lead.close()
    assert refused == []  # nothing the strict CSP had to block
