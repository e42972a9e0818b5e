"""Add the positions of figures and cells: box_page, box_x0/top/x1/bottom, box_source, box_more; cells' span.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 16:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _box_columns() -> list[sa.Column]:
    return [sa.Column("box_page", sa.Integer(), nullable=True, comment="page of the box (revision 0007)"),
            sa.Column("box_x0", sa.Double(), nullable=True), sa.Column("box_top", sa.Double(), nullable=True),
            sa.Column("box_x1", sa.Double(), nullable=True), sa.Column("box_bottom", sa.Double(), nullable=True),
            sa.Column("box_source", sa.Text(), nullable=True, comment="pdf | ocr | block | libreoffice-pdf"),
            sa.Column("box_more", sa.JSON(), nullable=True,
                      comment="further [page, x0, top, x1, bottom] of a value wrapped over lines")]


def upgrade() -> None:
    """Add the nullable columns (rows stored before them keep NULL: position unknown until re-ingested)."""
    with op.batch_alter_table("figures") as batch:
        for col in _box_columns():
            batch.add_column(col)
    with op.batch_alter_table("cells") as batch:
        for col in _box_columns():
            batch.add_column(col)
        batch.add_column(sa.Column("span_start", sa.Integer(), nullable=True,
                                   comment="offsets in the document's normalised text (revision 0007)"))
        batch.add_column(sa.Column("span_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop the columns."""
    names = ["box_page", "box_x0", "box_top", "box_x1", "box_bottom", "box_source", "box_more"]
    with op.batch_alter_table("cells") as batch:
        for name in ["span_end", "span_start", *reversed(names)]:
            batch.drop_column(name)
    with op.batch_alter_table("figures") as batch:
        for name in reversed(names):
            batch.drop_column(name)
