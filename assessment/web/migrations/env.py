"""Alembic's environment: run with the connection `migrate` hands over, never a URL from an
ini file, so no credential is written anywhere."""

from __future__ import annotations

from alembic import context

from assessment.web.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
