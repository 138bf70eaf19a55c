"""The workspace's tables. Every change to them goes through a migration in migrations/.

Secrets are never stored: invitation and open-link tokens, draft keys, set-up links and
session ids are kept as SHA-256 hashes; passwords as argon2 hashes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TOKEN_HASH = 64  # hex SHA-256


class Base(DeclarativeBase):
    pass


class EngagementRow(Base):
    """One engagement served: its folder, and whether its survey is open."""

    __tablename__ = "engagements"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # random, in .readiness/
    slug: Mapped[str] = mapped_column(String(100), unique=True)  # its name in URLs
    folder: Mapped[str] = mapped_column(Text)
    survey_open: Mapped[bool] = mapped_column(Boolean, default=True)
    survey_changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Invitation(Base):
    """A personal link. In anonymous mode it keeps only its status: no respondent id, no link
    to a draft or to answers."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    unit: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(TOKEN_HASH), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    anonymous: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20), default="invited")  # started, submitted
    respondent_id: Mapped[str | None] = mapped_column(String(40))  # named mode only
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class OpenLink(Base):
    """One link per unit and role for anonymous surveys."""

    __tablename__ = "open_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    unit: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(TOKEN_HASH), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Draft(Base):
    """Answers being given: never scored. Keyed by a random draft key; in named mode it also
    points at its invitation, in anonymous mode at nothing."""

    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    draft_key_hash: Mapped[str] = mapped_column(String(TOKEN_HASH), unique=True)
    # A personal invitation's one draft (unique: NULLs, anonymous drafts, never clash).
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id"), index=True, unique=True
    )
    unit: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON {question id: raw answer}
    comments: Mapped[str] = mapped_column(Text, default="{}")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Submission(Base):
    """Submitted answers under a pseudonym: part of the engagement for every command."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("engagement_id", "respondent_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    answers: Mapped[str] = mapped_column(Text)
    comments: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ConflictChoice(Base):
    """The consultant's choice when a file import and a web answer come from one respondent."""

    __tablename__ = "conflict_choices"
    __table_args__ = (UniqueConstraint("engagement_id", "respondent_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(String(40))
    keep: Mapped[str] = mapped_column(String(10))  # "web" or "file"
    chosen_by: Mapped[int | None] = mapped_column(ForeignKey("consultants.id"))
    chosen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Consultant(Base):
    __tablename__ = "consultants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SetupLink(Base):
    """The one-time link the first start prints, to create the first consultant account."""

    __tablename__ = "setup_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(TOKEN_HASH), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SignInSession(Base):
    __tablename__ = "sessions"
    id_hash: Mapped[str] = mapped_column(String(TOKEN_HASH), primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultants.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Who closed, reopened, resolved, overrode or rendered what, and when."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("consultants.id"))
    engagement_id: Mapped[str | None] = mapped_column(ForeignKey("engagements.id"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


class RenderJob(Base):
    """A report, brief, deck or workbook rendered in a background process."""

    __tablename__ = "render_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # report, brief, deck, workbook
    status: Mapped[str] = mapped_column(String(20))  # queued, running, done, failed
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    file_path: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("consultants.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Attempt(Base):
    """Counted attempts per key (a client address and what it tried) and time window: the
    rate limit on tokens and sign-in holds across server workers."""

    __tablename__ = "attempts"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
