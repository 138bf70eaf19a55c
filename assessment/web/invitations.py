"""Personal links (invitations) and open links: made here, handed out once, kept only as
hashes of their tokens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assessment.collect.pseudonyms import pseudonym
from assessment.web.answer_store import rows_changed
from assessment.web.tables import Invitation, OpenLink
from assessment.web.tokens import new_token, token_hash


@dataclass(frozen=True)
class IssuedLink:
    unit: str
    role: str
    email: str  # "" for a link without an address
    path: str  # the link, relative to the server's base URL


def invitation_path(slug: str, token: str) -> str:
    return f"/s/{slug}/i/{token}"


def open_link_path(slug: str, token: str) -> str:
    return f"/s/{slug}/o/{token}"


def invite(
    session: Session,
    engagement_id: str,
    slug: str,
    unit: str,
    role: str,
    emails: list[str],
    anonymous: bool,
    key: bytes,
) -> list[IssuedLink]:
    """One invitation per address ("" for a link without one). A named invitation carries
    the respondent's pseudonym: the keyed hash of the e-mail file imports use, or of an
    identity of its own when there is no address."""
    now = dt.datetime.now(dt.UTC)
    issued: list[IssuedLink] = []
    for email in emails:
        token = new_token()
        row = Invitation(
            engagement_id=engagement_id,
            unit=unit,
            role=role,
            token_hash=token_hash(token),
            email=None if anonymous or not email else email,
            anonymous=anonymous,
            status="invited",
            respondent_id=None,
            created_at=now,
        )
        session.add(row)
        if not anonymous:
            session.flush()  # the row's id names a respondent without an address
            identity = f"web invitation {engagement_id} {row.id}"
            row.respondent_id = pseudonym(key, "" if email else identity, email)
        issued.append(IssuedLink(unit, role, email, invitation_path(slug, token)))
    return issued


def set_open_link(
    session: Session, engagement_id: str, slug: str, unit: str, role: str
) -> tuple[IssuedLink, bool]:
    """The open link for a unit and role, and whether it replaced an earlier one (which stops
    working: its drafts can still be submitted from their resume links)."""
    replaced = rows_changed(
        session,
        update(OpenLink)
        .where(
            OpenLink.engagement_id == engagement_id,
            OpenLink.unit == unit,
            OpenLink.role == role,
            OpenLink.active.is_(True),
        )
        .values(active=False),
    )
    token = new_token()
    session.add(
        OpenLink(
            engagement_id=engagement_id,
            unit=unit,
            role=role,
            token_hash=token_hash(token),
            active=True,
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    return IssuedLink(unit, role, "", open_link_path(slug, token)), bool(replaced)


def active_open_links(session: Session, engagement_id: str) -> list[OpenLink]:
    return list(
        session.scalars(
            select(OpenLink).where(
                OpenLink.engagement_id == engagement_id, OpenLink.active.is_(True)
            )
        )
    )
