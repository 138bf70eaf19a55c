"""The respondent's pages: the form, and short messages (thanks, closed, not found).

`respondent_page` is the one call that renders the form, so the shared form (one script for
the offline and the web form) replaces it in one place. Until then it renders a plain page
that works without JavaScript: it posts its answers to the submit address, with a button to
save and come back later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.collect.labels import DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.web.app import Workspace


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
    questionnaire: Questionnaire,
    profile: Profile,
    unit_id: str,
    role: str,
    web: WebFormState,
    resume_url: str | None = None,
    saved: bool = False,
) -> str:
    """The form for one unit and role, with the respondent's answers so far."""
    dimensions = [
        {"name": d.name, "questions": [q for q in d.questions if role in q.audience]}
        for d in questionnaire.dimensions
    ]
    unit_name = next((u.name for u in profile.business_units if u.id == unit_id), unit_id)
    return workspace.templates.get_template("respondent_form.html.j2").render(
        title=questionnaire.title,
        organisation=profile.organisation.name,
        unit_name=unit_name,
        role_label=questionnaire.role_labels.get(role, role),
        dimensions=[d for d in dimensions if d["questions"]],
        web=web,
        closed=web.state == "closed"
        or (web.state == "submitted" and not web.editable_after_submit),
        labels={"na": NOT_APPLICABLE_LABEL, "dk": DONT_KNOW_LABEL},
        resume_url=resume_url,
        saved=saved,
    )


def message_page(workspace: Workspace, title: str, message: str) -> str:
    return workspace.templates.get_template("respondent_message.html.j2").render(
        title=title, message=message
    )
