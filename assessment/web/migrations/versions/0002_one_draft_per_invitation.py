"""One draft per personal invitation, held by the database.

Two devices opening a link at the same moment could each make a draft; every page then used the
first (the lowest id), so the others were never read. They are deleted, and the index on
drafts.invitation_id becomes unique (anonymous drafts have none: NULLs never clash).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    drafts = sa.table("drafts", sa.column("id", sa.Integer), sa.column("invitation_id", sa.Integer))
    kept = (
        sa.select(sa.func.min(drafts.c.id))
        .where(drafts.c.invitation_id.is_not(None))
        .group_by(drafts.c.invitation_id)
    )
    op.execute(drafts.delete().where(drafts.c.invitation_id.is_not(None), drafts.c.id.not_in(kept)))
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_invitation_id"))
        batch_op.create_index(batch_op.f("ix_drafts_invitation_id"), ["invitation_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_invitation_id"))
        batch_op.create_index(
            batch_op.f("ix_drafts_invitation_id"), ["invitation_id"], unique=False
        )
