"""Add sections.text: each section's normalised text (the record gained it for full-text search and the audit).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 17:25:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable column (rows stored before it keep NULL: re-ingest with --force to fill them)."""
    with op.batch_alter_table("sections") as batch:
        batch.add_column(sa.Column("text", sa.Text(), nullable=True,
                                   comment="the section's normalised text, heading included (revision 0003)"))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("sections") as batch:
        batch.drop_column("text")
