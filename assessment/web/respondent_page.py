"""The respondent's pages: the form, and short messages (thanks, closed, not found).

`respondent_page` renders the shared form: the same script and style as the offline form,
served as files, so the app's CSP allows no inline code.
"""

from __future__ import annotations

from pathlib import Path

from assessment.collect.form import WebForm, form_page
from assessment.web.app import Workspace
from assessment.web.branding import engagement_branding
from assessment.web.respondent_links import engagement_setup

SCRIPT_URL, STYLE_URL = "/static/form.js", "/static/form.css"


def respondent_page(folder: Path, unit_id: str, role: str, web: WebForm) -> str:
    """The shared form (one script and style for the offline and the web form) for one unit
    and role, with the respondent's answers so far and the engagement's branding."""
    setup = engagement_setup(folder)
    branding, _ = engagement_branding(folder)
    return form_page(
        setup.questionnaire.questionnaire,
        setup.profile,
        unit_id,
        role,
        branding=branding,
        web=web,
    )


def message_page(workspace: Workspace, title: str, message: str) -> str:
    return workspace.templates.get_template("respondent_message.html.j2").render(
        title=title, message=message
    )
