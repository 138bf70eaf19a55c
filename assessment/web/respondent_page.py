"""The respondent's pages: the form, and short messages (thanks, closed, not found).

`respondent_page` renders the shared form: the same script and style as the offline form,
served as files, so the app's CSP allows no inline code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from assessment.collect.form import FormState, WebForm, form_page
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.web.app import Workspace
from assessment.web.branding import engagement_branding


@dataclass(frozen=True)
class WebFormState:
    """What the form needs from the server (the fields of the shared form's WebForm)."""

    save_url: str
    submit_url: str
    csrf_token: str
    anonymous: bool
    editable_after_submit: bool
    state: str  # "draft", "submitted" or "closed"
    revision: int
    answers: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


def respondent_page(
    workspace: Workspace,
    folder: Path,
    questionnaire: Questionnaire,
    profile: Profile,
    unit_id: str,
    role: str,
    web: WebFormState,
    resume_url: str | None = None,
) -> str:
    """The shared form (one script and style for the offline and the web form) for one unit
    and role, with the respondent's answers so far and the engagement's branding."""
    branding, _ = engagement_branding(folder)
    form = WebForm(
        script_url="/static/form.js",
        style_url="/static/form.css",
        save_url=web.save_url,
        submit_url=web.submit_url,
        csrf_token=web.csrf_token,
        anonymous=web.anonymous,
        editable_after_submit=web.editable_after_submit,
        state=cast(FormState, web.state),
        answers=web.answers,
        comments=web.comments,
        revision=web.revision,
        resume_url=resume_url,
    )
    return form_page(questionnaire, profile, unit_id, role, branding=branding, web=form)


def message_page(workspace: Workspace, title: str, message: str) -> str:
    return workspace.templates.get_template("respondent_message.html.j2").render(
        title=title, message=message
    )
