"""Add cells.derived_by and table_quality.runs: cells read from glued digit runs by the template's arithmetic.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 13:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable columns (rows stored before them keep NULL: read as printed, no run met)."""
    with op.batch_alter_table("cells") as batch:
        batch.add_column(sa.Column("derived_by", sa.Text(), nullable=True,
                                   comment="constraint: one split of a glued digit run (revision 0005)"))
    with op.batch_alter_table("table_quality") as batch:
        batch.add_column(sa.Column("runs", sa.JSON(), nullable=True,
                                   comment="glued digit runs: row, run, number of splits, read (revision 0005)"))


def downgrade() -> None:
    """Drop the columns."""
    with op.batch_alter_table("table_quality") as batch:
        batch.drop_column("runs")
    with op.batch_alter_table("cells") as batch:
        batch.drop_column("derived_by")
