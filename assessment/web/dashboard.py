"""What the dashboard shows besides the scores: progress by unit and role, and who has not
answered, read from the workspace's tables with one grouped query each."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessment.web.dashboard_figures import Figures, OpenConflict
from assessment.web.tables import Draft, EngagementRow, Invitation, Submission

NAMED_SHOWN = 500  # e-mails listed as not yet answered; the rest are counted


@dataclass(frozen=True)
class ProgressRow:
    unit: str
    role: str
    invited: int  # invitations sent, all states
    started: int
    submitted: int  # invitations submitted
    in_progress: int  # drafts being answered
    web_answers: int  # submissions on the web
    scored: int | None  # respondents in the scores (files and web); None before figures


@dataclass(frozen=True)
class NotAnswered:
    unit: str
    role: str
    email: str
    status: str  # "invited" or "started"


@dataclass(frozen=True)
class AnonymousPending:
    unit: str
    role: str
    count: int


@dataclass(frozen=True)
class Progress:
    rows: list[ProgressRow]
    named: list[NotAnswered]
    named_not_shown: int
    anonymous: list[AnonymousPending]

    @property
    def by_unit(self) -> list[tuple[str, list[ProgressRow]]]:
        """The rows in runs of one unit each, in order."""
        runs: list[tuple[str, list[ProgressRow]]] = []
        for row in self.rows:
            if not runs or runs[-1][0] != row.unit:
                runs.append((row.unit, []))
            runs[-1][1].append(row)
        return runs


def _per_unit_and_role(
    session: Session, table: type[Draft] | type[Submission], engagement_id: str
) -> dict[tuple[str, str], int]:
    query = (
        select(table.unit, table.role, func.count())
        .where(table.engagement_id == engagement_id)
        .group_by(table.unit, table.role)
    )
    if table is Draft:
        # A named respondent's draft stays for changes after submitting: it is not in progress.
        query = query.outerjoin(Invitation, Draft.invitation_id == Invitation.id).where(
            (Invitation.id.is_(None)) | (Invitation.status != "submitted")
        )
    return {(u, r): n for u, r, n in session.execute(query)}


def progress(session: Session, engagement_id: str, figures: Figures | None) -> Progress:
    units = dict(figures.unit_names) if figures else {}
    roles = dict(figures.role_labels) if figures else {}
    invitations: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for unit, role, status, count in session.execute(
        select(Invitation.unit, Invitation.role, Invitation.status, func.count())
        .where(Invitation.engagement_id == engagement_id)
        .group_by(Invitation.unit, Invitation.role, Invitation.status)
    ):
        invitations[(unit, role)][status] = count
    drafts = _per_unit_and_role(session, Draft, engagement_id)
    submitted = _per_unit_and_role(session, Submission, engagement_id)
    scored = {
        (unit, role): n
        for unit, by_role in (figures.scored if figures else {}).items()
        for role, n in by_role.items()
    }
    keys = set(invitations) | set(drafts) | set(submitted) | set(scored)
    unit_order = {u: i for i, u in enumerate(units)}
    role_order = {r: i for i, r in enumerate(roles)}

    def order(key: tuple[str, str]) -> tuple[int, str, int, str]:
        unit, role = key
        return (unit_order.get(unit, len(units)), unit, role_order.get(role, len(roles)), role)

    rows = []
    for unit, role in sorted(keys, key=order):
        sent = invitations.get((unit, role), {})
        rows.append(
            ProgressRow(
                unit=units.get(unit, unit),
                role=roles.get(role, role),
                invited=sum(sent.values()),
                started=sent.get("started", 0),
                submitted=sent.get("submitted", 0),
                in_progress=drafts.get((unit, role), 0),
                web_answers=submitted.get((unit, role), 0),
                scored=scored.get((unit, role), 0) if figures else None,
            )
        )
    pending = Invitation.status != "submitted"
    named_query = (
        select(Invitation.unit, Invitation.role, Invitation.email, Invitation.status)
        .where(Invitation.engagement_id == engagement_id, pending)
        .where(Invitation.anonymous.is_(False), Invitation.email.is_not(None))
        .order_by(Invitation.unit, Invitation.role, Invitation.email)
    )
    named = [
        NotAnswered(units.get(u, u), roles.get(r, r), email or "", status)
        for u, r, email, status in session.execute(named_query.limit(NAMED_SHOWN))
    ]
    named_total = session.scalar(select(func.count()).select_from(named_query.subquery())) or 0
    anonymous = [
        AnonymousPending(units.get(u, u), roles.get(r, r), n)
        for u, r, n in session.execute(
            select(Invitation.unit, Invitation.role, func.count())
            .where(Invitation.engagement_id == engagement_id, pending)
            .where((Invitation.anonymous.is_(True)) | (Invitation.email.is_(None)))
            .group_by(Invitation.unit, Invitation.role)
            .order_by(Invitation.unit, Invitation.role)
        )
    ]
    return Progress(rows, named, named_total - len(named), anonymous)


def survey_open(session: Session, engagement_id: str) -> bool:
    row = session.get(EngagementRow, engagement_id)
    return bool(row and row.survey_open)


def dashboard_conflicts(figures: Figures | None) -> list[OpenConflict]:
    """Answers given both in a file and on the web by one respondent, not yet resolved, as
    the loader found them when the figures were computed."""
    return figures.conflicts if figures else []
