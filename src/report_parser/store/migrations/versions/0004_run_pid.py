"""Add runs.pid: the next ingest on the same host marks a run whose process is gone as interrupted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 02:45:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable column (runs stored before it keep NULL and are never marked interrupted)."""
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True,
                                   comment="process id of the ingest on that host (revision 0004)"))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("pid")
