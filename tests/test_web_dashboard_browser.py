"""The consultant's pages in a real browser (Debian's chromium through Playwright): axe-core
finds no serious or critical accessibility problem on the sign-in page or the dashboard, the
keyboard reaches the skip link first, and the pages work under the strict CSP. Screenshots of
the dashboard at desktop and phone sizes are written for a person to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.web.server import ServeSettings, build_workspace
from assessment.web.setup_link import issue_setup_link
from tests.web_databases import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EXAMPLE = Path(__file__).parent.parent / "examples" / "northwind"
PASSWORD = "correct horse battery"
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}
# Where the screenshots go; set READINESS_SCREENSHOTS to keep them somewhere to look at.
SHOTS_VARIABLE = "READINESS_SCREENSHOTS"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A served copy of the example on a free port; yields its address and set-up link."""
    folder = tmp_path / "northwind"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".readiness"))
    workspace = build_workspace(ServeSettings(folder=str(folder), workspace=None, database=None))
    link = issue_setup_link(workspace.engine)
    assert link is not None
    with serving(workspace) as base:
        yield base, link


def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_sign_in_and_dashboard_pass_axe_and_work_by_keyboard(
    server: tuple[str, str], tmp_path: Path
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("axe_playwright_python")
    base, link = server
    shots = Path(os.environ.get(SHOTS_VARIABLE) or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            blocked: list[str] = []
            page.on(
                "console",
                lambda m: blocked.append(m.text) if "Content Security" in m.text else None,
            )

            # Create the account by keyboard alone: the fields come in reading order.
            page.goto(f"{base}/setup/{link}")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Skip to content"
            page.keyboard.press("Tab")
            page.keyboard.type("lead@firm.example")
            page.keyboard.press("Tab")
            page.keyboard.type(PASSWORD)
            page.keyboard.press("Tab")
            page.keyboard.type(PASSWORD)
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/e/northwind")

            # The figures arrive in the background; the page says so without reloading itself.
            page.wait_for_selector("[data-poll-link]:not([hidden])", timeout=120_000)
            page.click("[data-poll-link]")
            page.wait_for_selector("text=Readiness index")
            assert _serious(page) == []
            for name, (width, height) in SIZES.items():
                page.set_viewport_size({"width": width, "height": height})
                page.screenshot(path=str(shots / f"dashboard-{name}.png"), full_page=True)
                assert _serious(page) == [], name
                overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                assert not overflow, f"the {name} page scrolls sideways"

            for other in ("/consultants", "/audit"):
                page.goto(f"{base}{other}")
                assert _serious(page) == [], other

            # Sign out by keyboard, then check the sign-in page.
            page.focus("form.sign-out button")
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/sign-in")
            for name, (width, height) in SIZES.items():
                page.set_viewport_size({"width": width, "height": height})
                assert _serious(page) == [], name
            page.screenshot(path=str(shots / "sign-in-phone.png"))
            assert blocked == []  # nothing the page needs is refused by the CSP
        finally:
            browser.close()
