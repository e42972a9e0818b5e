"""Add table_quality: how well each template table matched its skeleton (needed by the tables stage).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Create table_quality."""
    op.create_table(
        "table_quality",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("report_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("template", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("rows_missing", sa.JSON(), nullable=True),
        sa.Column("cols_missing", sa.JSON(), nullable=True),
        sa.Column("non_numeric", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_table_quality_report", "table_quality", ["report_id"], unique=False)


def downgrade() -> None:
    """Drop table_quality."""
    op.drop_index("ix_table_quality_report", table_name="table_quality")
    op.drop_table("table_quality")
