"""The respondent's pages: the form, and short messages (thanks, closed, not found).

`respondent_page` renders the shared form: the same script and style as the offline form,
served as files, so the app's CSP allows no inline code.
"""

from __future__ import annotations

from pathlib import Path

from assessment.collect.form import PreparedForm, WebForm, prepare_form, render_form
from assessment.collect.form_branding import FormBranding
from assessment.loading.setup import Setup
from assessment.web.app import Workspace
from assessment.web.branding import engagement_branding
from assessment.web.respondent_links import engagement_setup

SCRIPT_URL, STYLE_URL = "/static/form.js", "/static/form.css"


def respondent_page(folder: Path, unit_id: str, role: str, web: WebForm) -> str:
    """The shared form (one script and style for the offline and the web form) for one unit
    and role, with the respondent's answers so far and the engagement's branding."""
    setup = engagement_setup(folder)
    branding, _ = engagement_branding(folder)
    return render_form(_prepared(setup, folder, branding, unit_id, role), web)


_PREPARED: dict[tuple[object, ...], tuple[Setup, PreparedForm]] = {}
_PREPARED_MOST = 256


def _prepared(
    setup: Setup, folder: Path, branding: FormBranding, unit_id: str, role: str
) -> PreparedForm:
    """One unit and role's form, kept until the set-up is read again (a new object) or the
    branding changes. The entry holds its set-up, so no other object can take its id."""
    key = (folder, id(setup), branding, unit_id, role)
    found = _PREPARED.get(key)
    if found is None or found[0] is not setup:
        if len(_PREPARED) >= _PREPARED_MOST:
            _PREPARED.clear()
        questionnaire = setup.questionnaire.questionnaire
        found = (setup, prepare_form(questionnaire, setup.profile, unit_id, role, branding))
        _PREPARED[key] = found
    return found[1]


def message_page(workspace: Workspace, title: str, message: str) -> str:
    return workspace.templates.get_template("respondent_message.html.j2").render(
        title=title, message=message
    )
