"""The report's HTML for the mini engagement, kept as a golden snapshot: a change to what the
report says or how it is laid out shows as a readable diff of the visible text and the markup."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from assessment import __version__
from assessment.commands.pipeline import assess
from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.report.context import build_context
from assessment.report.render import render_html

HERE = Path(__file__).resolve().parent
MINI = HERE.parents[0] / "data" / "mini-engagement"
SNAPSHOT = HERE / "mini-report.html"
MAX_LINES = 80


def mini_report_html() -> str:
    """The full report's HTML (the stylesheet linked, not inlined), with the tool's version
    replaced: a new version alone must not change the snapshot."""
    _, results = assess(MINI)
    profile = load_profile(MINI)
    questionnaire = load_questionnaire(questionnaire_folder(MINI, profile)).questionnaire
    html = render_html(build_context(results, questionnaire, profile, MINI))
    html = html.replace(__version__, "VERSION")
    # One tag per line, so that a diff points at the element that changed.
    return re.sub(r">\s*<", ">\n<", html).strip() + "\n"


def snapshot_diff(old: str, new: str) -> str:
    """A unified diff of the two, cut at MAX_LINES with a count of the rest."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), "mini-report.html (kept)", "now", lineterm="", n=1
        )
    )
    shown = "\n".join(lines[:MAX_LINES])
    if len(lines) > MAX_LINES:
        shown += f"\n... and {len(lines) - MAX_LINES} more diff lines"
    return shown
